using Xunit;

public class StandardScalerTests
{
    // Two features over three rows: (1, 10), (2, 10), (3, 10). Means 2 and 10; population std sqrt(2/3) and 0.
    static readonly float[] Rows = [1, 10, 2, 10, 3, 10];

    [Fact]
    public void Fit_measures_mean_and_population_standard_deviation_per_feature()
    {
        var scaler = StandardScaler.Fit(Rows, featureCount: 2);

        Assert.Equal(2f, scaler.Mean[0], 1e-6f);
        Assert.Equal(10f, scaler.Mean[1], 1e-6f);
        Assert.Equal(MathF.Sqrt(2f / 3f), scaler.Scale[0], 1e-6f);
    }

    [Fact]
    public void Constant_feature_is_scaled_by_one_not_divided_by_zero()
    {
        var scaled = StandardScaler.Fit(Rows, 2).Transform(Rows);

        Assert.Equal(new float[] { 0, 0, 0 }, new[] { scaled[1], scaled[3], scaled[5] });
    }

    [Fact]
    public void Transformed_training_features_have_mean_zero_and_deviation_one()
    {
        var scaled = StandardScaler.Fit(Rows, 2).Transform(Rows);
        var first = new[] { scaled[0], scaled[2], scaled[4] };

        Assert.Equal(0f, first.Average(), 1e-6f);
        Assert.Equal(1f, MathF.Sqrt(first.Select(v => v * v).Average()), 1e-5f);
    }

    [Fact]
    public void Test_rows_are_transformed_with_the_training_statistics()
    {
        var scaler = StandardScaler.Fit(Rows, 2);

        var scaled = scaler.Transform([4, 12]);

        Assert.Equal((4 - 2) / MathF.Sqrt(2f / 3f), scaled[0], 1e-5f);
        Assert.Equal(2f, scaled[1], 1e-6f); // (12 - 10) / 1
    }

    [Fact]
    public void Rows_that_do_not_divide_into_features_are_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => StandardScaler.Fit([1, 2, 3], featureCount: 2));
        Assert.Contains("not whole rows of 2 features", error.Message);
    }
}
