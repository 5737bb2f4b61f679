// ExactNeighbors: the exact k nearest neighbours of every row among all rows (Euclidean), by brute force.
// Used by t-SNE (k = 3 x perplexity), UMAP and trustworthiness (not to be confused with the kNN classifier,
// lib/Classical/KNearestNeighbors.cs, which finds training rows near test rows). Brute force is exact and
// deterministic; all N^2 distances screened by matrix products, then the few kept re-ranked by direct distances,
// it is fast enough for 70,000 rows of 50 values: about N^2 x D multiply-adds in all.
using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using TorchSharp;
using static TorchSharp.torch;

public sealed class NeighborLists
{
    /// <summary>How many rows; each has <see cref="K"/> neighbours.</summary>
    public int Count { get; }
    public int K { get; }
    /// <summary>Row i's neighbours at [i*K, (i+1)*K), nearest first. A row is never its own neighbour.</summary>
    public int[] Indices { get; }
    /// <summary>Squared Euclidean distances matching <see cref="Indices"/>.</summary>
    public float[] SquaredDistances { get; }

    public NeighborLists(int count, int k, int[] indices, float[] squaredDistances)
    {
        Count = count;
        K = k;
        Indices = indices;
        SquaredDistances = squaredDistances;
    }

    public ReadOnlySpan<int> Of(int row) => Indices.AsSpan(row * K, K);
}

public static class ExactNeighbors
{
    const int QueryBlock = 256;        // queries per matrix product
    const int CandidateBlock = 4096;   // candidates per matrix product: 256 x 4,096 products, 4 MB
    const int Spare = 16;              // candidates kept beyond k by the screening, re-ranked by exact distance

    /// <summary>The <paramref name="k"/> nearest other rows of each of the N rows (<paramref name="dimensions"/> values each).</summary>
    /// <remarks>
    /// Two passes. Screening: all N^2 squared distances as |q|^2 + |c|^2 - 2 q.c, the dot products by matrix
    /// products (libtorch, one thread per block of queries), keeping each query's k + 16 smallest. These are off by
    /// rounding, at most <see cref="ScreeningError"/>. Re-ranking: the kept candidates' distances computed directly
    /// (the difference of the rows, squared and summed: what <see cref="SquaredDistance"/> gives), sorted, the first
    /// k taken (equal distances: the lower index first). That is the exact answer whenever the k-th exact distance
    /// lies more than twice the rounding bound below the largest screened distance kept, for then nothing dropped
    /// could have been nearer; for a query where it does not (many near-equal distances), its k are found by direct
    /// distances to every row. 70,000 rows of 50 values, k = 91: 6 to 7 s on 2 cores, against 11 to 13 s for direct
    /// distances throughout.
    /// </remarks>
    public static NeighborLists Find(float[] rows, int dimensions, int k, int maxThreads = -1)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (dimensions <= 0 || rows.Length % dimensions != 0)
            throw new ArgumentException($"{rows.Length} values are not whole rows of {dimensions}", nameof(rows));
        int n = rows.Length / dimensions;
        if (k < 1 || k >= n) throw new ArgumentOutOfRangeException(nameof(k), $"k = {k} neighbours needs 1 <= k < rows ({n})");

        int stride = PaddedWidth(dimensions);
        float[] padded = Padded(rows, dimensions, stride);
        var norms = new float[n];
        for (int i = 0; i < n; i++) norms[i] = SquaredNorm(rows.AsSpan(i * dimensions, dimensions));
        float largestNorm = norms.Max();
        int kept = Math.Min(n - 1, k + Spare);
        var indices = new int[n * k];
        var distances = new float[n * k];
        using Tensor all = TensorMemory.Copy(rows, n, dimensions);
        int blocks = (n + QueryBlock - 1) / QueryBlock;
        Parallel.For(0, blocks, Parallelism.Options(maxThreads), block => TensorMemory.OnOneThread(() =>
        {
            int first = block * QueryBlock, count = Math.Min(n, first + QueryBlock) - first;
            var heaps = new NearestK[count];
            for (int q = 0; q < count; q++) heaps[q] = new NearestK(kept);
            using var scope = torch.NewDisposeScope();
            Tensor queries = all.narrow(0, first, count);
            for (int c0 = 0; c0 < n; c0 += CandidateBlock)
            {
                using var inner = torch.NewDisposeScope();
                int width = Math.Min(n, c0 + CandidateBlock) - c0;
                ReadOnlySpan<float> dots = TensorMemory.FloatsOf(torch.mm(queries, all.narrow(0, c0, width).t()));
                for (int q = 0; q < count; q++)
                    Screen(heaps[q], first + q, norms[first + q], dots.Slice(q * width, width), norms.AsSpan(c0, width), c0);
            }
            var candidates = new int[kept];
            var screened = new float[kept];
            for (int q = 0; q < count; q++)
            {
                int query = first + q;
                heaps[q].CopySorted(candidates, screened);
                if (!Rerank(padded, stride, query, candidates, heaps[q].Largest, ScreeningError(norms[query], largestNorm, dimensions), k, n,
                        indices.AsSpan(query * k, k), distances.AsSpan(query * k, k)))
                    Direct(padded, stride, query, n, k, indices.AsSpan(query * k, k), distances.AsSpan(query * k, k));
            }
            return 0;
        }));
        return new NeighborLists(n, k, indices, distances);
    }

    // Offers a block of candidates to a query's heap by screened distance |q|^2 + |c|^2 - 2 q.c, eight at a time: most
    // are farther than the heap's largest, and a whole vector of them is turned away by one comparison. (Sixteen at a
    // time in 512-bit vectors made the whole search 3% faster here: not worth a second copy of the loop.)
    static void Screen(NearestK heap, int query, float queryNorm, ReadOnlySpan<float> dots, ReadOnlySpan<float> candidateNorms, int firstCandidate)
    {
        Vector256<float> own = Vector256.Create(queryNorm), two = Vector256.Create(2f);
        int c = 0;
        for (; c + 8 <= dots.Length; c += 8)
        {
            Vector256<float> screened = own + Vector256.Create(candidateNorms.Slice(c, 8)) - two * Vector256.Create(dots.Slice(c, 8));
            if (Vector256.LessThanAny(screened, Vector256.Create(heap.Largest)))
                for (int lane = 0; lane < 8; lane++)
                    if (firstCandidate + c + lane != query) heap.Offer(firstCandidate + c + lane, screened[lane]);
        }
        for (; c < dots.Length; c++)
            if (firstCandidate + c != query) heap.Offer(firstCandidate + c, queryNorm + candidateNorms[c] - 2 * dots[c]);
    }

    /// <summary>
    /// A bound on |screened - direct| for a query and any candidate: single-precision rounding (unit 2^-24) of a
    /// D-term dot product, of the norms and of the sum, D + 2 roundings of terms no larger than 2 (|q|^2 + |c|^2);
    /// with a factor of 4 to spare (the direct distance rounds too, far less).
    /// </summary>
    internal static float ScreeningError(float queryNorm, float largestNorm, int dimensions) =>
        4 * (dimensions + 2) * 2 * (queryNorm + largestNorm) * MathF.Pow(2, -24);

    // The kept candidates' direct distances, sorted; false when the screening cannot vouch for them.
    static bool Rerank(float[] padded, int stride, int query, int[] candidates, float largestScreened, float error, int k, int n,
        Span<int> indices, Span<float> distances)
    {
        ReadOnlySpan<float> row = padded.AsSpan(query * stride, stride);
        var exact = new (float Distance, int Index)[candidates.Length];
        for (int i = 0; i < candidates.Length; i++)
            exact[i] = (SquaredDistance(row, padded.AsSpan(candidates[i] * stride, stride)), candidates[i]);
        Array.Sort(exact);
        for (int i = 0; i < k; i++) (distances[i], indices[i]) = exact[i];
        bool everyOtherRowKept = candidates.Length == n - 1;
        return everyOtherRowKept || exact[k - 1].Distance + 2 * error < largestScreened;
    }

    // The k nearest by direct distances to every other row.
    static void Direct(float[] padded, int stride, int query, int n, int k, Span<int> indices, Span<float> distances)
    {
        var heap = new NearestK(k);
        ReadOnlySpan<float> row = padded.AsSpan(query * stride, stride);
        for (int c = 0; c < n; c++)
            if (c != query) heap.Offer(c, SquaredDistanceBelow(row, padded.AsSpan(c * stride, stride), heap.Largest));
        heap.CopySorted(indices, distances);
    }

    static float SquaredNorm(ReadOnlySpan<float> row)
    {
        double sum = 0;
        foreach (float v in row) sum += (double)v * v;
        return (float)sum;
    }

    /// <summary>Rows padded with zeros to a whole number of SIMD vectors, so the distance loop has no remainder.</summary>
    internal static float[] Padded(float[] rows, int dimensions, int stride)
    {
        int n = rows.Length / dimensions;
        var padded = new float[n * stride];
        for (int i = 0; i < n; i++) rows.AsSpan(i * dimensions, dimensions).CopyTo(padded.AsSpan(i * stride));
        return padded;
    }

    internal static int PaddedWidth(int dimensions) =>
        (dimensions + Vector<float>.Count - 1) / Vector<float>.Count * Vector<float>.Count;

    internal static float SquaredDistance(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        var va = MemoryMarshal.Cast<float, Vector<float>>(a);
        var vb = MemoryMarshal.Cast<float, Vector<float>>(b);
        var sum = Vector<float>.Zero;
        for (int i = 0; i < va.Length; i++)
        {
            var d = va[i] - vb[i];
            sum += d * d;
        }
        return Vector.Sum(sum);
    }

    /// <summary>
    /// The squared distance, or +infinity once the first 16 coordinates alone reach <paramref name="limit"/>. Partial
    /// sums only grow, so nothing below the limit is lost; after PCA the first coordinates carry most of the
    /// variance, so most candidates stop there (about 3x less work on PCA-50 rows).
    /// </summary>
    internal static float SquaredDistanceBelow(ReadOnlySpan<float> a, ReadOnlySpan<float> b, float limit)
    {
        var va = MemoryMarshal.Cast<float, Vector<float>>(a);
        var vb = MemoryMarshal.Cast<float, Vector<float>>(b);
        int head = Math.Min(va.Length, Math.Max(1, 16 / Vector<float>.Count));
        var sum = Vector<float>.Zero;
        for (int i = 0; i < head; i++)
        {
            var d = va[i] - vb[i];
            sum += d * d;
        }
        if (head < va.Length && Vector.Sum(sum) >= limit) return float.PositiveInfinity;
        for (int i = head; i < va.Length; i++)
        {
            var d = va[i] - vb[i];
            sum += d * d;
        }
        return Vector.Sum(sum);
    }
}
