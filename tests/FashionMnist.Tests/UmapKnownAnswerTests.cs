using MathNet.Numerics.LinearAlgebra;
using Xunit;

/// <summary>
/// lib/Embedding/Umap.cs against slow, obvious versions written here: each point's rho and sigma by a bisection of
/// its own, the fuzzy union over all pairs, the curve's least squares checked at its minimum, the spectral start
/// against a dense eigen-decomposition, and umap-learn's layout loop (optimize_layout_euclidean) epoch by epoch, its
/// negative samples drawn by the generator the file names (SplitMix64 of the seed, then xorshift64*).
/// </summary>
public class UmapKnownAnswerTests
{
    // ---------- the oracle ----------

    // Sigma with sum_j exp(-max(0, d_j - rho) / sigma) = log2(k + 1), by bisection on log(sigma).
    static (double Rho, double Sigma) Scale(double[] distances, double floorWhenRhoIsZero)
    {
        double rho = distances.FirstOrDefault(d => d > 0), target = Math.Log2(distances.Length + 1);
        double Sum(double sigma) => distances.Sum(d => d > rho ? Math.Exp(-(d - rho) / sigma) : 1);
        double low = -50, high = 50;
        for (int step = 0; step < 200; step++)
        {
            double middle = (low + high) / 2;
            if (Sum(Math.Exp(middle)) > target) high = middle; else low = middle;
        }
        double sigma = Math.Exp((low + high) / 2);
        double floor = rho > 0 ? 1e-3 * distances.Sum() / (distances.Length + 1) : floorWhenRhoIsZero;
        return (rho, Math.Max(sigma, floor));
    }

    static double Distance(float[] rows, int dims, int i, int j)
    {
        float sum = 0;
        for (int d = 0; d < dims; d++) sum += (rows[i * dims + d] - rows[j * dims + d]) * (rows[i * dims + d] - rows[j * dims + d]);
        return MathF.Sqrt(sum);
    }

    // The fuzzy graph, dense, with each point's rho and sigma.
    static (double[,] Weights, double[] Rhos, double[] Sigmas) FuzzyGraphOf(float[] rows, int dims, int others)
    {
        int n = rows.Length / dims;
        var nearest = new int[n][];
        for (int i = 0; i < n; i++)
            nearest[i] = Enumerable.Range(0, n).Where(j => j != i).OrderBy(j => Distance(rows, dims, i, j)).ThenBy(j => j).Take(others).ToArray();
        double floor = 1e-3 * Enumerable.Range(0, n).Sum(i => nearest[i].Sum(j => Distance(rows, dims, i, j))) / (n * (others + 1.0));
        var directed = new double[n, n];
        var rhos = new double[n];
        var sigmas = new double[n];
        for (int i = 0; i < n; i++)
        {
            double[] d = nearest[i].Select(j => Distance(rows, dims, i, j)).ToArray();
            (rhos[i], sigmas[i]) = Scale(d, floor);
            for (int m = 0; m < others; m++) directed[i, nearest[i][m]] = d[m] <= rhos[i] ? 1 : Math.Exp(-(d[m] - rhos[i]) / sigmas[i]);
        }
        var union = new double[n, n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++) union[i, j] = directed[i, j] + directed[j, i] - directed[i, j] * directed[j, i];
        return (union, rhos, sigmas);
    }

    sealed class XorShiftStar
    {
        ulong _state;
        public XorShiftStar(int seed)
        {
            ulong z = unchecked((ulong)seed + 0x9E3779B97F4A7C15UL);
            z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
            z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
            _state = (z ^ (z >> 31)) | 1;
        }
        public int Below(int n)
        {
            _state ^= _state >> 12; _state ^= _state << 25; _state ^= _state >> 27;
            return (int)(unchecked(_state * 0x2545F4914F6CDD1DUL) >> 33) % n;
        }
    }

    // umap-learn's optimize_layout_euclidean, one edge after another, rows in order: the map after each epoch.
    static List<double[]> Layout(FuzzyGraph graph, double[] start, double a, double b, int epochs, UmapOptions options)
    {
        int n = graph.Count;
        double[] y = (double[])start.Clone();
        double strongest = graph.Weights.Max();
        var edges = new List<(int I, int J, double EpochsPerSample)>();
        for (int i = 0; i < n; i++)
            for (int e = graph.RowStart[i]; e < graph.RowStart[i + 1]; e++)
                if (graph.Weights[e] >= strongest / epochs) edges.Add((i, graph.Columns[e], strongest / graph.Weights[e]));
        double[] next = edges.Select(e => e.EpochsPerSample).ToArray();
        double[] nextNegative = edges.Select(e => e.EpochsPerSample / Math.Max(1, options.NegativeSampleRate)).ToArray();
        var random = new XorShiftStar(options.Seed);
        double Clip(double v) => Math.Max(-4, Math.Min(4, v));
        var maps = new List<double[]>();
        double alpha = options.LearningRate;
        for (int epoch = 0; epoch < epochs; epoch++)
        {
            for (int e = 0; e < edges.Count; e++)
            {
                if (next[e] > epoch) continue;
                var (i, j, every) = edges[e];
                double dx = y[2 * i] - y[2 * j], dy = y[2 * i + 1] - y[2 * j + 1], d2 = dx * dx + dy * dy;
                if (d2 > 0)
                {
                    double pull = -2 * a * b * Math.Pow(d2, b - 1) / (1 + a * Math.Pow(d2, b));
                    double gx = Clip(pull * dx) * alpha, gy = Clip(pull * dy) * alpha;
                    y[2 * i] += gx; y[2 * i + 1] += gy; y[2 * j] -= gx; y[2 * j + 1] -= gy;
                }
                next[e] += every;
                double everyNegative = every / Math.Max(1, options.NegativeSampleRate);
                int negatives = options.NegativeSampleRate == 0 ? 0 : (int)((epoch - nextNegative[e]) / everyNegative);
                for (int s = 0; s < negatives; s++)
                {
                    int k = random.Below(n);
                    if (k == i) continue;
                    dx = y[2 * i] - y[2 * k]; dy = y[2 * i + 1] - y[2 * k + 1]; d2 = dx * dx + dy * dy;
                    if (d2 <= 0) continue;
                    double push = 2 * options.RepulsionStrength * b / ((0.001 + d2) * (1 + a * Math.Pow(d2, b)));
                    y[2 * i] += Clip(push * dx) * alpha;
                    y[2 * i + 1] += Clip(push * dy) * alpha;
                }
                nextNegative[e] += negatives * everyNegative;
            }
            alpha = options.LearningRate * (1 - (double)epoch / epochs);
            maps.Add((double[])y.Clone());
        }
        return maps;
    }

    // The map Embed starts from: the same run with a step so small that nothing moves.
    static double[] StartOf(float[] rows, int dims, UmapOptions options)
    {
        var still = new UmapOptions
        {
            NeighborCount = options.NeighborCount, MinDistance = options.MinDistance, Spread = options.Spread, Epochs = options.Epochs,
            LearningRate = 1e-300, NegativeSampleRate = options.NegativeSampleRate, RepulsionStrength = options.RepulsionStrength,
            SpectralInitialization = options.SpectralInitialization, Seed = options.Seed, MaxThreads = options.MaxThreads,
        };
        return Umap.Embed(rows, dims, still).Embedding.Select(v => (double)v).ToArray();
    }

    static float[] Cloud(int n, int dims, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, n * dims).Select(v => (float)(random.NextDouble() * (1 + v % dims))).ToArray();
    }

    static void AssertClose(double[] expected, float[] actual, double tolerance, string what)
    {
        for (int c = 0; c < expected.Length; c++)
            Assert.True(Math.Abs(expected[c] - actual[c]) <= tolerance, $"{what}: coordinate {c} is {actual[c]}, the oracle says {expected[c]}");
    }

    // ---------- 1. the fuzzy graph ----------

    [Fact]
    public void Sigma_is_found_by_bisection_and_rho_is_the_nearest_distance()
    {
        var random = new Random(3);
        for (int trial = 0; trial < 5; trial++)
        {
            float[] distances = Enumerable.Range(0, 3 + 2 * trial).Select(_ => (float)(0.5 + random.NextDouble() * 4)).OrderBy(d => d).ToArray();
            var (rho, sigma) = Scale(distances.Select(d => (double)d).ToArray(), 0);
            var (actualRho, actualSigma) = Umap.LocalScale(distances);
            Assert.Equal(rho, actualRho);
            Assert.True(Math.Abs(actualSigma - sigma) < 1e-4 * sigma, $"sigma {actualSigma} vs {sigma}");
        }
    }

    // Three neighbours at the nearest distance already weigh 3 > log2(5): sigma shrinks to nothing, and the floor,
    // 1e-3 x the mean distance with the point's own 0 counted, takes over.
    [Fact]
    public void Sigma_is_at_least_a_thousandth_of_the_mean_distance()
    {
        var (rho, sigma) = Umap.LocalScale(new float[] { 1, 1, 1, 1000 });
        Assert.Equal(1, rho);
        Assert.Equal(1e-3 * 1003 / 5, sigma, 12);
    }

    [Fact]
    public void A_point_whose_neighbours_all_sit_on_it_gets_the_floor_it_is_given()
    {
        var (rho, sigma) = Umap.LocalScale(new float[] { 0, 0, 0 }, floorWhenRhoIsZero: 0.25);
        Assert.Equal(0, rho);
        Assert.Equal(0.25, sigma);
    }

    [Fact]
    public void One_neighbour_weighs_one()
    {
        var (rho, sigma) = Umap.LocalScale(new float[] { 2 });   // target log2(2) = 1: met at once
        Assert.Equal(2, rho);
        Assert.Equal(1, sigma);
    }

    [Fact]
    public void Fuzzy_graph_is_the_fuzzy_union_of_each_points_memberships()
    {
        int n = 14, dims = 3, others = 4;
        float[] rows = Cloud(n, dims, seed: 8);
        var (weights, rhos, sigmas) = FuzzyGraphOf(rows, dims, others);
        FuzzyGraph graph = Umap.Graph(ExactNeighbors.Find(rows, dims, others), maxThreads: 1);
        Assert.Equal(n, graph.Count);
        for (int i = 0; i < n; i++)
        {
            Assert.Equal(rhos[i], graph.Rhos[i], 6);
            Assert.True(Math.Abs(graph.Sigmas[i] - sigmas[i]) < 1e-4 * sigmas[i], $"sigma of {i}: {graph.Sigmas[i]} vs {sigmas[i]}");
            int[] columns = graph.Columns[graph.RowStart[i]..graph.RowStart[i + 1]];
            Assert.Equal(Enumerable.Range(0, n).Where(j => weights[i, j] > 0), columns);
            for (int j = 0; j < n; j++) Assert.Equal(weights[i, j], graph.Weight(i, j), 1e-4);
        }
    }

    // Four copies of one point and a few others: the copies' rows are all zeros, so their sigma is the floor for
    // such rows, 1e-3 x the mean of every neighbour distance in the graph, and their memberships are all 1.
    [Fact]
    public void Duplicate_points_take_the_graphs_floor_for_sigma()
    {
        float[] rows = { 0, 0, 0, 0, 5, 7.5f, 9, 12.5f };
        int others = 3;
        var (weights, rhos, sigmas) = FuzzyGraphOf(rows, 1, others);
        FuzzyGraph graph = Umap.Graph(ExactNeighbors.Find(rows, 1, others));
        for (int i = 0; i < rows.Length; i++)
        {
            Assert.Equal(rhos[i], graph.Rhos[i], 6);
            Assert.True(Math.Abs(graph.Sigmas[i] - sigmas[i]) < 1e-4 * sigmas[i], $"sigma of {i}: {graph.Sigmas[i]} vs {sigmas[i]}");
            for (int j = 0; j < rows.Length; j++) Assert.Equal(weights[i, j], graph.Weight(i, j), 1e-4);
        }
        Assert.Equal(0, graph.Rhos[0]);
        Assert.Equal(1, graph.Weight(0, 1));
    }

    // ---------- 2. the curve ----------

    static double SquaredError(double a, double b, double minDistance, double spread)
    {
        double sum = 0;
        for (int i = 0; i < 300; i++)
        {
            double x = 3 * spread * i / 299, target = x < minDistance ? 1 : Math.Exp(-(x - minDistance) / spread);
            double r = 1 / (1 + a * Math.Pow(x, 2 * b)) - target;
            sum += r * r;
        }
        return sum;
    }

    [Theory]
    [InlineData(0.1, 1.0)]
    [InlineData(0.0, 1.0)]
    [InlineData(0.5, 2.0)]
    [InlineData(1.0, 1.0)]
    public void Curve_is_the_least_squares_fit_at_300_distances(double minDistance, double spread)
    {
        var (a, b) = Umap.FitCurve(minDistance, spread);
        double best = SquaredError(a, b, minDistance, spread);
        foreach (double step in new[] { 1e-3, 1e-4 })
            foreach (var (da, db) in new[] { (1.0, 0.0), (-1.0, 0.0), (0.0, 1.0), (0.0, -1.0), (1.0, 1.0), (-1.0, -1.0), (1.0, -1.0), (-1.0, 1.0) })
                Assert.True(SquaredError(a * (1 + da * step), b * (1 + db * step), minDistance, spread) >= best,
                    $"a = {a}, b = {b} is not a minimum: ({da}, {db}) x {step} is lower");
    }

    [Fact]
    public void Curve_without_arguments_is_the_default_one()
    {
        Assert.Equal(Umap.FitCurve(0.1, 1.0), Umap.FitCurve());
    }

    // ---------- 3. the start ----------

    // One connected cloud: the start is the second and third eigenvectors of D^-1/2 W D^-1/2 of the graph, its edges
    // below max / epochs dropped (max / 500 for 10 epochs or fewer, as umap-learn), each coordinate scaled to [0, 10];
    // signs are free. 70 points: more than the solver's basis of 48 holds.
    [Theory]
    [InlineData(50, 50)]
    [InlineData(11, 11)]
    [InlineData(10, 500)]
    public void Spectral_start_is_the_graphs_next_two_eigenvectors_scaled_to_the_box(int epochs, int dropBelowOneIn)
    {
        int n = 70;
        float[] rows = Cloud(n, 3, seed: 5);
        var options = new UmapOptions { NeighborCount = 8, Epochs = epochs, Seed = 2, MaxThreads = 1 };
        double[] start = StartOf(rows, 3, options);
        FuzzyGraph graph = Umap.Graph(ExactNeighbors.Find(rows, 3, 7));
        double threshold = graph.Weights.Max() / dropBelowOneIn;
        var w = Matrix<double>.Build.Dense(n, n, (i, j) => graph.Weight(i, j) >= threshold ? graph.Weight(i, j) : 0);
        var degree = w.RowSums();
        var s = Matrix<double>.Build.Dense(n, n, (i, j) => w[i, j] / Math.Sqrt(degree[i] * degree[j]));
        var evd = s.Evd(Symmetricity.Symmetric);   // ascending eigenvalues
        Assert.True(evd.EigenValues[n - 2].Real - evd.EigenValues[n - 3].Real > 1e-3 && evd.EigenValues[n - 3].Real - evd.EigenValues[n - 4].Real > 1e-3);
        for (int d = 0; d < 2; d++)
        {
            var v = evd.EigenVectors.Column(n - 2 - d);
            if (start[d] > 5 != v[0] > v.Average()) v = -v;   // pick the sign that matches
            double low = v.Min(), high = v.Max();
            for (int i = 0; i < n; i++)
                Assert.True(Math.Abs(10 * (v[i] - low) / (high - low) - start[2 * i + d]) < 1e-3,
                    $"point {i}, coordinate {d}: {start[2 * i + d]} vs {10 * (v[i] - low) / (high - low)}");
        }
    }

    [Fact]
    public void Spectral_start_of_one_cloud_says_how_many_graph_products_it_took()
    {
        float[] rows = Cloud(40, 3, seed: 5);
        UmapResult result = Umap.Embed(rows, 3, new UmapOptions { NeighborCount = 8, Epochs = 2, MaxThreads = 1 });
        Assert.Matches(@"^spectral \([1-9]\d* graph products\)$", result.Initialization);
    }

    // Two clouds far apart are two components: the first goes to +x, the second to +y.
    [Fact]
    public void Two_components_start_side_by_side_on_the_axes()
    {
        float[] rows = GaussianClusters.Of(2, 12, 2, seed: 3, out int[] labels);
        var options = new UmapOptions { NeighborCount = 4, Epochs = 20, Seed = 1, MaxThreads = 1 };
        double[] start = StartOf(rows, 2, options);
        UmapResult result = Umap.Embed(rows, 2, options);
        Assert.Matches(@"^spectral, 2 connected components side by side \(\d+ graph products\)$", result.Initialization);
        double MeanOf(int cluster, int d) => Enumerable.Range(0, labels.Length).Where(i => labels[i] == cluster).Average(i => start[2 * i + d]);
        int first = labels[0], second = 1 - first;
        Assert.True(MeanOf(first, 0) > MeanOf(second, 0) + 3, "the first component should start to the right");
        Assert.True(MeanOf(first, 1) < MeanOf(second, 1) - 3, "the second component should start above");
    }

    // Five triples along a line, each a component of 3 points: too small for the eigen-solver, so each fills a square
    // of uniform noise around its centre; with more than four components the centres follow the data (one
    // dimension: the centroids themselves), so the triples start in the line's order (the y coordinates, noise
    // around one line, are stretched to the box like the x ones).
    [Fact]
    public void Many_small_components_start_in_the_order_of_their_centroids()
    {
        float[] rows = { 0, 0.1f, 0.3f, 10, 10.2f, 10.3f, 20, 20.1f, 20.2f, 30, 30.3f, 30.1f, 40, 40.1f, 40.2f };
        var options = new UmapOptions { NeighborCount = 3, Epochs = 20, Seed = 4, MaxThreads = 1 };
        double[] start = StartOf(rows, 1, options);
        Assert.Equal("spectral, 5 connected components side by side (0 graph products)", Umap.Embed(rows, 1, options).Initialization);
        double[] x = Enumerable.Range(0, 5).Select(c => Enumerable.Range(3 * c, 3).Average(i => start[2 * i])).ToArray();
        for (int c = 0; c + 1 < 5; c++) Assert.True(x[c + 1] > x[c] + 1, $"triple {c + 1} at {x[c + 1]}, triple {c} at {x[c]}");
        for (int i = 0; i < 15; i++)   // each triple inside its own square, half as wide as the gap to the next centre
            Assert.True(Math.Abs(start[2 * i] - x[i / 3]) < 10.0 / 4 / 2 + 0.1, $"point {i} strays from its triple");
    }

    // Up to four components go on the unit axes in the order of their first points: +x, +y, -x, -y.
    [Fact]
    public void Four_components_start_on_the_four_half_axes()
    {
        float[] rows = { 0, 0.1f, 0.3f, 10, 10.2f, 10.3f, 20, 20.1f, 20.2f, 30, 30.3f, 30.1f };
        double[] start = StartOf(rows, 1, new UmapOptions { NeighborCount = 3, Epochs = 20, Seed = 4, MaxThreads = 1 });
        double Mean(int triple, int d) => Enumerable.Range(3 * triple, 3).Average(i => start[2 * i + d]);
        double[] x = Enumerable.Range(0, 4).Select(c => Mean(c, 0)).ToArray(), y = Enumerable.Range(0, 4).Select(c => Mean(c, 1)).ToArray();
        Assert.Equal(0, Array.IndexOf(x, x.Max()));
        Assert.Equal(1, Array.IndexOf(y, y.Max()));
        Assert.Equal(2, Array.IndexOf(x, x.Min()));
        Assert.Equal(3, Array.IndexOf(y, y.Min()));
    }

    // Five triples in three dimensions: the centres are the centroids' first two principal coordinates.
    [Fact]
    public void Many_components_in_several_dimensions_start_at_their_principal_coordinates()
    {
        float[] rows = new float[15 * 3];
        var random = new Random(2);
        for (int i = 0; i < 15; i++)
        {
            int c = i / 3;
            rows[3 * i] = 10 * c + (float)random.NextDouble() * 0.1f;
            rows[3 * i + 1] = (c % 2) * 4 + (float)random.NextDouble() * 0.1f;
            rows[3 * i + 2] = (float)random.NextDouble() * 0.1f;
        }
        double[] start = StartOf(rows, 3, new UmapOptions { NeighborCount = 3, Epochs = 20, Seed = 4, MaxThreads = 1 });
        double[] x = Enumerable.Range(0, 5).Select(c => Enumerable.Range(3 * c, 3).Average(i => start[2 * i])).ToArray();
        bool rising = x[1] > x[0];
        for (int c = 0; c + 1 < 5; c++) Assert.True(rising ? x[c + 1] > x[c] + 0.5 : x[c + 1] < x[c] - 0.5, $"triples at {string.Join(", ", x)}");
        double[] y = Enumerable.Range(0, 5).Select(c => Enumerable.Range(3 * c, 3).Average(i => start[2 * i + 1])).ToArray();
        Assert.True(Math.Abs(y[0] - y[2]) < Math.Abs(y[0] - y[1]) && Math.Abs(y[1] - y[3]) < Math.Abs(y[0] - y[1]), $"zigzag {string.Join(", ", y)}");
    }

    [Fact]
    public void Random_start_fills_the_box_from_0_to_10()
    {
        float[] rows = Cloud(30, 2, seed: 1);
        double[] start = StartOf(rows, 2, new UmapOptions { NeighborCount = 5, Epochs = 20, SpectralInitialization = false, Seed = 6 });
        for (int d = 0; d < 2; d++)
        {
            double[] coordinate = Enumerable.Range(0, 30).Select(i => start[2 * i + d]).ToArray();
            Assert.Equal(0, coordinate.Min(), 5);
            Assert.Equal(10, coordinate.Max(), 5);
        }
        Assert.NotEqual(start, StartOf(rows, 2, new UmapOptions { NeighborCount = 5, Epochs = 20, SpectralInitialization = false, Seed = 7 }));
    }

    // ---------- 4. the layout ----------

    // The start is read back in single precision, and the loop magnifies that rounding (the clipped steps are chaotic
    // on a small cloud: 1e-6 after one epoch, 1e-3 after six), so the maps are compared over the first four epochs.
    static void AssertFollowsTheLoop(UmapOptions options, string what)
    {
        float[] rows = Cloud(25, 3, seed: 9);
        double[] start = StartOf(rows, 3, options);
        var reports = new List<float[]>();
        options.Progress = (_, map) => reports.Add(map);
        options.ReportEvery = 1;
        UmapResult result = Umap.Embed(rows, 3, options);
        List<double[]> maps = Layout(result.Graph, start, result.A, result.B, options.Epochs, options);
        Assert.Equal(options.Epochs, reports.Count);
        for (int epoch = 0; epoch < 4; epoch++) AssertClose(maps[epoch], reports[epoch], 2e-4, $"{what}, epoch {epoch + 1}");
    }

    [Fact]
    public void Layout_without_negative_samples_is_umap_learns_loop() =>
        AssertFollowsTheLoop(new UmapOptions { NeighborCount = 6, Epochs = 12, NegativeSampleRate = 0, SpectralInitialization = false, Seed = 5, MaxThreads = 1 },
            "no negative samples");

    [Fact]
    public void Layout_with_negative_samples_is_umap_learns_loop() =>
        AssertFollowsTheLoop(new UmapOptions
        {
            NeighborCount = 6, Epochs = 15, NegativeSampleRate = 3, RepulsionStrength = 1.5, LearningRate = 0.7, MinDistance = 0.3, Spread = 1.2,
            SpectralInitialization = false, Seed = 5, MaxThreads = 1,
        }, "3 negative samples per edge");

    [Fact]
    public void Progress_reports_every_interval_and_the_last_epoch_with_the_map_so_far()
    {
        float[] rows = Cloud(25, 3, seed: 9);
        var options = new UmapOptions { NeighborCount = 6, Epochs = 7, ReportEvery = 3, NegativeSampleRate = 2, SpectralInitialization = false, Seed = 5, MaxThreads = 1 };
        double[] start = StartOf(rows, 3, options);
        var reports = new List<(int Epoch, float[] Map)>();
        options.Progress = (epoch, map) => reports.Add((epoch, map));
        UmapResult result = Umap.Embed(rows, 3, options);
        List<double[]> maps = Layout(result.Graph, start, result.A, result.B, 7, options);
        Assert.Equal(new[] { 3, 6, 7 }, reports.Select(r => r.Epoch));
        foreach (var (epoch, map) in reports) AssertClose(maps[epoch - 1], map, 1e-3, $"epoch {epoch}");
        Assert.Equal(result.Embedding, reports[^1].Map);
    }

    [Fact]
    public void Result_holds_the_curve_the_whole_graph_the_epochs_and_the_steps()
    {
        float[] rows = Cloud(20, 2, seed: 3);
        var options = new UmapOptions { NeighborCount = 5, MinDistance = 0.2, Spread = 1.5, Epochs = 3, Seed = 1 };
        UmapResult result = Umap.Embed(rows, 2, options);
        Assert.Equal(Umap.FitCurve(0.2, 1.5), (result.A, result.B));
        Assert.Equal(3, result.Epochs);
        Assert.Equal(new[] { "neighbours", "graph and start", "layout" }, result.Steps.Select(s => s.Step));
        Assert.All(result.Steps, s => Assert.True(s.Seconds >= 0));
        FuzzyGraph whole = Umap.Graph(ExactNeighbors.Find(rows, 2, 4));
        Assert.Equal(whole.RowStart, result.Graph.RowStart);
        Assert.Equal(whole.Columns, result.Graph.Columns);
        Assert.Equal(whole.Weights, result.Graph.Weights);
        Assert.Equal(result.Embedding[6], result.X(3));
        Assert.Equal(result.Embedding[7], result.Y(3));
    }

    [Fact]
    public void Default_epochs_for_a_small_data_set_are_500()
    {
        float[] rows = Cloud(12, 2, seed: 3);
        var reports = new List<int>();
        UmapResult result = Umap.Embed(rows, 2, new UmapOptions { NeighborCount = 3, Progress = (epoch, _) => reports.Add(epoch), ReportEvery = 100 });
        Assert.Equal(500, result.Epochs);
        Assert.Equal(new[] { 100, 200, 300, 400, 500 }, reports);
    }

    [Fact]
    public void Settings_at_their_limits_are_accepted()
    {
        float[] rows = Cloud(6, 2, seed: 3);
        Assert.Equal(12, Umap.Embed(rows, 2, new UmapOptions { NeighborCount = 2, Epochs = 1 }).Embedding.Length);
        Assert.Equal(12, Umap.Embed(rows, 2, new UmapOptions { NeighborCount = 6, Epochs = 1 }).Embedding.Length);
        Assert.Equal(12, Umap.Embed(rows, 2, new UmapOptions { NeighborCount = 3, MinDistance = 1, Spread = 1, Epochs = 1 }).Embedding.Length);
        Assert.Equal(12, Umap.Embed(rows, 2, new UmapOptions { NeighborCount = 3, MinDistance = 0, Epochs = 1, NegativeSampleRate = 0, ReportEvery = 1 }).Embedding.Length);
        Assert.Equal(12, Umap.Embed(rows, 2, new UmapOptions { NeighborCount = 3, Epochs = 1, LearningRate = 1e-9 }).Embedding.Length);
    }

    [Fact]
    public void Refusals_name_the_setting_in_full()
    {
        float[] rows = Cloud(6, 2, seed: 3);
        string Message(UmapOptions options) => Assert.Throws<ArgumentException>(() => Umap.Embed(rows, 2, options)).Message;
        Assert.Equal("need 0 <= MinDistance <= Spread and Spread > 0, got MinDistance 1.5, Spread 1", Message(new UmapOptions { NeighborCount = 3, MinDistance = 1.5 }));
        Assert.Equal("need 0 <= MinDistance <= Spread and Spread > 0, got MinDistance NaN, Spread 1", Message(new UmapOptions { NeighborCount = 3, MinDistance = double.NaN }));
        Assert.Equal("need 0 <= MinDistance <= Spread and Spread > 0, got MinDistance 0, Spread NaN", Message(new UmapOptions { NeighborCount = 3, MinDistance = 0, Spread = double.NaN }));
        Assert.Equal("LearningRate must be positive, got NaN", Message(new UmapOptions { NeighborCount = 3, LearningRate = double.NaN }));
        Assert.Equal("NeighborCount = 7 (the point itself included) needs at least that many rows, got 6", Message(new UmapOptions { NeighborCount = 7 }));
        Assert.Equal("12 values are not whole rows of 5 (Parameter 'rows')", Assert.Throws<ArgumentException>(() => Umap.Embed(rows, 5)).Message);
        Assert.Equal("12 values are not whole rows of 0 (Parameter 'rows')", Assert.Throws<ArgumentException>(() => Umap.Embed(rows, 0)).Message);
        Assert.Equal("rows contain NaN or infinity (Parameter 'rows')", Assert.Throws<ArgumentException>(() => Umap.Embed([.. rows[..^1], float.NaN], 2, new UmapOptions { NeighborCount = 3 })).Message);
        Assert.Equal("rows", Assert.Throws<ArgumentNullException>(() => Umap.Embed(null, 2)).ParamName);
        Assert.Equal("neighbors", Assert.Throws<ArgumentNullException>(() => Umap.Graph(null)).ParamName);
        Assert.Equal("need 0 <= minDistance <= spread and spread > 0, got minDistance NaN, spread 1", Assert.Throws<ArgumentException>(() => Umap.FitCurve(double.NaN, 1)).Message);
        Assert.Equal("need 0 <= minDistance <= spread and spread > 0, got minDistance 0, spread NaN", Assert.Throws<ArgumentException>(() => Umap.FitCurve(0, double.NaN)).Message);
    }

    [Fact]
    public void Eigen_solver_refuses_more_vectors_than_its_basis_holds()
    {
        var error = Assert.Throws<ArgumentException>(() => Umap.LargestEigenvectors((x, r) => x.CopyTo(r, 0), 5, 5, new double[5], new Random(1), out _));
        Assert.Equal("5 eigenvectors wanted of a 5-point space", error.Message);
        double[][] four = Umap.LargestEigenvectors((x, r) => { for (int i = 0; i < 6; i++) r[i] = (i + 1) * x[i]; }, 6, 4,
            new double[] { 0, 0, 0, 0, 0, 1 }, new Random(1), out _);
        for (int v = 0; v < 4; v++) Assert.Equal(1, Math.Abs(four[v][4 - v]), 6);   // eigenvalues 5, 4, 3, 2 (6 excluded)
    }

    // 300 dimensions: the basis (48 vectors) cannot hold the space, so the solver restarts from its best Ritz vectors.
    [Fact]
    public void Eigen_solver_restarts_until_the_largest_eigenvectors_converge()
    {
        int size = 300;
        var excluded = new double[size];
        excluded[size - 1] = 1;
        double[][] vectors = Umap.LargestEigenvectors((x, result) => { for (int i = 0; i < size; i++) result[i] = (1 + i / 30.0) * x[i]; },
            size, 2, excluded, new Random(4), out int products);
        Assert.NotNull(vectors);
        Assert.True(products > 48, $"{products} products: no restart");
        Assert.Equal(1, Math.Abs(vectors[0][size - 2]), 4);
        Assert.Equal(1, Math.Abs(vectors[1][size - 3]), 4);
        Assert.Equal(1, vectors[0].Sum(v => v * v), 8);
        Assert.Equal(0, vectors[0].Zip(vectors[1], (a, b) => a * b).Sum(), 8);
    }
}
