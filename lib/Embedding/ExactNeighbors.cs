// ExactNeighbors: the exact k nearest neighbours of every row among all rows (Euclidean), by brute force.
// Used by t-SNE (k = 3 x perplexity) and by trustworthiness (not to be confused with the kNN classifier,
// lib/Classical/KNearestNeighbors.cs, which finds training rows near test rows). Brute force is exact, deterministic and, with
// SIMD and cache blocks, fast enough for 70,000 rows of 50 values: about N^2 x D multiply-adds in all.
using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using System.Numerics;
using System.Runtime.InteropServices;

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
    const int QueryBlock = 32;       // queries sharing one pass over a candidate block
    const int CandidateBlock = 1024; // candidates per block: 1024 x 50 floats stay in the L2 cache

    /// <summary>The <paramref name="k"/> nearest other rows of each of the N rows (<paramref name="dimensions"/> values each).</summary>
    public static NeighborLists Find(float[] rows, int dimensions, int k, int maxThreads = -1)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (dimensions <= 0 || rows.Length % dimensions != 0)
            throw new ArgumentException($"{rows.Length} values are not whole rows of {dimensions}", nameof(rows));
        int n = rows.Length / dimensions;
        if (k < 1 || k >= n) throw new ArgumentOutOfRangeException(nameof(k), $"k = {k} neighbours needs 1 <= k < rows ({n})");

        int stride = PaddedWidth(dimensions);
        float[] padded = Padded(rows, dimensions, stride);
        var indices = new int[n * k];
        var distances = new float[n * k];
        int blocks = (n + QueryBlock - 1) / QueryBlock;
        Parallel.For(0, blocks, Parallelism.Options(maxThreads), block =>
        {
            int first = block * QueryBlock, last = Math.Min(n, first + QueryBlock);
            var heaps = new NearestK[last - first];
            for (int q = first; q < last; q++) heaps[q - first] = new NearestK(k);
            for (int c0 = 0; c0 < n; c0 += CandidateBlock)
            {
                int c1 = Math.Min(n, c0 + CandidateBlock);
                for (int q = first; q < last; q++)
                {
                    ReadOnlySpan<float> query = padded.AsSpan(q * stride, stride);
                    NearestK heap = heaps[q - first];
                    for (int c = c0; c < c1; c++)
                    {
                        if (c == q) continue;
                        float d = SquaredDistanceBelow(query, padded.AsSpan(c * stride, stride), heap.Largest);
                        heap.Offer(c, d);
                    }
                }
            }
            for (int q = first; q < last; q++)
                heaps[q - first].CopySorted(indices.AsSpan(q * k, k), distances.AsSpan(q * k, k));
        });
        return new NeighborLists(n, k, indices, distances);
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
