using Xunit;

public class PcaTests
{
    // Data with a known decomposition: points = mean + sum_k a_k * s_k * d_k, where d_k are orthonormal
    // directions (a rotated basis), s_k known standard deviations and a_k exactly +-1 in a balanced design,
    // so that every direction's sample variance is known exactly.
    const int Dims = 6;
    static readonly double[] Spreads = { 5.0, 3.0, 2.0, 1.0, 0.5, 0.0 };
    static readonly float[] KnownMean = { 1f, -2f, 0.5f, 3f, 0f, 10f };

    static double[][] OrthonormalDirections()
    {
        // Gram-Schmidt on a fixed, well-conditioned matrix.
        var random = new Random(7);
        var basis = new List<double[]>();
        while (basis.Count < Dims)
        {
            double[] v = Enumerable.Range(0, Dims).Select(_ => random.NextDouble() - 0.5).ToArray();
            foreach (double[] b in basis)
            {
                double dot = v.Zip(b, (p, q) => p * q).Sum();
                for (int i = 0; i < Dims; i++) v[i] -= dot * b[i];
            }
            double norm = Math.Sqrt(v.Sum(x => x * x));
            basis.Add(v.Select(x => x / norm).ToArray());
        }
        return basis.ToArray();
    }

    // All 2^Dims sign patterns: each coordinate has mean 0, variance n/(n-1) with ddof 1, no correlation.
    static float[] KnownData(double[][] directions, out int n)
    {
        n = 1 << Dims;
        var rows = new float[n * Dims];
        for (int r = 0; r < n; r++)
            for (int k = 0; k < Dims; k++)
            {
                double a = ((r >> k) & 1) == 0 ? -1 : 1;
                for (int i = 0; i < Dims; i++) rows[r * Dims + i] += (float)(a * Spreads[k] * directions[k][i]);
            }
        for (int r = 0; r < n; r++)
            for (int i = 0; i < Dims; i++) rows[r * Dims + i] += KnownMean[i];
        return rows;
    }

    [Fact]
    public void Explained_variances_are_the_known_variances()
    {
        float[] rows = KnownData(OrthonormalDirections(), out int n);
        var pca = Pca.Fit(rows, Dims);
        double total = Spreads.Sum(s => s * s);
        for (int k = 0; k < Dims; k++)
        {
            Assert.Equal(Spreads[k] * Spreads[k] * n / (n - 1), pca.ExplainedVariance[k], 4);
            Assert.Equal(Spreads[k] * Spreads[k] / total, pca.ExplainedVarianceRatio[k], 5);
        }
    }

    [Fact]
    public void Components_are_the_known_directions_up_to_sign()
    {
        double[][] directions = OrthonormalDirections();
        var pca = Pca.Fit(KnownData(directions, out _), Dims);
        for (int k = 0; k < Dims - 1; k++)   // the last direction has zero variance, so any unit vector fits
        {
            double dot = pca.Component(k).Zip(directions[k], (p, q) => p * q).Sum();
            Assert.Equal(1.0, Math.Abs(dot), 4);
        }
    }

    [Fact]
    public void Mean_is_the_known_mean()
    {
        var pca = Pca.Fit(KnownData(OrthonormalDirections(), out _), Dims);
        for (int i = 0; i < Dims; i++) Assert.Equal(KnownMean[i], pca.Mean[i], 4);
    }

    [Fact]
    public void Reconstruction_with_all_informative_components_is_exact()
    {
        float[] rows = KnownData(OrthonormalDirections(), out _);
        float[] back = Pca.Fit(rows, Dims).Reconstruct(rows, Dims - 1);
        for (int i = 0; i < rows.Length; i++) Assert.Equal(rows[i], back[i], 3);
    }

    [Fact]
    public void Reconstruction_error_is_the_variance_left_out()
    {
        float[] rows = KnownData(OrthonormalDirections(), out int n);
        var pca = Pca.Fit(rows, Dims);
        float[] back = pca.Reconstruct(rows, 2);
        double squaredError = rows.Zip(back, (a, b) => (double)(a - b) * (a - b)).Sum() / (n - 1);
        double leftOut = pca.ExplainedVariance.Skip(2).Sum();
        Assert.Equal(leftOut, squaredError, 3);
    }

    [Fact]
    public void Projection_coordinates_have_the_component_variances()
    {
        float[] rows = KnownData(OrthonormalDirections(), out int n);
        var pca = Pca.Fit(rows, Dims);
        float[] z = pca.Transform(rows, 3);
        for (int k = 0; k < 3; k++)
        {
            double variance = Enumerable.Range(0, n).Sum(r => (double)z[r * 3 + k] * z[r * 3 + k]) / (n - 1);
            Assert.Equal(pca.ExplainedVariance[k], variance, 3);
        }
    }

    [Fact]
    public void Components_explaining_a_share_counts_the_smallest_sufficient_prefix()
    {
        var pca = Pca.Fit(KnownData(OrthonormalDirections(), out _), Dims);
        // 25 + 9 = 34 of 39.25 is 86.6%; 25 alone is 63.7%.
        Assert.Equal(1, pca.ComponentsExplaining(0.6));
        Assert.Equal(2, pca.ComponentsExplaining(0.8));
    }

    [Fact]
    public void Rows_that_do_not_fit_the_dimensions_are_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => Pca.Fit(new float[10], 3));
        Assert.Contains("not whole rows of 3", error.Message);
    }

    [Fact]
    public void Asking_for_more_components_than_dimensions_is_refused()
    {
        var pca = Pca.Fit(KnownData(OrthonormalDirections(), out _), Dims);
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => pca.Transform(new float[Dims], Dims + 1));
        Assert.Contains("1 to 6", error.Message);
    }
}
