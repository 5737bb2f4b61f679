using Xunit;
using static Refusal;

/// <summary>
/// The support-vector machines and the SGD classifier of lib/Classical against answers known without running them:
/// closed forms on rows chosen so that the dual problem falls apart into one variable per row, the optimality (KKT)
/// conditions of the solutions they return, learning steps written out by hand, exact kernel values, the LRU order of
/// the kernel-row cache, and every refusal and description with its words.
/// </summary>
public class SvmContractTests
{
    // ---- LinearSvc ----

    [Fact]
    public void Linear_svc_refuses_settings_outside_their_range_and_takes_those_at_the_edge()
    {
        Assert.Contains("C must be above 0", MessageOf<ArgumentOutOfRangeException>(() => new LinearSvc(c: 0)));
        Assert.Contains("the tolerance must be above 0", MessageOf<ArgumentOutOfRangeException>(() => new LinearSvc(tolerance: 0)));
        Assert.Contains("at least 1 iteration", MessageOf<ArgumentOutOfRangeException>(() => new LinearSvc(maxIterations: 0)));
        Assert.Contains("must be above 0", MessageOf<ArgumentOutOfRangeException>(() => new LinearSvc(interceptScaling: 0)));
        Assert.Contains("or Crammer-Singer (which ignores loss and penalty)", MessageOf<ArgumentException>(() => new LinearSvc(penalty: LinearSvcPenalty.L1)));

        Assert.Equal(1, new LinearSvc(maxIterations: 1).MaxIterations);
        Assert.Equal(2, new LinearSvc(maxIterations: 2).MaxIterations);
        Assert.Equal(7, new LinearSvc(multiClass: LinearSvcMultiClass.CrammerSinger, maxIterations: 7).MaxIterations);
        Assert.Equal(LinearSvc.DefaultMaxIterations, new LinearSvc().MaxIterations);
        Assert.Equal(LinearSvc.CrammerSingerMaxIterations, new LinearSvc(multiClass: LinearSvcMultiClass.CrammerSinger).MaxIterations);
        Assert.Equal(0.0, new LinearSvc(fitIntercept: false, interceptScaling: 0).InterceptScaling); // no intercept: its scaling is unused
    }

    [Fact]
    public void Linear_svc_describes_its_multi_class_form_loss_and_c()
    {
        Assert.Equal("Linear SVM (Crammer-Singer, C=2)", new LinearSvc(2, multiClass: LinearSvcMultiClass.CrammerSinger).ToString());
        Assert.Equal("Linear SVM (one versus the rest, hinge, C=0.5)", new LinearSvc(0.5, LinearSvcLoss.Hinge).ToString());
        Assert.Equal("Linear SVM (one versus the rest, squared hinge, C=1)", new LinearSvc().ToString());
    }

    // Two rows whose extended vectors z = (x, s), s the intercept scaling 0.5, are orthogonal: z₁ = (1, 0.5) of class 1,
    // z₂ = (-0.25, 0.5) of class 0, z₁·z₂ = 0. The dual ½ αᵀQα - Σα (+ Σ α²/(4C) for the squared hinge) then has no
    // cross terms, each α_i minimizes on its own: α_i = min(C, 1 / Q_ii) for the hinge, 1 / (Q_ii + 1/(2C)) for the
    // squared hinge, with Q₁₁ = |z₁|² = 1.25, Q₂₂ = |z₂|² = 0.3125. w = Σ α y z: weight α₁ + 0.25 α₂, and the intercept
    // is s times the extra feature's weight, 0.5 · 0.5 (α₁ - α₂).
    static readonly float[] OrthogonalRows = [1, -0.25f];
    static readonly byte[] OrthogonalLabels = [1, 0];
    const double OrthogonalScaling = 0.5;

    static void AssertClosedForm(LinearSvc model, double alpha1, double alpha2)
    {
        Assert.Equal(alpha1, model.Alphas[0][0], 9);
        Assert.Equal(alpha2, model.Alphas[0][1], 9);
        Assert.Equal(alpha1 + 0.25 * alpha2, model.Weights[0], 9);
        Assert.Equal(0.25 * (alpha1 - alpha2), model.Intercepts[0], 9);
    }

    [Fact]
    public void One_pass_of_dual_coordinate_descent_solves_orthogonal_rows_exactly()
    {
        // Coordinate descent minimizes the dual exactly in each variable, so one pass (in either order) is the optimum.
        var hinge = new LinearSvc(100, LinearSvcLoss.Hinge, maxIterations: 1, interceptScaling: OrthogonalScaling);
        hinge.Fit(OrthogonalRows, OrthogonalLabels, featureCount: 1);
        AssertClosedForm(hinge, 1 / 1.25, 1 / 0.3125); // 0.8 and 3.2, both below C = 100
        Assert.Equal([1], hinge.IterationsRun);

        var squared = new LinearSvc(1, LinearSvcLoss.SquaredHinge, maxIterations: 1, interceptScaling: OrthogonalScaling);
        squared.Fit(OrthogonalRows, OrthogonalLabels, featureCount: 1);
        AssertClosedForm(squared, 1 / (1.25 + 0.5), 1 / (0.3125 + 0.5));
        Assert.Equal([1], squared.IterationsRun);
    }

    [Fact]
    public void Converged_dual_coordinate_descent_on_orthogonal_rows_keeps_the_closed_form()
    {
        // The hinge with C = 2 caps α₂ = 3.2 at C; the squared hinge's ½α²/C term keeps its optimum away from 1/Q_ii.
        var hinge = new LinearSvc(2, LinearSvcLoss.Hinge, tolerance: 1e-9, interceptScaling: OrthogonalScaling);
        hinge.Fit(OrthogonalRows, OrthogonalLabels, featureCount: 1);
        AssertClosedForm(hinge, 0.8, 2);

        var squared = new LinearSvc(1, LinearSvcLoss.SquaredHinge, tolerance: 1e-9, interceptScaling: OrthogonalScaling);
        squared.Fit(OrthogonalRows, OrthogonalLabels, featureCount: 1);
        AssertClosedForm(squared, 1 / 1.75, 1 / 0.8125);

        // liblinear's test is the spread of the projected gradients: both are -1 on the first pass, so it stops there.
        foreach (var model in new[] { hinge, squared })
            Assert.InRange(model.IterationsRun[0], 1, 10);
    }

    [Fact]
    public void Without_an_intercept_the_hinge_finds_the_margin_through_the_origin()
    {
        // x = 2 of class 1 and x = -1 of class 0, no intercept: max margin w with 2w >= 1 and w >= 1 is w = 1; only the
        // second constraint is tight, so α = (0, 1) (w = Σ α y x = α₂). Row 1's α rises on the first visits and must
        // fall back to 0.
        var model = new LinearSvc(100, LinearSvcLoss.Hinge, fitIntercept: false, tolerance: 1e-9);
        model.Fit([2, -1], [1, 0], featureCount: 1);

        Assert.Equal(1, model.Weights[0], 9);
        Assert.Equal(0.0, model.Intercepts[0]);
        Assert.Equal(0, model.Alphas[0][0], 9);
        Assert.Equal(1, model.Alphas[0][1], 9);
        Assert.True(model.IterationsRun[0] < model.MaxIterations);
    }

    [Theory]
    [InlineData(LinearSvcLoss.Hinge, 0.5)]
    [InlineData(LinearSvcLoss.SquaredHinge, 0.5)]
    [InlineData(LinearSvcLoss.Hinge, 3.0)]
    public void One_versus_rest_dual_solution_is_optimal(LinearSvcLoss loss, double c)
    {
        // KKT of the dual min ½|Σ α y z|² - Σα (+ Σ α²/(4C) for the squared hinge) over 0 <= α <= U, with z = (x, s):
        // the gradient G_i = y_i (w·x_i + b) - 1 + α_i/(2C) projected on the box is 0: G >= 0 at α = 0, G <= 0 at
        // α = U, G = 0 between. Checked with w and b as returned, rebuilt from α as w = Σ α y x, b = s² Σ α y.
        const double scaling = 2;
        var (rows, labels) = ClassifierData.Blobs([[-1, 0], [1, 0.5]], 20, 1.0, seed: 21);
        var model = new LinearSvc(c, loss, tolerance: 1e-7, interceptScaling: scaling);
        model.Fit(rows, labels, featureCount: 2);

        double[] alpha = model.Alphas[0];
        double diagonal = loss == LinearSvcLoss.SquaredHinge ? 0.5 / c : 0, upper = loss == LinearSvcLoss.SquaredHinge ? double.PositiveInfinity : c;
        double[] w = new double[2];
        double b = 0;
        for (int i = 0; i < labels.Length; i++)
        {
            double y = labels[i] == 1 ? 1 : -1;
            Assert.InRange(alpha[i], 0, upper);
            for (int f = 0; f < 2; f++) w[f] += alpha[i] * y * rows[2 * i + f];
            b += scaling * scaling * alpha[i] * y;
        }
        Assert.Equal(w[0], model.Weights[0], 9);
        Assert.Equal(w[1], model.Weights[1], 9);
        Assert.Equal(b, model.Intercepts[0], 9);
        for (int i = 0; i < labels.Length; i++)
        {
            double y = labels[i] == 1 ? 1 : -1;
            double gradient = y * (w[0] * rows[2 * i] + w[1] * rows[2 * i + 1] + b) - 1 + alpha[i] * diagonal;
            double projected = alpha[i] == 0 ? Math.Min(gradient, 0) : alpha[i] == upper ? Math.Max(gradient, 0) : gradient;
            Assert.True(Math.Abs(projected) < 1e-5, $"row {i}: α = {alpha[i]}, projected gradient {projected:g4}");
        }
        Assert.Contains(alpha, a => a == 0);
        Assert.Contains(alpha, a => a > 0 && a < upper);
        if (loss == LinearSvcLoss.Hinge && c < 1) Assert.Contains(alpha, a => a == c);
        Assert.InRange(model.IterationsRun[0], 2, model.MaxIterations - 1);
    }

    [Fact]
    public void Crammer_singer_dual_solution_is_optimal()
    {
        // Crammer-Singer's dual (liblinear's Solver_MCSVM_CS): row i's α_i^m <= C for its own class, <= 0 for the others,
        // Σ_m α_i^m = 0, w_m = Σ_i α_i^m z_i. With the gradient G_i^m = 1[m ≠ y_i] + w_m·x_i + b_m, KKT says that every
        // class whose α can still grow has the row's largest gradient: max_m G - min over those m of G = 0.
        const double c = 0.5, scaling = 2;
        var (blobRows, blobLabels) = ClassifierData.Blobs([[2, 0], [-1, 1.7], [-1, -1.7]], 12, 1.2, seed: 22);
        // And one row of class 0 far on the other side, where both other classes outscore it: its gradients spread
        // widely (own far below, others far above) until its own α reaches C.
        float[] rows = [.. blobRows, -12, 0];
        byte[] labels = [.. blobLabels, 0];
        var model = new LinearSvc(c, multiClass: LinearSvcMultiClass.CrammerSinger, tolerance: 1e-7, maxIterations: 5000, interceptScaling: scaling);
        model.Fit(rows, labels, featureCount: 2);

        var w = new double[6];
        var b = new double[3];
        for (int i = 0; i < labels.Length; i++)
            for (int m = 0; m < 3; m++)
            {
                double a = model.Alphas[i][m];
                Assert.True(a <= (m == labels[i] ? c : 0), $"row {i}, class {m}: α = {a}");
                for (int f = 0; f < 2; f++) w[2 * m + f] += a * rows[2 * i + f];
                b[m] += scaling * scaling * a;
            }
        for (int k = 0; k < 6; k++) Assert.Equal(w[k], model.Weights[k], 9);
        for (int m = 0; m < 3; m++) Assert.Equal(b[m], model.Intercepts[m], 9);
        int boundOthers = 0, freeOwn = 0;
        for (int i = 0; i < labels.Length; i++)
        {
            Assert.Equal(0, model.Alphas[i].Sum(), 12);
            double largest = double.NegativeInfinity, smallestGrowable = double.PositiveInfinity;
            for (int m = 0; m < 3; m++)
            {
                double gradient = (m == labels[i] ? 0 : 1) + w[2 * m] * rows[2 * i] + w[2 * m + 1] * rows[2 * i + 1] + b[m];
                largest = Math.Max(largest, gradient);
                double a = model.Alphas[i][m];
                if (a < (m == labels[i] ? c : 0)) smallestGrowable = Math.Min(smallestGrowable, gradient);
                if (m != labels[i] && a == 0) boundOthers++;
                if (m == labels[i] && a > 0 && a < c) freeOwn++;
            }
            Assert.True(largest - smallestGrowable < 1e-5, $"row {i}: gradients {largest:g6} above {smallestGrowable:g6}");
        }
        Assert.True(boundOthers > 0 && freeOwn > 0, $"{boundOthers} other-class variables at 0, {freeOwn} free own-class variables");
        Assert.InRange(model.IterationsRun[0], 2, 4999);
    }

    [Fact]
    public void One_pass_follows_the_seeded_random_order()
    {
        // After a single pass the result depends on the order in which the rows were visited: the same seed gives the
        // same weights, and the ten seeds 0..9 do not all give one order's.
        var (rows, labels) = ClassifierData.Blobs([[-1, 0], [1, 0.5], [0, 2]], 6, 1.0, seed: 23);
        foreach (var multiClass in new[] { LinearSvcMultiClass.OneVersusRest, LinearSvcMultiClass.CrammerSinger })
        {
            double[] OnePass(int seed)
            {
                var model = new LinearSvc(1, LinearSvcLoss.Hinge, multiClass: multiClass, maxIterations: 1, seed: seed);
                model.Fit(rows, labels, featureCount: 2);
                Assert.Equal(1, model.IterationsRun.Max());
                return model.Weights;
            }

            Assert.Equal(OnePass(4), OnePass(4));
            Assert.True(Enumerable.Range(0, 10).Select(OnePass).Select(w => string.Join(",", w)).Distinct().Count() > 1, $"{multiClass}: one order whatever the seed");
        }
    }

    [Fact]
    public void Crammer_singer_on_zero_rows_without_intercept_has_nothing_to_learn()
    {
        // Every row is 0 and there is no bias feature: every w_m·x is 0 whatever α, so α = 0 is optimal and the first
        // pass, over all rows, already meets the tolerance.
        var model = new LinearSvc(1, multiClass: LinearSvcMultiClass.CrammerSinger, fitIntercept: false);
        model.Fit(new float[12], [0, 1, 2, 0, 1, 2], featureCount: 2);

        Assert.All(model.Weights, v => Assert.Equal(0.0, v));
        Assert.All(model.Intercepts, v => Assert.Equal(0.0, v));
        Assert.Equal([1], model.IterationsRun);
    }

    // ---- KernelSvm ----

    [Fact]
    public void Kernel_svm_refuses_settings_outside_their_range_and_takes_those_at_the_edge()
    {
        Assert.Contains("the penalty C must be positive", MessageOf<ArgumentOutOfRangeException>(() => new KernelSvm(c: 0)));
        Assert.Contains("the kernel's γ must be positive", MessageOf<ArgumentOutOfRangeException>(() => new KernelSvm(gamma: 0)));
        Assert.Contains("the polynomial degree must be at least 1", MessageOf<ArgumentOutOfRangeException>(() => new KernelSvm(KernelKind.Polynomial, degree: 0)));
        Assert.Contains("the tolerance must be positive", MessageOf<ArgumentOutOfRangeException>(() => new KernelSvm(tolerance: 0)));
        Assert.Contains("a cache size must not be negative", MessageOf<ArgumentOutOfRangeException>(() => new KernelSvm(cacheMegabytes: -1)));
        Assert.Contains("at least one machine must train at a time", MessageOf<ArgumentOutOfRangeException>(() => new KernelSvm(maxParallelism: 0)));

        Assert.Equal(1, new KernelSvm(maxParallelism: 1).MaxParallelism);
        Assert.Equal(2, new KernelSvm(maxParallelism: 2).MaxParallelism);
        Assert.Equal(Environment.ProcessorCount, new KernelSvm().MaxParallelism);
        Assert.Equal(0, new KernelSvm(cacheMegabytes: 0).CacheMegabytes);
        var linearPolynomial = new KernelSvm(KernelKind.Polynomial, c: 100, gamma: 1, degree: 1, coef0: 0, tolerance: 1e-6);
        linearPolynomial.Fit(AsymmetricRows, AsymmetricLabels, featureCount: 1);
        Assert.Equal(-1, linearPolynomial.Machines.Single().Rho, 5); // degree 1, γ 1, coef0 0: the linear kernel
    }

    [Fact]
    public void Kernel_svm_refuses_to_predict_before_fit_or_without_rows()
    {
        Assert.Contains("call Fit before predicting", MessageOf<InvalidOperationException>(() => new KernelSvm().DecisionValues(new float[2])));
        var model = new KernelSvm(KernelKind.Linear);
        model.Fit(AsymmetricRows, AsymmetricLabels, featureCount: 1);
        Assert.Throws<ArgumentNullException>(() => model.DecisionValues(null));
        Assert.Empty(model.DecisionValues([]));
    }

    [Fact]
    public void Kernel_svm_describes_its_c_kernel_and_support_vectors()
    {
        var model = new KernelSvm(KernelKind.Linear, c: 100, tolerance: 1e-6);
        Assert.Equal("kernel SVM (C-SVC, one versus one), C = 100, linear kernel", model.ToString());
        Assert.Equal("kernel SVM (C-SVC, one versus one), C = 1, sigmoid kernel", new KernelSvm(KernelKind.Sigmoid).ToString());
        model.Fit(AsymmetricRows, AsymmetricLabels, featureCount: 1);
        Assert.Equal("kernel SVM (C-SVC, one versus one), C = 100, linear kernel, 2 support vectors", model.ToString());
        var rbf = new KernelSvm(KernelKind.Rbf, gamma: 0.5);
        rbf.Fit(AsymmetricRows, AsymmetricLabels, featureCount: 1);
        Assert.StartsWith("kernel SVM (C-SVC, one versus one), C = 1, rbf kernel, γ = 0.5, ", rbf.ToString());
    }

    // One feature. Class 0 (+1): x = 0 and x = -3; class 1 (-1): x = 2 and x = 2.5. The widest gap lies between 0 and 2,
    // so f(x) = -x + 1 (w = -1, ρ = -1); w = Σ y α x = -2 α₃ and Σ y α = 0 give α = ½ for x = 0 and x = 2, 0 for the
    // others. Unlike the symmetric tiny case of KernelSvmTests, the rows beyond the margin lie at different distances,
    // so ρ must come from the free support vectors, not from the bounds of the others.
    static readonly float[] AsymmetricRows = [0, -3, 2, 2.5f];
    static readonly byte[] AsymmetricLabels = [0, 0, 1, 1];

    [Fact]
    public void Linear_kernel_finds_the_closed_form_of_an_asymmetric_case_and_its_decisions_past_one_block()
    {
        var model = new KernelSvm(KernelKind.Linear, c: 100, tolerance: 1e-6);
        model.Fit(AsymmetricRows, AsymmetricLabels, featureCount: 1);
        var machine = model.Machines.Single();

        Assert.Equal(new[] { 0.5, 0, 0.5, 0 }, machine.Alpha.Select(a => Math.Round(a, 6)));
        Assert.Equal(-1, machine.Rho, 6);
        Assert.Equal(new[] { 0, 2 }, model.SupportVectorIndices);

        // The same rows with a second feature of 0 have the same solution, f(x) = -x₁ + 1 whatever x₂. Predicted on
        // 1,100 rows: they go in blocks of 512 rows, the last one partial.
        var plane = new KernelSvm(KernelKind.Linear, c: 100, tolerance: 1e-6);
        plane.Fit(AsymmetricRows.SelectMany(x => new[] { x, 0f }).ToArray(), AsymmetricLabels, featureCount: 2);
        float[] grid = Enumerable.Range(0, 1100).SelectMany(r => new[] { (float)(r * 0.01 - 4), r % 7 - 3f }).ToArray();
        double[] decisions = plane.DecisionValues(grid);
        byte[] predicted = plane.Predict(grid);
        Assert.Equal(1100, decisions.Length);
        for (int r = 0; r < 1100; r++)
        {
            Assert.Equal(-grid[2 * r] + 1, decisions[r], 4);
            if (Math.Abs(grid[2 * r] - 1) > 1e-3) Assert.Equal(grid[2 * r] < 1 ? 0 : 1, predicted[r]); // not on the boundary itself
        }
    }

    [Fact]
    public void With_no_free_support_vector_rho_is_the_middle_of_the_interval_the_kkt_conditions_allow()
    {
        // A C so small that every row near the gap sits at C, and rows far out at 0: no α is free, so ρ is only
        // bounded. With g(x) = Σ y α K(x_i, x), f = g - ρ, a row at 0 needs y f >= 1 and a row at C needs y f <= 1:
        // ρ <= g - 1 (α = 0, y = +1), ρ >= g + 1 (α = 0, y = -1), ρ >= g - 1 (α = C, y = +1), ρ <= g + 1 (α = C, y = -1).
        // LIBSVM takes the middle of that interval.
        const double c = 0.01;
        float[] rows = [0, 1, -100, 1.5f, 3, 100];
        byte[] labels = [0, 0, 0, 1, 1, 1];
        var model = new KernelSvm(KernelKind.Linear, c: c, tolerance: 1e-6);
        model.Fit(rows, labels, featureCount: 1);
        var machine = model.Machines.Single();

        Assert.Equal(new[] { c, c, 0, c, c, 0 }, machine.Alpha);
        double w = 0;
        for (int i = 0; i < 6; i++) w += machine.Y[i] * machine.Alpha[i] * rows[machine.Rows[i]];
        double low = double.NegativeInfinity, high = double.PositiveInfinity;
        for (int i = 0; i < 6; i++)
        {
            double g = w * rows[machine.Rows[i]];
            bool atZero = machine.Alpha[i] == 0, positive = machine.Y[i] > 0;
            if (atZero == positive) high = Math.Min(high, g + (positive ? -1 : 1));
            else low = Math.Max(low, g + (positive ? -1 : 1));
        }
        Assert.True(low < high, $"the interval [{low}, {high}]");
        Assert.Equal((low + high) / 2, machine.Rho, 6);
        Assert.Equal(-0.0525, machine.Rho, 6); // w = -0.035, the interval [-1, 0.895]
    }

    [Fact]
    public void A_decision_of_exactly_zero_votes_for_the_second_class()
    {
        BinarySvm[] machines = [new() { PositiveClass = 0, NegativeClass = 1 }];

        Assert.Equal(1, KernelSvm.Vote(machines, [0.0], 2));
        Assert.Equal(0, KernelSvm.Vote(machines, [1e-12], 2));
    }

    [Fact]
    public void Smo_pairs_a_variable_with_the_first_row_too()
    {
        // Row 0 (-1, 0) labelled -1, row 1 (1, 0) labelled +1, linear kernel: the hard-margin answer is w = (1, 0),
        // so α₀ = α₁ = 1/2 and ρ = 0. The first step picks row 1 and must pair it with row 0, index 0.
        var solver = new SmoSolver(new KernelRows(SvmKernel.Linear(), [-1, 0, 1, 0], 2), [-1, 1], c: 10, tolerance: 1e-6, cacheMegabytes: 1);
        solver.Solve();
        Assert.Equal(0.5, solver.Alpha[0], 9);
        Assert.Equal(0.5, solver.Alpha[1], 9);
        Assert.Equal(0.0, solver.Rho, 9);
    }

    [Fact]
    public void Smo_with_no_free_variable_takes_rho_from_the_middle_of_its_interval()
    {
        // 1-D, linear kernel, C = 0.1: two rows at -1 labelled -1, rows at 1 and 2 labelled +1, all four at C (w = 0.5),
        // and a row at 10 labelled +1 far beyond the margin, at 0. No α is free; the KKT conditions allow any ρ in
        // [0, 0.5]: the largest y∇ at C among the +1 rows (at 2: 0) and the smallest of the -1 rows at C and of the +1
        // rows at 0 (at -1: 0.5; at 10: 4). ρ is the middle, 0.25.
        var solver = new SmoSolver(new KernelRows(SvmKernel.Linear(), [-1, -1, 1, 2, 10], 1), [-1, -1, 1, 1, 1], c: 0.1, tolerance: 1e-9, cacheMegabytes: 1);
        solver.Solve();
        Assert.Equal([0.1, 0.1, 0.1, 0.1, 0], solver.Alpha.Select(a => Math.Round(a, 12)));
        Assert.Equal(0.25, solver.Rho, 9);
    }

    // ---- SvmKernel and KernelRowCache ----

    [Fact]
    public void Kernels_refuse_a_non_positive_gamma_and_a_degree_below_one()
    {
        Assert.Contains("the kernel's γ must be positive", MessageOf<ArgumentOutOfRangeException>(() => SvmKernel.Rbf(0)));
        Assert.Contains("the kernel's γ must be positive", MessageOf<ArgumentOutOfRangeException>(() => SvmKernel.Sigmoid(-1)));
        Assert.Contains("the polynomial degree must be at least 1", MessageOf<ArgumentOutOfRangeException>(() => SvmKernel.Polynomial(1, degree: 0)));
        Assert.Contains("unknown kernel 9", MessageOf<InvalidOperationException>(() => new SvmKernel((KernelKind)9).FromDot(1, 1, 1)));

        // Degree 1: γ x·y + coef0, here 0.5 · (1·3 + 2·(-1)) + 2.
        Assert.Equal(2.5, SvmKernel.Polynomial(0.5, degree: 1, coef0: 2).Value([1, 2], [3, -1]), 12);
    }

    [Fact]
    public void Kernels_describe_themselves_with_their_parameters()
    {
        Assert.Equal("linear kernel", SvmKernel.Linear().ToString());
        Assert.Equal("rbf kernel, γ = 0.25", SvmKernel.Rbf(0.25).ToString());
        Assert.Equal("polynomial kernel of degree 2, γ = 0.5, coef0 = 1", SvmKernel.Polynomial(0.5, 2, 1).ToString());
        Assert.Equal("sigmoid kernel, γ = 0.125, coef0 = -1", SvmKernel.Sigmoid(0.125, -1).ToString());
    }

    [Fact]
    public void Gamma_scale_of_identical_values_is_one_as_in_scikit_learn()
    {
        Assert.Equal(1.0, SvmKernel.ScaleGamma([2, 2, 2, 2, 2, 2], 3));
        Assert.Equal(1 / (2 * 0.25), SvmKernel.ScaleGamma([1, 2, 1, 2], 2), 12); // variance ¼
    }

    [Fact]
    public void Cache_capacity_is_the_rows_that_fit_in_the_budget_between_two_and_every_row()
    {
        Assert.Equal(5, new KernelRowCache(rowCount: 100, rowLength: 256, megabytes: 5 / 1024.0).Capacity); // 5 KiB of 1 KiB rows
        Assert.Equal(100, new KernelRowCache(rowCount: 100, rowLength: 256, megabytes: 1).Capacity);
        Assert.Equal(2, new KernelRowCache(rowCount: 1, rowLength: 256, megabytes: 1).Capacity);
        Assert.Contains("a cache size must not be negative", MessageOf<ArgumentOutOfRangeException>(() => new KernelRowCache(4, 4, -1)));
    }

    [Fact]
    public void Cache_serves_rows_in_least_recently_used_order()
    {
        // A seeded sequence of requests for 8 rows against a plain list kept newest first: each request must be a hit
        // exactly when the row is among the list's first Capacity entries, and return the row's values.
        var cache = new KernelRowCache(rowCount: 8, rowLength: 64, megabytes: 3 * 64 * sizeof(float) / (1024.0 * 1024));
        Assert.Equal(3, cache.Capacity);
        var recent = new List<int>();
        var random = new Random(24);
        int[] requests = [0, 1, 2, 3, 1, 0, 4, 0, 2, .. Enumerable.Range(0, 200).Select(_ => random.Next(8))];
        long hits = 0;
        foreach (int i in requests)
        {
            bool expectHit = recent.IndexOf(i) is >= 0 and < 3;
            bool filled = false;
            float[] row = cache.Row(i, (r, values) => { filled = true; Array.Fill(values, r); });
            Assert.Equal(expectHit, !filled);
            Assert.All(row, v => Assert.Equal(i, v));
            if (expectHit) hits++;
            recent.Remove(i);
            recent.Insert(0, i);
        }
        Assert.Equal((hits, requests.Length - hits), (cache.Hits, cache.Misses));
        Assert.Equal($"kernel row cache of 3 rows of 64: {hits} hits, {requests.Length - hits} misses", cache.ToString());
    }

    // ---- SgdClassifier ----

    [Fact]
    public void Sgd_refuses_settings_outside_their_range_and_takes_those_at_the_edge()
    {
        Assert.Contains("alpha must not be negative", MessageOf<ArgumentOutOfRangeException>(() => new SgdClassifier(alpha: -1, learningRate: SgdLearningRate.Constant, eta0: 1)));
        Assert.Contains("the 'optimal' learning rate needs alpha above 0", MessageOf<ArgumentOutOfRangeException>(() => new SgdClassifier(alpha: 0)));
        Assert.Contains("l1Ratio must lie in [0, 1]", MessageOf<ArgumentOutOfRangeException>(() => new SgdClassifier(l1Ratio: 1.5)));
        Assert.Contains("l1Ratio must lie in [0, 1]", MessageOf<ArgumentOutOfRangeException>(() => new SgdClassifier(l1Ratio: -0.5)));
        Assert.Contains("at least 1 epoch", MessageOf<ArgumentOutOfRangeException>(() => new SgdClassifier(epochs: 0)));
        Assert.Contains("a constant learning rate needs eta0 above 0", MessageOf<ArgumentOutOfRangeException>(() => new SgdClassifier(learningRate: SgdLearningRate.Constant)));
        Assert.Contains("steps count from 1", MessageOf<ArgumentOutOfRangeException>(() => new SgdClassifier().LearningRate(0)));
        Assert.Contains("not a loss of SgdClassifier", MessageOf<ArgumentOutOfRangeException>(() => SgdClassifier.LossDerivative((SgdLoss)99, 0, 1)));

        Assert.Equal(0.0, new SgdClassifier(alpha: 0, learningRate: SgdLearningRate.Constant, eta0: 1).Alpha);
        Assert.Equal(1.0, new SgdClassifier(SgdLoss.Hinge, SgdPenalty.ElasticNet, l1Ratio: 1).L1Ratio);
        Assert.Equal(0.0, new SgdClassifier(SgdLoss.Hinge, SgdPenalty.ElasticNet, l1Ratio: 0).L1Ratio);
        Assert.Equal(1, new SgdClassifier(epochs: 1).Epochs);
        Assert.True(SgdClassifier.Perceptron().FitIntercept);
    }

    [Fact]
    public void Sgd_describes_its_loss_penalty_and_alpha()
    {
        Assert.Equal("Perceptron (L1 penalty, alpha 0.5)", SgdClassifier.Perceptron(SgdPenalty.L1, alpha: 0.5).ToString());
        Assert.Equal("SGD (Hinge loss, L2 penalty, alpha 0.5)", new SgdClassifier(alpha: 0.5).ToString());
        // The perceptron loss with the optimal rate, and a constant rate with another loss, are not the Perceptron.
        Assert.Equal("SGD (Perceptron loss, None penalty, alpha 0.5)", new SgdClassifier(SgdLoss.Perceptron, SgdPenalty.None, alpha: 0.5).ToString());
        Assert.Equal("SGD (Log loss, ElasticNet penalty, alpha 0.5)",
            new SgdClassifier(SgdLoss.Log, SgdPenalty.ElasticNet, alpha: 0.5, learningRate: SgdLearningRate.Constant, eta0: 1).ToString());
    }

    [Theory]
    [InlineData(SgdLoss.Hinge, 1, -1)]          // z = 1 is still on the hinge
    [InlineData(SgdLoss.Hinge, 1.0000001, 0)]
    [InlineData(SgdLoss.SquaredHinge, 0.5, -1)]
    [InlineData(SgdLoss.ModifiedHuber, -1, -4)]
    public void Loss_derivative_at_the_edges_of_its_pieces(SgdLoss loss, double z, double expected)
    {
        Assert.Equal(expected, SgdClassifier.LossDerivative(loss, z, 1), 12);
        Assert.Equal(-expected, SgdClassifier.LossDerivative(loss, -z, -1), 12);
    }

    [Fact]
    public void Log_loss_derivative_uses_the_exact_form_up_to_18_and_its_limits_beyond()
    {
        // -y / (e^z + 1) for |z| <= 18; e^-z is its limit above, -y below: each exact to the last bit, with z = p·y.
        Assert.Equal(-1 / (Math.Exp(18) + 1), SgdClassifier.LossDerivative(SgdLoss.Log, 18, 1));
        Assert.Equal(-1 / (Math.Exp(-18) + 1), SgdClassifier.LossDerivative(SgdLoss.Log, -18, 1));
        Assert.Equal(-Math.Exp(-30), SgdClassifier.LossDerivative(SgdLoss.Log, 30, 1));
        Assert.Equal(Math.Exp(-30), SgdClassifier.LossDerivative(SgdLoss.Log, -30, -1));
        Assert.Equal(-1.0, SgdClassifier.LossDerivative(SgdLoss.Log, -30, 1));
        Assert.Equal(1.0, SgdClassifier.LossDerivative(SgdLoss.Log, 30, -1));
    }

    [Fact]
    public void Without_a_penalty_two_steps_by_hand_give_the_fitted_weights()
    {
        // Hinge, rows (1, 0) of class 1 then (0, 1) of class 0, no intercept, α = 1e-4 (η₁ = 1 / (α · 1000),
        // η₂ = 1 / (α · 1001)): each step sees p = 0 and moves its own weight by η y; no shrink in between.
        var model = new SgdClassifier(SgdLoss.Hinge, SgdPenalty.None, epochs: 1, fitIntercept: false, shuffle: false);
        model.Fit([1, 0, 0, 1], [1, 0], featureCount: 2);

        Assert.Equal(1 / (1e-4 * 1000), model.Weights[0], 9);
        Assert.Equal(-1 / (1e-4 * 1001), model.Weights[1], 9);
    }

    [Fact]
    public void Elastic_net_steps_by_hand_give_the_fitted_weights()
    {
        // Hinge, constant η = 0.5, α = 0.2, l1Ratio 0.5: each step shrinks w by 1 - η α (1 - l1Ratio) = 0.95, adds
        // η y x where the hinge is active, then pulls each weight towards 0 by u - q (u: the L1 pull available so far,
        // Σ η α l1Ratio = 0.05 per step; q_j: what w_j has received), never past 0.
        // Step 1, row (1, 0), y = +1, p = 0: w = (0.5, 0); u = 0.05: w₀ = 0.45, q₀ = -0.05.
        // Step 2, row (0, 1), y = -1, p = 0: shrink w₀ = 0.4275, add w₁ = -0.5; u = 0.1: w₀ = 0.4275 - (0.1 - 0.05)
        // = 0.3775, w₁ = -0.5 + (0.1 - 0) = -0.4.
        var model = new SgdClassifier(SgdLoss.Hinge, SgdPenalty.ElasticNet, alpha: 0.2, l1Ratio: 0.5, epochs: 1,
            learningRate: SgdLearningRate.Constant, eta0: 0.5, fitIntercept: false, shuffle: false);
        model.Fit([1, 0, 0, 1], [1, 0], featureCount: 2);

        Assert.Equal(0.3775, model.Weights[0], 12);
        Assert.Equal(-0.4, model.Weights[1], 12);
    }

    [Fact]
    public void A_shrink_factor_of_zero_clears_the_weights_before_each_step()
    {
        // Constant η = 1 and α = 1 under L2: every step first multiplies w by 1 - η α = 0, so w is the last step's
        // update alone. Step 1: w = (1, 0); step 2 (class 0, p = 0): w = 0, then (0, -1).
        var model = new SgdClassifier(SgdLoss.Hinge, SgdPenalty.L2, alpha: 1, epochs: 1, learningRate: SgdLearningRate.Constant,
            eta0: 1, fitIntercept: false, shuffle: false);
        model.Fit([1, 0, 0, 1], [1, 0], featureCount: 2);

        Assert.Equal([0.0, -1.0], model.Weights);
    }

    [Fact]
    public void Weights_that_overflow_are_refused_with_the_epoch()
    {
        // Steps of 1e300 on a feature of 1e30 overflow its weight to infinity; the other weight and the intercept stay
        // finite. The refusal reaches the caller itself, not wrapped by the binary problems' Parallel.For.
        var model = new SgdClassifier(SgdLoss.Hinge, SgdPenalty.None, learningRate: SgdLearningRate.Constant, eta0: 1e300, shuffle: false);
        Assert.Contains("SGD: the weights over- or underflowed in epoch 1; standardize the features",
            MessageOf<InvalidOperationException>(() => model.Fit([1e30f, 0, -1e30f, 0], [1, 0], featureCount: 2)));
    }
}
