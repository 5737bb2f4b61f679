using Xunit;
using Xunit.Abstractions;

public class DecisionTreeTests(ITestOutputHelper output)
{
    // Six rows, two features, two classes (4 of class 1: root Gini 1 - (2/6)² - (4/6)² = 4/9, entropy H(1/3) = 0.9183 bits).
    // Sorted by feature 1 the labels read 0 1 0 | 1 1 1. Cutting there (between 30 and 40): left {0,1,0} has Gini 4/9
    // and entropy 0.9183, right {1,1,1} is pure, so the Gini gain is 4/9 - 3/6·4/9 = 2/9 = 0.222 and the entropy gain
    // 0.9183 - 3/6·0.9183 = 0.459. The runner-up, feature 1 between 10 and 20 (left {0}, right {1,0,1,1,1}), gains
    // 4/9 - 5/6·8/25 = 0.178 (entropy 0.317); feature 0's best cuts gain 0.111 (entropy 0.252). scikit-learn agrees.
    static readonly float[] HandChecked = [1, 60, 5, 50, 3, 10, 6, 40, 4, 30, 2, 20];
    static readonly byte[] HandCheckedLabels = [1, 1, 0, 1, 0, 1];

    [Theory]
    [InlineData(SplitCriterion.Gini)]
    [InlineData(SplitCriterion.Entropy)]
    public void Root_split_is_the_hand_computed_best_halfway_between_values(SplitCriterion criterion)
    {
        var tree = new DecisionTree(criterion, maxDepth: 1);
        tree.Fit(HandChecked, HandCheckedLabels, featureCount: 2);

        var root = tree.Nodes[0];
        Assert.Equal(1, root.Feature);
        Assert.Equal(35.0, root.Threshold);
        Assert.Equal(3, tree.Nodes[root.Left].Samples);
        Assert.Equal(new[] { 2 / 3.0, 1 / 3.0 }, tree.PredictProbabilities([0, 30]), new ToleranceComparer(1e-6));
    }

    [Fact]
    public void Gini_and_entropy_choose_different_cuts_on_a_crafted_case()
    {
        // Eight rows, three classes (found by search, checked with scikit-learn's depth-1 trees). Gini prefers cutting
        // feature 1 at 6.5 (gain 0.135 against 0.094 at 4.5); entropy prefers 2.5 (gain 0.406 bits against 0.311 at 6.5),
        // which isolates the only row of class 0 with one of class 2: entropy rewards a small purer child more.
        float[] features = [1, 8, 7, 5, 6, 7, 8, 4, 2, 6, 4, 3, 3, 1, 5, 2];
        byte[] labels = [2, 2, 2, 1, 1, 1, 2, 0];
        var gini = new DecisionTree(SplitCriterion.Gini, maxDepth: 1);
        var entropy = new DecisionTree(SplitCriterion.Entropy, maxDepth: 1);
        gini.Fit(features, labels, 2);
        entropy.Fit(features, labels, 2);

        Assert.Equal((1, 6.5), (gini.Nodes[0].Feature, gini.Nodes[0].Threshold));
        Assert.Equal((1, 2.5), (entropy.Nodes[0].Feature, entropy.Nodes[0].Threshold));
    }

    [Fact]
    public void Depth_limit_is_respected()
    {
        var (features, labels) = NoisyBlobs(400, noise: 0.3, seed: 1);
        var unlimited = new DecisionTree();
        var limited = new DecisionTree(maxDepth: 3);
        unlimited.Fit(features, labels, 2);
        limited.Fit(features, labels, 2);

        Assert.True(unlimited.Depth > 3, $"the unlimited tree is only {unlimited.Depth} deep: the test needs a deeper one");
        Assert.Equal(3, limited.Depth);
        Assert.All(limited.Nodes, node => Assert.True(node.Depth <= 3));
    }

    [Fact]
    public void Pure_node_is_a_leaf()
    {
        // Feature 0 separates the classes at once; the pure children are not cut again though feature 1 still varies.
        var tree = new DecisionTree();
        tree.Fit([0, 5, 1, 3, 2, 9, 10, 4, 11, 8, 12, 1], [0, 0, 0, 1, 1, 1], featureCount: 2);

        Assert.Equal(3, tree.Nodes.Count);
        Assert.Equal((0, 6.0), (tree.Nodes[0].Feature, tree.Nodes[0].Threshold));
        Assert.True(tree.Nodes[1].IsLeaf && tree.Nodes[2].IsLeaf);
    }

    [Fact]
    public void One_class_gives_a_single_leaf()
    {
        var tree = new DecisionTree();
        tree.Fit([0, 1, 2, 3], [4, 4, 4, 4], featureCount: 1);

        Assert.Single(tree.Nodes);
        Assert.Equal(new byte[] { 4, 4 }, tree.Predict([-10, 10]));
    }

    [Fact]
    public void Separable_blobs_are_learned_perfectly()
    {
        var (train, trainLabels) = NoisyBlobs(300, noise: 0, seed: 2);
        var (test, testLabels) = NoisyBlobs(300, noise: 0, seed: 3);
        var tree = new DecisionTree();
        tree.Fit(train, trainLabels, 2);

        Assert.Equal(trainLabels, tree.Predict(train));
        Assert.Equal(testLabels, tree.Predict(test));
    }

    [Fact]
    public void Xor_is_learned_by_a_depth_two_tree()
    {
        // No single cut lowers the impurity of XOR; like scikit-learn the tree still cuts (gain 0), then each half is separable.
        float[] corners = [0, 0, 0, 1, 1, 0, 1, 1];
        byte[] xor = [0, 1, 1, 0];
        var tree = new DecisionTree(maxDepth: 2);
        tree.Fit(corners, xor, 2);

        Assert.Equal(2, tree.Depth);
        Assert.Equal(xor, tree.Predict(corners));
        Assert.Equal(new byte[] { 0, 1, 1, 0 }, tree.Predict([0.1f, 0.2f, 0.2f, 0.9f, 0.8f, 0.3f, 0.7f, 0.6f]));
    }

    [Fact]
    public void Random_splitter_is_reproducible_with_a_seed_and_differs_from_best()
    {
        var (features, labels) = NoisyBlobs(300, noise: 0.2, seed: 4);
        DecisionTree Fitted(TreeSplitter splitter, int seed)
        {
            var tree = new DecisionTree(splitter: splitter, seed: seed);
            tree.Fit(features, labels, 2);
            return tree;
        }
        var random = Fitted(TreeSplitter.Random, 7);

        Assert.Equal(random.Nodes, Fitted(TreeSplitter.Random, 7).Nodes);
        Assert.NotEqual(random.Nodes, Fitted(TreeSplitter.Random, 8).Nodes);
        Assert.NotEqual(random.Nodes, Fitted(TreeSplitter.Best, 7).Nodes);
        Assert.Equal(labels, random.Predict(features)); // grown to purity all the same
    }

    [Fact]
    public void Random_threshold_lies_between_the_nodes_lowest_and_highest_value()
    {
        float[] values = [2, 3, 5, 7, 11, 13];
        var tree = new DecisionTree(splitter: TreeSplitter.Random, maxDepth: 1, seed: 3);
        tree.Fit(values, [0, 0, 0, 1, 1, 1], featureCount: 1);

        double threshold = tree.Nodes[0].Threshold;
        Assert.InRange(threshold, 2, 13);
        Assert.DoesNotContain(threshold, new[] { 2.5, 4, 6, 9, 12 }); // not a halfway point (with this seed)
    }

    [Fact]
    public void Max_features_draws_the_features_searched_at_random()
    {
        // Only feature 0 tells the classes apart; searching one random feature per node, some seeds cut feature 1 first.
        var (blobs, labels) = NoisyBlobs(200, noise: 0, seed: 5);
        var features = new float[blobs.Length];
        var random = new Random(6);
        for (int r = 0; r < labels.Length; r++) (features[2 * r], features[2 * r + 1]) = (blobs[2 * r], (float)random.NextDouble());
        var rootFeatures = Enumerable.Range(0, 12).Select(seed =>
        {
            var tree = new DecisionTree(maxFeatures: 1, seed: seed);
            tree.Fit(features, labels, 2);
            return tree.Nodes[0].Feature;
        }).ToArray();

        Assert.Contains(0, rootFeatures);
        Assert.Contains(1, rootFeatures);
    }

    [Fact]
    public void Every_leaf_keeps_at_least_min_samples_leaf_rows()
    {
        var (features, labels) = NoisyBlobs(300, noise: 0.3, seed: 7);
        var tree = new DecisionTree(minSamplesLeaf: 5);
        tree.Fit(features, labels, 2);

        Assert.All(tree.Nodes.Where(n => n.IsLeaf), leaf => Assert.True(leaf.Samples >= 5, $"a leaf of {leaf.Samples} rows"));
    }

    [Fact]
    public void Leaf_keeps_class_shares_and_a_tie_goes_to_the_lowest_class()
    {
        // Four identical rows cannot be cut: one leaf, two rows of class 1 and two of class 2.
        var tree = new DecisionTree();
        tree.Fit([5, 5, 5, 5], [2, 1, 2, 1], featureCount: 1);

        Assert.Equal(new[] { 0, 0.5, 0.5 }, tree.PredictProbabilities([5]), new ToleranceComparer(1e-6));
        Assert.Equal(new byte[] { 1 }, tree.Predict([5]));
    }

    [Fact]
    public void Features_with_more_than_256_distinct_values_are_binned_exactly()
    {
        // 1,000 distinct values: two-byte bins; the cut must still fall halfway between the two values around it.
        var features = Enumerable.Range(0, 1000).Select(i => i * 0.5f).ToArray();
        var labels = Enumerable.Range(0, 1000).Select(i => (byte)(i < 613 ? 0 : 1)).ToArray();
        var tree = new DecisionTree();
        tree.Fit(features, labels, 1);

        Assert.Equal(2, BinnedFeatures.Of(features, 1).BinWidth);
        Assert.Equal(3, tree.Nodes.Count);
        Assert.Equal(612 * 0.5 / 2 + 613 * 0.5 / 2, tree.Nodes[0].Threshold);
    }

    [Fact]
    public void NaN_is_refused_naming_the_row_and_feature()
    {
        var error = Assert.Throws<ArgumentException>(() => new DecisionTree().Fit([0, 1, 2, float.NaN], [0, 1], featureCount: 2));
        Assert.Contains("feature 1 of row 1", error.Message);
    }

    [Fact]
    public void Features_that_are_not_whole_rows_are_refused()
    {
        Assert.Throws<ArgumentException>(() => new DecisionTree().Fit([0, 1, 2], [0, 1], featureCount: 2));
    }

    // scikit-learn 1.2.1 (Debian's python3-sklearn) on the same 5,000 / 1,000 images, mean test accuracy over
    // random_state 0..4 (its trees break ties between equally good features by a random order, so the seed matters a
    // little even with all features searched: gini 0.708-0.732, entropy 0.724-0.743, random 0.702-0.733). Obtained
    // 2026-12-01 with the subset written by Idx.Write (FashionMnist.Load().Train.Subset(5000, seed: 0), Test.Subset(1000,
    // seed: 0), as tests/benchmarks/classical/Program.cs writes it) and
    //   python3 peer.py subset tree-gini,tree-entropy,tree-random 5
    // where peer.py reads the IDX files, scales x/255 with StandardScaler fitted on the training images, casts to
    // float32 and fits DecisionTreeClassifier(random_state=r), (criterion="entropy", ...), (splitter="random", ...).
    const double ScikitGini = 0.7186, ScikitEntropy = 0.7342, ScikitRandom = 0.7162;
    /// <summary>Two points: the spread of scikit-learn's own seeds, plus float rounding in the scaling.</summary>
    const double Tolerance = 0.02;

    [Theory]
    [InlineData(SplitCriterion.Gini, TreeSplitter.Best, ScikitGini, 1)]
    [InlineData(SplitCriterion.Entropy, TreeSplitter.Best, ScikitEntropy, 1)]
    [InlineData(SplitCriterion.Gini, TreeSplitter.Random, ScikitRandom, 5)]
    public void Accuracy_on_real_images_matches_scikit_learn(SplitCriterion criterion, TreeSplitter splitter, double scikit, int seeds)
    {
        var (train, trainLabels, test, testLabels) = ClassifierData.RealSlice(5_000, 1_000);
        double accuracy = Enumerable.Range(0, seeds).Average(seed =>
        {
            var tree = new DecisionTree(criterion, splitter: splitter, seed: seed);
            tree.Fit(train, trainLabels, 784);
            return Evaluation.AccuracyOf(tree.Predict(test), testLabels);
        });
        output.WriteLine($"{criterion} {splitter}: {accuracy:F4} (mean of {seeds} seed(s)), scikit-learn {scikit:F4}");
        Assert.InRange(accuracy, scikit - Tolerance, scikit + Tolerance);
    }

    /// <summary>Two blobs (class 0 around (-1, -1), class 1 around (1, 1)), far apart; with noise, that share of labels flipped.</summary>
    internal static (float[] Features, byte[] Labels) NoisyBlobs(int count, double noise, int seed)
    {
        var random = new Random(seed);
        var features = new float[2 * count];
        var labels = new byte[count];
        for (int r = 0; r < count; r++)
        {
            int label = r % 2;
            double center = label == 0 ? -1 : 1;
            features[2 * r] = (float)(center + 0.3 * ClassifierData.Normal(random));
            features[2 * r + 1] = (float)(center + 0.3 * ClassifierData.Normal(random));
            labels[r] = (byte)(random.NextDouble() < noise ? 1 - label : label);
        }
        return (features, labels);
    }

    sealed class ToleranceComparer(double tolerance) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= tolerance;
        public int GetHashCode(double value) => 0;
    }
}
