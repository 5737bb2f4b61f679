// Pca: principal component analysis of row vectors (e.g. images as 784 pixels): the directions of largest
// variance, how much variance each explains, projection onto the first k of them and reconstruction from it.
// The linear algebra is TorchSharp's (multi-threaded): the covariance matrix by one matrix multiply, then a
// symmetric eigendecomposition of that small D x D matrix, so fitting costs about one pass of N x D x D.
using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using TorchSharp;
using static TorchSharp.torch;

public sealed class Pca
{
    /// <summary>Length of each input row (784 for Fashion-MNIST images).</summary>
    public int Dimensions { get; }
    /// <summary>How many rows the fit saw.</summary>
    public int SampleCount { get; }
    /// <summary>The mean row, subtracted before projecting.</summary>
    public float[] Mean { get; }
    /// <summary>Variance along each component (largest first), with the n - 1 divisor as sklearn uses.</summary>
    public double[] ExplainedVariance { get; }
    /// <summary>Share of the total variance along each component (largest first); all of them sum to 1.</summary>
    public double[] ExplainedVarianceRatio { get; }

    // All D components as rows, largest variance first: Dimensions x Dimensions, row-major.
    readonly float[] _components;

    Pca(int dimensions, int sampleCount, float[] mean, float[] components, double[] variance)
    {
        Dimensions = dimensions;
        SampleCount = sampleCount;
        Mean = mean;
        _components = components;
        ExplainedVariance = variance;
        double total = variance.Sum();
        ExplainedVarianceRatio = variance.Select(v => total > 0 ? v / total : 0).ToArray();
    }

    /// <summary>Fits on <paramref name="rows"/>: N rows of <paramref name="dimensions"/> values each, row after row.</summary>
    public static Pca Fit(float[] rows, int dimensions)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (dimensions <= 0) throw new ArgumentException($"dimensions must be positive, got {dimensions}", nameof(dimensions));
        if (rows.Length % dimensions != 0)
            throw new ArgumentException($"{rows.Length} values are not whole rows of {dimensions}", nameof(rows));
        int n = rows.Length / dimensions;
        if (n < 2) throw new ArgumentException($"PCA needs at least 2 rows, got {n}", nameof(rows));

        using var scope = torch.NewDisposeScope();
        Tensor x = torch.tensor(rows, new long[] { n, dimensions });
        // libtorch sums floats in cascades, so the float mean of 70,000 rows keeps about 7 digits.
        Tensor mean = x.mean(new long[] { 0 });
        Tensor centered = x - mean;
        // Covariance of centered data (float multiply, then double for the eigen-solver).
        Tensor covariance = centered.t().matmul(centered).to_type(ScalarType.Float64) / (n - 1);
        var (values, vectors) = torch.linalg.eigh(covariance);   // ascending eigenvalues, vectors as columns
        Tensor order = torch.arange(dimensions - 1, -1, -1);
        values = values.index_select(0, order).clamp_min(0.0);   // tiny negative round-off means zero variance
        Tensor components = vectors.index_select(1, order).t().contiguous();
        components = components * SignsMakingLargestEntryPositive(components);

        return new Pca(dimensions, n,
            mean.data<float>().ToArray(),
            components.to_type(ScalarType.Float32).data<float>().ToArray(),
            values.data<double>().ToArray());
    }

    // A component's sign is arbitrary; fixing it makes results repeatable and pictures comparable.
    static Tensor SignsMakingLargestEntryPositive(Tensor components)
    {
        Tensor largest = components.abs().argmax(1, keepdim: true);
        Tensor signs = components.gather(1, largest).sign();
        return torch.where(signs == 0, torch.ones_like(signs), signs);
    }

    /// <summary>Component <paramref name="index"/> (0 = largest variance) as a unit vector of Dimensions values, e.g. an "eigen-image".</summary>
    public float[] Component(int index)
    {
        CheckComponentCount(index + 1);
        return _components.AsSpan(index * Dimensions, Dimensions).ToArray();
    }

    /// <summary>The smallest number of components that together explain at least <paramref name="share"/> of the variance.</summary>
    public int ComponentsExplaining(double share)
    {
        double sum = 0;
        for (int i = 0; i < ExplainedVarianceRatio.Length; i++)
            if ((sum += ExplainedVarianceRatio[i]) >= share) return i + 1;
        return ExplainedVarianceRatio.Length;
    }

    /// <summary>Projects rows onto the first <paramref name="components"/> components: N x components values.</summary>
    public float[] Transform(float[] rows, int components)
    {
        int n = RowCount(rows, Dimensions, nameof(rows));
        CheckComponentCount(components);
        using var scope = torch.NewDisposeScope();
        Tensor x = torch.tensor(rows, new long[] { n, Dimensions }) - torch.tensor(Mean);
        return x.matmul(ComponentRows(components).t()).data<float>().ToArray();
    }

    /// <summary>Maps projected rows (N x components values) back to the input space: the best rank-k approximation.</summary>
    public float[] InverseTransform(float[] projected, int components)
    {
        CheckComponentCount(components);
        int n = RowCount(projected, components, nameof(projected));
        using var scope = torch.NewDisposeScope();
        Tensor z = torch.tensor(projected, new long[] { n, components });
        return (z.matmul(ComponentRows(components)) + torch.tensor(Mean)).data<float>().ToArray();
    }

    /// <summary>Rows as seen through the first <paramref name="components"/> components (Transform then InverseTransform).</summary>
    public float[] Reconstruct(float[] rows, int components) => InverseTransform(Transform(rows, components), components);

    Tensor ComponentRows(int count) =>
        torch.tensor(_components.AsSpan(0, count * Dimensions).ToArray(), new long[] { count, Dimensions });

    void CheckComponentCount(int count)
    {
        if (count < 1 || count > Dimensions)
            throw new ArgumentOutOfRangeException(nameof(count), $"asked for {count} components; this PCA has 1 to {Dimensions}");
    }

    static int RowCount(float[] values, int width, string name)
    {
        ArgumentNullException.ThrowIfNull(values, name);
        if (values.Length % width != 0)
            throw new ArgumentException($"{values.Length} values are not whole rows of {width}", name);
        return values.Length / width;
    }

    public override string ToString() =>
        $"PCA of {SampleCount} rows x {Dimensions}: first component explains {ExplainedVarianceRatio[0]:P1}, " +
        $"50 components {ExplainedVarianceRatio.Take(50).Sum():P1}";
}
