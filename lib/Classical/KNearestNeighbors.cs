// KNearestNeighbors: the k-nearest-neighbours classifier (scikit-learn's KNeighborsClassifier), by brute
// force. ML.NET has none. Every test row is compared with every training row, so the inner loop is all
// that matters: it compares a block of test rows with one training row at a time, with SIMD float
// arithmetic (System.Numerics.Vector), so each training row is read from memory once per block, not once
// per test row; blocks run in parallel. The search depends only on the training rows, the query rows and the
// metric, not on k or the votes: the last searches are kept (SharedSearch), so a grid that runs k = 9, 5 and 1 with
// both weightings on the same images searches once per metric (deepest k first) and takes the first k of each list.

using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Security.Cryptography;

public enum NeighborMetric { Euclidean, Manhattan }

public sealed class KNearestNeighbors : IClassifier
{
    public int K { get; }
    /// <summary>Uniform: each neighbour has one vote. Distance-weighted: a vote weighs 1/distance (an exact match wins outright).</summary>
    public bool WeightByDistance { get; }
    public NeighborMetric Metric { get; }

    const int BlockRows = 8; // test rows compared with a training row at once: 8 accumulators stay in registers

    float[] _train;
    float[] _trainSquaredNorms;
    byte[] _labels;
    byte[] _trainFingerprint;
    int _featureCount;
    int _classCount;

    public KNearestNeighbors(int k = 5, bool weightByDistance = false, NeighborMetric metric = NeighborMetric.Euclidean)
    {
        if (k <= 0) throw new ArgumentOutOfRangeException(nameof(k), k, "k must be at least 1");
        K = k;
        WeightByDistance = weightByDistance;
        Metric = metric;
    }

    public void Fit(float[] features, byte[] labels, int featureCount)
    {
        ClassifierInput.Check(features, labels, featureCount);
        if (labels.Length < K) throw new ArgumentException($"k = {K} neighbours need at least {K} training rows, got {labels.Length}");
        _train = features;
        _labels = labels;
        _featureCount = featureCount;
        _classCount = labels.Max() + 1;
        _trainSquaredNorms = new float[labels.Length];
        for (int i = 0; i < labels.Length; i++) _trainSquaredNorms[i] = Dot(features.AsSpan(i * featureCount, featureCount), features.AsSpan(i * featureCount, featureCount));
        _trainFingerprint = Fingerprint(features, featureCount);
    }

    public byte[] Predict(float[] features)
    {
        var (indices, distances) = Neighbors(features);
        int count = features.Length / _featureCount;
        var predictions = new byte[count];
        for (int i = 0; i < count; i++)
            predictions[i] = Vote(indices.AsSpan(i * K, K), distances.AsSpan(i * K, K));
        return predictions;
    }

    /// <summary>For each row, the indices of its K nearest training rows and their distances, nearest first (K per row).</summary>
    public (int[] Indices, float[] Distances) Neighbors(float[] features)
    {
        if (_train is null) throw new InvalidOperationException("call Fit before asking for neighbours");
        if (features.Length % _featureCount != 0)
            throw new ArgumentException($"{features.Length} values are not whole rows of the {_featureCount} features the model was fitted on");
        int count = features.Length / _featureCount;
        byte[] queryFingerprint = Fingerprint(features, _featureCount);
        if (SharedSearch.Find(_trainFingerprint, queryFingerprint, Metric, K) is { } found) return found.FirstOf(count, K);
        var (indices, distances) = Search(features, count);
        SharedSearch.Keep(new SearchResult(_trainFingerprint, queryFingerprint, Metric, K, (int[])indices.Clone(), (float[])distances.Clone()));
        return (indices, distances);
    }

    (int[] Indices, float[] Distances) Search(float[] features, int count)
    {
        var indices = new int[count * K];
        var distances = new float[count * K];
        int blocks = (count + BlockRows - 1) / BlockRows;
        Parallel.For(0, blocks, block =>
        {
            int first = block * BlockRows, rows = Math.Min(BlockRows, count - first);
            var best = new NearestK[rows];
            for (int r = 0; r < rows; r++) best[r] = new NearestK(K);
            var scores = new float[BlockRows];
            var queryNorms = new float[BlockRows];
            for (int r = 0; r < rows; r++)
            {
                var q = features.AsSpan((first + r) * _featureCount, _featureCount);
                queryNorms[r] = Dot(q, q);
            }
            for (int t = 0; t < _labels.Length; t++)
            {
                if (Metric == NeighborMetric.Euclidean)
                {
                    // |q - x|² = |q|² + |x|² - 2 q·x: one dot product per pair instead of a difference vector.
                    BlockSums<Product>(features, first, rows, t, scores);
                    for (int r = 0; r < rows; r++)
                        best[r].Offer(t, Math.Max(0f, queryNorms[r] + _trainSquaredNorms[t] - 2f * scores[r]));
                }
                else
                {
                    BlockSums<AbsoluteDifference>(features, first, rows, t, scores);
                    for (int r = 0; r < rows; r++) best[r].Offer(t, scores[r]);
                }
            }
            for (int r = 0; r < rows; r++)
            {
                Span<float> nearest = distances.AsSpan((first + r) * K, K);
                best[r].CopySorted(indices.AsSpan((first + r) * K, K), nearest);
                if (Metric == NeighborMetric.Euclidean) foreach (ref float d in nearest) d = MathF.Sqrt(d);
            }
        });
        return (indices, distances);
    }

    /// <summary>SHA-256 of the rows' values and their width: equal fingerprints, equal rows.</summary>
    static byte[] Fingerprint(float[] rows, int featureCount)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(BitConverter.GetBytes(featureCount));
        hash.AppendData(MemoryMarshal.AsBytes(rows.AsSpan()));
        return hash.GetHashAndReset();
    }

    /// <summary>
    /// One search: for each query row its K nearest training rows, nearest first, ties to the lower index. Lists are ordered by
    /// (distance, index), so the first k of a deeper list are exactly the list a search for k would find.
    /// </summary>
    sealed record SearchResult(byte[] Train, byte[] Queries, NeighborMetric Metric, int K, int[] Indices, float[] Distances)
    {
        public bool Answers(byte[] train, byte[] queries, NeighborMetric metric, int k) =>
            metric == Metric && k <= K && train.AsSpan().SequenceEqual(Train) && queries.AsSpan().SequenceEqual(Queries);

        public (int[] Indices, float[] Distances) FirstOf(int count, int k)
        {
            var (indices, distances) = (new int[count * k], new float[count * k]);
            for (int i = 0; i < count; i++)
            {
                Indices.AsSpan(i * K, k).CopyTo(indices.AsSpan(i * k));
                Distances.AsSpan(i * K, k).CopyTo(distances.AsSpan(i * k));
            }
            return (indices, distances);
        }
    }

    /// <summary>
    /// The last few searches of any KNearestNeighbors (under a megabyte each for k = 9 and 10,000 test images), known by the fingerprints
    /// of their rows: one per metric of a grid, whatever order its configurations come in.
    /// </summary>
    static class SharedSearch
    {
        const int Capacity = 4;
        static readonly object Gate = new();
        static readonly LinkedList<SearchResult> Kept = new();   // newest first

        public static SearchResult Find(byte[] train, byte[] queries, NeighborMetric metric, int k)
        {
            lock (Gate) return Kept.FirstOrDefault(kept => kept.Answers(train, queries, metric, k));
        }

        public static void Keep(SearchResult result)
        {
            lock (Gate)
            {
                Kept.AddFirst(result);
                while (Kept.Count > Capacity) Kept.RemoveLast();
            }
        }
    }

    byte Vote(ReadOnlySpan<int> neighbors, ReadOnlySpan<float> distances)
    {
        var votes = new double[_classCount];
        bool exactMatch = WeightByDistance && distances[0] == 0f;
        for (int j = 0; j < neighbors.Length; j++)
        {
            double weight = !WeightByDistance ? 1
                : exactMatch ? (distances[j] == 0f ? 1 : 0) // as scikit-learn: exact matches alone decide
                : 1.0 / distances[j];
            votes[_labels[neighbors[j]]] += weight;
        }
        int winner = 0; // ties go to the lowest class number, as in scikit-learn
        for (int c = 1; c < votes.Length; c++) if (votes[c] > votes[winner]) winner = c;
        return (byte)winner;
    }

    // What a metric sums over the features of a query and a training row. As struct type arguments, the JIT
    // compiles BlockSums once per metric with the term inlined: no call in the hottest loop.
    interface IPairTerm
    {
        Vector<float> Of(Vector<float> a, Vector<float> b);
        float Of(float a, float b);
    }

    struct Product : IPairTerm
    {
        public Vector<float> Of(Vector<float> a, Vector<float> b) => a * b;
        public float Of(float a, float b) => a * b;
    }

    struct AbsoluteDifference : IPairTerm
    {
        public Vector<float> Of(Vector<float> a, Vector<float> b) => Vector.Abs(a - b);
        public float Of(float a, float b) => Math.Abs(a - b);
    }

    /// <summary>For up to BlockRows query rows, the sum over features of TTerm(training row t, query row).</summary>
    void BlockSums<TTerm>(float[] queries, int first, int rows, int t, float[] scores) where TTerm : struct, IPairTerm
    {
        TTerm term = default;
        int n = _featureCount, width = Vector<float>.Count, vectorEnd = n - n % width;
        var x = _train.AsSpan(t * n, n);
        Span<Vector<float>> sums = stackalloc Vector<float>[BlockRows];
        sums.Clear();
        for (int f = 0; f < vectorEnd; f += width)
        {
            var xv = new Vector<float>(x.Slice(f));
            for (int r = 0; r < rows; r++)
                sums[r] += term.Of(xv, new Vector<float>(queries.AsSpan((first + r) * n + f, width)));
        }
        for (int r = 0; r < rows; r++)
        {
            float s = Vector.Sum(sums[r]);
            for (int f = vectorEnd; f < n; f++) s += term.Of(x[f], queries[(first + r) * n + f]);
            scores[r] = s;
        }
    }

    static float Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        int width = Vector<float>.Count, vectorEnd = a.Length - a.Length % width;
        var sum = Vector<float>.Zero;
        for (int i = 0; i < vectorEnd; i += width) sum += new Vector<float>(a.Slice(i)) * new Vector<float>(b.Slice(i));
        float s = Vector.Sum(sum);
        for (int i = vectorEnd; i < a.Length; i++) s += a[i] * b[i];
        return s;
    }

    public override string ToString() => $"{K}-nearest neighbours, {Metric}, {(WeightByDistance ? "distance-weighted" : "uniform")} votes";
}
