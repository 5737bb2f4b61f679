// DecisionTree: a CART classification tree, grown as scikit-learn's DecisionTreeClassifier grows it. Every node
// is cut in two by "feature <= threshold", the cut that lowers the Gini impurity (or the entropy) of the two
// children the most, until a node is pure, too small to cut, or as deep as allowed; a leaf names its majority
// class and keeps its class shares (the probabilities RandomForest averages). ML.NET has boosted trees and a
// forest of its own, but no plain CART tree with these options.
//
// Exact, and fast the way histogram trees are: BinnedFeatures replaces each value by its rank among the distinct
// values of its feature (standardized Fashion-MNIST pixels take at most 256 per feature, one byte each), so a node
// finds every threshold of a feature with one count of classes per rank over its rows instead of a sort; the
// threshold lies halfway between the two adjacent values the node holds, where scikit-learn puts it. Growth is
// depth first with the rows partitioned in place; the features of a big node are searched in parallel.
//
// Where it differs from scikit-learn (the best split's quality is the same): of equally good splits it takes the
// lowest feature, then the lowest threshold (scikit-learn: the first in its random feature order); values closer
// than 1e-7 are still told apart (scikit-learn treats them as equal); random draws come from System.Random.

using System;
using System.Collections.Generic;
using System.Linq;
using System.Numerics;
using System.Threading;
using System.Threading.Tasks;

public enum SplitCriterion { Gini, Entropy }

/// <summary>Best: the best threshold of every considered feature. Random: one uniformly random threshold per considered feature (extremely randomized trees).</summary>
public enum TreeSplitter { Best, Random }

/// <summary>
/// One node of a fitted tree: rows with row[Feature] &lt;= Threshold go to node Left, the others to node Right;
/// a leaf has Feature -1 and its class shares at index Leaf. Samples: the distinct training rows that reached it.
/// </summary>
public readonly record struct DecisionTreeNode(int Feature, double Threshold, int Left, int Right, int Leaf, int Depth, int Samples)
{
    public bool IsLeaf => Feature < 0;
}

public sealed class DecisionTree : IClassifier
{
    public SplitCriterion Criterion { get; }
    /// <summary>The deepest a node may be (the root is at depth 0); null grows until the leaves are pure.</summary>
    public int? MaxDepth { get; }
    public TreeSplitter Splitter { get; }
    /// <summary>Features drawn at random (without replacement) and searched at each node; null searches all of them.</summary>
    public int? MaxFeatures { get; }
    /// <summary>A node with fewer training rows is a leaf.</summary>
    public int MinSamplesSplit { get; }
    /// <summary>A split is allowed only when both children keep at least this many training rows.</summary>
    public int MinSamplesLeaf { get; }
    public int Seed { get; }

    public int FeatureCount { get; private set; }
    public int ClassCount { get; private set; }
    /// <summary>The nodes, the root first; children follow their parent (depth first, left subtree before right).</summary>
    public IReadOnlyList<DecisionTreeNode> Nodes => _nodes;
    public int LeafCount => _leafClasses.Length;
    /// <summary>The depth of the deepest leaf (0 for a tree that is only its root).</summary>
    public int Depth { get; private set; }

    DecisionTreeNode[] _nodes;
    float[] _leafShares; // LeafCount x ClassCount: the share of each class among a leaf's training rows
    byte[] _leafClasses; // each leaf's majority class (the lowest on a tie)

    public DecisionTree(SplitCriterion criterion = SplitCriterion.Gini, int? maxDepth = null, TreeSplitter splitter = TreeSplitter.Best,
        int? maxFeatures = null, int minSamplesSplit = 2, int minSamplesLeaf = 1, int seed = 0)
    {
        if (maxDepth < 0) throw new ArgumentOutOfRangeException(nameof(maxDepth), maxDepth, "must not be negative (null: unlimited)");
        if (maxFeatures < 1) throw new ArgumentOutOfRangeException(nameof(maxFeatures), maxFeatures, "must be at least 1 (null: all features)");
        if (minSamplesSplit < 2) throw new ArgumentOutOfRangeException(nameof(minSamplesSplit), minSamplesSplit, "must be at least 2");
        if (minSamplesLeaf < 1) throw new ArgumentOutOfRangeException(nameof(minSamplesLeaf), minSamplesLeaf, "must be at least 1");
        Criterion = criterion;
        MaxDepth = maxDepth;
        Splitter = splitter;
        MaxFeatures = maxFeatures;
        MinSamplesSplit = minSamplesSplit;
        MinSamplesLeaf = minSamplesLeaf;
        Seed = seed;
    }

    public void Fit(float[] features, byte[] labels, int featureCount)
    {
        ClassifierInput.Check(features, labels, featureCount);
        if (labels.Length == 0) throw new ArgumentException("cannot fit a tree on zero rows", nameof(labels));
        Fit(BinnedFeatures.Of(features, featureCount), labels);
    }

    /// <summary>Fits on features binned once (BinnedFeatures.Of), e.g. to fit several trees on the same rows.</summary>
    public void Fit(BinnedFeatures binned, byte[] labels)
    {
        ArgumentNullException.ThrowIfNull(binned);
        ArgumentNullException.ThrowIfNull(labels);
        if (labels.Length == 0) throw new ArgumentException("cannot fit a tree on zero rows", nameof(labels));
        Grow(binned, labels, rowWeights: null, labels.Max() + 1, parallelFeatures: true);
    }

    /// <summary>
    /// Grows the tree. rowWeights (null: 1 each) says how often each row counts, as scikit-learn's forest passes a
    /// bootstrap sample: rows of weight 0 are left out. parallelFeatures: search the features of big nodes in parallel.
    /// </summary>
    internal void Grow(BinnedFeatures binned, byte[] labels, int[] rowWeights, int classCount, bool parallelFeatures)
    {
        if (labels.Length != binned.RowCount) throw new ArgumentException($"{labels.Length} labels for {binned.RowCount} rows", nameof(labels));
        if (MaxFeatures > binned.FeatureCount)
            throw new ArgumentException($"maxFeatures = {MaxFeatures} is more than the {binned.FeatureCount} features", nameof(binned));
        if (rowWeights is not null && (rowWeights.Length != labels.Length || rowWeights.Any(w => w < 0) || rowWeights.All(w => w == 0)))
            throw new ArgumentException("row weights must be one per row, none negative, not all 0", nameof(rowWeights));
        (_nodes, _leafShares, _leafClasses) = binned.Bins switch
        {
            byte[] bins => new Grower<byte>(this, binned, bins, labels, rowWeights, classCount, parallelFeatures).Grow(),
            ushort[] bins => new Grower<ushort>(this, binned, bins, labels, rowWeights, classCount, parallelFeatures).Grow(),
            int[] bins => new Grower<int>(this, binned, bins, labels, rowWeights, classCount, parallelFeatures).Grow(),
            _ => throw new InvalidOperationException("unknown bin width"),
        };
        FeatureCount = binned.FeatureCount;
        ClassCount = classCount;
        Depth = _nodes.Max(n => n.Depth);
    }

    public byte[] Predict(float[] features)
    {
        int count = RowsOf(features);
        var predictions = new byte[count];
        Parallel.For(0, count, r => predictions[r] = _leafClasses[LeafOf(features.AsSpan(r * FeatureCount, FeatureCount))]);
        return predictions;
    }

    /// <summary>The class shares of the leaf each row falls into (rows x classes), as scikit-learn's predict_proba.</summary>
    public double[] PredictProbabilities(float[] features)
    {
        int count = RowsOf(features);
        var probabilities = new double[count * ClassCount];
        Parallel.For(0, count, r => AddClassShares(features.AsSpan(r * FeatureCount, FeatureCount), probabilities.AsSpan(r * ClassCount, ClassCount)));
        return probabilities;
    }

    /// <summary>Adds the class shares of the leaf that <paramref name="row"/> falls into to <paramref name="sums"/> (what a forest averages).</summary>
    internal void AddClassShares(ReadOnlySpan<float> row, Span<double> sums)
    {
        var shares = _leafShares.AsSpan(LeafOf(row) * ClassCount, ClassCount);
        for (int c = 0; c < shares.Length; c++) sums[c] += shares[c];
    }

    int LeafOf(ReadOnlySpan<float> row)
    {
        var node = _nodes[0];
        while (node.Feature >= 0) node = _nodes[row[node.Feature] <= node.Threshold ? node.Left : node.Right];
        return node.Leaf;
    }

    int RowsOf(float[] features)
    {
        if (_nodes is null) throw new InvalidOperationException("call Fit before predicting");
        ArgumentNullException.ThrowIfNull(features);
        if (features.Length % FeatureCount != 0)
            throw new ArgumentException($"{features.Length} values are not whole rows of the {FeatureCount} features the tree was fitted on", nameof(features));
        return features.Length / FeatureCount;
    }

    public override string ToString() =>
        $"Decision tree ({Criterion.ToString().ToLowerInvariant()}, {Splitter.ToString().ToLowerInvariant()} splits, max depth {MaxDepth?.ToString() ?? "none"}" +
        (MaxFeatures is null ? ")" : $", {MaxFeatures} features per node)");

    /// <summary>Grows one tree over bins of type TBin (byte, ushort or int, as wide as the features need).</summary>
    sealed class Grower<TBin> where TBin : unmanaged, IBinaryInteger<TBin>
    {
        /// <summary>Nodes with fewer rows sort their rows' bins: cheaper than counting into, and scanning, every bin.</summary>
        const int SortBelowRows = 64;
        /// <summary>A node's rows x features to search from which spreading the features over the cores pays.</summary>
        const long ParallelFromWork = 1 << 18;

        readonly DecisionTree _tree;
        readonly BinnedFeatures _binned;
        readonly TBin[] _bins;
        readonly int _rowCount, _featureCount, _classCount, _maxFeatures, _maxDepth;
        // Whether a search counts the rows per bin: only when min samples per leaf must count rows, not weights, or
        // when there are too many classes for a bit per class to mark the bins that hold rows.
        readonly bool _countBinRows;
        // The rows of the tree (those of weight above 0), their labels and weights, partitioned in place so that
        // every node's rows are one range.
        readonly int[] _rows, _weights;
        readonly byte[] _labels;
        // All features; those before a node's knownConstants are constant in that node (as in one of its ancestors).
        readonly int[] _features, _positionOf;
        readonly int[] _pool; // the urn features are drawn from when MaxFeatures is set: -1 for a known constant
        readonly List<int> _candidates = new();
        readonly FeatureSplit[] _splits; // the best split found for each feature searched at the current node
        readonly Scratch[] _scratches;   // one per core that searches features
        readonly double[] _xLogX;        // x ln x for every whole weight, for the entropy
        readonly Random _random;
        readonly List<DecisionTreeNode> _nodes = new();
        readonly List<float> _leafShares = new();
        readonly List<byte> _leafClasses = new();

        public Grower(DecisionTree tree, BinnedFeatures binned, TBin[] bins, byte[] labels, int[] rowWeights, int classCount, bool parallelFeatures)
        {
            _tree = tree;
            _binned = binned;
            _bins = bins;
            _rowCount = binned.RowCount;
            _featureCount = binned.FeatureCount;
            _classCount = classCount;
            _maxFeatures = tree.MaxFeatures ?? _featureCount;
            _maxDepth = tree.MaxDepth ?? int.MaxValue;
            _rows = Enumerable.Range(0, _rowCount).Where(r => rowWeights is null || rowWeights[r] > 0).ToArray();
            _labels = _rows.Select(r => labels[r]).ToArray();
            _weights = _rows.Select(r => rowWeights?[r] ?? 1).ToArray();
            if (_labels.Any(l => l >= classCount)) throw new ArgumentException($"a label is outside the {classCount} classes", nameof(labels));
            _countBinRows = classCount > 32 || (tree.MinSamplesLeaf > 1 && _weights.Any(w => w != 1));
            _features = Enumerable.Range(0, _featureCount).ToArray();
            _positionOf = Enumerable.Range(0, _featureCount).ToArray();
            _pool = new int[_featureCount];
            _splits = new FeatureSplit[_featureCount];
            int maxBins = binned.DistinctValues.Max(v => v.Length);
            _scratches = Enumerable.Range(0, parallelFeatures ? Environment.ProcessorCount : 1).Select(_ => new Scratch(maxBins, classCount)).ToArray();
            if (tree.Criterion == SplitCriterion.Entropy)
            {
                int totalWeight = _weights.Sum();
                _xLogX = new double[totalWeight + 1];
                for (int x = 1; x <= totalWeight; x++) _xLogX[x] = x * Math.Log(x);
            }
            _random = new Random(tree.Seed);
        }

        readonly record struct PendingNode(int Start, int End, int Depth, int Parent, bool IsLeft, int KnownConstants);

        public (DecisionTreeNode[], float[], byte[]) Grow()
        {
            var stack = new Stack<PendingNode>();
            stack.Push(new PendingNode(0, _rows.Length, 0, -1, false, 0));
            var totals = new int[_classCount];
            while (stack.Count > 0)
            {
                var node = stack.Pop();
                int id = _nodes.Count;
                if (node.Parent >= 0) _nodes[node.Parent] = node.IsLeft ? _nodes[node.Parent] with { Left = id } : _nodes[node.Parent] with { Right = id };
                Array.Clear(totals);
                int totalWeight = 0;
                for (int i = node.Start; i < node.End; i++)
                {
                    totals[_labels[i]] += _weights[i];
                    totalWeight += _weights[i];
                }
                int rows = node.End - node.Start;
                int knownConstants = node.KnownConstants;
                bool leaf = node.Depth >= _maxDepth || rows < _tree.MinSamplesSplit || rows < 2 * _tree.MinSamplesLeaf || totals.Contains(totalWeight);
                (int Feature, int CutBin, double Threshold) split = default;
                if (!leaf) leaf = !TryFindSplit(node.Start, node.End, totals, totalWeight, ref knownConstants, out split);
                if (leaf)
                {
                    _nodes.Add(new DecisionTreeNode(-1, 0, -1, -1, _leafClasses.Count, node.Depth, rows));
                    int majority = 0;
                    for (int c = 0; c < _classCount; c++)
                    {
                        _leafShares.Add((float)((double)totals[c] / totalWeight));
                        if (totals[c] > totals[majority]) majority = c;
                    }
                    _leafClasses.Add((byte)majority);
                    continue;
                }
                int middle = Partition(node.Start, node.End, split.Feature, split.CutBin);
                _nodes.Add(new DecisionTreeNode(split.Feature, split.Threshold, -1, -1, -1, node.Depth, rows));
                stack.Push(new PendingNode(middle, node.End, node.Depth + 1, id, false, knownConstants));
                stack.Push(new PendingNode(node.Start, middle, node.Depth + 1, id, true, knownConstants));
            }
            return (_nodes.ToArray(), _leafShares.ToArray(), _leafClasses.ToArray());
        }

        /// <summary>
        /// The best split of rows [start, end) over the features searched there: all that are not known to be constant,
        /// or, with MaxFeatures, that many drawn at random, more one at a time while none of them varies (scikit-learn's
        /// rule; a drawn known constant counts as drawn). Features found constant here are known constant below.
        /// </summary>
        bool TryFindSplit(int start, int end, int[] totals, int totalWeight, ref int knownConstants, out (int Feature, int CutBin, double Threshold) split)
        {
            _candidates.Clear();
            if (_maxFeatures >= _featureCount)
            {
                for (int p = knownConstants; p < _featureCount; p++) _candidates.Add(_features[p]);
                Search(0, start, end, totals, totalWeight);
            }
            else
            {
                for (int p = 0; p < _featureCount; p++) _pool[p] = p < knownConstants ? -1 : _features[p];
                int undrawn = _featureCount, unknownUndrawn = _featureCount - knownConstants;
                Draw(_maxFeatures, ref undrawn, ref unknownUndrawn);
                Search(0, start, end, totals, totalWeight);
                while (unknownUndrawn > 0 && _candidates.All(f => _splits[f].Constant))
                {
                    int from = _candidates.Count;
                    Draw(1, ref undrawn, ref unknownUndrawn);
                    Search(from, start, end, totals, totalWeight);
                }
            }
            int best = -1;
            foreach (int f in _candidates)
            {
                ref var candidate = ref _splits[f];
                if (candidate.Constant) MoveToKnownConstants(f, ref knownConstants);
                else if (candidate.Found && (best < 0 || candidate.Quality > _splits[best].Quality || (candidate.Quality == _splits[best].Quality && f < best)))
                    best = f;
            }
            split = best < 0 ? default : (best, _splits[best].CutBin, _tree.Splitter == TreeSplitter.Best ? Halfway(best) : _splits[best].Threshold);
            return best >= 0;
        }

        void Draw(int count, ref int undrawn, ref int unknownUndrawn)
        {
            for (int t = 0; t < count && undrawn > 0; t++)
            {
                int j = _random.Next(undrawn);
                int feature = _pool[j];
                _pool[j] = _pool[undrawn - 1];
                _pool[--undrawn] = feature;
                if (feature < 0) continue;
                _candidates.Add(feature);
                unknownUndrawn--;
            }
        }

        void MoveToKnownConstants(int feature, ref int knownConstants)
        {
            int from = _positionOf[feature], to = knownConstants++;
            int other = _features[to];
            (_features[from], _features[to]) = (other, feature);
            (_positionOf[other], _positionOf[feature]) = (from, to);
        }

        /// <summary>scikit-learn's threshold: halfway between the node's values on either side of the cut (the lower one if halfway rounds to the upper).</summary>
        double Halfway(int feature)
        {
            double below = _binned.DistinctValues[feature][_splits[feature].CutBin], above = _binned.DistinctValues[feature][_splits[feature].NextBin];
            double threshold = below / 2.0 + above / 2.0;
            return threshold == above || double.IsInfinity(threshold) ? below : threshold;
        }

        /// <summary>Searches the candidates from index <paramref name="from"/> on, filling _splits for each.</summary>
        void Search(int from, int start, int end, int[] totals, int totalWeight)
        {
            if (_tree.Splitter == TreeSplitter.Best)
            {
                ForEachCandidate(from, end - start, (f, scratch) => SearchBest(f, start, end, totals, totalWeight, scratch));
                return;
            }
            // Random thresholds are drawn in the order the features were drawn, so that a seed gives one tree however the cores share the work.
            ForEachCandidate(from, end - start, (f, scratch) => FindBinRange(f, start, end));
            for (int i = from; i < _candidates.Count; i++) DrawThreshold(_candidates[i]);
            ForEachCandidate(from, end - start, (f, scratch) => { if (!_splits[f].Constant) ScoreCut(f, start, end, totals, totalWeight, scratch); });
        }

        void ForEachCandidate(int from, int rows, Action<int, Scratch> search)
        {
            int count = _candidates.Count - from;
            if (_scratches.Length == 1 || (long)rows * count < ParallelFromWork)
            {
                for (int i = from; i < _candidates.Count; i++) search(_candidates[i], _scratches[0]);
                return;
            }
            int next = from - 1;
            Parallel.For(0, _scratches.Length, worker =>
            {
                for (int i = Interlocked.Increment(ref next); i < _candidates.Count; i = Interlocked.Increment(ref next)) search(_candidates[i], _scratches[worker]);
            });
        }

        ReadOnlySpan<TBin> Column(int feature) => _bins.AsSpan(feature * _rowCount, _rowCount);

        void SearchBest(int feature, int start, int end, int[] totals, int totalWeight, Scratch scratch)
        {
            int rows = end - start;
            if (rows < SortBelowRows || 4L * rows < _binned.DistinctValues[feature].Length) SearchBestBySorting(feature, start, end, totals, totalWeight, scratch);
            else SearchBestByCounting(feature, start, end, totals, totalWeight, scratch);
        }

        /// <summary>
        /// Counts each class's weight per bin (and which classes a bin holds), then moves the bins from the right child
        /// to the left one, lowest first, trying the cut after every bin the node's rows hold.
        /// </summary>
        void SearchBestByCounting(int feature, int start, int end, int[] totals, int totalWeight, Scratch scratch)
        {
            ref var result = ref _splits[feature];
            result = default;
            var column = Column(feature);
            int classes = _classCount;
            int[] histogram = scratch.Histogram, binRows = scratch.BinRows;
            uint[] binClasses = scratch.BinClasses; // bit c set: the bin holds class c (up to 32 classes, else every class is visited)
            int low = int.MaxValue, high = -1;
            for (int i = start; i < end; i++)
            {
                int bin = int.CreateTruncating(column[_rows[i]]), label = _labels[i];
                histogram[bin * classes + label] += _weights[i];
                if (_countBinRows) binRows[bin]++;
                if (binClasses is not null) binClasses[bin] |= 1u << label;
                low = Math.Min(low, bin);
                high = Math.Max(high, bin);
            }
            var cut = new RunningCut(scratch.Left, totals, totalWeight, _xLogX);
            int rows = end - start, leftRows = 0, previous = -1, minLeaf = _tree.MinSamplesLeaf;
            double best = double.NegativeInfinity;
            for (int bin = low; bin <= high; bin++)
            {
                if (binClasses is null ? binRows[bin] == 0 : binClasses[bin] == 0) continue;
                // (With one row per leaf allowed, any cut between two bins that hold rows will do.)
                if (previous >= 0 && (minLeaf == 1 || (leftRows >= minLeaf && rows - leftRows >= minLeaf)))
                {
                    double quality = cut.Quality;
                    if (quality > best) (best, result.CutBin, result.NextBin) = (quality, previous, bin);
                }
                var counts = histogram.AsSpan(bin * classes, classes);
                if (binClasses is null)
                {
                    for (int c = 0; c < classes; c++) if (counts[c] != 0) cut.Move(c, counts[c]);
                    counts.Clear();
                }
                else
                {
                    for (uint present = binClasses[bin]; present != 0; present &= present - 1)
                    {
                        int c = BitOperations.TrailingZeroCount(present);
                        cut.Move(c, counts[c]);
                        counts[c] = 0;
                    }
                    binClasses[bin] = 0;
                }
                if (_countBinRows) (leftRows, binRows[bin]) = (leftRows + binRows[bin], 0);
                else leftRows = cut.LeftWeight; // every weight is 1 (or the count is not needed)
                previous = bin;
            }
            (result.Constant, result.Found, result.Quality) = (low == high, best > double.NegativeInfinity, best);
        }

        /// <summary>Sorts the node's rows by bin (bin in the high half of a key, the row's place in the low half), then moves them to the left child one by one, trying every cut between two bins.</summary>
        void SearchBestBySorting(int feature, int start, int end, int[] totals, int totalWeight, Scratch scratch)
        {
            ref var result = ref _splits[feature];
            result = default;
            var column = Column(feature);
            int rows = end - start;
            var keys = scratch.SortKeys(rows);
            for (int i = start; i < end; i++) keys[i - start] = ((long)int.CreateTruncating(column[_rows[i]]) << 32) | (uint)(i - start);
            keys.Sort();
            int previous = (int)(keys[0] >> 32);
            if (previous == (int)(keys[rows - 1] >> 32))
            {
                result.Constant = true;
                return;
            }
            var cut = new RunningCut(scratch.Left, totals, totalWeight, _xLogX);
            int minLeaf = _tree.MinSamplesLeaf;
            double best = double.NegativeInfinity;
            for (int j = 0; j < rows; j++)
            {
                int bin = (int)(keys[j] >> 32);
                if (bin != previous)
                {
                    if (j >= minLeaf && rows - j >= minLeaf)
                    {
                        double quality = cut.Quality;
                        if (quality > best) (best, result.CutBin, result.NextBin) = (quality, previous, bin);
                    }
                    previous = bin;
                }
                int i = start + (int)(uint)keys[j];
                cut.Move(_labels[i], _weights[i]);
            }
            (result.Found, result.Quality) = (best > double.NegativeInfinity, best);
        }

        void FindBinRange(int feature, int start, int end)
        {
            ref var result = ref _splits[feature];
            result = default;
            var column = Column(feature);
            int low = int.MaxValue, high = -1;
            for (int i = start; i < end; i++)
            {
                int bin = int.CreateTruncating(column[_rows[i]]);
                low = Math.Min(low, bin);
                high = Math.Max(high, bin);
            }
            (result.LowBin, result.HighBin, result.Constant) = (low, high, low == high);
        }

        /// <summary>scikit-learn's RandomSplitter: a threshold uniform between the node's lowest and highest value of the feature.</summary>
        void DrawThreshold(int feature)
        {
            ref var result = ref _splits[feature];
            if (result.Constant) return;
            float[] values = _binned.DistinctValues[feature];
            double low = values[result.LowBin], high = values[result.HighBin];
            double threshold = (high - low) * _random.NextDouble() + low;
            if (threshold >= high) threshold = low;
            int cut = result.LowBin; // the highest bin at or below the threshold (below HighBin, as threshold < high)
            for (int lo = result.LowBin + 1, hi = result.HighBin - 1; lo <= hi;)
            {
                int mid = (lo + hi) >>> 1;
                if (values[mid] <= threshold) (cut, lo) = (mid, mid + 1);
                else hi = mid - 1;
            }
            (result.Threshold, result.CutBin) = (threshold, cut);
        }

        void ScoreCut(int feature, int start, int end, int[] totals, int totalWeight, Scratch scratch)
        {
            ref var result = ref _splits[feature];
            var column = Column(feature);
            var cut = new RunningCut(scratch.Left, totals, totalWeight, _xLogX);
            int leftRows = 0;
            for (int i = start; i < end; i++)
                if (int.CreateTruncating(column[_rows[i]]) <= result.CutBin)
                {
                    cut.Move(_labels[i], _weights[i]);
                    leftRows++;
                }
            if (leftRows < _tree.MinSamplesLeaf || end - start - leftRows < _tree.MinSamplesLeaf) return;
            (result.Found, result.Quality) = (true, cut.Quality);
        }

        /// <summary>Moves the rows of [start, end) whose bin of the feature is at most cutBin to the front; returns where the others begin.</summary>
        int Partition(int start, int end, int feature, int cutBin)
        {
            var column = Column(feature);
            int i = start, j = end - 1;
            while (i <= j)
            {
                if (int.CreateTruncating(column[_rows[i]]) <= cutBin) { i++; continue; }
                (_rows[i], _rows[j]) = (_rows[j], _rows[i]);
                (_labels[i], _labels[j]) = (_labels[j], _labels[i]);
                (_weights[i], _weights[j]) = (_weights[j], _weights[i]);
                j--;
            }
            return i;
        }
    }

    /// <summary>
    /// A cut of a node's rows being swept from the right child to the left: the class weights on the left and what the
    /// cut's quality needs, kept up to date in O(1) per class moved. Quality: the higher, the better the cut: minus the
    /// children's impurities weighted by their weights, up to a constant of the node. Gini: Σ left²/leftWeight +
    /// Σ right²/rightWeight (kept as exact integers, so equal cuts score equal). Entropy: the children's Σ n ln n over
    /// classes minus their w ln w (in floating point: equal cuts can differ in the last bits).
    /// </summary>
    struct RunningCut
    {
        readonly int[] _left, _totals;
        readonly double[] _xLogX; // null: Gini
        readonly int _totalWeight;
        long _leftSquares, _rightSquares;
        double _leftEntropy, _rightEntropy;
        int _leftWeight;
        public readonly int LeftWeight => _leftWeight;

        public RunningCut(int[] left, int[] totals, int totalWeight, double[] xLogX)
        {
            Array.Clear(left);
            (_left, _totals, _totalWeight, _xLogX) = (left, totals, totalWeight, xLogX);
            (_leftSquares, _rightSquares, _leftEntropy, _rightEntropy, _leftWeight) = (0, 0, 0, 0, 0);
            foreach (int total in totals)
                if (xLogX is null) _rightSquares += (long)total * total;
                else _rightEntropy += xLogX[total];
        }

        /// <summary>Moves <paramref name="weight"/> of class <paramref name="c"/> to the left.</summary>
        public void Move(int c, int weight)
        {
            int left = _left[c], right = _totals[c] - left;
            if (_xLogX is null)
            {
                _leftSquares += (2L * left + weight) * weight;   // (l + w)² - l²
                _rightSquares += (weight - 2L * right) * weight; // (r - w)² - r²
            }
            else
            {
                _leftEntropy += _xLogX[left + weight] - _xLogX[left];
                _rightEntropy += _xLogX[right - weight] - _xLogX[right];
            }
            _left[c] = left + weight;
            _leftWeight += weight;
        }

        public readonly double Quality => _xLogX is null
            ? (double)_leftSquares / _leftWeight + (double)_rightSquares / (_totalWeight - _leftWeight)
            : _leftEntropy + _rightEntropy - _xLogX[_leftWeight] - _xLogX[_totalWeight - _leftWeight];
    }

    struct FeatureSplit
    {
        public bool Constant, Found;
        public double Quality, Threshold;
        public int CutBin, NextBin, LowBin, HighBin; // left: bins <= CutBin; NextBin: the node's next bin above it
    }

    /// <summary>One searching core's buffers; Histogram, BinRows and BinClasses are all zero between searches.</summary>
    sealed class Scratch(int maxBins, int classCount)
    {
        public readonly int[] Histogram = new int[maxBins * classCount];
        public readonly int[] BinRows = new int[maxBins];
        public readonly int[] Left = new int[classCount];
        public readonly uint[] BinClasses = classCount <= 32 ? new uint[maxBins] : null;
        long[] _sortKeys = new long[SortKeysAtFirst];
        const int SortKeysAtFirst = 256;

        public Span<long> SortKeys(int count)
        {
            if (_sortKeys.Length < count) _sortKeys = new long[Math.Max(count, 2 * _sortKeys.Length)];
            return _sortKeys.AsSpan(0, count);
        }
    }
}

/// <summary>
/// A feature matrix with every value replaced by its bin: its rank among the distinct values of its feature, so
/// that a tree can count per bin instead of sorting values. Exact, not a quantile sketch: a feature has as many
/// bins as distinct values, one byte wide when no feature has more than 256 (standardized pixels), else two or four.
/// </summary>
public sealed class BinnedFeatures
{
    public int RowCount { get; }
    public int FeatureCount { get; }
    /// <summary>Each feature's distinct values, ascending: bin b of feature f stands for DistinctValues[f][b].</summary>
    public float[][] DistinctValues { get; }
    /// <summary>Bytes per bin: 1, 2 or 4.</summary>
    public int BinWidth { get; }
    /// <summary>byte[], ushort[] or int[], column-major: the bin of row r, feature f is at f * RowCount + r.</summary>
    internal Array Bins { get; }

    BinnedFeatures(int rowCount, int featureCount, float[][] distinctValues, Array bins, int binWidth)
    {
        (RowCount, FeatureCount, DistinctValues, Bins, BinWidth) = (rowCount, featureCount, distinctValues, bins, binWidth);
    }

    /// <summary>Bins <paramref name="features"/> (row-major, featureCount per row). NaN is refused.</summary>
    public static BinnedFeatures Of(float[] features, int featureCount)
    {
        ArgumentNullException.ThrowIfNull(features);
        if (featureCount <= 0 || features.Length % featureCount != 0)
            throw new ArgumentException($"{features.Length} values are not whole rows of {featureCount} features", nameof(features));
        int nan = Array.FindIndex(features, float.IsNaN);
        if (nan >= 0) throw new ArgumentException($"feature {nan % featureCount} of row {nan / featureCount} is NaN: trees need a value to compare", nameof(features));
        int rows = features.Length / featureCount;
        var distinct = new float[featureCount][];
        ForEachColumn(features, featureCount, (feature, column) =>
        {
            var seen = new ValueIndex();
            foreach (float value in column) seen.IndexOf(value);
            distinct[feature] = seen.Values();
            Array.Sort(distinct[feature]);
        });
        int most = distinct.Max(d => d.Length);
        Array bins = most <= 1 << 8 ? WriteBins<byte>(features, featureCount, distinct)
            : most <= 1 << 16 ? WriteBins<ushort>(features, featureCount, distinct)
            : WriteBins<int>(features, featureCount, distinct);
        return new BinnedFeatures(rows, featureCount, distinct, bins, most <= 1 << 8 ? 1 : most <= 1 << 16 ? 2 : 4);
    }

    static TBin[] WriteBins<TBin>(float[] features, int featureCount, float[][] distinct) where TBin : unmanaged, IBinaryInteger<TBin>
    {
        int rows = features.Length / featureCount;
        var bins = new TBin[features.Length];
        ForEachColumn(features, featureCount, (feature, column) =>
        {
            var rank = new ValueIndex();
            foreach (float value in distinct[feature]) rank.IndexOf(value); // ascending: a value's index is its rank
            var binsOfFeature = bins.AsSpan(feature * rows, rows);
            for (int r = 0; r < rows; r++) binsOfFeature[r] = TBin.CreateTruncating(rank.IndexOf(column[r]));
        });
        return bins;
    }

    /// <summary>Numbers distinct float values in the order first seen (a hash table with open addressing; 0 and -0 are one value).</summary>
    sealed class ValueIndex
    {
        int[] _slots = new int[1024]; // index + 1 of the value hashed there, 0 for empty
        float[] _values = new float[512];
        int _count;

        public int IndexOf(float value)
        {
            if (value == 0) value = 0; // -0 becomes 0
            int mask = _slots.Length - 1;
            for (int slot = Hash(value) & mask; ; slot = (slot + 1) & mask)
            {
                int entry = _slots[slot];
                if (entry == 0) break;
                if (_values[entry - 1] == value) return entry - 1;
            }
            if (_count == _values.Length) Array.Resize(ref _values, 2 * _count);
            _values[_count++] = value;
            if (2 * _count > _slots.Length) Rehash();
            else Place(_count - 1);
            return _count - 1;
        }

        public float[] Values() => _values[.._count];

        static int Hash(float value) => (int)((uint)BitConverter.SingleToInt32Bits(value) * 2654435769u >> 7);

        void Place(int index)
        {
            int mask = _slots.Length - 1, slot = Hash(_values[index]) & mask;
            while (_slots[slot] != 0) slot = (slot + 1) & mask;
            _slots[slot] = index + 1;
        }

        void Rehash()
        {
            _slots = new int[2 * _slots.Length];
            for (int i = 0; i < _count; i++) Place(i);
        }
    }

    /// <summary>Hands each feature's column (a fresh copy) to <paramref name="use"/>, reading the rows 16 features (a cache line) at a time, groups in parallel.</summary>
    static void ForEachColumn(float[] features, int featureCount, Action<int, float[]> use)
    {
        const int Group = 16;
        int rows = features.Length / featureCount;
        Parallel.For(0, (featureCount + Group - 1) / Group, group =>
        {
            int first = group * Group, width = Math.Min(Group, featureCount - first);
            var columns = new float[width][];
            for (int j = 0; j < width; j++) columns[j] = new float[rows];
            for (int r = 0; r < rows; r++)
            {
                var row = features.AsSpan(r * featureCount + first, width);
                for (int j = 0; j < width; j++) columns[j][r] = row[j];
            }
            for (int j = 0; j < width; j++) use(first + j, columns[j]);
        });
    }
}
