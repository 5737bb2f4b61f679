using Xunit;
using Xunit.Abstractions;

public class KernelSvmTests(ITestOutputHelper output)
{
    // Two points per class in the plane. Class 0: (0,0), (-1,1); class 1: (2,0), (3,-1). The closest points of the two
    // classes are (0,0) and (2,0), so the maximum-margin line is x₁ = 1: with class 0 as +1, f(x) = w·x - ρ with
    // w = (-1, 0), ρ = -1, margin 2/|w| = 2. Only (0,0) and (2,0) are support vectors, and w = Σ y α x gives
    // α = ½ for both (Σ y α = 0 makes them equal); the other two lie beyond the margin, α = 0.
    static readonly float[] TinyRows = [0, 0, -1, 1, 2, 0, 3, -1];
    static readonly byte[] TinyLabels = [0, 0, 1, 1];

    static KernelSvm FittedTiny()
    {
        var model = new KernelSvm(KernelKind.Linear, c: 100, tolerance: 1e-6);
        model.Fit(TinyRows, TinyLabels, featureCount: 2);
        return model;
    }

    /// <summary>count points per class around the given centres, with a normal spread of sd.</summary>
    static (float[] Rows, byte[] Labels) Blobs((double X, double Y)[] centres, int countPerClass, double sd, int seed)
    {
        var random = new Random(seed);
        var rows = new List<float>();
        var labels = new List<byte>();
        for (int i = 0; i < countPerClass; i++)
            for (int c = 0; c < centres.Length; c++)
            {
                rows.Add((float)(centres[c].X + sd * Normal(random)));
                rows.Add((float)(centres[c].Y + sd * Normal(random)));
                labels.Add((byte)c);
            }
        return (rows.ToArray(), labels.ToArray());
    }

    static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    /// <summary>Points uniform in [-1, 1]², class 1 where x·y > 0: no line separates them.</summary>
    static (float[] Rows, byte[] Labels) Xor(int count, int seed)
    {
        var random = new Random(seed);
        var rows = new float[2 * count];
        var labels = new byte[count];
        for (int i = 0; i < count; i++)
        {
            rows[2 * i] = (float)(2 * random.NextDouble() - 1);
            rows[2 * i + 1] = (float)(2 * random.NextDouble() - 1);
            labels[i] = (byte)(rows[2 * i] * rows[2 * i + 1] > 0 ? 1 : 0);
        }
        return (rows, labels);
    }

    static double Accuracy(byte[] predicted, byte[] labels) => predicted.Zip(labels).Count(p => p.First == p.Second) / (double)labels.Length;

    [Fact]
    public void Linear_kernel_finds_the_closed_form_alphas_and_offset_of_a_tiny_case()
    {
        var machine = FittedTiny().Machines.Single();

        Assert.Equal(new[] { 0, 1, 2, 3 }, machine.Rows);
        Assert.Equal(new sbyte[] { 1, 1, -1, -1 }, machine.Y);
        Assert.Equal(new[] { 0.5, 0, 0.5, 0 }, machine.Alpha.Select(a => Math.Round(a, 5)));
        Assert.Equal(-1, machine.Rho, 5);
    }

    [Fact]
    public void Tiny_case_has_only_the_two_closest_points_as_support_vectors()
    {
        Assert.Equal(new[] { 0, 2 }, FittedTiny().SupportVectorIndices);
    }

    [Fact]
    public void Decision_function_is_w_dot_x_minus_rho_with_margin_two()
    {
        // f(x) = -x₁ + 1: 0 on the separating line, ±1 on the two margins (x₁ = 0 and x₁ = 2), whatever x₂.
        double[] decisions = FittedTiny().DecisionValues([1, 7, 0, -3, 2, 5, 4, 0]);

        Assert.Equal(new[] { 0.0, 1, -1, -3 }, decisions.Select(d => Math.Round(d, 4)));
    }

    [Fact]
    public void Separable_blobs_are_classified_without_error_by_a_linear_kernel()
    {
        var (train, trainLabels) = Blobs([(-3, 0), (3, 1)], 100, 0.7, seed: 1);
        var (test, testLabels) = Blobs([(-3, 0), (3, 1)], 100, 0.7, seed: 2);
        var model = new KernelSvm(KernelKind.Linear, c: 1);

        model.Fit(train, trainLabels, 2);

        Assert.Equal(1.0, Accuracy(model.Predict(test), testLabels));
        Assert.InRange(model.SupportVectorCount, 2, 10); // a wide gap: only the few points next to it
    }

    [Fact]
    public void Rbf_kernel_solves_xor_and_a_linear_kernel_does_not()
    {
        var (train, trainLabels) = Xor(400, seed: 1);
        var (test, testLabels) = Xor(400, seed: 2);
        var rbf = new KernelSvm(KernelKind.Rbf, c: 10, gamma: 2);
        var linear = new KernelSvm(KernelKind.Linear, c: 10);

        rbf.Fit(train, trainLabels, 2);
        linear.Fit(train, trainLabels, 2);

        double rbfAccuracy = Accuracy(rbf.Predict(test), testLabels), linearAccuracy = Accuracy(linear.Predict(test), testLabels);
        output.WriteLine($"xor: rbf {rbfAccuracy:F3}, linear {linearAccuracy:F3}");
        Assert.True(rbfAccuracy >= 0.95, $"rbf on xor: {rbfAccuracy:F3}");
        Assert.True(linearAccuracy <= 0.70, $"linear on xor: {linearAccuracy:F3}");
    }

    [Fact]
    public void Dual_solution_satisfies_the_kkt_conditions_within_the_tolerance()
    {
        // Overlapping classes, so that some α sit at C, some are free and most are 0.
        var (rows, labels) = Blobs([(0, 0), (1.5, 0.5)], 60, 1.0, seed: 3);
        const double c = 2, tolerance = 1e-3;
        var model = new KernelSvm(KernelKind.Rbf, c: c, gamma: 0.5, tolerance: tolerance);
        model.Fit(rows, labels, 2);
        var machine = model.Machines.Single();
        int n = machine.Rows.Length;

        // The gradient of the dual, ∇_i = Σ_j y_i y_j K_ij α_j - 1, recomputed from the kernel formula.
        var gradient = new double[n];
        for (int i = 0; i < n; i++)
        {
            var xi = rows.AsSpan(2 * machine.Rows[i], 2);
            for (int j = 0; j < n; j++)
                gradient[i] += machine.Y[i] * machine.Y[j] * model.Kernel.Value(xi, rows.AsSpan(2 * machine.Rows[j], 2)) * machine.Alpha[j];
            gradient[i] -= 1;
        }
        // KKT: max over the α that can move up of -y∇ is at most the min over those that can move down, + tolerance.
        double canRise = double.NegativeInfinity, canFall = double.PositiveInfinity;
        for (int i = 0; i < n; i++)
        {
            double a = machine.Alpha[i], v = -machine.Y[i] * gradient[i];
            if (machine.Y[i] > 0 ? a < c : a > 0) canRise = Math.Max(canRise, v);
            if (machine.Y[i] > 0 ? a > 0 : a < c) canFall = Math.Min(canFall, v);
        }

        Assert.All(machine.Alpha, a => Assert.InRange(a, 0, c));
        Assert.Equal(0, machine.Alpha.Select((a, i) => machine.Y[i] * a).Sum(), 9);
        Assert.Contains(machine.Alpha, a => a == c);
        Assert.Contains(machine.Alpha, a => a > 0 && a < c);
        // The solver keeps Q in float, as LIBSVM does; the recomputed gradient may differ by float rounding, hence 1e-5.
        Assert.True(canRise - canFall < tolerance + 1e-5, $"maximal KKT violation {canRise - canFall:g4}");
    }

    [Fact]
    public void Four_classes_train_six_one_versus_one_machines_that_vote_correctly()
    {
        (double, double)[] centres = [(0, 0), (6, 0), (0, 6), (6, 6)];
        var (train, trainLabels) = Blobs(centres, 30, 0.8, seed: 4);
        var (test, testLabels) = Blobs(centres, 30, 0.8, seed: 5);
        var model = new KernelSvm(KernelKind.Rbf, c: 1, gamma: 0.5);

        model.Fit(train, trainLabels, 2);

        Assert.Equal(new[] { (0, 1), (0, 2), (0, 3), (1, 2), (1, 3), (2, 3) }, model.Machines.Select(m => (m.PositiveClass, m.NegativeClass)));
        Assert.Equal(1.0, Accuracy(model.Predict(test), testLabels));
    }

    [Fact]
    public void A_tied_vote_goes_to_the_lowest_class()
    {
        // Three classes in a cycle: 0 beats 1, 2 beats 0, 1 beats 2: one vote each.
        BinarySvm[] machines = [new() { PositiveClass = 0, NegativeClass = 1 }, new() { PositiveClass = 0, NegativeClass = 2 }, new() { PositiveClass = 1, NegativeClass = 2 }];

        Assert.Equal(0, KernelSvm.Vote(machines, [0.3, -0.2, 0.9], 3));
        Assert.Equal(2, KernelSvm.Vote(machines, [0.3, -0.2, -0.9], 3)); // 2 gets two votes
    }

    [Fact]
    public void Labels_that_are_not_0_to_k_keep_their_values()
    {
        var (rows, labels) = Blobs([(0, 0), (5, 5)], 20, 0.5, seed: 6);
        byte[] shifted = labels.Select(l => (byte)(l == 0 ? 3 : 7)).ToArray();
        var model = new KernelSvm(KernelKind.Linear);

        model.Fit(rows, shifted, 2);

        Assert.Equal(new byte[] { 3, 7 }, model.Classes);
        Assert.Equal(new byte[] { 3, 7 }, model.Predict([0, 0, 5, 5]));
    }

    [Fact]
    public void Each_kernel_matches_its_formula()
    {
        float[] x = [1, 2, -1], y = [0.5f, -1, 3];
        double dot = 0.5 - 2 - 3, squaredDistance = 0.25 + 9 + 16;

        Assert.Equal(dot, SvmKernel.Linear().Value(x, y), 6);
        Assert.Equal(Math.Exp(-0.1 * squaredDistance), SvmKernel.Rbf(0.1).Value(x, y), 6);
        Assert.Equal(Math.Pow(0.2 * dot + 1.5, 3), SvmKernel.Polynomial(0.2, degree: 3, coef0: 1.5).Value(x, y), 6);
        Assert.Equal(Math.Tanh(0.3 * dot - 0.5), SvmKernel.Sigmoid(0.3, coef0: -0.5).Value(x, y), 6);
    }

    [Theory]
    [InlineData(KernelKind.Linear)]
    [InlineData(KernelKind.Rbf)]
    [InlineData(KernelKind.Polynomial)]
    [InlineData(KernelKind.Sigmoid)]
    public void A_whole_kernel_row_at_once_equals_the_formula_entry_by_entry(KernelKind kind)
    {
        var random = new Random(7);
        float[] rows = Enumerable.Range(0, 20 * 9).Select(_ => (float)random.NextDouble() - 0.5f).ToArray();
        SvmKernel kernel = kind switch
        {
            KernelKind.Linear => SvmKernel.Linear(),
            KernelKind.Rbf => SvmKernel.Rbf(0.7),
            KernelKind.Polynomial => SvmKernel.Polynomial(0.7, 3, 0.5),
            _ => SvmKernel.Sigmoid(0.7, 0.1),
        };
        var kernelRows = new KernelRows(kernel, rows, 9);
        var row = new float[20];

        kernelRows.Fill(4, row);

        for (int j = 0; j < 20; j++) Assert.Equal(kernel.Value(kernelRows.Row(4), kernelRows.Row(j)), row[j], 5);
        Assert.Equal(kernel.Value(kernelRows.Row(4), kernelRows.Row(4)), kernelRows.Diagonal(4), 5);
    }

    [Fact]
    public void Gamma_scale_is_one_over_feature_count_times_variance_and_auto_is_one_over_feature_count()
    {
        float[] rows = [0, 2, 4, 6, 1, 3, 5, 7]; // mean 3.5, population variance 5.25
        byte[] labels = [0, 1, 0, 1];
        var scale = new KernelSvm(KernelKind.Rbf);
        var auto = new KernelSvm(KernelKind.Rbf, gammaRule: GammaRule.Auto);

        scale.Fit(rows, labels, 2);
        auto.Fit(rows, labels, 2);

        Assert.Equal(1 / (2 * 5.25), scale.Kernel.Gamma, 9);
        Assert.Equal(0.5, auto.Kernel.Gamma, 9);
    }

    [Fact]
    public void Cache_evicts_the_least_recently_used_row()
    {
        var cache = new KernelRowCache(rowCount: 5, rowLength: 3, megabytes: 0); // room for the minimum, two rows
        int computed = 0;
        void Fill(int i, float[] row) { computed++; row[0] = i; }

        cache.Row(0, Fill);
        cache.Row(1, Fill);
        cache.Row(0, Fill);      // a hit: 0 is now the newer
        cache.Row(2, Fill);      // evicts 1
        float[] zero = cache.Row(0, Fill);
        cache.Row(1, Fill);      // computed again

        Assert.Equal(2, cache.Capacity);
        Assert.Equal(4, computed);
        Assert.Equal(0, zero[0]);
        Assert.Equal((2, 4), (cache.Hits, cache.Misses));
    }

    [Fact]
    public void A_two_row_cache_gives_the_same_model_as_a_cache_that_holds_every_row()
    {
        var (rows, labels) = Blobs([(0, 0), (1.5, 0.5), (0, 2)], 40, 1.0, seed: 8);
        var tiny = new KernelSvm(KernelKind.Rbf, c: 5, gamma: 0.5, cacheMegabytes: 0);
        var large = new KernelSvm(KernelKind.Rbf, c: 5, gamma: 0.5, cacheMegabytes: 100);

        tiny.Fit(rows, labels, 2);
        large.Fit(rows, labels, 2);

        Assert.True(tiny.Machines.Sum(m => m.Iterations) > 10);
        for (int m = 0; m < 3; m++)
        {
            Assert.Equal(large.Machines[m].Alpha, tiny.Machines[m].Alpha);
            Assert.Equal(large.Machines[m].Rho, tiny.Machines[m].Rho);
        }
    }

    [Theory]
    [InlineData(KernelKind.Linear, 10.0)]
    [InlineData(KernelKind.Rbf, 100.0)]
    public void Shrinking_reaches_the_solution_of_the_full_solver(KernelKind kind, double c)
    {
        // Overlapping classes, 800 rows: many α end at C or at 0, which shrinking sets aside, and the solver runs long enough
        // (more than 800 iterations) to shrink. Both solvers stop within the tolerance of one optimum, so they agree closely.
        var (rows, labels) = Blobs([(0, 0), (1.2, 0.4)], 400, 1.0, seed: 12);
        var full = new KernelSvm(kind, c: c, gamma: 0.5, shrinking: false);
        var shrinking = new KernelSvm(kind, c: c, gamma: 0.5, shrinking: true);

        full.Fit(rows, labels, 2);
        shrinking.Fit(rows, labels, 2);

        BinarySvm a = full.Machines.Single(), b = shrinking.Machines.Single();
        output.WriteLine($"{kind} C={c}: full {a.Iterations} iterations, shrinking {b.Iterations} ({b.Shrinks} shrinks); ρ {a.Rho:F5} and {b.Rho:F5}");
        Assert.Equal(0, a.Shrinks);
        Assert.True(b.Shrinks > 0, "the solver never shrank");
        Assert.Equal(a.Rho, b.Rho, 0.01);
        Assert.Equal(a.Alpha.Count(x => x >= c), b.Alpha.Count(x => x >= c), 2.0);
        double scale = a.Alpha.Max();
        Assert.All(a.Alpha.Zip(b.Alpha), p => Assert.Equal(p.First, p.Second, 0.05 * scale));
        var grid = Enumerable.Range(0, 400).SelectMany(i => new[] { (float)(i % 20 * 0.2 - 1.5), (float)(i / 20 * 0.15 - 1) }).ToArray();
        double agreement = Accuracy(full.Predict(grid), shrinking.Predict(grid));
        Assert.True(agreement >= 0.99, $"the two models agree on {agreement:P1} of a grid of points");
    }

    [Fact]
    public void Features_that_are_not_whole_rows_are_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => new KernelSvm().Fit(new float[7], new byte[3], 2));
        Assert.Contains("7 values are not 3 rows of 2 features", error.Message);
    }

    [Fact]
    public void A_single_class_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => new KernelSvm().Fit(new float[6], new byte[3], 2));
        Assert.Contains("at least two classes", error.Message);
    }

    [Fact]
    public void Rows_to_predict_must_have_the_fitted_feature_count()
    {
        var error = Assert.Throws<ArgumentException>(() => FittedTiny().Predict(new float[3]));
        Assert.Contains("2 features", error.Message);
    }

    [Fact]
    public void A_non_positive_penalty_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new KernelSvm(c: 0));
    }

    // scikit-learn 1.2.1 (/usr/bin/python3, python3-sklearn) on exactly these images: the same subsets, scaled by our
    // StandardScaler and written as float32 files, then `SVC(C=10, kernel=k).fit(X, y)` with its defaults (gamma='scale',
    // degree 3, coef0 0, tol 1e-3, shrinking, cache 200 MB); accuracy = mean(predict(Xt) == yt), count = len(support_).
    // One run, 2 cores: sklearn fit rbf 7.0 s, poly 8.7 s; this class 2.7 s and 2.4 s.
    [Theory]
    [InlineData(KernelKind.Rbf, 0.8540, 2790)]
    [InlineData(KernelKind.Polynomial, 0.8340, 2578)]
    public void Matches_scikit_learn_svc_on_a_slice_of_fashion_mnist(KernelKind kind, double sklearnAccuracy, int sklearnSupportVectors)
    {
        var (train, trainLabels, test, testLabels) = ClassifierData.RealSlice(5_000, 1_000);
        var model = new KernelSvm(kind, c: 10);

        var watch = System.Diagnostics.Stopwatch.StartNew();
        model.Fit(train, trainLabels, 784);
        double fitSeconds = watch.Elapsed.TotalSeconds;
        double accuracy = Accuracy(model.Predict(test), testLabels);

        output.WriteLine($"{model}: accuracy {accuracy:F4} (sklearn {sklearnAccuracy:F4}), {model.SupportVectorCount} support vectors (sklearn {sklearnSupportVectors}), fit {fitSeconds:F1} s");
        Assert.InRange(accuracy, sklearnAccuracy - 0.005, sklearnAccuracy + 0.005);
        Assert.InRange(model.SupportVectorCount, sklearnSupportVectors * 0.98, sklearnSupportVectors * 1.02);
    }

}
