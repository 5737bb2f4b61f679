// RandomFourierFeatures: an explicit feature map z(x) whose dot products approximate the RBF (Gaussian)
// kernel, z(x)·z(y) ≈ exp(-γ |x - y|²) (Rahimi & Recht, 2007). A linear classifier trained on z(x) then
// behaves like an RBF-kernel SVM, the best classical model of the Fashion-MNIST paper, at a cost that grows
// with the number of rows instead of its square. More features: a closer approximation.
// z(x) = sqrt(2/D) cos(W x + b), with W's entries drawn from N(0, 2γ) and b from U(0, 2π).
// The matrix product runs on TorchSharp (libtorch's BLAS), chunk by chunk to bound memory.

using System;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using TorchSharp;
using static TorchSharp.torch;

public sealed class RandomFourierFeatures
{
    public int InputCount { get; }
    public int FeatureCount { get; }
    public double Gamma { get; }
    readonly float[] _frequencies; // InputCount x FeatureCount, row-major
    readonly float[] _phases;

    public RandomFourierFeatures(int inputCount, int featureCount, double gamma, int seed = 0)
    {
        if (inputCount <= 0) throw new ArgumentOutOfRangeException(nameof(inputCount), inputCount, "must be positive");
        if (featureCount <= 0) throw new ArgumentOutOfRangeException(nameof(featureCount), featureCount, "must be positive");
        if (!(gamma > 0)) throw new ArgumentOutOfRangeException(nameof(gamma), gamma, "the kernel width γ must be positive");
        InputCount = inputCount;
        FeatureCount = featureCount;
        Gamma = gamma;
        var random = new Random(seed);
        double std = Math.Sqrt(2 * gamma); // the kernel's Fourier transform is a normal distribution with variance 2γ
        _frequencies = new float[inputCount * featureCount];
        for (int i = 0; i < _frequencies.Length; i++) _frequencies[i] = (float)(std * StandardNormal(random));
        _phases = new float[featureCount];
        for (int i = 0; i < featureCount; i++) _phases[i] = (float)(random.NextDouble() * 2 * Math.PI);
    }

    /// <summary>The exact kernel the features approximate: exp(-γ |x - y|²).</summary>
    public static double RbfKernel(ReadOnlySpan<float> x, ReadOnlySpan<float> y, double gamma)
    {
        double squared = 0;
        for (int i = 0; i < x.Length; i++) squared += (x[i] - y[i]) * (double)(x[i] - y[i]);
        return Math.Exp(-gamma * squared);
    }

    /// <summary>z(x) for every row (rows x InputCount in, rows x FeatureCount out).</summary>
    public float[] Transform(float[] rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Length % InputCount != 0)
            throw new ArgumentException($"{rows.Length} values are not whole rows of {InputCount} inputs", nameof(rows));
        int count = rows.Length / InputCount;
        var result = new float[(long)count * FeatureCount];
        const int chunk = 2048;
        using var scope = NewDisposeScope();
        var w = tensor(_frequencies, new long[] { InputCount, FeatureCount });
        var b = tensor(_phases);
        float amplitude = MathF.Sqrt(2f / FeatureCount);
        for (int first = 0; first < count; first += chunk)
        {
            using var inner = NewDisposeScope();
            int n = Math.Min(chunk, count - first);
            var x = tensor(rows.AsSpan(first * InputCount, n * InputCount).ToArray(), new long[] { n, InputCount });
            var z = (x.matmul(w) + b).cos_() * amplitude;
            z.data<float>().CopyTo(result.AsSpan(first * FeatureCount, n * FeatureCount));
        }
        return result;
    }

    static double StandardNormal(Random random) // Box-Muller
    {
        double u1 = 1 - random.NextDouble(), u2 = random.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }

    public override string ToString() => $"{FeatureCount} random Fourier features of an RBF kernel, γ = {Gamma:g3}";
}

