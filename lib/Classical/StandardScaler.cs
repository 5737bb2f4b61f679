// StandardScaler: shifts every feature to mean 0 and scales it to standard deviation 1, with the mean and
// deviation measured on the training set only (as the original Fashion-MNIST benchmark does with
// scikit-learn's StandardScaler), so that the test set is transformed by numbers it never influenced.
using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;


public sealed class StandardScaler
{
    public int FeatureCount { get; }
    /// <summary>Each feature's mean over the rows the scaler was fitted on.</summary>
    public float[] Mean { get; }
    /// <summary>Each feature's population standard deviation; 1 where the feature is constant (e.g. an always-black border pixel).</summary>
    public float[] Scale { get; }

    StandardScaler(float[] mean, float[] scale)
    {
        FeatureCount = mean.Length;
        Mean = mean;
        Scale = scale;
    }

    /// <summary>Measures mean and standard deviation of each column of <paramref name="rows"/> (row-major, featureCount columns).</summary>
    public static StandardScaler Fit(float[] rows, int featureCount)
    {
        int count = RowCount(rows, featureCount);
        if (count == 0) throw new ArgumentException("cannot fit a scaler on zero rows", nameof(rows));
        var sum = new double[featureCount];
        var sumOfSquares = new double[featureCount];
        for (int r = 0; r < count; r++)
        {
            int offset = r * featureCount;
            for (int f = 0; f < featureCount; f++)
            {
                double v = rows[offset + f];
                sum[f] += v;
                sumOfSquares[f] += v * v;
            }
        }
        var mean = new float[featureCount];
        var scale = new float[featureCount];
        for (int f = 0; f < featureCount; f++)
        {
            double m = sum[f] / count;
            double variance = Math.Max(0, sumOfSquares[f] / count - m * m);
            double std = Math.Sqrt(variance);
            mean[f] = (float)m;
            // A constant feature carries no information; dividing by 1 keeps it at 0 instead of NaN.
            scale[f] = std < 1e-12 ? 1f : (float)std;
        }
        return new StandardScaler(mean, scale);
    }

    /// <summary>A scaled copy of <paramref name="rows"/>: (x - mean) / scale, feature by feature.</summary>
    public float[] Transform(float[] rows)
    {
        int count = RowCount(rows, FeatureCount);
        var scaled = new float[rows.Length];
        var inverse = Scale.Select(s => 1f / s).ToArray();
        Parallel.For(0, count, r =>
        {
            int offset = r * FeatureCount;
            for (int f = 0; f < FeatureCount; f++)
                scaled[offset + f] = (rows[offset + f] - Mean[f]) * inverse[f];
        });
        return scaled;
    }

    static int RowCount(float[] rows, int featureCount)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (featureCount <= 0) throw new ArgumentOutOfRangeException(nameof(featureCount), featureCount, "the feature count must be positive");
        if (rows.Length % featureCount != 0)
            throw new ArgumentException($"{rows.Length} values are not whole rows of {featureCount} features", nameof(rows));
        return rows.Length / featureCount;
    }

    public override string ToString() => $"StandardScaler over {FeatureCount} features";
}
