using Xunit;

public class KNearestNeighborsTests
{
    // One feature per row, drawn on a line:  class 0 at 0, 1, 2;  class 1 at 10, 11;  class 2 at 20.
    static readonly float[] Train = [0, 1, 2, 10, 11, 20];
    static readonly byte[] Labels = [0, 0, 0, 1, 1, 2];

    static KNearestNeighbors Fitted(int k, bool byDistance = false, NeighborMetric metric = NeighborMetric.Euclidean)
    {
        var knn = new KNearestNeighbors(k, byDistance, metric);
        knn.Fit(Train, Labels, featureCount: 1);
        return knn;
    }

    [Fact]
    public void One_neighbour_takes_the_label_of_the_closest_training_point()
    {
        Assert.Equal(new byte[] { 0, 1, 2, 1 }, Fitted(1).Predict([1.4f, 9, 25, 12]));
    }

    [Fact]
    public void Majority_of_k_neighbours_decides()
    {
        // 9's three nearest are 10, 11 (class 1) and 2 (class 0): class 1 by two votes to one.
        Assert.Equal(new byte[] { 1 }, Fitted(3).Predict([9]));
    }

    [Fact]
    public void Distance_weights_let_one_close_neighbour_outvote_two_far_ones()
    {
        // 19.5's three nearest: 20 (class 2, distance 0.5), 11 and 10 (class 1, distances 8.5 and 9.5).
        Assert.Equal(new byte[] { 1 }, Fitted(3, byDistance: false).Predict([19.5f]));
        Assert.Equal(new byte[] { 2 }, Fitted(3, byDistance: true).Predict([19.5f]));
    }

    [Fact]
    public void Neighbours_come_nearest_first_with_true_distances()
    {
        var (indices, distances) = Fitted(2).Neighbors([10.5f, 3]);

        Assert.Equal(new[] { 3, 4, 2, 1 }, indices); // 10.5 ties between 10 and 11: the earlier row first
        Assert.Equal(new[] { 0.5f, 0.5f, 1f, 2f }, distances.Select(d => MathF.Round(d, 4)).ToArray());
    }

    [Fact]
    public void Manhattan_and_euclidean_distances_can_choose_different_neighbours()
    {
        // From the origin: A = (3, 0) is 3 away either way; B = (2, 2) is 2.83 Euclidean but 4 Manhattan.
        var knnE = new KNearestNeighbors(1, metric: NeighborMetric.Euclidean);
        var knnM = new KNearestNeighbors(1, metric: NeighborMetric.Manhattan);
        float[] train = [3, 0, 2, 2];
        byte[] labels = [0, 1];
        knnE.Fit(train, labels, 2);
        knnM.Fit(train, labels, 2);

        Assert.Equal(new byte[] { 1 }, knnE.Predict([0, 0]));
        Assert.Equal(new byte[] { 0 }, knnM.Predict([0, 0]));
    }

    [Fact]
    public void Blocked_simd_search_agrees_with_a_plain_loop_on_random_data()
    {
        var random = new Random(7);
        int features = 37, trainCount = 50, testCount = 21; // odd sizes: vector tails and a partial block
        var train = Enumerable.Range(0, trainCount * features).Select(_ => (float)random.NextDouble()).ToArray();
        var test = Enumerable.Range(0, testCount * features).Select(_ => (float)random.NextDouble()).ToArray();
        var knn = new KNearestNeighbors(1, metric: NeighborMetric.Manhattan);
        knn.Fit(train, new byte[trainCount], features);

        var (indices, _) = knn.Neighbors(test);

        for (int q = 0; q < testCount; q++)
        {
            int nearest = Enumerable.Range(0, trainCount).MinBy(t =>
                Enumerable.Range(0, features).Sum(f => Math.Abs(test[q * features + f] - train[t * features + f])));
            Assert.Equal(nearest, indices[q]);
        }
    }

    [Fact]
    public void More_neighbours_than_training_rows_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => new KNearestNeighbors(9).Fit(Train, Labels, 1));
        Assert.Contains("need at least 9 training rows", error.Message);
    }

    [Fact]
    public void Neighbours_of_784_feature_rows_match_a_plain_double_precision_search()
    {
        // Rows as wide as an image, so the SIMD loops and their remainder run (784 is not a multiple of every vector width).
        const int Features = 784, TrainRows = 300, QueryRows = 40, K = 7;
        var random = new System.Random(11);
        float[] train = Enumerable.Range(0, TrainRows * Features).Select(_ => (float)random.NextDouble()).ToArray();
        float[] queries = Enumerable.Range(0, QueryRows * Features).Select(_ => (float)random.NextDouble()).ToArray();
        byte[] labels = Enumerable.Range(0, TrainRows).Select(i => (byte)(i % 10)).ToArray();
        foreach (var metric in new[] { NeighborMetric.Euclidean, NeighborMetric.Manhattan })
        {
            var knn = new KNearestNeighbors(K, metric: metric);
            knn.Fit(train, labels, Features);
            var (indices, distances) = knn.Neighbors(queries);
            for (int q = 0; q < QueryRows; q++)
            {
                double Distance(int t)
                {
                    double sum = 0;
                    for (int f = 0; f < Features; f++)
                    {
                        double d = queries[q * Features + f] - train[t * Features + f];
                        sum += metric == NeighborMetric.Euclidean ? d * d : System.Math.Abs(d);
                    }
                    return metric == NeighborMetric.Euclidean ? System.Math.Sqrt(sum) : sum;
                }
                var expected = Enumerable.Range(0, TrainRows).Select(t => (Index: t, Distance: Distance(t))).OrderBy(p => p.Distance).Take(K).ToArray();
                for (int j = 0; j < K; j++)
                {
                    Assert.Equal(expected[j].Distance, distances[q * K + j], 2); // float sums of 784 terms: a few hundredths
                    // The same neighbours, except where two distances tie within float precision.
                    if (j + 1 < K && expected[j + 1].Distance - expected[j].Distance > 1e-3 && (j == 0 || expected[j].Distance - expected[j - 1].Distance > 1e-3))
                        Assert.Equal(expected[j].Index, indices[q * K + j]);
                }
            }
        }
    }

    static float[] RandomRows(int rows, int features, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, rows * features).Select(_ => (float)random.NextDouble()).ToArray();
    }

    [Fact]
    public void A_shallower_k_after_a_deeper_search_gets_the_same_lists_as_its_own_search()
    {
        // The deeper search is kept and its first k are handed out: they must be the lists a search for k itself finds.
        const int Features = 29, TrainRows = 120, QueryRows = 17;
        float[] train = RandomRows(TrainRows, Features, seed: 21), queries = RandomRows(QueryRows, Features, seed: 22);
        byte[] labels = Enumerable.Range(0, TrainRows).Select(i => (byte)(i % 3)).ToArray();
        foreach (var metric in new[] { NeighborMetric.Euclidean, NeighborMetric.Manhattan })
        {
            var deep = new KNearestNeighbors(9, metric: metric);
            deep.Fit(train, labels, Features);
            var (deepIndices, deepDistances) = deep.Neighbors(queries);
            foreach (int k in new[] { 5, 1 })
            {
                var shallow = new KNearestNeighbors(k, metric: metric);
                shallow.Fit((float[])train.Clone(), labels, Features);   // equal rows in another array: the same search
                var (indices, distances) = shallow.Neighbors((float[])queries.Clone());
                Assert.Equal(QueryRows * k, indices.Length);
                for (int q = 0; q < QueryRows; q++)
                {
                    Assert.Equal(deepIndices.AsSpan(q * 9, k).ToArray(), indices.AsSpan(q * k, k).ToArray());
                    Assert.Equal(deepDistances.AsSpan(q * 9, k).ToArray(), distances.AsSpan(q * k, k).ToArray());
                    int nearest = Enumerable.Range(0, TrainRows).MinBy(t => Enumerable.Range(0, Features).Sum(f =>
                        metric == NeighborMetric.Manhattan ? Math.Abs(queries[q * Features + f] - train[t * Features + f])
                            : Math.Pow(queries[q * Features + f] - train[t * Features + f], 2)));
                    Assert.Equal(nearest, indices[q * k]);
                }
            }
        }
    }

    [Fact]
    public void A_kept_search_is_never_handed_to_other_rows_another_metric_or_a_deeper_k()
    {
        const int Features = 16, TrainRows = 60, QueryRows = 12;
        float[] train = RandomRows(TrainRows, Features, seed: 31), queries = RandomRows(QueryRows, Features, seed: 32);
        byte[] labels = new byte[TrainRows];
        var first = new KNearestNeighbors(3);
        first.Fit(train, labels, Features);
        var (kept, _) = first.Neighbors(queries);

        // One query value changed: its own nearest row, which sits right beside it now, must be found.
        float[] moved = (float[])queries.Clone();
        train.AsSpan(40 * Features, Features).CopyTo(moved.AsSpan(0, Features));
        Assert.Equal(40, first.Neighbors(moved).Indices[0]);
        // One training row changed: it becomes the first query's nearest.
        float[] otherTrain = (float[])train.Clone();
        queries.AsSpan(0, Features).CopyTo(otherTrain.AsSpan(7 * Features, Features));
        var refitted = new KNearestNeighbors(3);
        refitted.Fit(otherTrain, labels, Features);
        Assert.Equal(7, refitted.Neighbors(queries).Indices[0]);
        Assert.Equal(0f, refitted.Neighbors(queries).Distances[0]);
        // Another metric and a deeper k search anew: Manhattan's distances are sums of absolute differences, and k = 5 has 5 per row.
        var manhattan = new KNearestNeighbors(3, metric: NeighborMetric.Manhattan);
        manhattan.Fit(train, labels, Features);
        float manhattanFirst = Enumerable.Range(0, Features).Sum(f => Math.Abs(queries[f] - train[manhattan.Neighbors(queries).Indices[0] * Features + f]));
        Assert.Equal(manhattanFirst, manhattan.Neighbors(queries).Distances[0], 4);
        var deeper = new KNearestNeighbors(5);
        deeper.Fit(train, labels, Features);
        var (deeperIndices, _) = deeper.Neighbors(queries);
        Assert.Equal(QueryRows * 5, deeperIndices.Length);
        for (int q = 0; q < QueryRows; q++) Assert.Equal(kept.AsSpan(q * 3, 3).ToArray(), deeperIndices.AsSpan(q * 5, 3).ToArray());
    }

    [Fact]
    public void Changing_the_returned_lists_does_not_change_what_the_next_model_gets()
    {
        const int Features = 16, TrainRows = 40, QueryRows = 5;
        float[] train = RandomRows(TrainRows, Features, seed: 41), queries = RandomRows(QueryRows, Features, seed: 42);
        var knn = new KNearestNeighbors(2);
        knn.Fit(train, new byte[TrainRows], Features);
        var (indices, distances) = knn.Neighbors(queries);
        int[] before = (int[])indices.Clone();
        Array.Fill(indices, -1);
        Array.Fill(distances, -1f);

        Assert.Equal(before, knn.Neighbors(queries).Indices);
    }
}
