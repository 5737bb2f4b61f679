using Xunit;

public class GaussianNaiveBayesTests
{
    // One feature. Class 0: 0, 2 (mean 1, variance 1). Class 1: 4, 6, 8 (mean 6, variance 8/3).
    static readonly float[] Train = [0, 2, 4, 6, 8];
    static readonly byte[] Labels = [0, 0, 1, 1, 1];

    static GaussianNaiveBayes Fitted(double[] priors = null)
    {
        var model = new GaussianNaiveBayes(priors, varianceSmoothing: 0);
        model.Fit(Train, Labels, featureCount: 1);
        return model;
    }

    static double Normal(double x, double mean, double variance) =>
        Math.Exp(-(x - mean) * (x - mean) / (2 * variance)) / Math.Sqrt(2 * Math.PI * variance);

    [Fact]
    public void Fit_measures_class_means_and_population_variances()
    {
        var model = Fitted();

        Assert.Equal(1.0, model.Means[0, 0], 9);
        Assert.Equal(6.0, model.Means[1, 0], 9);
        Assert.Equal(1.0, model.Variances[0, 0], 9);
        Assert.Equal(8.0 / 3, model.Variances[1, 0], 9);
    }

    [Fact]
    public void Priors_default_to_class_shares()
    {
        Assert.Equal(new[] { 0.4, 0.6 }, Fitted().Priors);
    }

    [Fact]
    public void Posterior_matches_bayes_rule_computed_by_hand()
    {
        double x = 3;
        double joint0 = 0.4 * Normal(x, 1, 1), joint1 = 0.6 * Normal(x, 6, 8.0 / 3);

        double[] posterior = Fitted().PredictProbabilities([(float)x]);

        Assert.Equal(joint0 / (joint0 + joint1), posterior[0], 9);
        Assert.Equal(joint1 / (joint0 + joint1), posterior[1], 9);
    }

    [Fact]
    public void Given_priors_replace_the_class_shares()
    {
        double x = 3.5;
        double joint0 = 0.9 * Normal(x, 1, 1), joint1 = 0.1 * Normal(x, 6, 8.0 / 3);

        double[] posterior = Fitted([0.9, 0.1]).PredictProbabilities([(float)x]);

        Assert.Equal(joint0 / (joint0 + joint1), posterior[0], 9);
    }

    [Fact]
    public void Prediction_is_the_class_of_highest_posterior()
    {
        Assert.Equal(new byte[] { 0, 1, 1 }, Fitted().Predict([-1, 5, 30]));
    }

    [Fact]
    public void Constant_feature_does_not_make_probabilities_undefined()
    {
        var model = new GaussianNaiveBayes(); // default smoothing adds a small share of the largest variance
        model.Fit([0, 5, 2, 5, 4, 5, 6, 5], [0, 0, 1, 1], featureCount: 2);

        double[] posterior = model.PredictProbabilities([1, 5]);

        Assert.All(posterior, p => Assert.False(double.IsNaN(p)));
        Assert.True(posterior[0] > posterior[1]);
    }

    [Fact]
    public void Priors_that_do_not_sum_to_one_are_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => new GaussianNaiveBayes([0.5, 0.6]));
        Assert.Contains("sum to 1", error.Message);
    }
}
