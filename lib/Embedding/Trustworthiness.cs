// Trustworthiness: how far a map (e.g. a t-SNE embedding) can be trusted when it shows two points as neighbours.
// T(k) = 1 - 2 / (n k (2n - 3k - 1)) * sum_i sum_{j in the map's k nearest of i} max(0, r(i, j) - k),
// where r(i, j) is j's rank among i's neighbours in the original space; 1 means no false neighbours.
// The same definition as sklearn.manifold.trustworthiness. Costs N^2 x D (every original distance once).
using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;


public static class Trustworthiness
{
    /// <summary>Trustworthiness of <paramref name="embedded"/> (N rows of <paramref name="embeddedDimensions"/>) as a map of <paramref name="original"/>.</summary>
    public static double Of(float[] original, int originalDimensions, float[] embedded, int embeddedDimensions, int k = 10, int maxThreads = -1)
    {
        ArgumentNullException.ThrowIfNull(original);
        ArgumentNullException.ThrowIfNull(embedded);
        if (originalDimensions <= 0 || original.Length % originalDimensions != 0)
            throw new ArgumentException($"{original.Length} values are not whole rows of {originalDimensions}", nameof(original));
        if (embeddedDimensions <= 0 || embedded.Length % embeddedDimensions != 0)
            throw new ArgumentException($"{embedded.Length} values are not whole rows of {embeddedDimensions}", nameof(embedded));
        int n = original.Length / originalDimensions;
        if (embedded.Length / embeddedDimensions != n)
            throw new ArgumentException($"the map has {embedded.Length / embeddedDimensions} rows but the original {n}");
        if (k < 1 || k >= n / 2.0)
            throw new ArgumentOutOfRangeException(nameof(k), $"k = {k} must be at least 1 and below half the rows ({n})");

        NeighborLists mapNeighbors = ExactNeighbors.Find(embedded, embeddedDimensions, k, maxThreads);
        int stride = ExactNeighbors.PaddedWidth(originalDimensions);
        float[] padded = ExactNeighbors.Padded(original, originalDimensions, stride);
        var penalty = new long[n];
        Parallel.For(0, n, Parallelism.Options(maxThreads), () => new float[n], (i, _, distance) =>
        {
            ReadOnlySpan<float> row = padded.AsSpan(i * stride, stride);
            for (int j = 0; j < n; j++) distance[j] = ExactNeighbors.SquaredDistance(row, padded.AsSpan(j * stride, stride));
            foreach (int j in mapNeighbors.Of(i))
            {
                int rank = RankAmongNeighbors(distance, i, j);
                if (rank > k) penalty[i] += rank - k;
            }
            return distance;
        }, _ => { });
        double scale = 2.0 / (n * k * (2.0 * n - 3.0 * k - 1.0));
        return 1 - scale * penalty.Sum();
    }

    // 1 + how many points other than i are nearer to i than j (ties go to the lower index, as a stable sort would).
    static int RankAmongNeighbors(float[] distance, int i, int j)
    {
        float dj = distance[j];
        int rank = 1;
        for (int l = 0; l < distance.Length; l++)
            if (l != i && l != j && (distance[l] < dj || (distance[l] == dj && l < j))) rank++;
        return rank;
    }
}
