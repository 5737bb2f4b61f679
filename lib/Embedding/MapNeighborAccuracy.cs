// MapNeighborAccuracy: how well a map (a t-SNE or UMAP embedding) keeps the classes apart, as the accuracy of a
// k-nearest-neighbour classifier in the map, leave-one-out: each point gets the majority label of its k nearest
// other points in the map, and the score is the share of points that get their own label. Ties go to the label
// that reached the winning count first, counting nearest first. Complements trustworthiness (lib/Embedding/Trustworthiness.cs), which asks
// whether map neighbours are true neighbours without looking at labels.
using System;
using System.Linq;

public static class MapNeighborAccuracy
{
    /// <summary>Leave-one-out k-NN accuracy on <paramref name="map"/> (N rows of <paramref name="dimensions"/>), with one label per row.</summary>
    public static double LeaveOneOut(float[] map, int dimensions, int[] labels, int k = 10, int maxThreads = -1)
    {
        ArgumentNullException.ThrowIfNull(map);
        ArgumentNullException.ThrowIfNull(labels);
        if (dimensions <= 0 || map.Length % dimensions != 0)
            throw new ArgumentException($"{map.Length} values are not whole rows of {dimensions}", nameof(map));
        int n = map.Length / dimensions;
        if (labels.Length != n) throw new ArgumentException($"{labels.Length} labels for {n} points", nameof(labels));
        if (k < 1 || k >= n) throw new ArgumentOutOfRangeException(nameof(k), $"k = {k} needs 1 <= k < points ({n})");
        if (labels.Any(l => l < 0)) throw new ArgumentException("labels must be 0 or more", nameof(labels));

        NeighborLists nearest = ExactNeighbors.Find(map, dimensions, k, maxThreads);
        var votes = new int[labels.Max() + 1];
        int correct = 0;
        for (int i = 0; i < n; i++)
        {
            Array.Clear(votes);
            int predicted = -1;
            foreach (int j in nearest.Of(i))
                if (++votes[labels[j]] > (predicted < 0 ? 0 : votes[predicted])) predicted = labels[j];
            if (predicted == labels[i]) correct++;
        }
        return (double)correct / n;
    }
}
