// FrechetDistance: how far apart two clouds of feature vectors are, each summarized as a Gaussian (mean and
// covariance): |m1 - m2|^2 + tr(S1 + S2 - 2 (S1 S2)^(1/2)). With features of a trained classifier this is the
// "FID" (Heusel et al., 2017) of GAN papers; 0 means the two sets have the same mean and covariance.
// The matrix square root comes from MathNet's symmetric eigendecomposition: tr((S1 S2)^(1/2)) equals
// tr((R S2 R)^(1/2)) with R = S1^(1/2), and R S2 R is symmetric positive semidefinite.
using System;
using System.Linq;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Factorization;

/// <summary>Mean and covariance of a set of vectors.</summary>
public sealed record GaussianStatistics(Vector<double> Mean, Matrix<double> Covariance)
{
    public int Dimension => Mean.Count;

    /// <summary>The sample mean and (unbiased) covariance of the rows of <paramref name="samples"/> (samples x features).</summary>
    public static GaussianStatistics Of(double[,] samples)
    {
        int n = samples.GetLength(0);
        if (n < 2) throw new ArgumentException($"a covariance needs at least 2 samples, got {n}");
        var x = Matrix<double>.Build.DenseOfArray(samples);
        Vector<double> mean = x.ColumnSums() / n;
        Matrix<double> centered = x - Matrix<double>.Build.Dense(n, x.ColumnCount, (_, j) => mean[j]);
        return new GaussianStatistics(mean, centered.TransposeThisAndMultiply(centered) / (n - 1));
    }

    /// <summary>Rows of <paramref name="samples"/> (n x features, row-major floats, e.g. a classifier's features).</summary>
    public static GaussianStatistics Of(float[] samples, int features)
    {
        if (features <= 0 || samples.Length % features != 0)
            throw new ArgumentException($"{samples.Length} values do not make rows of {features} features");
        var rows = new double[samples.Length / features, features];
        for (int i = 0; i < samples.Length; i++) rows[i / features, i % features] = samples[i];
        return Of(rows);
    }
}

public static class FrechetDistance
{
    /// <summary>The Fréchet distance between two sample sets (samples x features each).</summary>
    public static double Between(double[,] a, double[,] b) => Between(GaussianStatistics.Of(a), GaussianStatistics.Of(b));

    /// <summary>The Fréchet distance between two Gaussians.</summary>
    public static double Between(GaussianStatistics a, GaussianStatistics b)
    {
        if (a.Dimension != b.Dimension) throw new ArgumentException($"features of {a.Dimension} and {b.Dimension} dimensions cannot be compared");
        double meanTerm = (a.Mean - b.Mean).DotProduct(a.Mean - b.Mean);
        Matrix<double> root = SquareRoot(a.Covariance);
        double crossTrace = Eigenvalues(root * b.Covariance * root).Sum(l => Math.Sqrt(Math.Max(l, 0)));
        // Rounding can leave a tiny negative number for identical sets: a distance is never below 0.
        return Math.Max(0, meanTerm + a.Covariance.Trace() + b.Covariance.Trace() - 2 * crossTrace);
    }

    /// <summary>The symmetric square root of a symmetric positive semidefinite matrix (negative rounding noise counts as 0).</summary>
    public static Matrix<double> SquareRoot(Matrix<double> symmetric)
    {
        Evd<double> evd = Symmetrized(symmetric).Evd(Symmetricity.Symmetric);
        var roots = Vector<double>.Build.Dense(symmetric.RowCount, i => Math.Sqrt(Math.Max(evd.EigenValues[i].Real, 0)));
        return evd.EigenVectors * Matrix<double>.Build.DiagonalOfDiagonalVector(roots) * evd.EigenVectors.Transpose();
    }

    static double[] Eigenvalues(Matrix<double> symmetric) =>
        Symmetrized(symmetric).Evd(Symmetricity.Symmetric).EigenValues.Select(c => c.Real).ToArray();

    // Products of symmetric matrices are symmetric only up to rounding; the symmetric solver wants it exact.
    static Matrix<double> Symmetrized(Matrix<double> m) => (m + m.Transpose()) / 2;
}
