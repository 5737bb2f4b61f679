// CnnJudge: the trained CNN of notebook 05 (data/models/best-convnet.bin) as a judge of images in [0, 1]:
// its class scores say which item an image shows, its 256 penultimate features say how it looks (the space in
// which GanQuality measures a Fréchet distance). One judge for the GAN's notebook, benchmark and tests, so
// their figures compare.
using System;
using System.IO;
using static TorchSharp.torch;

public sealed class CnnJudge : IDisposable
{
    readonly BestConvNet _model;

    CnnJudge(BestConvNet model) => _model = model;

    /// <summary>Where the trained best model lives: data/models/best-convnet.bin.</summary>
    public static string DefaultCheckpoint => Path.Combine(ProjectFolders.Data, "models", "best-convnet.bin");

    /// <summary>The best CNN with the weights of <paramref name="checkpoint"/> (by default the committed one), in evaluation mode.</summary>
    public static CnnJudge Load(string checkpoint = null)
    {
        var model = new BestConvNet();
        CnnTrainer.LoadCheckpoint(model, checkpoint ?? DefaultCheckpoint);
        return new CnnJudge(model);
    }

    /// <summary>Class scores (logits), N x 10, for images N x 1 x 28 x 28 in [0, 1].</summary>
    public Tensor Classify(Tensor images) => _model.call(Normalized(images));

    /// <summary>The 256 penultimate features, N x 256, for images N x 1 x 28 x 28 in [0, 1].</summary>
    public Tensor Features(Tensor images) => _model.Features(Normalized(images));

    // The network was trained on pixels normalized with Fashion-MNIST's mean and deviation.
    static Tensor Normalized(Tensor images) => (images - CnnTrainer.Mean) / CnnTrainer.StandardDeviation;

    public void Dispose() => _model.Dispose();
}
