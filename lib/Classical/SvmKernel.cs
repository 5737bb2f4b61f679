// SvmKernel: the four kernels of LIBSVM and scikit-learn's SVC, and the two pieces that make an exact kernel SVM
// fast: kernel rows computed as one matrix-vector product (KernelRows) and an LRU cache of those rows
// (KernelRowCache), as LIBSVM keeps them (Chang & Lin, "LIBSVM: a library for support vector machines", 2011).
//   linear:  K(x, y) = x·y
//   rbf:     K(x, y) = exp(-γ |x - y|²),  with |x - y|² = |x|² + |y|² - 2 x·y over precomputed squared norms
//   poly:    K(x, y) = (γ x·y + coef0)^degree
//   sigmoid: K(x, y) = tanh(γ x·y + coef0)
// Every kernel is a function of the dot product (and, for rbf, the two squared norms), so a whole kernel row is
// the dot products of one row with all the others (TensorPrimitives.Dot, SIMD), then one formula per entry.
using System;
using System.Numerics.Tensors;

public enum KernelKind { Linear, Rbf, Polynomial, Sigmoid }

/// <summary>A kernel with its parameters fixed (γ resolved to a number).</summary>
public sealed record SvmKernel(KernelKind Kind, double Gamma = 1, int Degree = 3, double Coef0 = 0)
{
    public static SvmKernel Linear() => new(KernelKind.Linear);
    public static SvmKernel Rbf(double gamma) => new(KernelKind.Rbf, Positive(gamma));
    public static SvmKernel Polynomial(double gamma, int degree = 3, double coef0 = 0) =>
        degree >= 1 ? new(KernelKind.Polynomial, Positive(gamma), degree, coef0)
                    : throw new ArgumentOutOfRangeException(nameof(degree), degree, "the polynomial degree must be at least 1");
    public static SvmKernel Sigmoid(double gamma, double coef0 = 0) => new(KernelKind.Sigmoid, Positive(gamma), 3, coef0);

    /// <summary>scikit-learn's gamma='scale' (its default since 0.22): 1 / (featureCount · variance of all feature values).</summary>
    public static double ScaleGamma(float[] features, int featureCount)
    {
        double sum = 0, sumOfSquares = 0;
        foreach (float v in features)
        {
            sum += v;
            sumOfSquares += (double)v * v;
        }
        double mean = sum / features.Length;
        double variance = sumOfSquares / features.Length - mean * mean;
        return variance > 0 ? 1 / (featureCount * variance) : 1.0; // sklearn: 1.0 when every value is the same
    }

    /// <summary>scikit-learn's gamma='auto', its default before 0.22 and so the Fashion-MNIST paper's: 1 / featureCount.</summary>
    public static double AutoGamma(int featureCount) => 1.0 / featureCount;

    /// <summary>K(x, y) straight from the formula (slow; for checks and single values).</summary>
    public double Value(ReadOnlySpan<float> x, ReadOnlySpan<float> y) =>
        FromDot(TensorPrimitives.Dot(x, y), TensorPrimitives.Dot(x, x), TensorPrimitives.Dot(y, y));

    /// <summary>K(x, y) from x·y and the squared norms |x|², |y|² (only rbf needs the norms).</summary>
    public double FromDot(double dot, double xSquaredNorm, double ySquaredNorm) => Kind switch
    {
        KernelKind.Linear => dot,
        KernelKind.Rbf => Math.Exp(-Gamma * Math.Max(0, xSquaredNorm + ySquaredNorm - 2 * dot)),
        KernelKind.Polynomial => Math.Pow(Gamma * dot + Coef0, Degree),
        KernelKind.Sigmoid => Math.Tanh(Gamma * dot + Coef0),
        _ => throw new InvalidOperationException($"unknown kernel {Kind}"),
    };

    /// <summary>Turns dot products x·y_j (in place) into K(x, y_j), given |x|² and every |y_j|²: a whole kernel row at once.</summary>
    public void ApplyToDots(Span<float> dots, float xSquaredNorm, ReadOnlySpan<float> ySquaredNorms)
    {
        switch (Kind)
        {
            case KernelKind.Linear: return;
            case KernelKind.Rbf:
                float minusGamma = -(float)Gamma;
                for (int j = 0; j < dots.Length; j++)
                    dots[j] = minusGamma * MathF.Max(0, xSquaredNorm + ySquaredNorms[j] - 2 * dots[j]);
                TensorPrimitives.Exp(dots, dots);
                return;
            default:
                for (int j = 0; j < dots.Length; j++) dots[j] = (float)FromDot(dots[j], 0, 0);
                return;
        }
    }

    static double Positive(double gamma) =>
        gamma > 0 ? gamma : throw new ArgumentOutOfRangeException(nameof(gamma), gamma, "the kernel's γ must be positive");

    public override string ToString() => Kind switch
    {
        KernelKind.Linear => "linear kernel",
        KernelKind.Rbf => $"rbf kernel, γ = {Gamma:g4}",
        KernelKind.Polynomial => $"polynomial kernel of degree {Degree}, γ = {Gamma:g4}, coef0 = {Coef0:g4}",
        _ => $"sigmoid kernel, γ = {Gamma:g4}, coef0 = {Coef0:g4}",
    };
}

/// <summary>The rows of one training problem, contiguous, with their squared norms: kernel rows on demand.</summary>
public sealed class KernelRows
{
    public SvmKernel Kernel { get; }
    public int Count { get; }
    public int FeatureCount { get; }
    readonly float[] _rows;
    readonly float[] _squaredNorms;

    /// <param name="rows">Count rows of featureCount values, row-major (kept, not copied).</param>
    public KernelRows(SvmKernel kernel, float[] rows, int featureCount)
    {
        Kernel = kernel ?? throw new ArgumentNullException(nameof(kernel));
        _rows = rows;
        FeatureCount = featureCount;
        Count = rows.Length / featureCount;
        _squaredNorms = new float[Count];
        for (int i = 0; i < Count; i++) _squaredNorms[i] = TensorPrimitives.Dot(Row(i), Row(i));
    }

    public ReadOnlySpan<float> SquaredNorms => _squaredNorms;

    public ReadOnlySpan<float> Row(int i) => _rows.AsSpan(i * FeatureCount, FeatureCount);

    /// <summary>K(x_i, x_i).</summary>
    public double Diagonal(int i) => Kernel.FromDot(_squaredNorms[i], _squaredNorms[i], _squaredNorms[i]);

    /// <summary>Fills <paramref name="row"/> with K(x_i, x_j) for every j: Count dot products, then the kernel's formula.</summary>
    public void Fill(int i, Span<float> row)
    {
        ReadOnlySpan<float> x = Row(i);
        for (int j = 0; j < Count; j++) row[j] = TensorPrimitives.Dot(x, Row(j));
        Kernel.ApplyToDots(row, _squaredNorms[i], _squaredNorms);
    }
}

/// <summary>
/// Least-recently-used kernel rows within a memory budget, as LIBSVM's Cache (its -m option, megabytes). A row is
/// computed once and served again until it is the oldest when room is needed. At least two rows are kept, the two
/// an SMO step works on.
/// </summary>
public sealed class KernelRowCache
{
    public int RowLength { get; }
    /// <summary>How many rows fit in the budget (at least 2).</summary>
    public int Capacity { get; }
    public long Hits { get; private set; }
    public long Misses { get; private set; }
    readonly float[][] _rows;
    readonly int[] _newer, _older; // a doubly linked list through the cached row indices, newest at _newest
    int _newest = -1, _oldest = -1, _cached;

    public KernelRowCache(int rowCount, int rowLength, double megabytes)
    {
        if (!(megabytes >= 0)) throw new ArgumentOutOfRangeException(nameof(megabytes), megabytes, "a cache size must not be negative");
        RowLength = rowLength;
        double rowsInBudget = megabytes * 1024 * 1024 / (sizeof(float) * (double)Math.Max(1, rowLength));
        Capacity = (int)Math.Clamp(rowsInBudget, 2, Math.Max(2, rowCount));
        _rows = new float[rowCount][];
        _newer = new int[rowCount];
        _older = new int[rowCount];
    }

    /// <summary>Row <paramref name="i"/>, computed by <paramref name="fill"/> on a miss.</summary>
    public float[] Row(int i, Action<int, float[]> fill)
    {
        if (_rows[i] is { } cached)
        {
            Hits++;
            Unlink(i);
            LinkAsNewest(i);
            return cached;
        }
        Misses++;
        float[] row;
        if (_cached < Capacity)
        {
            row = new float[RowLength];
            _cached++;
        }
        else
        {
            int evicted = _oldest;
            row = _rows[evicted];
            _rows[evicted] = null;
            Unlink(evicted);
        }
        fill(i, row);
        _rows[i] = row;
        LinkAsNewest(i);
        return row;
    }

    void Unlink(int i)
    {
        if (_newer[i] >= 0) _older[_newer[i]] = _older[i]; else _newest = _older[i];
        if (_older[i] >= 0) _newer[_older[i]] = _newer[i]; else _oldest = _newer[i];
    }

    void LinkAsNewest(int i)
    {
        _newer[i] = -1;
        _older[i] = _newest;
        if (_newest >= 0) _newer[_newest] = i;
        _newest = i;
        if (_oldest < 0) _oldest = i;
    }

    public override string ToString() => $"kernel row cache of {Capacity} rows of {RowLength}: {Hits} hits, {Misses} misses";
}
