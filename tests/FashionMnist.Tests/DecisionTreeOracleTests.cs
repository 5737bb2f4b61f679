using Xunit;
using static Refusal;

/// <summary>
/// Every node of grown trees checked against what CART defines, by a slow search written here for the test: the
/// rows that reach a node, its depth and place (depth first, left before right), why a leaf is a leaf, its class
/// shares, and for a cut node that the cut is the best one (Gini exactly, with the documented tie rule: the lowest
/// feature, then the lowest threshold), halfway between the two values around it, and allowed by the minimum leaf
/// size. The cases reach each of the tree's paths: bins of one, two and four bytes, nodes searched by counting and
/// by sorting, more than 32 classes, row weights (as a forest's bootstrap), random feature draws with constant
/// features, random thresholds, and features searched in parallel.
/// </summary>
public class DecisionTreeOracleTests
{
    public record Case(string Name, int Rows, int Features, int Classes, Func<Random, int, float> Value,
        SplitCriterion Criterion = SplitCriterion.Gini, TreeSplitter Splitter = TreeSplitter.Best, int? MaxDepth = null,
        int? MaxFeatures = null, int MinSamplesSplit = 2, int MinSamplesLeaf = 1, bool Weighted = false, int WeightedRows = 0)
    {
        public override string ToString() => Name;
    }

    static float SmallInteger(Random random, int feature) => random.Next(8);
    static float Continuous(Random random, int feature) => (float)random.NextDouble();
    // Features 1, 3 and 4 never vary: a node that draws only them must draw again.
    static float SomeConstant(Random random, int feature) => feature is 1 or 3 or 4 ? 2.5f : random.Next(6);

    public static TheoryData<Case> Cases() =>
    [
        new("gini, 8 values per feature (many equally good cuts)", 300, 5, 3, SmallInteger),
        new("entropy, 8 values per feature", 300, 5, 3, SmallInteger, SplitCriterion.Entropy),
        new("gini, continuous, min 12 to split, min 4 per leaf, depth 6", 400, 4, 4, Continuous,
            MaxDepth: 6, MinSamplesSplit: 12, MinSamplesLeaf: 4),
        new("entropy, weighted rows, min 3 per leaf", 300, 4, 3, SmallInteger, SplitCriterion.Entropy, MinSamplesLeaf: 3, Weighted: true),
        new("gini, weighted rows, one per leaf", 300, 4, 3, Continuous, Weighted: true),
        new("gini, 40 classes (no bit per class)", 600, 3, 40, (random, f) => random.Next(16)),
        new("entropy, 40 classes, min 2 per leaf", 600, 3, 40, (random, f) => random.Next(16), SplitCriterion.Entropy, MinSamplesLeaf: 2),
        new("gini, 1,000 distinct values (two-byte bins)", 1000, 3, 3, Continuous, MaxDepth: 8),
        new("gini, 70,000 distinct values, 800 rows weighted (four-byte bins, sorted)", 70_000, 2, 3, Continuous,
            MaxDepth: 10, Weighted: true, WeightedRows: 800),
        new("gini, 240 features searched in parallel", 1200, 240, 3, SmallInteger, MaxDepth: 2),
        new("best of 2 drawn features, 3 constant ones", 300, 6, 3, SomeConstant, MaxFeatures: 2),
        new("best of 1 drawn feature, min 3 per leaf", 300, 6, 3, SomeConstant, MaxFeatures: 1, MinSamplesLeaf: 3),
        new("random thresholds, 3 constant features", 300, 6, 3, SomeConstant, Splitter: TreeSplitter.Random),
        new("random thresholds of 2 drawn features, entropy", 300, 6, 3, SomeConstant, SplitCriterion.Entropy, TreeSplitter.Random, MaxFeatures: 2),
    ];

    [Theory]
    [MemberData(nameof(Cases))]
    public void Every_node_is_what_a_slow_search_finds(Case c)
    {
        var random = new Random(c.Rows + c.Features + c.Classes);
        var features = new float[c.Rows * c.Features];
        for (int r = 0; r < c.Rows; r++)
            for (int f = 0; f < c.Features; f++) features[r * c.Features + f] = c.Value(random, f);
        // Labels follow the first varying features (so the tree has something to find), with one in four drawn at random.
        var labels = new byte[c.Rows];
        for (int r = 0; r < c.Rows; r++)
        {
            double signal = features[r * c.Features] + 2 * features[r * c.Features + (c.Features > 2 ? 2 : c.Features - 1)];
            labels[r] = (byte)(random.NextDouble() < 0.25 ? random.Next(c.Classes) : (int)(signal * 7) % c.Classes);
        }
        int[] weights = null;
        if (c.Weighted)
        {
            weights = new int[c.Rows];
            var chosen = c.WeightedRows > 0 ? Enumerable.Range(0, c.Rows).OrderBy(_ => random.Next()).Take(c.WeightedRows) : Enumerable.Range(0, c.Rows);
            foreach (int r in chosen) weights[r] = c.WeightedRows > 0 ? 1 : random.Next(4); // 0 leaves a row out
        }

        var tree = new DecisionTree(c.Criterion, c.MaxDepth, c.Splitter, c.MaxFeatures, c.MinSamplesSplit, c.MinSamplesLeaf, seed: 5);
        var binned = BinnedFeatures.Of(features, c.Features);
        tree.Grow(binned, labels, weights, c.Classes, parallelFeatures: true);

        var check = new Oracle(c, tree, features, labels, weights);
        check.Node(0, 0, Enumerable.Range(0, c.Rows).Where(r => weights is null || weights[r] > 0).ToList());
        Assert.Equal(tree.Nodes.Count, check.Visited);
        Assert.Equal(tree.LeafCount, check.Leaves);
        Assert.True(tree.Nodes.Count >= 7, $"only {tree.Nodes.Count} nodes: the case tests too little");
        Assert.Equal(tree.Nodes.Max(n => n.Depth), tree.Depth);
        if (c.MaxDepth is int maxDepth && c.Rows <= 1000) Assert.Equal(maxDepth, tree.Depth); // deep enough to meet the limit
    }

    /// <summary>Walks the tree depth first, checking each node against the rows that reach it.</summary>
    sealed class Oracle(Case c, DecisionTree tree, float[] features, byte[] labels, int[] weights)
    {
        public int Visited, Leaves;

        float X(int row, int feature) => features[row * c.Features + feature];
        int WeightOf(int row) => weights?[row] ?? 1;

        public void Node(int id, int depth, List<int> rows)
        {
            var node = tree.Nodes[id];
            Assert.Equal(Visited++, id);
            Assert.Equal(depth, node.Depth);
            Assert.Equal(rows.Count, node.Samples);
            var totals = new long[c.Classes];
            foreach (int r in rows) totals[labels[r]] += WeightOf(r);
            bool pure = totals.Count(t => t > 0) == 1;
            bool mustBeLeaf = depth >= (c.MaxDepth ?? int.MaxValue) || rows.Count < c.MinSamplesSplit || rows.Count < 2 * c.MinSamplesLeaf || pure;
            var varying = Enumerable.Range(0, c.Features).Where(f => rows.Any(r => X(r, f) != X(rows[0], f))).ToList();
            var best = c.MaxFeatures is null && c.Splitter == TreeSplitter.Best ? BestCut(rows, varying) : null;
            if (node.IsLeaf)
            {
                Assert.Equal((-1, -1, Leaves++), (node.Left, node.Right, node.Leaf));
                // Why it is a leaf: a limit, purity, or no cut at all (every feature is searched again until one varies).
                if (c.MaxFeatures is null && c.Splitter == TreeSplitter.Best) Assert.True(mustBeLeaf || best is null, $"node {id} could be cut");
                else if (c.MinSamplesLeaf == 1) Assert.True(mustBeLeaf || varying.Count == 0, $"node {id} has a varying feature");
                var row = features.AsSpan(rows[0] * c.Features, c.Features).ToArray();
                double total = totals.Sum();
                Assert.Equal(totals.Select(t => t / total), tree.PredictProbabilities(row), (a, b) => Math.Abs(a - b) < 1e-6);
                Assert.Equal(Array.IndexOf(totals, totals.Max()), tree.Predict(row)[0]); // the lowest class of a tie
                return;
            }
            Assert.False(mustBeLeaf, $"node {id} was cut past a limit");
            Assert.Equal(-1, node.Leaf);
            int feature = node.Feature;
            var left = rows.Where(r => X(r, feature) <= node.Threshold).ToList();
            var right = rows.Where(r => X(r, feature) > node.Threshold).ToList();
            Assert.True(left.Count >= c.MinSamplesLeaf && right.Count >= c.MinSamplesLeaf, $"node {id} leaves {left.Count} | {right.Count} rows");
            double below = left.Max(r => X(r, feature)), above = right.Min(r => X(r, feature));
            if (c.Splitter == TreeSplitter.Best)
            {
                Assert.Equal(below / 2 + above / 2, node.Threshold);
                var cut = Cut(rows, feature, node.Threshold);
                // The best cut of the feature it cuts (the features searched were drawn at random with MaxFeatures) ...
                // ... and, with every feature searched, the best cut of all. Gini's qualities are exact, so ties are
                // asserted too; entropy's sums in floating point can differ in the last bits between equally good cuts.
                var ofFeature = BestCut(rows, [feature]).Value;
                if (c.Criterion == SplitCriterion.Gini) Assert.Equal(ofFeature.Threshold, node.Threshold);
                else Assert.Equal(ofFeature.Quality, cut, 1e-9 * Math.Abs(ofFeature.Quality));
                if (best is { } b)
                {
                    if (c.Criterion == SplitCriterion.Gini) Assert.Equal((b.Feature, b.Threshold, b.Quality), (feature, node.Threshold, cut));
                    else Assert.Equal(b.Quality, cut, 1e-9 * Math.Abs(b.Quality));
                }
            }
            else
            {
                var values = rows.Select(r => X(r, feature)).ToList();
                Assert.InRange(node.Threshold, values.Min(), values.Max());
                Assert.True(node.Threshold < values.Max());
            }
            Assert.Equal(id + 1, node.Left);
            Node(node.Left, depth + 1, left);
            Assert.Equal(Visited, node.Right);
            Node(node.Right, depth + 1, right);
        }

        /// <summary>The best allowed cut over the given features: every threshold halfway between two adjacent values, tried in order.</summary>
        (int Feature, double Threshold, double Quality)? BestCut(List<int> rows, IEnumerable<int> searched)
        {
            (int, double, double)? best = null;
            foreach (int f in searched)
            {
                var values = rows.Select(r => X(r, f)).Distinct().Order().ToList();
                for (int i = 0; i + 1 < values.Count; i++)
                {
                    double threshold = values[i] / 2.0 + values[i + 1] / 2.0;
                    int leftRows = rows.Count(r => X(r, f) <= threshold);
                    if (leftRows < c.MinSamplesLeaf || rows.Count - leftRows < c.MinSamplesLeaf) continue;
                    double quality = Cut(rows, f, threshold);
                    if (best is null || quality > best.Value.Item3) best = (f, threshold, quality);
                }
            }
            return best;
        }

        /// <summary>
        /// The quality of a cut, the higher the better: minus the children's impurities weighted by their weights, up
        /// to a constant of the node. Gini: Σ left²/left + Σ right²/right (class weights); entropy: Σ n ln n - w ln w per child.
        /// </summary>
        double Cut(List<int> rows, int feature, double threshold)
        {
            var left = new long[c.Classes];
            var right = new long[c.Classes];
            foreach (int r in rows) (X(r, feature) <= threshold ? left : right)[labels[r]] += WeightOf(r);
            return c.Criterion == SplitCriterion.Gini ? Gini(left) + Gini(right) : Entropy(left) + Entropy(right);
        }

        static double Gini(long[] counts) => (double)counts.Sum(n => n * n) / counts.Sum();
        static double Entropy(long[] counts) => counts.Sum(XLogX) - XLogX(counts.Sum());
        static double XLogX(long x) => x == 0 ? 0 : x * Math.Log(x);
    }

    [Theory]
    [InlineData(30)] // 90 rows: the root counts its rows per bin
    [InlineData(10)] // 30 rows: the root sorts them
    public void Of_equally_good_cuts_the_lowest_feature_then_the_lowest_threshold_wins(int perValue)
    {
        // Values 0, 1, 2 with classes 0, 1, 0: cutting at 0.5 or at 1.5 leaves one pure child of the same size, so the
        // two cuts are equally good; feature 1 is a copy of feature 0, so it ties with it too.
        var features = new List<float>();
        var labels = new List<byte>();
        for (int i = 0; i < perValue; i++)
            for (int value = 0; value < 3; value++)
            {
                features.AddRange([value, value]);
                labels.Add((byte)(value % 2));
            }
        var tree = new DecisionTree(maxDepth: 1);
        tree.Fit(features.ToArray(), labels.ToArray(), 2);

        Assert.Equal((0, 0.5), (tree.Nodes[0].Feature, tree.Nodes[0].Threshold));
    }

    [Fact]
    public void A_value_equal_to_the_threshold_goes_left()
    {
        var tree = new DecisionTree();
        tree.Fit([1, 2, 3, 4], [0, 0, 1, 1], 1);

        Assert.Equal(2.5, tree.Nodes[0].Threshold);
        Assert.Equal(new byte[] { 0, 1 }, tree.Predict([2.5f, 2.5000002f]));
    }

    [Fact]
    public void Bins_are_each_values_rank_among_its_features_distinct_values()
    {
        // 37 features (the columns are read 16 at a time: two whole groups and a part), 700 rows: up to 700 distinct
        // values per feature (the value index grows past its first 512), repeats, and -0 beside 0.
        var random = new Random(3);
        const int Rows = 700, Features = 37;
        var features = new float[Rows * Features];
        for (int i = 0; i < features.Length; i++)
            features[i] = (i % Features) switch
            {
                0 => new[] { -1f, -0f, 0f, 1f }[random.Next(4)],
                1 => 7,
                Features - 1 => (float)random.NextDouble(),
                var f => MathF.Round((float)random.NextDouble() * f * 10),
            };
        var binned = BinnedFeatures.Of(features, Features);

        Assert.Equal((Rows, Features), (binned.RowCount, binned.FeatureCount));
        Assert.Equal(2, binned.BinWidth);
        var bins = (ushort[])binned.Bins;
        for (int f = 0; f < Features; f++)
        {
            var column = Enumerable.Range(0, Rows).Select(r => features[r * Features + f] + 0f).ToArray(); // + 0f: -0 is 0
            Assert.Equal(column.Distinct().Order(), binned.DistinctValues[f]);
            for (int r = 0; r < Rows; r++) Assert.Equal(column[r], binned.DistinctValues[f][bins[f * Rows + r]]);
        }
        Assert.Equal(new float[] { -1, 0, 1 }, binned.DistinctValues[0]);
        Assert.Equal(new float[] { 7 }, binned.DistinctValues[1]);
        Assert.Equal(Rows, binned.DistinctValues[Features - 1].Length);
    }

    [Theory]
    [InlineData(256, 1)]
    [InlineData(257, 2)]
    [InlineData(65_536, 2)]
    [InlineData(65_537, 4)]
    public void Bins_are_as_wide_as_the_most_distinct_values_of_a_feature_need(int distinct, int width)
    {
        // Feature 0 takes `distinct` values (each row its own, the last repeated); feature 1 only two.
        var features = new float[2 * (distinct + 1)];
        for (int r = 0; r <= distinct; r++) (features[2 * r], features[2 * r + 1]) = (Math.Min(r, distinct - 1) * 0.25f - 100, r % 2);
        var binned = BinnedFeatures.Of(features, 2);

        Assert.Equal(width, binned.BinWidth);
        Assert.Equal(distinct, binned.DistinctValues[0].Length);
        Assert.Equal(width switch { 1 => typeof(byte[]), 2 => typeof(ushort[]), _ => typeof(int[]) }, binned.Bins.GetType());
        int BinOf(int index) => binned.Bins switch { byte[] b => b[index], ushort[] u => u[index], int[] i => i[index], _ => -1 };
        Assert.Equal((0, distinct - 1, distinct - 1, 0, 1), (BinOf(0), BinOf(distinct - 1), BinOf(distinct), BinOf(distinct + 1), BinOf(distinct + 2)));
    }

    [Fact]
    public void Bad_settings_and_bad_input_are_refused_saying_what_is_wrong()
    {
        Assert.Contains("must not be negative", MessageOf<ArgumentOutOfRangeException>(() => new DecisionTree(maxDepth: -1)));
        Assert.Contains("must be at least 1", MessageOf<ArgumentOutOfRangeException>(() => new DecisionTree(maxFeatures: 0)));
        Assert.Contains("must be at least 2", MessageOf<ArgumentOutOfRangeException>(() => new DecisionTree(minSamplesSplit: 1)));
        Assert.Contains("must be at least 1", MessageOf<ArgumentOutOfRangeException>(() => new DecisionTree(minSamplesLeaf: 0)));
        _ = new DecisionTree(maxDepth: 0, maxFeatures: 1, minSamplesSplit: 2, minSamplesLeaf: 1); // the least of each is allowed

        var tree = new DecisionTree(maxFeatures: 2);
        float[] features = [1, 2, 3, 4];
        Assert.Contains("call Fit before predicting", MessageOf<InvalidOperationException>(() => tree.Predict(features)));
        Assert.Contains("cannot fit a tree on zero rows", MessageOf<ArgumentException>(() => tree.Fit([], [], 2)));
        Assert.Contains("cannot fit a tree on zero rows", MessageOf<ArgumentException>(() => tree.Fit(BinnedFeatures.Of([], 2), [])));
        Assert.Throws<ArgumentNullException>(() => tree.Fit(null, [0, 1], 2));
        Assert.Throws<ArgumentNullException>(() => tree.Fit((BinnedFeatures)null, [0, 1]));
        Assert.Throws<ArgumentNullException>(() => tree.Fit(BinnedFeatures.Of(features, 2), null));
        Assert.Throws<ArgumentNullException>(() => BinnedFeatures.Of(null, 2));
        Assert.Contains("4 values are not whole rows of 0 features", MessageOf<ArgumentException>(() => BinnedFeatures.Of(features, 0)));
        Assert.Contains("4 values are not whole rows of 3 features", MessageOf<ArgumentException>(() => BinnedFeatures.Of(features, 3)));

        var binned = BinnedFeatures.Of(features, 2);
        Assert.Contains("3 labels for 2 rows", MessageOf<ArgumentException>(() => tree.Fit(binned, [0, 1, 0])));
        Assert.Contains("maxFeatures = 3 is more than the 2 features", MessageOf<ArgumentException>(() => new DecisionTree(maxFeatures: 3).Fit(binned, [0, 1])));
        foreach (int[] weights in new[] { new[] { 1 }, [1, -1], [0, 0] })
            Assert.Contains("row weights must be one per row, none negative, not all 0",
                MessageOf<ArgumentException>(() => tree.Grow(binned, [0, 1], weights, 2, parallelFeatures: false)));
        Assert.Contains("a label is outside the 2 classes", MessageOf<ArgumentException>(() => tree.Grow(binned, [0, 2], null, 2, parallelFeatures: false)));
        // A row of weight 0 is left out, so its label may be anything below the class count, and one weighted row is enough.
        tree.Grow(binned, [0, 1], [0, 3], 2, parallelFeatures: false);
        Assert.Equal((1, 1), (tree.Nodes.Count, tree.Nodes[0].Samples));
        Assert.Equal(new byte[] { 1, 1 }, tree.Predict(features));

        Assert.Contains("3 values are not whole rows of the 2 features the tree was fitted on", MessageOf<ArgumentException>(() => tree.Predict([1, 2, 3])));
        Assert.Throws<ArgumentNullException>(() => tree.Predict(null));
    }

    [Fact]
    public void Its_description_names_every_setting_that_shapes_it()
    {
        Assert.Equal("Decision tree (gini, best splits, max depth none)", new DecisionTree().ToString());
        Assert.Equal("Decision tree (entropy, random splits, max depth 7, 28 features per node)",
            new DecisionTree(SplitCriterion.Entropy, maxDepth: 7, TreeSplitter.Random, maxFeatures: 28).ToString());
    }
}
