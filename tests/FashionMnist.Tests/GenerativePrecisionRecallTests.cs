using MathNet.Numerics.Distributions;
using Xunit;

public class GenerativePrecisionRecallTests
{
    // n samples of independent normals around `center` (every feature), deviation 1.
    static double[,] Cluster(int n, int features, double center, int seed)
    {
        var random = new System.Random(seed);
        var samples = new double[n, features];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < features; j++) samples[i, j] = Normal.Sample(random, center, 1);
        return samples;
    }

    static double[,] Stacked(double[,] a, double[,] b)
    {
        int n = a.GetLength(0), d = a.GetLength(1);
        var rows = new double[n + b.GetLength(0), d];
        for (int i = 0; i < rows.GetLength(0); i++)
            for (int j = 0; j < d; j++) rows[i, j] = i < n ? a[i, j] : b[i - n, j];
        return rows;
    }

    [Fact]
    public void Identical_sets_have_full_precision_and_recall()
    {
        double[,] samples = Cluster(300, 5, 0, seed: 1);
        PrecisionRecall result = GenerativePrecisionRecall.Of(samples, samples);
        Assert.Equal(new PrecisionRecall(1, 1, 3, 300, 300), result);
    }

    [Fact]
    public void Far_apart_sets_have_no_precision_and_no_recall()
    {
        PrecisionRecall result = GenerativePrecisionRecall.Of(Cluster(200, 5, 0, seed: 2), Cluster(150, 5, 100, seed: 3));
        Assert.Equal(new PrecisionRecall(0, 0, 3, 200, 150), result);
    }

    [Fact]
    public void A_generator_that_draws_half_of_the_modes_keeps_precision_and_loses_half_the_recall()
    {
        // Real: two well-separated clusters of 500; generated: 1,000 from the first cluster only.
        double[,] real = Stacked(Cluster(500, 2, 0, seed: 4), Cluster(500, 2, 50, seed: 5));
        double[,] generated = Cluster(1000, 2, 0, seed: 6);

        PrecisionRecall result = GenerativePrecisionRecall.Of(real, generated);

        Assert.InRange(result.Precision, 0.95, 1);
        Assert.InRange(result.Recall, 0.45, 0.5); // at most the first cluster: none of the second is covered
    }

    [Fact]
    public void A_tiny_one_dimensional_case_with_k_1_gives_the_hand_checked_shares()
    {
        // Real {0, 1, 3}: nearest-neighbour radii 1, 1, 2, balls [-1, 1], [0, 2], [1, 5].
        // Generated {-10, 0.1, 0.4, 0.6}: radii 10.1, 0.3, 0.2, 0.2, balls [-20.1, 0.1], [-0.2, 0.4], [0.2, 0.6], [0.4, 0.8].
        // Precision: 0.1, 0.4, 0.6 lie in [-1, 1], -10 in no real ball: 3/4.
        // Recall: 0 lies in [-20.1, 0.1]; 1 and 3 in no generated ball: 1/3.
        double[,] real = { { 0 }, { 1 }, { 3 } };
        double[,] generated = { { -10 }, { 0.1 }, { 0.4 }, { 0.6 } };

        PrecisionRecall result = GenerativePrecisionRecall.Of(real, generated, k: 1);

        Assert.Equal(0.75, result.Precision, 12);
        Assert.Equal(1 / 3.0, result.Recall, 12);
    }

    [Fact]
    public void Radii_are_the_distance_to_the_k_th_other_sample()
    {
        using var set = TorchSharp.torch.tensor(new double[,] { { 0 }, { 1 }, { 3 }, { 7 } });
        using var radii = GenerativePrecisionRecall.SquaredNeighbourRadii(set, k: 2);
        // Other samples of 0: 1, 3, 7 -> 2nd is 3; of 1: 1, 2, 6 -> 2; of 3: 2, 3, 4 -> 3; of 7: 4, 6, 7 -> 6.
        Assert.Equal(new double[] { 9, 4, 9, 36 }, radii.data<double>().ToArray());
    }

    [Fact]
    public void Blocked_computation_equals_the_whole_matrix_at_once()
    {
        double[,] real = Stacked(Cluster(130, 6, 0, seed: 7), Cluster(70, 6, 2, seed: 8));
        double[,] generated = Cluster(170, 6, 0.5, seed: 9);

        PrecisionRecall whole = GenerativePrecisionRecall.Of(real, generated, blockRows: 1000);

        Assert.InRange(whole.Precision, 0.05, 0.95); // neither share at its limit: the comparison means something
        Assert.InRange(whole.Recall, 0.05, 0.95);
        foreach (int rows in new[] { 1, 7, 64 })
            Assert.Equal(whole, GenerativePrecisionRecall.Of(real, generated, blockRows: rows));
    }

    [Fact]
    public void Float_rows_and_tensors_give_the_same_result()
    {
        double[,] real = Cluster(80, 4, 0, seed: 10), generated = Cluster(90, 4, 0.7, seed: 11);
        float[] Flat(double[,] a) { var f = new float[a.Length]; int i = 0; foreach (double v in a) f[i++] = (float)v; return f; }
        using var realTensor = TorchSharp.torch.tensor(Flat(real), [80, 4]);
        using var generatedTensor = TorchSharp.torch.tensor(Flat(generated), [90, 4]);

        Assert.Equal(GenerativePrecisionRecall.Of(realTensor, generatedTensor), GenerativePrecisionRecall.Of(Flat(real), Flat(generated), features: 4));
    }

    [Fact]
    public void Mismatched_feature_counts_are_refused()
    {
        var error = Assert.Throws<System.ArgumentException>(() => GenerativePrecisionRecall.Of(Cluster(20, 3, 0, 1), Cluster(20, 4, 0, 2)));
        Assert.Contains("3 and 4 dimensions", error.Message);
    }

    [Fact]
    public void A_set_without_k_other_samples_is_refused_by_name()
    {
        var error = Assert.Throws<System.ArgumentException>(() => GenerativePrecisionRecall.Of(Cluster(3, 2, 0, 1), Cluster(20, 2, 0, 2)));
        Assert.Equal("real", error.ParamName);
        Assert.Contains("needs at least 4", error.Message);
    }

    [Fact]
    public void The_report_names_both_shares_and_what_they_were_measured_on()
    {
        Assert.Equal("precision 75.0%, recall 33.3% (k = 1; 3 real, 4 generated samples)", new PrecisionRecall(0.75, 1 / 3.0, 1, 3, 4).ToString().Replace(" %", "%"));
    }
}
