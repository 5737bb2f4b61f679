using MathNet.Numerics.Distributions;
using MathNet.Numerics.LinearAlgebra;
using Xunit;

public class FrechetDistanceTests
{
    static GaussianStatistics Diagonal(double[] mean, double[] variances) =>
        new(Vector<double>.Build.DenseOfArray(mean), Matrix<double>.Build.DiagonalOfDiagonalArray(variances));

    // n samples of independent normals with the given means and standard deviations.
    static double[,] Samples(int n, double[] means, double[] deviations, int seed)
    {
        var random = new System.Random(seed);
        var samples = new double[n, means.Length];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < means.Length; j++) samples[i, j] = Normal.Sample(random, means[j], deviations[j]);
        return samples;
    }

    [Fact]
    public void Identical_sets_are_at_distance_zero()
    {
        double[,] samples = Samples(500, [0, 1, -2, 3], [1, 2, 0.5, 1], seed: 1);
        Assert.Equal(0, FrechetDistance.Between(samples, samples), 8);
    }

    [Fact]
    public void Gaussians_with_diagonal_covariances_give_the_closed_form()
    {
        // |m1 - m2|^2 + sum (s1 - s2)^2 for standard deviations s: (1 + 4) + (1 - 2)^2 + (2 - 1)^2 + 0 = 7.
        var a = Diagonal([0, 0, 0], [1, 4, 9]);
        var b = Diagonal([1, 2, 0], [4, 1, 9]);
        Assert.Equal(7, FrechetDistance.Between(a, b), 10);
    }

    [Fact]
    public void Samples_of_two_known_gaussians_approach_the_closed_form()
    {
        double[,] a = Samples(40_000, [0, 0, 0], [1, 2, 3], seed: 2);
        double[,] b = Samples(40_000, [1, 2, 0], [2, 1, 3], seed: 3);
        Assert.InRange(FrechetDistance.Between(a, b), 6.85, 7.15); // sampling error of 40,000 samples: a few hundredths
    }

    [Fact]
    public void Distance_is_symmetric_for_covariances_that_do_not_commute()
    {
        var random = new System.Random(4);
        Matrix<double> Spd() { var m = Matrix<double>.Build.Dense(5, 5, (_, _) => random.NextDouble() - 0.5); return m * m.Transpose() + Matrix<double>.Build.DenseIdentity(5) * 0.1; }
        var a = new GaussianStatistics(Vector<double>.Build.Dense(5, 0.0), Spd());
        var b = new GaussianStatistics(Vector<double>.Build.Dense(5, 1.0), Spd());
        Assert.Equal(FrechetDistance.Between(a, b), FrechetDistance.Between(b, a), 8);
        Assert.True(FrechetDistance.Between(a, b) > 5, "the mean term alone is 5");
    }

    [Fact]
    public void Covariances_that_do_not_commute_give_the_trace_of_the_square_root_of_their_product()
    {
        // tr((S1^½ S2 S1^½)^½) = Σ √λ(S1 S2): the eigenvalues of the (non-symmetric) product, an independent way to
        // the same trace. The classic wrong formula, tr(S1^½ S2^½), agrees only when the covariances commute.
        var random = new System.Random(7);
        Matrix<double> Spd() { var m = Matrix<double>.Build.Dense(6, 6, (_, _) => random.NextDouble() - 0.5); return m * m.Transpose() + Matrix<double>.Build.DenseIdentity(6) * 0.05; }
        Matrix<double> s1 = Spd(), s2 = Spd();
        Assert.True((s1 * s2 - s2 * s1).FrobeniusNorm() > 0.1, "the covariances must not commute for this test to mean anything");
        var m1 = Vector<double>.Build.Dense(6, i => i * 0.1);
        var m2 = Vector<double>.Build.Dense(6, i => 1 - i * 0.2);
        double productRootTrace = (s1 * s2).Evd().EigenValues.Sum(l => System.Math.Sqrt(l.Real));
        double expected = (m1 - m2).DotProduct(m1 - m2) + s1.Trace() + s2.Trace() - 2 * productRootTrace;
        double wrong = (m1 - m2).DotProduct(m1 - m2) + s1.Trace() + s2.Trace() - 2 * (FrechetDistance.SquareRoot(s1) * FrechetDistance.SquareRoot(s2)).Trace();

        double distance = FrechetDistance.Between(new GaussianStatistics(m1, s1), new GaussianStatistics(m2, s2));

        Assert.Equal(expected, distance, 8);
        Assert.True(System.Math.Abs(wrong - expected) > 0.01, $"the wrong formula gives {wrong}, too close to {expected} to tell them apart");
    }

    [Fact]
    public void Square_root_squared_gives_the_matrix_back()
    {
        var m = Matrix<double>.Build.DenseOfArray(new double[,] { { 4, 1 }, { 1, 3 } });
        Matrix<double> root = FrechetDistance.SquareRoot(m);
        Assert.True((root * root - m).FrobeniusNorm() < 1e-10);
    }

    [Fact]
    public void Features_of_different_sizes_name_the_problem()
    {
        var e = Assert.Throws<ArgumentException>(() => FrechetDistance.Between(Diagonal([0, 0], [1, 1]), Diagonal([0, 0, 0], [1, 1, 1])));
        Assert.Contains("2 and 3 dimensions", e.Message);
    }

    [Fact]
    public void Statistics_of_float_rows_are_mean_and_unbiased_covariance()
    {
        var statistics = GaussianStatistics.Of([1f, 2f, 3f, 6f], features: 2);   // rows (1, 2) and (3, 6)
        Assert.Equal([2.0, 4.0], statistics.Mean.ToArray());
        Assert.Equal(2.0, statistics.Covariance[0, 0], 10);
        Assert.Equal(4.0, statistics.Covariance[0, 1], 10);
        Assert.Equal(8.0, statistics.Covariance[1, 1], 10);
    }
}
