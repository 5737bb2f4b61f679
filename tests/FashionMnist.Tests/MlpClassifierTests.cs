using Xunit;

[Collection(TorchRandomCollection.Name)]
public class MlpClassifierTests
{
    [Fact]
    public void Learns_xor_which_no_linear_model_can()
    {
        float[] x = [0, 0, 0, 1, 1, 0, 1, 1];
        byte[] y = [0, 1, 1, 0];
        var mlp = new MlpClassifier([8], "tanh", epochs: 500, batchSize: 4, learningRate: 0.05, l2Penalty: 0, seed: 1);

        mlp.Fit(x, y, featureCount: 2);

        Assert.Equal(y, mlp.Predict(x));
    }

    [Fact]
    public void Separates_three_blobs_and_its_loss_falls()
    {
        var random = new Random(4);
        float[][] centres = [[0, 0], [4, 0], [0, 4]];
        var x = new List<float>();
        var y = new List<byte>();
        for (int i = 0; i < 300; i++)
        {
            int c = i % 3;
            x.Add(centres[c][0] + (float)(random.NextDouble() - 0.5));
            x.Add(centres[c][1] + (float)(random.NextDouble() - 0.5));
            y.Add((byte)c);
        }
        var mlp = new MlpClassifier([16], "relu", epochs: 30, batchSize: 30, learningRate: 0.01, seed: 2);

        mlp.Fit(x.ToArray(), y.ToArray(), featureCount: 2);

        Assert.Equal(new byte[] { 0, 1, 2 }, mlp.Predict([0, 0, 4, 0, 0, 4]));
        Assert.True(mlp.EpochLosses[^1] < mlp.EpochLosses[0] / 5, $"loss went from {mlp.EpochLosses[0]:g3} to {mlp.EpochLosses[^1]:g3}");
    }

    [Fact]
    public void Unknown_activation_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => new MlpClassifier([4], "sigmoid"));
        Assert.Contains("relu or tanh", error.Message);
    }
}
