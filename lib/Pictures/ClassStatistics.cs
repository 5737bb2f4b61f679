// ClassStatistics: what each class looks like on average. Per-class mean and standard-deviation images,
// pixel-intensity histograms, and the distances between class means that tell which classes look alike.
using System;
using System.Collections.Generic;
using System.Linq;

public sealed class ClassStatistics
{
    /// <summary>Mean image of each class, pixels in [0, 1]: ClassCount arrays of Rows x Columns.</summary>
    public float[][] Means { get; }
    /// <summary>Standard deviation of each pixel within each class, in [0, 0.5].</summary>
    public float[][] StandardDeviations { get; }
    public int[] Counts { get; }
    public int Rows { get; }
    public int Columns { get; }

    ClassStatistics(float[][] means, float[][] deviations, int[] counts, int rows, int columns)
    {
        Means = means;
        StandardDeviations = deviations;
        Counts = counts;
        Rows = rows;
        Columns = columns;
    }

    public static ClassStatistics Of(LabeledImages data)
    {
        int pixels = data.PixelsPerImage;
        var sums = new double[data.ClassCount][];
        var squares = new double[data.ClassCount][];
        for (int c = 0; c < data.ClassCount; c++) { sums[c] = new double[pixels]; squares[c] = new double[pixels]; }
        for (int i = 0; i < data.Count; i++)
        {
            ReadOnlySpan<byte> image = data.Image(i);
            double[] sum = sums[data.Labels[i]], square = squares[data.Labels[i]];
            for (int p = 0; p < pixels; p++)
            {
                double x = image[p] / 255.0;
                sum[p] += x;
                square[p] += x * x;
            }
        }
        int[] counts = data.CountPerClass();
        var means = new float[data.ClassCount][];
        var deviations = new float[data.ClassCount][];
        for (int c = 0; c < data.ClassCount; c++)
        {
            int n = Math.Max(counts[c], 1);
            means[c] = sums[c].Select(s => (float)(s / n)).ToArray();
            deviations[c] = squares[c].Select((s, p) => (float)Math.Sqrt(Math.Max(0, s / n - sums[c][p] / n * (sums[c][p] / n)))).ToArray();
        }
        return new ClassStatistics(means, deviations, counts, data.Rows, data.Columns);
    }

    /// <summary>Euclidean distance between every pair of class means (in pixel units of [0, 1]).</summary>
    public double[,] MeanDistances()
    {
        int k = Means.Length;
        var distances = new double[k, k];
        for (int a = 0; a < k; a++)
            for (int b = 0; b < k; b++)
                distances[a, b] = Math.Sqrt(Means[a].Zip(Means[b], (x, y) => (double)(x - y) * (x - y)).Sum());
        return distances;
    }

    /// <summary>Pairs of distinct classes, closest means first: the classes that look most alike.</summary>
    public IReadOnlyList<(int A, int B, double Distance)> ClosestPairs()
    {
        double[,] d = MeanDistances();
        var pairs = new List<(int, int, double)>();
        for (int a = 0; a < Means.Length; a++)
            for (int b = a + 1; b < Means.Length; b++)
                pairs.Add((a, b, d[a, b]));
        return pairs.OrderBy(p => p.Item3).ToList();
    }

    /// <summary>Share of each class's pixels that fall in each of <paramref name="bins"/> equal intensity bins (0-255).</summary>
    public static double[][] IntensityHistograms(LabeledImages data, int bins = 32)
    {
        var counts = new long[data.ClassCount][];
        for (int c = 0; c < data.ClassCount; c++) counts[c] = new long[bins];
        for (int i = 0; i < data.Count; i++)
            foreach (byte p in data.Image(i))
                counts[data.Labels[i]][p * bins / 256]++;
        return counts.Select(row => { double total = Math.Max(1, row.Sum()); return row.Select(n => n / total).ToArray(); }).ToArray();
    }

    /// <summary>Float pixels in [0, 1] as bytes 0-255, stretched so that the largest value is white when asked.</summary>
    public static byte[] ToBytes(float[] pixels, bool stretch = false)
    {
        float scale = stretch ? 1f / Math.Max(pixels.Max(), 1e-6f) : 1f;
        return pixels.Select(p => (byte)Math.Clamp(MathF.Round(p * scale * 255f), 0, 255)).ToArray();
    }

    /// <summary>
    /// The signed difference a - b as a picture: mid-gray where equal, white where a is brighter, black where b is.
    /// <paramref name="contrast"/> amplifies the difference (the same factor for every pair, so pictures stay comparable):
    /// at 1 a difference of 1 is pure white, at 3 a difference of a third already is.
    /// </summary>
    public static byte[] DifferenceImage(float[] a, float[] b, float contrast = 1)
    {
        if (a.Length != b.Length) throw new ArgumentException($"images of {a.Length} and {b.Length} pixels cannot be subtracted");
        if (!(contrast > 0)) throw new ArgumentOutOfRangeException(nameof(contrast), contrast, "the contrast must be positive");
        return a.Zip(b, (x, y) => (byte)Math.Clamp(MathF.Round(127.5f + (x - y) * contrast * 127.5f), 0, 255)).ToArray();
    }
}
