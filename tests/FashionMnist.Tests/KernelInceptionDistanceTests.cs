using MathNet.Numerics.Distributions;
using Xunit;

public class KernelInceptionDistanceTests
{
    // n samples of independent normals, mean `shift` in every feature and deviation 1.
    static double[,] Samples(int n, int features, double shift, int seed)
    {
        var random = new System.Random(seed);
        var samples = new double[n, features];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < features; j++) samples[i, j] = Normal.Sample(random, shift, 1);
        return samples;
    }

    // The unbiased MMD² with k(x, y) = (x·y / d + 1)^3, written out as the paper's formula: loops over all pairs.
    static double UnbiasedMmd2ByLoops(double[,] x, double[,] y)
    {
        int m = x.GetLength(0), n = y.GetLength(0), d = x.GetLength(1);
        double K(double[,] a, int i, double[,] b, int j)
        {
            double dot = 0;
            for (int f = 0; f < d; f++) dot += a[i, f] * b[j, f];
            return System.Math.Pow(dot / d + 1, 3);
        }
        double xx = 0, yy = 0, xy = 0;
        for (int i = 0; i < m; i++) for (int j = 0; j < m; j++) if (i != j) xx += K(x, i, x, j);
        for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) if (i != j) yy += K(y, i, y, j);
        for (int i = 0; i < m; i++) for (int j = 0; j < n; j++) xy += K(x, i, y, j);
        return xx / (m * (m - 1.0)) + yy / (n * (n - 1.0)) - 2 * xy / ((double)m * n);
    }

    [Fact]
    public void One_subset_of_the_whole_set_equals_the_formula_computed_by_loops()
    {
        double[,] x = Samples(60, 7, 0, seed: 1), y = Samples(60, 7, 0.3, seed: 2);
        double expected = UnbiasedMmd2ByLoops(x, y);

        KidResult kid = KernelInceptionDistance.Between(x, y, subsets: 1, subsetSize: 60);

        Assert.Equal(expected, kid.Mean, System.Math.Abs(expected) * 1e-9);
        Assert.Equal(0, kid.StandardDeviation);
    }

    [Fact]
    public void Sets_of_different_sizes_give_the_formula_computed_by_loops()
    {
        double[,] x = Samples(40, 5, 0, seed: 3), y = Samples(25, 5, 0.5, seed: 4);
        double expected = UnbiasedMmd2ByLoops(x, y);
        using var a = TorchSharp.torch.tensor(x);
        using var b = TorchSharp.torch.tensor(y);
        Assert.Equal(expected, KernelInceptionDistance.UnbiasedMmd2(a, b), System.Math.Abs(expected) * 1e-9);
    }

    [Fact]
    public void Two_points_against_two_points_in_one_dimension_give_the_hand_computed_value()
    {
        // d = 1, k(x, y) = (x y + 1)^3. X = {0, 1}: k(0, 1) = 1, both orders: 2 / (2 · 1) = 1.
        // Y = {1, 2}: k(1, 2) = 27: 54 / 2 = 27. Across: k(0, 1) + k(0, 2) + k(1, 1) + k(1, 2) = 1 + 1 + 8 + 27 = 37: 37 / 4.
        // MMD² = 1 + 27 - 2 · 37 / 4 = 9.5, the same for every subset (each is the whole set, reordered).
        KidResult kid = KernelInceptionDistance.Between(new double[,] { { 0 }, { 1 } }, new double[,] { { 1 }, { 2 } }, subsets: 3, subsetSize: 2);
        Assert.Equal(9.5, kid.Mean, 12);
        Assert.Equal(0, kid.StandardDeviation, 12);
        Assert.Equal(new KidResult(kid.Mean, kid.StandardDeviation, 3, 2), kid);
    }

    [Fact]
    public void Two_samples_of_one_gaussian_are_near_zero_with_either_sign()
    {
        // Unbiased: over many pairs of samples the estimates straddle 0, each within a few standard deviations of it.
        int negative = 0, positive = 0;
        for (int seed = 0; seed < 10; seed++)
        {
            KidResult kid = KernelInceptionDistance.Between(Samples(400, 8, 0, seed: 10 + seed), Samples(400, 8, 0, seed: 30 + seed),
                subsets: 20, subsetSize: 200, seed: seed);
            Assert.InRange(System.Math.Abs(kid.Mean), 0, 3 * kid.StandardDeviation);
            if (kid.Mean < 0) negative++; else positive++;
        }
        Assert.True(negative > 0 && positive > 0, $"{negative} negative and {positive} positive estimates out of 10: an unbiased estimate takes both signs");
    }

    [Fact]
    public void Shifted_gaussians_give_a_clearly_positive_distance_that_grows_with_the_shift()
    {
        double[,] reference = Samples(600, 8, 0, seed: 5);
        double previous = 0;
        foreach (double shift in new[] { 0.25, 0.5, 1.0 })
        {
            KidResult kid = KernelInceptionDistance.Between(reference, Samples(600, 8, shift, seed: 6), subsets: 20, subsetSize: 300);
            Assert.True(kid.Mean > 5 * kid.StandardDeviation, $"shift {shift}: {kid}");
            Assert.True(kid.Mean > previous, $"shift {shift}: {kid.Mean} is not above {previous}, the distance for the smaller shift");
            previous = kid.Mean;
        }
    }

    [Fact]
    public void The_same_seed_gives_the_same_result_and_another_seed_other_subsets()
    {
        double[,] x = Samples(300, 6, 0, seed: 7), y = Samples(300, 6, 0.2, seed: 8);
        KidResult first = KernelInceptionDistance.Between(x, y, subsets: 10, subsetSize: 100, seed: 1);
        Assert.Equal(first, KernelInceptionDistance.Between(x, y, subsets: 10, subsetSize: 100, seed: 1));
        Assert.NotEqual(first.Mean, KernelInceptionDistance.Between(x, y, subsets: 10, subsetSize: 100, seed: 2).Mean);
    }

    [Fact]
    public void Float_rows_and_tensors_give_the_same_result()
    {
        double[,] x = Samples(120, 4, 0, seed: 9), y = Samples(150, 4, 0.4, seed: 10);
        float[] Flat(double[,] a) { var f = new float[a.Length]; int i = 0; foreach (double v in a) f[i++] = (float)v; return f; }
        using var xt = TorchSharp.torch.tensor(Flat(x), [120, 4]);
        using var yt = TorchSharp.torch.tensor(Flat(y), [150, 4]);

        KidResult fromFloats = KernelInceptionDistance.Between(Flat(x), Flat(y), features: 4, subsets: 5, subsetSize: 100, seed: 3);

        Assert.Equal(fromFloats, KernelInceptionDistance.Between(xt, yt, subsets: 5, subsetSize: 100, seed: 3));
    }

    [Fact]
    public void Mismatched_feature_counts_are_refused()
    {
        var error = Assert.Throws<System.ArgumentException>(() => KernelInceptionDistance.Between(Samples(20, 3, 0, 1), Samples(20, 4, 0, 2), subsets: 1, subsetSize: 10));
        Assert.Contains("3 and 4 dimensions", error.Message);
    }

    [Fact]
    public void A_set_smaller_than_the_subset_size_is_refused_by_name()
    {
        var error = Assert.Throws<System.ArgumentException>(() => KernelInceptionDistance.Between(Samples(2000, 3, 0, 1), Samples(999, 3, 0, 2)));
        Assert.Equal("generated", error.ParamName);
        Assert.Contains("999 rows, fewer than the subset size 1,000", error.Message);
    }

    [Fact]
    public void The_report_reads_as_mean_and_spread()
    {
        Assert.Equal("KID 0.01234 ± 0.0005 (mean ± standard deviation over 100 subsets of 1,000)",
            new KidResult(0.012340, 0.0005, 100, 1000).ToString());
    }
}
