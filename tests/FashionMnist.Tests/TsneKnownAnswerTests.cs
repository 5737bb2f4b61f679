using Xunit;

/// <summary>
/// lib/Embedding/Tsne.cs against a slow, obvious t-SNE written here: the k nearest neighbours by sorting every
/// distance, each row's Gaussian calibrated by its own bisection, P symmetrized over all N^2 pairs, Q and its Z over
/// all pairs, and sklearn's gradient descent (exaggeration, momentum, delta-bar-delta gains) step by step. The data
/// sit on a grid of eighths, so every squared distance is exact in single precision.
/// </summary>
public class TsneKnownAnswerTests
{
    // ---------- the oracle ----------

    static float[] GridRows(int n, int dims, int seed)
    {
        var random = new Random(seed);
        var rows = new float[n * dims];
        for (int i = 0; i < n; i++)
            for (int d = 0; d < dims; d++) rows[i * dims + d] = random.Next(-40, 40) / 8f + (i % 3 == d ? 6 : 0);
        return rows;
    }

    static double SquaredDistance(float[] rows, int dims, int i, int j)
    {
        double sum = 0;
        for (int d = 0; d < dims; d++) sum += (double)(rows[i * dims + d] - rows[j * dims + d]) * (rows[i * dims + d] - rows[j * dims + d]);
        return sum;
    }

    // p(j | i) over the given squared distances, with the precision found by bisection on log(beta) until the
    // entropy is log(perplexity) to 1e-13.
    static double[] Calibrated(double[] distances, double perplexity)
    {
        double nearest = distances.Min(), target = Math.Log(perplexity);
        double[] At(double beta, out double entropy)
        {
            double[] w = distances.Select(d => Math.Exp(-beta * (d - nearest))).ToArray();
            double sum = w.Sum();
            double[] p = w.Select(v => v / sum).ToArray();
            entropy = -p.Where(v => v > 0).Sum(v => v * Math.Log(v));
            return p;
        }
        double low = -60, high = 60;   // log(beta)
        for (int step = 0; step < 300; step++)
        {
            double middle = (low + high) / 2;
            At(Math.Exp(middle), out double h);
            if (h > target) low = middle; else high = middle;   // entropy falls as beta grows
        }
        return At(Math.Exp((low + high) / 2), out _);
    }

    // The joint P, dense: (p(j|i) + p(i|j)) / 2N over each row's k nearest others (ties: the lower index).
    static double[,] JointP(float[] rows, int dims, double perplexity)
    {
        int n = rows.Length / dims, k = Math.Min(n - 1, (int)(3 * perplexity + 1));
        var p = new double[n, n];
        for (int i = 0; i < n; i++)
        {
            int[] nearest = Enumerable.Range(0, n).Where(j => j != i)
                .OrderBy(j => SquaredDistance(rows, dims, i, j)).ThenBy(j => j).Take(k).ToArray();
            double[] conditional = Calibrated(nearest.Select(j => SquaredDistance(rows, dims, i, j)).ToArray(), perplexity);
            for (int m = 0; m < k; m++)
            {
                p[i, nearest[m]] += conditional[m] / (2.0 * n);
                p[nearest[m], i] += conditional[m] / (2.0 * n);
            }
        }
        return p;
    }

    static double Q(double[] y, int i, int j)
    {
        double dx = y[2 * i] - y[2 * j], dy = y[2 * i + 1] - y[2 * j + 1];
        return 1 / (1 + dx * dx + dy * dy);
    }

    static double Z(double[] y)
    {
        int n = y.Length / 2;
        double z = 0;
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++) if (i != j) z += Q(y, i, j);
        return z;
    }

    static double Kl(double[,] p, double[] y)
    {
        int n = y.Length / 2;
        double z = Z(y), kl = 0;
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++) if (p[i, j] > 0) kl += p[i, j] * Math.Log(p[i, j] / (Q(y, i, j) / z));
        return kl;
    }

    // dC/dy_i = 4 sum_j (exaggeration p_ij - q_ij / Z) q_ij (y_i - y_j), q unnormalized.
    static double[] Gradient(double[,] p, double[] y, double exaggeration)
    {
        int n = y.Length / 2;
        double z = Z(y);
        var gradient = new double[2 * n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
            {
                if (i == j) continue;
                double q = Q(y, i, j), factor = 4 * (exaggeration * p[i, j] - q / z) * q;
                gradient[2 * i] += factor * (y[2 * i] - y[2 * j]);
                gradient[2 * i + 1] += factor * (y[2 * i + 1] - y[2 * j + 1]);
            }
        return gradient;
    }

    // sklearn's optimizer, both stages: the maps after each iteration, and the KL of the map each iteration started from.
    static (List<double[]> Maps, List<double> Kls) Descend(double[,] p, double[] start, TsneOptions options)
    {
        int n = start.Length / 2;
        double[] y = (double[])start.Clone(), update = new double[2 * n], gains = new double[2 * n];
        double rate = options.LearningRate > 0 ? options.LearningRate : Math.Max(n / options.EarlyExaggeration / 4, 50);
        var maps = new List<double[]>();
        var kls = new List<double>();
        for (int iteration = 0; iteration < options.Iterations; iteration++)
        {
            if (iteration == 0 || iteration == options.ExaggerationIterations)
            {
                Array.Clear(update);
                Array.Fill(gains, 1.0);
            }
            bool early = iteration < options.ExaggerationIterations;
            kls.Add(Kl(p, y));
            double[] gradient = Gradient(p, y, early ? options.EarlyExaggeration : 1);
            for (int c = 0; c < 2 * n; c++)
            {
                gains[c] = update[c] * gradient[c] < 0 ? gains[c] + 0.2 : Math.Max(gains[c] * 0.8, 0.01);
                update[c] = (early ? 0.5 : 0.8) * update[c] - rate * gains[c] * gradient[c];
                y[c] += update[c];
            }
            maps.Add((double[])y.Clone());
        }
        return (maps, kls);
    }

    static double[] StartOf(float[] rows, int dims, TsneOptions options)
    {
        TsneOptions none = Copy(options);
        none.Iterations = 0;
        return Tsne.Embed(rows, dims, none).Embedding.Select(v => (double)v).ToArray();
    }

    static TsneOptions Copy(TsneOptions o) => new()
    {
        Perplexity = o.Perplexity, Iterations = o.Iterations, Repulsion = o.Repulsion, Theta = o.Theta, EarlyExaggeration = o.EarlyExaggeration,
        ExaggerationIterations = o.ExaggerationIterations, LearningRate = o.LearningRate, PcaInitialization = o.PcaInitialization, Seed = o.Seed,
        MaxThreads = o.MaxThreads, ReportEvery = o.ReportEvery,
    };

    // Barnes-Hut with a theta so small that no cell is ever summarized: the repulsion is the exact sum.
    static TsneOptions Exact(int iterations, int exaggerationIterations, int threads = 1) => new()
    {
        Perplexity = 3, Iterations = iterations, ExaggerationIterations = exaggerationIterations, Repulsion = TsneRepulsion.BarnesHut,
        Theta = 1e-6, PcaInitialization = false, Seed = 11, MaxThreads = threads, ReportEvery = 2,
    };

    static void AssertClose(double[] expected, float[] actual, double tolerance, string what)
    {
        double scale = expected.Max(Math.Abs);
        for (int c = 0; c < expected.Length; c++)
            Assert.True(Math.Abs(expected[c] - actual[c]) <= tolerance * scale,
                $"{what}: coordinate {c} is {actual[c]:E6}, the oracle says {expected[c]:E6} (map scale {scale:E3})");
    }

    // ---------- the input similarities ----------

    [Fact]
    public void Conditional_probabilities_are_the_gaussian_whose_entropy_is_log_perplexity()
    {
        var random = new Random(2);
        foreach (double perplexity in new[] { 2.0, 4.5, 9.0 })
        {
            float[] distances = Enumerable.Range(0, 12).Select(_ => random.Next(1, 400) / 16f).ToArray();
            double[] expected = Calibrated(distances.Select(d => (double)d).ToArray(), perplexity);
            double[] actual = Tsne.ConditionalProbabilities(distances, perplexity);
            for (int j = 0; j < distances.Length; j++) Assert.Equal(expected[j], actual[j], 1e-7);
        }
    }

    // Far points whose distances differ by thousands: shifting by anything but the nearest distance overflows exp.
    [Fact]
    public void Conditional_probabilities_of_far_points_with_a_wide_spread_stay_finite()
    {
        float[] distances = { 1000, 1001, 1002, 5000 };
        double[] expected = Calibrated(distances.Select(d => (double)d).ToArray(), 2);
        double[] actual = Tsne.ConditionalProbabilities(distances, 2);
        for (int j = 0; j < distances.Length; j++) Assert.Equal(expected[j], actual[j], 1e-7);
    }

    [Fact]
    public void Entropy_is_in_nats_and_skips_zero_probabilities()
    {
        Assert.Equal(Math.Log(2), Tsne.Entropy(new[] { 0.5, 0.5, 0 }), 14);
        Assert.Equal(-(0.25 * Math.Log(0.25) + 0.75 * Math.Log(0.75)), Tsne.Entropy(new[] { 0.25, 0.0, 0.75 }), 14);
        Assert.Equal(0, Tsne.Entropy(new[] { 1.0 }));
    }

    // ---------- the exact KL divergence ----------

    [Theory]
    [InlineData(20, 3.0)]   // k = 10: P's rows long enough for the vector loop and a remainder
    [InlineData(13, 12.0)]  // k = N - 1: every other row is a neighbour (the perplexity at its largest allowed value)
    public void Exact_kl_divergence_is_the_sum_over_all_pairs(int n, double perplexity)
    {
        float[] rows = GridRows(n, 3, seed: n);
        var random = new Random(1);
        float[] map = Enumerable.Range(0, 2 * n).Select(_ => (float)(random.NextDouble() * 6 - 3)).ToArray();
        var options = new TsneOptions { Perplexity = perplexity, MaxThreads = 1 };
        double expected = Kl(JointP(rows, 3, perplexity), map.Select(v => (double)v).ToArray());
        Assert.Equal(expected, Tsne.ExactKlDivergence(rows, 3, map, options), 1e-5 * expected);
    }

    [Fact]
    public void Exact_kl_divergence_without_options_uses_perplexity_30()
    {
        int n = 40;
        float[] rows = GridRows(n, 4, seed: 3);
        var random = new Random(4);
        float[] map = Enumerable.Range(0, 2 * n).Select(_ => (float)(random.NextDouble() * 10)).ToArray();
        double expected = Kl(JointP(rows, 4, 30), map.Select(v => (double)v).ToArray());
        Assert.Equal(expected, Tsne.ExactKlDivergence(rows, 4, map), 1e-5 * expected);
    }

    [Fact]
    public void Exact_kl_divergence_needs_the_rows()
    {
        Assert.Equal("rows", Assert.Throws<ArgumentNullException>(() => Tsne.ExactKlDivergence(null, 2, new float[4])).ParamName);
        Assert.Equal("map", Assert.Throws<ArgumentNullException>(() => Tsne.ExactKlDivergence(new float[4], 2, null)).ParamName);
        var error = Assert.Throws<ArgumentException>(() => Tsne.ExactKlDivergence(new float[6], 4, new float[4]));
        Assert.Equal("6 values are not whole rows of 4 (Parameter 'rows')", error.Message);
        error = Assert.Throws<ArgumentException>(() => Tsne.ExactKlDivergence(new float[6], 2, new float[5], new TsneOptions { Perplexity = 1 }));
        Assert.Equal("a map of 3 points needs 6 coordinates, got 5 (Parameter 'map')", error.Message);
    }

    // ---------- the settings' limits ----------

    [Fact]
    public void A_perplexity_of_the_rows_less_one_is_accepted()
    {
        float[] rows = GridRows(10, 3, seed: 5);
        TsneResult result = Tsne.Embed(rows, 3, new TsneOptions { Perplexity = 9, Iterations = 0, PcaInitialization = false, MaxThreads = 1 });
        Assert.Equal(20, result.Embedding.Length);
    }

    [Fact]
    public void Refusals_say_what_was_wrong_in_full()
    {
        float[] rows = GridRows(10, 3, seed: 5);
        string Message(TsneOptions options) => Assert.Throws<ArgumentException>(() => Tsne.Embed(rows, 3, options)).Message;
        Assert.Equal("perplexity 9.5 needs more than that many rows (got 10) and must be positive", Message(new TsneOptions { Perplexity = 9.5 }));
        Assert.Equal("perplexity -1 needs more than that many rows (got 10) and must be positive", Message(new TsneOptions { Perplexity = -1 }));
        Assert.Equal("theta must be in (0, 1), got 1.5", Message(new TsneOptions { Perplexity = 3, Theta = 1.5 }));
        Assert.Equal("repulsion must be one of Auto, BarnesHut, Fft, got -1", Message(new TsneOptions { Perplexity = 3, Repulsion = (TsneRepulsion)(-1) }));
        Assert.Equal("30 values are not whole rows of 4 (Parameter 'rows')", Assert.Throws<ArgumentException>(() => Tsne.Embed(rows, 4)).Message);
        Assert.Equal("rows", Assert.Throws<ArgumentNullException>(() => Tsne.Embed(null, 3)).ParamName);
    }

    [Fact]
    public void Theta_just_inside_its_range_is_accepted()
    {
        float[] rows = GridRows(10, 3, seed: 5);
        foreach (double theta in new[] { 1e-9, 0.999 })
            Assert.Equal(20, Tsne.Embed(rows, 3, new TsneOptions { Perplexity = 3, Theta = theta, Iterations = 1, PcaInitialization = false }).Embedding.Length);
    }

    // ---------- the starting maps ----------

    // sklearn's init='random': independent Gaussian coordinates with standard deviation 1e-4.
    [Fact]
    public void Random_start_is_gaussian_noise_of_standard_deviation_1e_minus_4()
    {
        int n = 2000;
        float[] rows = GridRows(n, 2, seed: 6);
        double[] start = StartOf(rows, 2, new TsneOptions { Perplexity = 2, PcaInitialization = false, Seed = 8 });
        double mean = start.Average(), sd = Math.Sqrt(start.Average(v => (v - mean) * (v - mean)));
        Assert.InRange(mean, -1e-5, 1e-5);
        Assert.InRange(sd, 0.95e-4, 1.05e-4);
        double fourth = start.Average(v => Math.Pow((v - mean) / sd, 4));
        Assert.InRange(fourth, 2.7, 3.3);   // a Gaussian's kurtosis is 3
        double[] other = StartOf(rows, 2, new TsneOptions { Perplexity = 2, PcaInitialization = false, Seed = 9 });
        Assert.NotEqual(start, other);
        Assert.Equal(start, StartOf(rows, 2, new TsneOptions { Perplexity = 2, PcaInitialization = false, Seed = 8 }));
    }

    // sklearn's init='pca': the projections on the first two principal components (signs: each component's largest
    // entry positive), scaled alike so that the first has standard deviation 1e-4.
    [Fact]
    public void Pca_start_is_the_first_two_principal_coordinates_scaled_to_1e_minus_4()
    {
        int n = 30, dims = 3;
        var random = new Random(7);
        var rows = new float[n * dims];
        for (int i = 0; i < n; i++)
        {
            double a = random.NextDouble() * 2 - 1, b = random.NextDouble() * 2 - 1, c = random.NextDouble() * 2 - 1;
            rows[i * dims] = (float)(5 * a + 0.3 * c + 1);
            rows[i * dims + 1] = (float)(2 * b - 3);
            rows[i * dims + 2] = (float)(0.2 * c + 0.5 * a);
        }
        double[] start = StartOf(rows, dims, new TsneOptions { Perplexity = 5, PcaInitialization = true, MaxThreads = 1 });

        // The principal directions by the covariance's eigen-decomposition (MathNet, no torch).
        var data = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.Dense(n, dims, (i, d) => rows[i * dims + d]);
        var means = data.ColumnSums() / n;
        var centred = data - MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.Dense(n, dims, (i, d) => means[d]);
        var evd = (centred.TransposeThisAndMultiply(centred) / (n - 1)).Evd(MathNet.Numerics.LinearAlgebra.Symmetricity.Symmetric);
        var projected = new double[2][];
        for (int component = 0; component < 2; component++)
        {
            var v = evd.EigenVectors.Column(dims - 1 - component);   // ascending eigenvalues
            if (v[v.AbsoluteMaximumIndex()] < 0) v = -v;
            projected[component] = (centred * v).ToArray();
        }
        double sd = Math.Sqrt(projected[0].Average(v => v * v));
        for (int i = 0; i < n; i++)
            for (int component = 0; component < 2; component++)
                Assert.Equal(1e-4 * projected[component][i] / sd, start[2 * i + component], 9);
    }

    // ---------- the optimization ----------

    [Fact]
    public void Steps_follow_the_exact_gradient_descent_through_both_stages()
    {
        int n = 20;
        float[] rows = GridRows(n, 3, seed: 10);
        TsneOptions options = Exact(iterations: 5, exaggerationIterations: 2);
        double[] start = StartOf(rows, 3, options);
        var (maps, _) = Descend(JointP(rows, 3, 3), start, options);
        TsneResult result = Tsne.Embed(rows, 3, options);
        AssertClose(maps[^1], result.Embedding, 1e-4, "after 5 iterations");
    }

    [Fact]
    public void History_progress_and_frames_come_every_report_interval_and_at_the_end()
    {
        int n = 20;
        float[] rows = GridRows(n, 3, seed: 10);
        TsneOptions options = Exact(iterations: 5, exaggerationIterations: 2);
        var (maps, kls) = Descend(JointP(rows, 3, 3), StartOf(rows, 3, options), options);
        var progress = new List<(int, double)>();
        var frames = new List<(int Iteration, float[] Map)>();
        options.Progress = (iteration, kl) => progress.Add((iteration, kl));
        options.Snapshot = (iteration, map) => frames.Add((iteration, map));
        TsneResult result = Tsne.Embed(rows, 3, options);

        Assert.Equal(new[] { 2, 4, 5 }, result.History.Select(h => h.Iteration));
        Assert.Equal(result.History, progress);
        Assert.Equal(new[] { 2, 4, 5 }, frames.Select(f => f.Iteration));
        foreach (var (iteration, kl) in result.History)
            Assert.True(Math.Abs(kls[iteration - 1] - kl) < 1e-5 * kls[iteration - 1], $"KL at {iteration}: {kl} vs {kls[iteration - 1]}");
        foreach (var (iteration, map) in frames) AssertClose(maps[iteration - 1], map, 1e-4, $"frame {iteration}");
        Assert.Equal(result.History[^1].KlDivergence, result.KlDivergence);
        Assert.Equal(result.Embedding, frames[^1].Map);
    }

    [Fact]
    public void No_iterations_leave_the_start_with_no_history_and_no_kl()
    {
        float[] rows = GridRows(12, 3, seed: 4);
        TsneResult result = Tsne.Embed(rows, 3, new TsneOptions { Perplexity = 3, Iterations = 0, PcaInitialization = false });
        Assert.Empty(result.History);
        Assert.True(double.IsNaN(result.KlDivergence));
        Assert.Equal(result.Embedding[2 * 5], result.X(5));
        Assert.Equal(result.Embedding[2 * 5 + 1], result.Y(5));
    }

    // More points than one work item holds (256), a learning rate given: one step of exaggerated descent.
    [Fact]
    public void A_first_step_over_several_work_items_follows_the_exact_gradient()
    {
        int n = 300;
        float[] rows = GridRows(n, 3, seed: 12);
        TsneOptions options = Exact(iterations: 1, exaggerationIterations: 250, threads: 2);
        options.LearningRate = 30;
        var (maps, _) = Descend(JointP(rows, 3, 3), StartOf(rows, 3, options), options);
        AssertClose(maps[0], Tsne.Embed(rows, 3, options).Embedding, 1e-4, "after one step");
    }

    // sklearn's learning_rate='auto': N / early exaggeration / 4 when that is above 50.
    [Fact]
    public void Automatic_learning_rate_is_the_points_over_four_times_the_exaggeration()
    {
        int n = 20;
        float[] rows = GridRows(n, 3, seed: 10);
        TsneOptions options = Exact(iterations: 2, exaggerationIterations: 2);
        options.EarlyExaggeration = 0.02;   // N / 0.02 / 4 = 250
        var (maps, _) = Descend(JointP(rows, 3, 3), StartOf(rows, 3, options), options);
        AssertClose(maps[^1], Tsne.Embed(rows, 3, options).Embedding, 1e-4, "with a learning rate of 250");
    }

    [Fact]
    public void Fft_repulsion_follows_the_exact_gradient_on_a_small_map()
    {
        int n = 20;
        float[] rows = GridRows(n, 3, seed: 10);
        TsneOptions options = Exact(iterations: 3, exaggerationIterations: 2);
        options.Repulsion = TsneRepulsion.Fft;
        var (maps, kls) = Descend(JointP(rows, 3, 3), StartOf(rows, 3, options), options);
        TsneResult result = Tsne.Embed(rows, 3, options);
        AssertClose(maps[^1], result.Embedding, 2e-3, "by FFT");
        Assert.True(Math.Abs(kls[^1] - result.KlDivergence) < 1e-3 * kls[^1], $"KL {result.KlDivergence} vs {kls[^1]}");
    }

    [Fact]
    public void Fft_on_two_threads_follows_the_exact_gradient_too()
    {
        int n = 20;
        float[] rows = GridRows(n, 3, seed: 10);
        TsneOptions options = Exact(iterations: 2, exaggerationIterations: 1, threads: 2);
        options.Repulsion = TsneRepulsion.Fft;
        var (maps, _) = Descend(JointP(rows, 3, 3), StartOf(rows, 3, options), options);
        AssertClose(maps[^1], Tsne.Embed(rows, 3, options).Embedding, 2e-3, "by FFT on two threads");
    }

    // ---------- the points' order in memory ----------

    // The Morton (Z) order of the points' cells on a 65,536 x 65,536 grid over the map: x's bits in the even places
    // of the key, y's in the odd ones; equal keys in index order. Read through reflection: the order is an inside
    // matter (memory locality), invisible in the maps, which come back in the caller's order.
    static int[] MortonOrder(double[] y)
    {
        int n = y.Length / 2;
        double minX = Enumerable.Range(0, n).Min(i => y[2 * i]), maxX = Enumerable.Range(0, n).Max(i => y[2 * i]);
        double minY = Enumerable.Range(0, n).Min(i => y[2 * i + 1]), maxY = Enumerable.Range(0, n).Max(i => y[2 * i + 1]);
        long Key(int i)
        {
            long cellX = (long)((y[2 * i] - minX) * (65535 / Math.Max(maxX - minX, 1e-300)));
            long cellY = (long)((y[2 * i + 1] - minY) * (65535 / Math.Max(maxY - minY, 1e-300)));
            long key = 0;
            for (int bit = 0; bit < 16; bit++) key += (((cellX >> bit) & 1) << (2 * bit)) + (((cellY >> bit) & 1) << (2 * bit + 1));
            return key;
        }
        return Enumerable.Range(0, n).OrderBy(Key).ThenBy(i => i).ToArray();
    }

    static int[] MapOrder(double[] y) =>
        (int[])typeof(Tsne).GetMethod("MapOrder", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!.Invoke(null, new object[] { y });

    [Fact]
    public void Points_are_kept_in_the_z_order_of_their_map_cells_ties_by_index()
    {
        var random = new Random(13);
        double[] y = new double[2 * 300];
        for (int c = 0; c < y.Length; c++) y[c] = c % 2 == 0 ? random.NextDouble() * 40 - 25 : random.NextDouble() * 3 + 100;
        for (int i = 250; i < 300; i++) { y[2 * i] = y[2 * (i - 250)]; y[2 * i + 1] = y[2 * (i - 250) + 1]; }   // 50 pairs on one place
        Assert.Equal(MortonOrder(y), MapOrder(y));
        // Cells (0, 0), (65535, 0), (0, 65535), (65535, 65535) and (32767, 32767): keys 0, 0x55555555, 0xAAAAAAAA,
        // 0xFFFFFFFF and 2^30 - 1 (fifteen bits of each), so the middle comes second.
        double[] corners = { 0, 0, 1, 0, 0, 1, 1, 1, 0.5, 0.5 };
        Assert.Equal(new[] { 0, 4, 1, 2, 3 }, MapOrder(corners));
        Assert.Equal(new[] { 0, 1, 2 }, MapOrder(new double[] { 5, 5, 5, 5, 5, 5 }));   // one place: all keys 0
    }

    // More than 1,024 points: the vector sums of the Cauchy kernel are emptied into double precision every 1,024.
    [Fact]
    public void Exact_kl_divergence_of_more_than_1024_points_is_the_sum_over_all_pairs()
    {
        int n = 1100;
        float[] rows = GridRows(n, 2, seed: 21);
        var random = new Random(22);
        float[] map = Enumerable.Range(0, 2 * n).Select(_ => (float)(random.NextDouble() * 30)).ToArray();
        double expected = Kl(JointP(rows, 2, 1.5), map.Select(v => (double)v).ToArray());
        Assert.Equal(expected, Tsne.ExactKlDivergence(rows, 2, map, new TsneOptions { Perplexity = 1.5 }), 1e-5 * expected);
    }
}
