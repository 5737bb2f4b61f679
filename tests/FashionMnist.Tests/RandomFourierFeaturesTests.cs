using Xunit;

public class RandomFourierFeaturesTests
{
    const int Inputs = 10;
    const double Gamma = 0.1;

    static float[] RandomRows(int count, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count * Inputs).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
    }

    /// <summary>Mean absolute difference between z(x)·z(y) and the exact kernel over all pairs of 20 points.</summary>
    static double ApproximationError(int featureCount)
    {
        float[] rows = RandomRows(20, seed: 1);
        var map = new RandomFourierFeatures(Inputs, featureCount, Gamma, seed: 3);
        float[] z = map.Transform(rows);
        double total = 0;
        int pairs = 0;
        for (int i = 0; i < 20; i++)
            for (int j = i + 1; j < 20; j++)
            {
                double approx = 0;
                for (int f = 0; f < featureCount; f++) approx += z[i * featureCount + f] * z[j * featureCount + f];
                double exact = RandomFourierFeatures.RbfKernel(rows.AsSpan(i * Inputs, Inputs), rows.AsSpan(j * Inputs, Inputs), Gamma);
                total += Math.Abs(approx - exact);
                pairs++;
            }
        return total / pairs;
    }

    [Fact]
    public void Kernel_approximation_error_shrinks_with_more_features()
    {
        double few = ApproximationError(50), many = ApproximationError(5000);

        Assert.True(many < few / 3, $"error with 5000 features {many:g3} is not well below the error with 50 features {few:g3}");
        Assert.True(many < 0.02, $"error with 5000 features is {many:g3}");
    }

    [Fact]
    public void Same_seed_gives_the_same_features()
    {
        float[] rows = RandomRows(3, seed: 2);

        Assert.Equal(new RandomFourierFeatures(Inputs, 64, Gamma, seed: 5).Transform(rows),
                     new RandomFourierFeatures(Inputs, 64, Gamma, seed: 5).Transform(rows));
    }

    [Fact]
    public void Transform_makes_one_row_of_features_per_input_row()
    {
        Assert.Equal(7 * 33, new RandomFourierFeatures(Inputs, 33, Gamma).Transform(RandomRows(7, 1)).Length);
    }

    [Fact]
    public void Non_positive_gamma_is_refused()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new RandomFourierFeatures(Inputs, 10, gamma: 0));
        Assert.Contains("γ must be positive", error.Message);
    }
}
