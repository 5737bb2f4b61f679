// RandomForest: scikit-learn's RandomForestClassifier. Many DecisionTrees, each grown on a bootstrap sample of
// the training rows (drawn with replacement, as many draws as rows) and searching only a few random features
// at each node (the square root of the feature count, rounded down, by default); the forest's probabilities are
// the mean of its trees' leaf class shares (scikit-learn averages the shares, it does not count votes), and
// it predicts the likeliest class. ML.NET's FastForest is a different forest (quantile bins, its own defaults).
//
// The features are binned once (BinnedFeatures) and shared by all trees. Trees grow in parallel, one per core,
// each on one core (no feature parallelism inside); a bootstrap sample is a count per row, the way scikit-learn
// passes it to its trees as sample weights, so a tree visits each distinct row once.

using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;

public sealed class RandomForest : IClassifier
{
    public int TreeCount { get; }
    public SplitCriterion Criterion { get; }
    public int? MaxDepth { get; }
    /// <summary>Features searched per node; null: the square root of the feature count, rounded down (scikit-learn's "sqrt").</summary>
    public int? MaxFeatures { get; }
    public int MinSamplesSplit { get; }
    public int MinSamplesLeaf { get; }
    /// <summary>False grows every tree on all the rows (then only the feature draws tell the trees apart).</summary>
    public bool Bootstrap { get; }
    public int Seed { get; }

    public IReadOnlyList<DecisionTree> Trees => _trees;
    public int ClassCount { get; private set; }
    public int FeatureCount { get; private set; }

    DecisionTree[] _trees;

    public RandomForest(int treeCount = 100, SplitCriterion criterion = SplitCriterion.Gini, int? maxDepth = null, int? maxFeatures = null,
        int minSamplesSplit = 2, int minSamplesLeaf = 1, bool bootstrap = true, int seed = 0)
    {
        if (treeCount < 1) throw new ArgumentOutOfRangeException(nameof(treeCount), treeCount, "a forest needs at least 1 tree");
        // The tree checks the rest of the options; one throwaway tree checks them here, before any fitting.
        _ = new DecisionTree(criterion, maxDepth, TreeSplitter.Best, maxFeatures, minSamplesSplit, minSamplesLeaf);
        TreeCount = treeCount;
        Criterion = criterion;
        MaxDepth = maxDepth;
        MaxFeatures = maxFeatures;
        MinSamplesSplit = minSamplesSplit;
        MinSamplesLeaf = minSamplesLeaf;
        Bootstrap = bootstrap;
        Seed = seed;
    }

    /// <summary>scikit-learn's max_features="sqrt": max(1, floor(√featureCount)).</summary>
    public static int SquareRootFeatures(int featureCount) => Math.Max(1, (int)Math.Sqrt(featureCount));

    public void Fit(float[] features, byte[] labels, int featureCount)
    {
        ClassifierInput.Check(features, labels, featureCount);
        if (labels.Length == 0) throw new ArgumentException("cannot fit a forest on zero rows", nameof(labels));
        var binned = BinnedFeatures.Of(features, featureCount);
        int classCount = labels.Max() + 1;
        int maxFeatures = MaxFeatures ?? SquareRootFeatures(featureCount);
        // Each tree's two seeds are drawn up front, so a seed gives one forest however the cores share the trees.
        var seeds = new Random(Seed);
        var treeSeeds = Enumerable.Range(0, TreeCount).Select(_ => (Sample: seeds.Next(), Tree: seeds.Next())).ToArray();
        var trees = new DecisionTree[TreeCount];
        Parallel.For(0, TreeCount, t =>
        {
            var tree = new DecisionTree(Criterion, MaxDepth, TreeSplitter.Best, maxFeatures, MinSamplesSplit, MinSamplesLeaf, treeSeeds[t].Tree);
            tree.Grow(binned, labels, Bootstrap ? BootstrapCounts(labels.Length, treeSeeds[t].Sample) : null, classCount, parallelFeatures: false);
            trees[t] = tree;
        });
        _trees = trees;
        ClassCount = classCount;
        FeatureCount = featureCount;
    }

    /// <summary>How often each of <paramref name="rows"/> rows is drawn in <paramref name="rows"/> draws with replacement.</summary>
    static int[] BootstrapCounts(int rows, int seed)
    {
        var random = new Random(seed);
        var counts = new int[rows];
        for (int draw = 0; draw < rows; draw++) counts[random.Next(rows)]++;
        return counts;
    }

    /// <summary>The mean over the trees of the class shares of the leaf each row falls into (rows x classes).</summary>
    public double[] PredictProbabilities(float[] features)
    {
        if (_trees is null) throw new InvalidOperationException("call Fit before predicting");
        ArgumentNullException.ThrowIfNull(features);
        if (features.Length % FeatureCount != 0)
            throw new ArgumentException($"{features.Length} values are not whole rows of the {FeatureCount} features the forest was fitted on", nameof(features));
        int count = features.Length / FeatureCount;
        var probabilities = new double[count * ClassCount];
        Parallel.For(0, count, r =>
        {
            var row = features.AsSpan(r * FeatureCount, FeatureCount);
            var sums = probabilities.AsSpan(r * ClassCount, ClassCount);
            foreach (var tree in _trees) tree.AddClassShares(row, sums);
            for (int c = 0; c < sums.Length; c++) sums[c] /= _trees.Length;
        });
        return probabilities;
    }

    /// <summary>The class of highest mean share (the lowest class on a tie).</summary>
    public byte[] Predict(float[] features)
    {
        double[] probabilities = PredictProbabilities(features);
        var predictions = new byte[probabilities.Length / ClassCount];
        for (int r = 0; r < predictions.Length; r++)
        {
            var row = probabilities.AsSpan(r * ClassCount, ClassCount);
            int best = 0;
            for (int c = 1; c < row.Length; c++) if (row[c] > row[best]) best = c;
            predictions[r] = (byte)best;
        }
        return predictions;
    }

    public override string ToString() =>
        $"Random forest ({TreeCount} trees, {Criterion.ToString().ToLowerInvariant()}, max depth {MaxDepth?.ToString() ?? "none"}, " +
        $"{MaxFeatures?.ToString() ?? "√n"} features per node)";
}
