// CnnJudge: a trained CNN of notebook 05's best design (BestConvNet), frozen in data/models/judge-convnet.bin, as a
// judge of images in [0, 1]: its class scores say which item an image shows, its 256 penultimate features say how
// it looks (the space in which GanQuality measures a Fréchet distance). One judge for the GAN's notebook, benchmark
// and tests, and it never changes (as the field's Fréchet Inception Distance keeps one Inception network): a better
// best network for notebook 05 leaves the judge, and with it every GAN figure measured before, as it was. The judge
// is the network that was notebook 05's best until 2026-12-07 (20 epochs on all 60,000 images, float32,
// tests/benchmarks/cnn/README.md).
using System;
using System.IO;
using System.Linq;
using static TorchSharp.torch;

public sealed class CnnJudge : IDisposable
{
    readonly BestConvNet _model;

    CnnJudge(BestConvNet model) => _model = model;

    /// <summary>Where the judge's weights are kept: data/models/judge-convnet.bin.</summary>
    public static string Checkpoint => Path.Combine(ProjectFolders.Data, "models", "judge-convnet.bin");

    /// <summary>A BestConvNet with the weights of <paramref name="checkpoint"/> (by default the judge's), in evaluation mode.</summary>
    public static CnnJudge Load(string checkpoint = null)
    {
        var model = new BestConvNet();
        CnnTrainer.LoadCheckpoint(model, checkpoint ?? Checkpoint);
        return new CnnJudge(model);
    }

    /// <summary>Class scores (logits), N x 10, for images N x 1 x 28 x 28 in [0, 1].</summary>
    public Tensor Classify(Tensor images) => _model.call(ImageTensors.Normalize(images));

    /// <summary>The 256 penultimate features, N x 256, for images N x 1 x 28 x 28 in [0, 1].</summary>
    public Tensor Features(Tensor images) => _model.Features(ImageTensors.Normalize(images));

    /// <summary>The share of the labeled images (pixels 0-255) that the judge puts in their own class.</summary>
    public double Accuracy(LabeledImages data)
    {
        using Tensor images = ImageTensors.Unit(data);
        using Tensor scores = ImageTensors.InBatches(Classify, images);
        int[] predicted = scores.argmax(1).to_type(ScalarType.Int32).data<int>().ToArray();
        return Evaluation.AccuracyOf(predicted, data.Labels.Select(l => (int)l).ToArray());
    }

    // The network was trained on pixels normalized with Fashion-MNIST's mean and deviation.

    public void Dispose() => _model.Dispose();
}
