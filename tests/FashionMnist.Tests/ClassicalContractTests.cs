using Microsoft.ML;
using Xunit;
using static Refusal;

/// <summary>
/// lib/Classical's small shared pieces that no family test reached: the linear scores and their classes, the
/// random-feature SVM and the ML.NET adapter, each on data with a known answer, and what each refuses.
/// </summary>
public class ClassicalContractTests
{
    // Three well-separated clusters in 4 dimensions, labelled with the given (not necessarily consecutive) classes.
    static (float[] Features, byte[] Labels) Blobs(byte[] classes, int perClass = 20, int seed = 0)
    {
        float[] rows = GaussianClusters.Of(classes.Length, perClass, 4, seed, out int[] clusters);
        return (rows, clusters.Select(c => classes[c]).ToArray());
    }

    [Fact]
    public void Linear_scores_are_w_dot_x_plus_b_per_classifier_and_row()
    {
        float[] features = [1, 2, 3, -1, 0, 2];
        double[] weights = [1, 0, 1, 0.5, -1, 2], intercepts = [0.25, -1];
        double[] scores = LinearScores.Of(features, 3, weights, intercepts);
        Assert.Equal([1 + 3 + 0.25, 0.5 - 2 + 6 - 1, -1 + 2 + 0.25, -0.5 + 4 - 1], scores);
        Assert.Equal(new byte[] { 0, 1 }, LinearScores.Classes(scores, 2));

        Assert.Contains("call Fit before predicting", MessageOf<InvalidOperationException>(() => LinearScores.Of(features, 3, null, intercepts)));
        Assert.Throws<ArgumentNullException>(() => LinearScores.Of(null, 3, weights, intercepts));
        Assert.Contains("5 values are not whole rows of the 3 features the model was fitted on",
            MessageOf<ArgumentException>(() => LinearScores.Of(new float[5], 3, weights, intercepts)));
        double[] row = new double[2];
        Assert.Equal([3.0, -1.0], LinearScores.RowAsDoubles(features, 1, 2, row).ToArray());
    }

    [Fact]
    public void Classes_take_the_highest_score_the_lowest_class_on_a_tie_and_the_sign_of_one_classifier()
    {
        Assert.Equal(new byte[] { 2, 0, 1 }, LinearScores.Classes([0, 1, 3, /**/ 5, 5, 5, /**/ -1, 2, 2], 3));
        Assert.Equal(new byte[] { 1, 0, 0 }, LinearScores.Classes([0.5, 0, -2], 1));
    }

    [Fact]
    public void Random_feature_svm_separates_clusters_with_the_default_width_and_refuses_to_predict_unfitted()
    {
        Assert.Throws<ArgumentNullException>(() => new RandomFeatureSvm(50, null, null));
        var svm = new RandomFeatureSvm(200, gamma: null, () => new SgdClassifier(loss: SgdLoss.Hinge, seed: 1), seed: 2);
        Assert.True(double.IsNaN(svm.Gamma));
        Assert.Equal("linear classifier on 200 random Fourier features", svm.ToString());
        Assert.Contains("call Fit before predicting", MessageOf<InvalidOperationException>(() => svm.Predict(new float[4])));
        var (features, labels) = Blobs([0, 1, 2]);
        svm.Fit(features, labels, 4);
        Assert.Equal("linear classifier on 200 random Fourier features of an RBF kernel, γ = 0.25", svm.ToString());
        Assert.Equal(labels, svm.Predict(features));
        var narrow = new RandomFeatureSvm(200, gamma: 0.01, () => new SgdClassifier(loss: SgdLoss.Hinge, seed: 1), seed: 2);
        narrow.Fit(features, labels, 4);
        Assert.EndsWith("γ = 0.01", narrow.ToString());
    }

    [Fact]
    public void MlNet_classifier_gives_back_the_labels_it_learned_even_when_they_skip_classes()
    {
        Assert.Throws<ArgumentNullException>(() => new MlNetClassifier("none", null));
        var model = new MlNetClassifier("SDCA", ml => ml.MulticlassClassification.Trainers.SdcaMaximumEntropy(), seed: 1);
        Assert.Equal("ML.NET SDCA", model.ToString());
        Assert.Contains("call Fit before predicting", MessageOf<InvalidOperationException>(() => model.Predict(new float[4])));
        var (features, labels) = Blobs([7, 2, 5]);
        Assert.Contains("values are not 3 rows of 4 features", MessageOf<ArgumentException>(() => model.Fit(features, labels[..3], 4)));
        model.Fit(features, labels, 4);
        Assert.Equal(labels, model.Predict(features));
        Assert.Contains("7 values are not whole rows of the 4 features the model was fitted on", MessageOf<ArgumentException>(() => model.Predict(new float[7])));
    }
}
