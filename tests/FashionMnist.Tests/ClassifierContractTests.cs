using Xunit;
using static Refusal;

/// <summary>
/// What every classifier family of lib/Classical owes its caller, and each family's edges: the refusals of bad
/// settings and bad input (with the least allowed value accepted), the description a reader sees, and small known
/// answers the family tests left open (naive Bayes' smoothing and densities, the tie rules, a seed's reproducibility).
/// </summary>
public class ClassifierContractTests
{
    // Three classes of four rows each in two features, well apart.
    static readonly float[] Rows = [0, 0, 0, 1, 1, 0, 1, 1, 5, 5, 5, 6, 6, 5, 6, 6, 10, 0, 10, 1, 11, 0, 11, 1];
    static readonly byte[] Labels = [0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2];

    public static TheoryData<string> Families() =>
        ["naive Bayes", "3-nearest neighbours", "passive-aggressive", "random forest", "MLP", "decision tree"];

    static IClassifier Make(string family) => family switch
    {
        "naive Bayes" => new GaussianNaiveBayes(),
        "3-nearest neighbours" => new KNearestNeighbors(3),
        "passive-aggressive" => new PassiveAggressiveClassifier(),
        "random forest" => new RandomForest(treeCount: 3),
        "MLP" => new MlpClassifier([8], epochs: 30, batchSize: 4, learningRate: 0.05),
        "decision tree" => new DecisionTree(),
        _ => throw new ArgumentException(family),
    };

    [Theory]
    [MemberData(nameof(Families))]
    public void Every_family_refuses_missing_or_ragged_input_and_predicting_before_fitting(string family)
    {
        var model = Make(family);
        Assert.Contains("call Fit before", MessageOf<InvalidOperationException>(() => model.Predict(Rows)));
        Assert.Throws<ArgumentNullException>(() => model.Fit(null, Labels, 2));
        Assert.Throws<ArgumentNullException>(() => model.Fit(Rows, null, 2));
        Assert.Equal("24 values are not 12 rows of 0 features", MessageOf<ArgumentException>(() => model.Fit(Rows, Labels, 0)));
        Assert.Equal("24 values are not 11 rows of 2 features", MessageOf<ArgumentException>(() => model.Fit(Rows, Labels[1..], 2)));

        model.Fit(Rows, Labels, 2);
        Assert.Equal(Labels, model.Predict(Rows));
        Assert.StartsWith("5 values are not whole rows of the 2 features", MessageOf<ArgumentException>(() => model.Predict(new float[5])));
    }

    [Fact]
    public void Each_family_describes_itself_with_the_settings_that_shape_it()
    {
        var mlp = new MlpClassifier([4, 3], "tanh", epochs: 2, seed: 1);
        mlp.Fit(Rows, Labels, 2);
        Assert.Equal("MLP 2-4-3-out, tanh, 2 epochs of Adam", mlp.ToString());
        Assert.Equal("Gaussian naive Bayes", new GaussianNaiveBayes().ToString());
        Assert.Equal("3-nearest neighbours, Manhattan, uniform votes", new KNearestNeighbors(3, false, NeighborMetric.Manhattan).ToString());
        Assert.Equal("1-nearest neighbours, Euclidean, distance-weighted votes", new KNearestNeighbors(1, true).ToString());
        Assert.Equal("Passive-aggressive (PA-I, C = 0.5, 7 epochs)", new PassiveAggressiveClassifier(0.5, epochs: 7).ToString());
        Assert.Equal("Passive-aggressive (PA-I, C = 2, at most 9 epochs, tolerance 0.001)", new PassiveAggressiveClassifier(2, epochs: 9, tolerance: 1e-3).ToString());
        Assert.Equal("Random forest (3 trees, gini, max depth none, √n features per node)", new RandomForest(3).ToString());
        Assert.Equal("Random forest (5 trees, entropy, max depth 4, 2 features per node)", new RandomForest(5, SplitCriterion.Entropy, 4, 2).ToString());
        Assert.Equal("StandardScaler over 2 features", StandardScaler.Fit(Rows, 2).ToString());
    }

    [Fact]
    public void Settings_below_the_least_allowed_are_refused_and_the_least_is_accepted()
    {
        Assert.All(new[] { null, Array.Empty<int>(), [0], [4, -1] }, hidden => Assert.Contains("give at least one hidden layer, each of positive size",
            MessageOf<ArgumentException>(() => new MlpClassifier(hidden))));
        Assert.Contains("must be positive", MessageOf<ArgumentOutOfRangeException>(() => new MlpClassifier([1], epochs: 0)));
        Assert.Contains("must be positive", MessageOf<ArgumentOutOfRangeException>(() => new MlpClassifier([1], batchSize: 0)));
        _ = new MlpClassifier([1], epochs: 1, batchSize: 1);

        Assert.Contains("priors must be non-negative and sum to 1, got [0.5, 0.6]", MessageOf<ArgumentException>(() => new GaussianNaiveBayes([0.5, 0.6])));
        Assert.Contains("got [-0.5, 1.5]", MessageOf<ArgumentException>(() => new GaussianNaiveBayes([-0.5, 1.5])));
        Assert.Contains("must not be negative", MessageOf<ArgumentOutOfRangeException>(() => new GaussianNaiveBayes(varianceSmoothing: -1e-9)));
        _ = new GaussianNaiveBayes([0, 1], varianceSmoothing: 0);

        Assert.Contains("k must be at least 1", MessageOf<ArgumentOutOfRangeException>(() => new KNearestNeighbors(0)));
        Assert.Equal("k = 3 neighbours need at least 3 training rows, got 2", MessageOf<ArgumentException>(() => new KNearestNeighbors(3).Fit([0, 1], [0, 1], 1)));
        var three = new KNearestNeighbors(3);
        three.Fit([0, 1, 2], [0, 1, 1], 1); // exactly k rows will do
        Assert.Equal(new byte[] { 1 }, three.Predict([0]));
        Assert.Contains("call Fit before asking for neighbours", MessageOf<InvalidOperationException>(() => new KNearestNeighbors(1).Neighbors([0])));

        Assert.All(new[] { 0, -1, double.NaN }, c => Assert.Contains("C must be above 0", MessageOf<ArgumentOutOfRangeException>(() => new PassiveAggressiveClassifier(c))));
        Assert.Contains("at least 1 epoch", MessageOf<ArgumentOutOfRangeException>(() => new PassiveAggressiveClassifier(epochs: 0)));
        Assert.Contains("must not be negative", MessageOf<ArgumentOutOfRangeException>(() => new PassiveAggressiveClassifier(tolerance: -1e-3)));
        _ = new PassiveAggressiveClassifier(1e-9, epochs: 1, tolerance: 0);

        Assert.Contains("a forest needs at least 1 tree", MessageOf<ArgumentOutOfRangeException>(() => new RandomForest(0)));
        Assert.Contains("must be at least 2", MessageOf<ArgumentOutOfRangeException>(() => new RandomForest(1, minSamplesSplit: 1))); // the tree's own check
        Assert.Contains("cannot fit a forest on zero rows", MessageOf<ArgumentException>(() => new RandomForest(1).Fit([], [], 2)));
        var forest = new RandomForest(1);
        Assert.Contains("call Fit before predicting", MessageOf<InvalidOperationException>(() => forest.Predict(Rows)));
        forest.Fit(Rows, Labels, 2);
        Assert.Throws<ArgumentNullException>(() => forest.Predict(null));

        Assert.Contains("must be positive", MessageOf<ArgumentOutOfRangeException>(() => new RandomFourierFeatures(0, 5, 1)));
        Assert.Contains("must be positive", MessageOf<ArgumentOutOfRangeException>(() => new RandomFourierFeatures(2, 0, 1)));
        var features = new RandomFourierFeatures(1, 1, 1);
        Assert.Equal("3 values are not whole rows of 2 inputs", MessageOf<ArgumentException>(() => new RandomFourierFeatures(2, 4, 1).Transform(new float[3])).Split(" (")[0]);
        Assert.Throws<ArgumentNullException>(() => features.Transform(null));

        Assert.Contains("cannot fit a scaler on zero rows", MessageOf<ArgumentException>(() => StandardScaler.Fit([], 2)));
        Assert.Contains("the feature count must be positive", MessageOf<ArgumentOutOfRangeException>(() => StandardScaler.Fit(Rows, 0)));
        Assert.Throws<ArgumentNullException>(() => StandardScaler.Fit(null, 2));

        Assert.Contains("cannot fit on zero rows", MessageOf<ArgumentException>(() => ClassifierInput.ClassCount([])));
        Assert.Contains("labels name only class 0", MessageOf<ArgumentException>(() => ClassifierInput.ClassCount([0, 0])));
    }

    [Fact]
    public void Naive_bayes_smooths_every_variance_by_a_share_of_the_largest_feature_variance()
    {
        // Feature 0: class 0 holds 0 and 2 (mean 1, variance 1), class 1 holds 4 and 8 (mean 6, variance 4); over all four
        // rows its variance is 21 - 3.5² = 8.75, the largest (feature 1's is 0.1875). Smoothing 0.1 adds 0.875 to each variance.
        var bayes = new GaussianNaiveBayes(varianceSmoothing: 0.1);
        bayes.Fit([0, 1, 2, 1, 4, 1, 8, 2], [0, 0, 1, 1], 2);

        Assert.Equal(new[,] { { 1, 1 }, { 6, 1.5 } }, bayes.Means);
        Assert.Equal(1.875, bayes.Variances[0, 0], 12);
        Assert.Equal(4.875, bayes.Variances[1, 0], 12);
        Assert.Equal(0.875, bayes.Variances[0, 1], 12); // a constant feature of the class: the smoothing alone
        Assert.Equal(0.25 + 0.875, bayes.Variances[1, 1], 12);

        // log P(c) - ½ Σ log(2π σ²) - ½ Σ (x - μ)² / σ², and the posterior its softmax.
        float[] query = [3, 1];
        double Joint(int c) => Math.Log(0.5) - Enumerable.Range(0, 2).Sum(f =>
            0.5 * Math.Log(2 * Math.PI * bayes.Variances[c, f]) + 0.5 * Math.Pow(query[f] - bayes.Means[c, f], 2) / bayes.Variances[c, f]);
        double[] joint = bayes.JointLogLikelihoods(query);
        Assert.Equal(Joint(0), joint[0], 12);
        Assert.Equal(Joint(1), joint[1], 12);
        double[] posterior = bayes.PredictProbabilities([3, 1, 3, 1]);
        double p0 = 1 / (1 + Math.Exp(Joint(1) - Joint(0)));
        Assert.Equal([p0, 1 - p0, p0, 1 - p0], posterior, (a, b) => Math.Abs(a - b) < 1e-12);
    }

    [Fact]
    public void Naive_bayes_refuses_a_class_without_rows_and_a_label_beyond_its_priors()
    {
        Assert.Equal("every class needs training rows; class 1 has none (Parameter 'labels')",
            MessageOf<ArgumentException>(() => new GaussianNaiveBayes([0.2, 0.3, 0.5]).Fit([0, 1, 2], [0, 2, 2], 1)));
        Assert.Equal("a label is outside the 2 classes the priors name (Parameter 'labels')",
            MessageOf<ArgumentException>(() => new GaussianNaiveBayes([0.5, 0.5]).Fit([0, 1, 2], [0, 1, 2], 1)));
    }

    [Fact]
    public void Ties_go_to_the_lowest_class_in_naive_bayes_knn_and_the_forest()
    {
        // Naive Bayes: classes at -1 and +1 with equal spread and priors; 0 is exactly between them.
        var bayes = new GaussianNaiveBayes();
        bayes.Fit([-2, 0, 0, 2], [0, 0, 1, 1], 1);
        Assert.Equal(new byte[] { 0 }, bayes.Predict([0]));

        // kNN, uniform votes: two neighbours, one of each class.
        var knn = new KNearestNeighbors(2);
        knn.Fit([-1, 1, 9], [2, 1, 0], 1);
        Assert.Equal(new byte[] { 1 }, knn.Predict([0]));

        // A forest of one tree on rows that cannot be cut: half of each class in the only leaf.
        var forest = new RandomForest(1, bootstrap: false);
        forest.Fit([3, 3, 3, 3], [2, 1, 2, 1], 1);
        Assert.Equal(new byte[] { 1 }, forest.Predict([3]));
    }

    [Fact]
    public void Distance_weighted_knn_lets_exact_matches_alone_vote_each_once()
    {
        // Three exact matches (one of class 1, two of class 2): class 2 wins two votes to one. Were every exact match
        // worth 1/0 = ∞, the two classes would tie and the lower would win.
        var knn = new KNearestNeighbors(3, weightByDistance: true);
        knn.Fit([0, 0, 0, 0, 0, 0, 5, 5], [1, 2, 2, 0], 2);
        Assert.Equal(new byte[] { 2 }, knn.Predict([0, 0]));
    }

    [Fact]
    public void Forest_trees_search_the_given_number_of_features_and_without_bootstrap_see_every_row()
    {
        var forest = new RandomForest(4, maxFeatures: 2, bootstrap: false);
        var rows = Enumerable.Range(0, 60).Select(i => (float)(i * 7 % 13)).ToArray();
        forest.Fit(rows, Enumerable.Range(0, 20).Select(i => (byte)(i % 3)).ToArray(), 3);

        Assert.All(forest.Trees, tree => Assert.Equal((2, 20), (tree.MaxFeatures.Value, tree.Nodes[0].Samples)));
    }

    [Fact]
    public void Mlp_loss_per_epoch_is_kept_for_each_fit_and_a_seed_repeats_it()
    {
        static MlpClassifier Fitted(int seed, int fits = 1)
        {
            var mlp = new MlpClassifier([6], epochs: 3, batchSize: 5, seed: seed);
            for (int i = 0; i < fits; i++) mlp.Fit(Rows, Labels, 2);
            return mlp;
        }
        var once = Fitted(4);
        Assert.Equal(3, once.EpochLosses.Count);
        Assert.Equal(once.EpochLosses, Fitted(4, fits: 2).EpochLosses); // the second fit starts over: same seed, same losses
        Assert.NotEqual(once.EpochLosses, Fitted(5).EpochLosses);
        Assert.All(once.EpochLosses, loss => Assert.InRange(loss, 0.3, 10)); // a mean cross-entropy per row, not a sum over rows
    }
}
