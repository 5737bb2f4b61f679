using Xunit;

public class UmapTests
{
    static UmapOptions Quick(int threads = -1, int seed = 3) => new() { Epochs = 200, Seed = seed, MaxThreads = threads };

    // Four points on a line, x = 0, 1, 3, 7, with k = 3 (the point and its 2 nearest others); target log2(3) = 1.585.
    // Each point's nearest other gets weight 1 (distance = rho); the second gets x with 1 + x = log2(3), so
    // x = log2(3) - 1 = 0.58496 whatever the distances, and sigma = (d2 - d1) / -ln(0.58496) = (d2 - d1) / 0.53625:
    //   point 0: neighbours 1 (d 1), 2 (d 3): rho 1, sigma 2 / 0.53625 = 3.7296; w01 = 1, w02 = 0.58496
    //   point 1: neighbours 0 (d 1), 2 (d 2): rho 1, sigma 1 / 0.53625 = 1.8648; w10 = 1, w12 = 0.58496
    //   point 2: neighbours 1 (d 2), 0 (d 3): rho 2, sigma 1.8648;               w21 = 1, w20 = 0.58496
    //   point 3: neighbours 2 (d 4), 1 (d 6): rho 4, sigma 3.7296;               w32 = 1, w31 = 0.58496
    // Fuzzy union w + w^T - w o w^T:
    //   (0,1): 1 + 1 - 1 = 1;  (0,2): 0.58496 + 0.58496 - 0.58496^2 = 0.82774;  (1,2): 0.58496 + 1 - 0.58496 = 1;
    //   (1,3): 0.58496 + 0 - 0 = 0.58496;  (2,3): 0 + 1 - 0 = 1;  (0,3): no edge.
    [Fact]
    public void Fuzzy_graph_of_four_points_on_a_line_matches_the_hand_computation()
    {
        float[] line = { 0, 1, 3, 7 };
        FuzzyGraph graph = Umap.Graph(ExactNeighbors.Find(line, 1, 2));
        double second = Math.Log2(3) - 1, unit = -Math.Log(second);
        Assert.Equal(new[] { 1.0, 1, 2, 4 }, graph.Rhos);
        double[] sigmas = { 2 / unit, 1 / unit, 1 / unit, 2 / unit };
        for (int i = 0; i < 4; i++) Assert.Equal(sigmas[i], graph.Sigmas[i], 3);   // the search stops once the sum is within 1e-5
        var expected = new double[4, 4];
        expected[0, 1] = 1; expected[0, 2] = 2 * second - second * second; expected[1, 2] = 1;
        expected[1, 3] = second; expected[2, 3] = 1;
        for (int i = 0; i < 4; i++)
            for (int j = 0; j < 4; j++)
            {
                double want = i < j ? expected[i, j] : expected[j, i];
                Assert.Equal(want, graph.Weight(i, j), 4);
            }
        Assert.Equal(10, graph.Columns.Length);   // 5 undirected edges, each in both rows
        Assert.Equal(0.82774, graph.Weight(2, 0), 4);
    }

    // Distances 1, 2, 3 to the 3 nearest others (k = 4, target log2(4) = 2): rho = 1, so with x = exp(-1 / sigma)
    // the memberships are 1 + x + x^2 = 2, x = (sqrt(5) - 1) / 2 = 0.618 (the golden ratio), sigma = 1 / ln(1.618) = 2.0781.
    [Fact]
    public void Sigma_makes_the_memberships_sum_to_log2_k()
    {
        var (rho, sigma) = Umap.LocalScale(new float[] { 1, 2, 3 });
        Assert.Equal(1, rho);
        Assert.Equal(1 / Math.Log((1 + Math.Sqrt(5)) / 2), sigma, 4);
    }

    [Fact]
    public void Duplicate_points_take_rho_from_the_nearest_nonzero_distance()
    {
        var (rho, _) = Umap.LocalScale(new float[] { 0, 0, 2, 5 });
        Assert.Equal(2, rho);
    }

    [Fact]
    public void Curve_for_the_default_min_dist_and_spread_is_umap_learns()
    {
        var (a, b) = Umap.FitCurve(0.1, 1.0);
        Assert.Equal(1.577, a, 2e-3);   // umap-learn: a = 1.5769, b = 0.8951
        Assert.Equal(0.895, b, 2e-3);
    }

    [Fact]
    public void Eigen_solver_finds_the_largest_eigenvectors_orthogonal_to_the_excluded_one()
    {
        // S = diag(1, 2, ..., 30); excluding e_30, the two largest are e_29 (29) and e_28 (28).
        int size = 30;
        var excluded = new double[size];
        excluded[size - 1] = 1;
        double[][] vectors = Umap.LargestEigenvectors((x, result) => { for (int i = 0; i < size; i++) result[i] = (i + 1) * x[i]; },
            size, 2, excluded, new Random(1), out _);
        Assert.NotNull(vectors);
        Assert.Equal(1, Math.Abs(vectors[0][size - 2]), 4);
        Assert.Equal(1, Math.Abs(vectors[1][size - 3]), 4);
    }

    [Fact]
    public void Eigen_solver_says_so_when_it_does_not_converge()
    {
        int size = 200;
        var excluded = new double[size];
        excluded[0] = 1;
        double[][] vectors = Umap.LargestEigenvectors((x, result) => { for (int i = 0; i < size; i++) result[i] = Math.Sqrt(i) * x[i]; },
            size, 2, excluded, new Random(1), out int products, tolerance: 1e-30, maxRestarts: 0);
        Assert.Null(vectors);
        Assert.True(products > 0);
    }

    [Fact]
    public void Random_start_is_named_and_still_separates_the_clusters()
    {
        float[] rows = GaussianClusters.Of(3, 60, 10, seed: 6, out int[] labels);
        var options = Quick();
        options.SpectralInitialization = false;
        var reported = new List<int>();
        options.Progress = (epoch, map) => reported.Add(epoch);
        UmapResult result = Umap.Embed(rows, 10, options);
        Assert.StartsWith("random", result.Initialization);
        Assert.Equal(new[] { 50, 100, 150, 200 }, reported);
        Assert.True(MapNeighborAccuracy.LeaveOneOut(result.Embedding, 2, labels, k: 10) >= 0.99);
    }

    [Fact]
    public void Well_separated_clusters_are_separated_in_the_map()
    {
        float[] rows = GaussianClusters.Of(3, 100, 10, seed: 1, out int[] labels);
        UmapResult map = Umap.Embed(rows, 10, Quick());
        Assert.Equal(300 * 2, map.Embedding.Length);
        Assert.StartsWith("spectral", map.Initialization);
        double accuracy = MapNeighborAccuracy.LeaveOneOut(map.Embedding, 2, labels, k: 10);
        Assert.True(accuracy >= 0.99, $"10-NN accuracy in the map {accuracy:F3}");
    }

    [Fact]
    public void One_connected_cloud_starts_from_its_spectral_embedding()
    {
        float[] rows = GaussianClusters.Of(1, 200, 5, seed: 2, out _);
        UmapResult map = Umap.Embed(rows, 5, Quick());
        Assert.Matches(@"^spectral \(\d+ graph products\)$", map.Initialization);
        Assert.All(map.Embedding, v => Assert.True(float.IsFinite(v)));
    }

    [Fact]
    public void Same_seed_gives_the_same_map_on_any_number_of_threads()
    {
        float[] rows = GaussianClusters.Of(3, 60, 10, seed: 4, out _);
        float[] one = Umap.Embed(rows, 10, Quick(threads: 1)).Embedding;
        float[] all = Umap.Embed(rows, 10, Quick(threads: -1)).Embedding;
        float[] again = Umap.Embed(rows, 10, Quick(threads: 2)).Embedding;
        Assert.Equal(one, all);
        Assert.Equal(one, again);
        float[] otherSeed = Umap.Embed(rows, 10, Quick(seed: 4)).Embedding;
        Assert.NotEqual(one, otherSeed);
    }

    [Fact]
    public void Too_few_points_for_the_neighbourhood_is_a_clear_error()
    {
        var error = Assert.Throws<ArgumentException>(() => Umap.Embed(new float[10 * 3], 3));
        Assert.Contains("NeighborCount = 15", error.Message);
        Assert.Contains("got 10", error.Message);
    }

    [Fact]
    public void Bad_settings_and_input_are_clear_errors()
    {
        float[] rows = GaussianClusters.Of(1, 30, 3, seed: 5, out _);
        Assert.Contains("MinDistance", Assert.Throws<ArgumentException>(() => Umap.Embed(rows, 3, new UmapOptions { MinDistance = 2 })).Message);
        Assert.Contains("at least 2", Assert.Throws<ArgumentException>(() => Umap.Embed(rows, 3, new UmapOptions { NeighborCount = 1 })).Message);
        Assert.Contains("whole rows", Assert.Throws<ArgumentException>(() => Umap.Embed(rows, 4)).Message);
        rows[7] = float.NaN;
        Assert.Contains("NaN", Assert.Throws<ArgumentException>(() => Umap.Embed(rows, 3)).Message);
    }

    // Map 0, 1, 2 (class 0), 2.4, 10, 11 (class 1). k = 3: only 2.4 is outvoted (its nearest are 2, 1, 0): 5 of 6.
    // k = 2: 2.4 is still wrong, and point 2 ties between 2.4 (class 1, nearer) and 1 (class 0): the nearer wins: 4 of 6.
    [Fact]
    public void Map_neighbour_accuracy_votes_among_the_k_nearest_others()
    {
        float[] map = { 0, 1, 2, 2.4f, 10, 11 };
        int[] labels = { 0, 0, 0, 1, 1, 1 };
        Assert.Equal(5.0 / 6, MapNeighborAccuracy.LeaveOneOut(map, 1, labels, k: 3), 12);
        Assert.Equal(4.0 / 6, MapNeighborAccuracy.LeaveOneOut(map, 1, labels, k: 2), 12);
    }

    [Fact]
    public void Map_neighbour_accuracy_checks_its_input()
    {
        Assert.Contains("labels for", Assert.Throws<ArgumentException>(() => MapNeighborAccuracy.LeaveOneOut(new float[6], 2, new int[2])).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => MapNeighborAccuracy.LeaveOneOut(new float[6], 2, new int[3], k: 3));
    }
}
