// GenerativePrecisionRecall: the improved precision and recall of Kynkäänniemi et al., 2019 ("Improved Precision
// and Recall Metric for Assessing Generative Models"), which split a GAN's quality into two numbers that the
// Fréchet distance mixes: are the generated samples realistic (precision), and do they cover all of the real
// ones (recall)? Each set's shape is estimated by balls: around every sample, a ball out to its k-th nearest
// neighbour in its own set (itself left out; k = 3 as in the paper). Then
//   precision = share of generated samples inside at least one real sample's ball: |g - r| <= radius(r) for some r,
//   recall    = share of real samples inside at least one generated sample's ball: |r - g| <= radius(g) for some g.
// A generator that draws only half of the real modes keeps its precision near 1 and its recall near 0.5.
// Distances come from the norm expansion |a - b|² = |a|² + |b|² - 2 a·b (a TorchSharp matrix product, float64),
// a block of rows at a time, so memory stays bounded: 10,000 x 10,000 distances in float64 would be 800 MB.
// Radii and distances are compared squared: the square root changes no comparison.
using System;
using static TorchSharp.torch;

/// <summary>What GenerativePrecisionRecall found: the two shares, with k and the set sizes they were measured with.</summary>
public sealed record PrecisionRecall(double Precision, double Recall, int K, int RealCount, int GeneratedCount)
{
    public override string ToString() =>
        $"precision {Precision:P1}, recall {Recall:P1} (k = {K}; {RealCount:N0} real, {GeneratedCount:N0} generated samples)";
}

public static class GenerativePrecisionRecall
{
    /// <summary>How many distances one block holds at most (float64: 64 MB), when no block size is given.</summary>
    public const long BlockElements = 8 << 20;

    /// <summary>Precision and recall between the rows of two sets (n x <paramref name="features"/>, row-major floats).</summary>
    public static PrecisionRecall Of(float[] real, float[] generated, int features, int k = 3, int blockRows = 0)
    {
        using var scope = NewDisposeScope();
        return Of(Rows(real, features, nameof(real)), Rows(generated, features, nameof(generated)), k, blockRows);
    }

    /// <summary>Precision and recall between two sample sets (samples x features each).</summary>
    public static PrecisionRecall Of(double[,] real, double[,] generated, int k = 3, int blockRows = 0)
    {
        using var scope = NewDisposeScope();
        return Of(tensor(real), tensor(generated), k, blockRows);
    }

    /// <summary>
    /// Precision and recall between the rows of two feature tensors (n x d each, any float type), with balls out to
    /// the <paramref name="k"/>-th nearest neighbour. Distances are computed <paramref name="blockRows"/> rows at a
    /// time (0: as many as fit in <see cref="BlockElements"/>); the result does not depend on it.
    /// </summary>
    public static PrecisionRecall Of(Tensor real, Tensor generated, int k = 3, int blockRows = 0)
    {
        if (real.dim() != 2 || generated.dim() != 2)
            throw new ArgumentException($"features must be matrices (samples x features), got {real.dim()} and {generated.dim()} dimensions");
        if (real.shape[1] != generated.shape[1])
            throw new ArgumentException($"features of {real.shape[1]} and {generated.shape[1]} dimensions cannot be compared");
        if (k < 1) throw new ArgumentOutOfRangeException(nameof(k), k, "the balls reach to the k-th nearest neighbour, k >= 1");
        foreach (var (set, name) in new[] { (real, nameof(real)), (generated, nameof(generated)) })
            if (set.shape[0] <= k)
                throw new ArgumentException($"the {name} set has {set.shape[0]:N0} samples: a k-th nearest neighbour (k = {k}) needs at least {k + 1}", name);
        if (blockRows < 0) throw new ArgumentOutOfRangeException(nameof(blockRows), blockRows, "0 (automatic) or a positive number of rows");

        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        Tensor x = real.to(ScalarType.Float64), y = generated.to(ScalarType.Float64);
        Tensor realRadii = SquaredNeighbourRadii(x, k, blockRows), generatedRadii = SquaredNeighbourRadii(y, k, blockRows);
        Tensor xNorms = x.square().sum(1), yNorms = y.square().sum(1);

        // One pass over the real x generated distances answers both questions: per real row (recall) and per generated column (precision).
        long realCovered = 0;
        Tensor generatedCovered = zeros(y.shape[0], ScalarType.Bool);
        long rows = RowsPerBlock(blockRows, y.shape[0]);
        for (long start = 0; start < x.shape[0]; start += rows)
        {
            using var blockScope = NewDisposeScope();
            long count = Math.Min(rows, x.shape[0] - start);
            Tensor distances = SquaredDistances(x.narrow(0, start, count), xNorms.narrow(0, start, count), y, yNorms);
            realCovered += distances.le(generatedRadii.unsqueeze(0)).any(1).sum().item<long>();
            generatedCovered.logical_or_(distances.le(realRadii.narrow(0, start, count).unsqueeze(1)).any(0));
        }
        long generatedInside = generatedCovered.sum().item<long>();
        return new PrecisionRecall(generatedInside / (double)y.shape[0], realCovered / (double)x.shape[0], k, (int)x.shape[0], (int)y.shape[0]);
    }

    /// <summary>For each row of <paramref name="set"/>, the squared distance to its k-th nearest other row (float64, blocked as in <see cref="Of(Tensor, Tensor, int, int)"/>).</summary>
    public static Tensor SquaredNeighbourRadii(Tensor set, int k, int blockRows = 0)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        Tensor x = set.to(ScalarType.Float64), norms = x.square().sum(1);
        long n = x.shape[0], rows = RowsPerBlock(blockRows, n);
        Tensor radii = empty(n, ScalarType.Float64);
        for (long start = 0; start < n; start += rows)
        {
            using var blockScope = NewDisposeScope();
            long count = Math.Min(rows, n - start);
            Tensor distances = SquaredDistances(x.narrow(0, start, count), norms.narrow(0, start, count), x, norms);
            distances.diagonal(start).fill_(double.PositiveInfinity); // row i of the block is sample start + i: not its own neighbour
            radii.narrow(0, start, count).copy_(distances.kthvalue(k, 1).values);
        }
        return radii.MoveToOuterDisposeScope();
    }

    // |a - b|² for every row of a and of b, from the norm expansion; rounding can leave a tiny negative: distances are >= 0.
    static Tensor SquaredDistances(Tensor a, Tensor aNorms, Tensor b, Tensor bNorms) =>
        mm(a, b.t()).mul_(-2).add_(aNorms.unsqueeze(1)).add_(bNorms.unsqueeze(0)).clamp_min_(0);

    static long RowsPerBlock(int blockRows, long columns) => blockRows > 0 ? blockRows : Math.Max(1, BlockElements / columns);

    static Tensor Rows(float[] values, int features, string name)
    {
        if (features <= 0 || values.Length % features != 0)
            throw new ArgumentException($"{values.Length} values do not make rows of {features} features", name);
        return tensor(values, [values.Length / features, features]);
    }
}
