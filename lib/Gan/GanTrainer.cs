// GanTrainer: trains a DcGan on labeled images, the classic alternating way: one discriminator step (real
// images against generated ones), then one generator step (fool the discriminator), Adam(2e-4, beta1 0.5)
// for both, as in the DCGAN paper; after each generator step the GAN's average generator follows. Reports
// averaged losses every N steps through a callback, and draws the same fixed noise at any time, so a notebook
// can watch one picture improve in place.
using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using static TorchSharp.torch;

/// <summary>Losses of one training step. Scores are the discriminator's mean probability of "real".</summary>
public sealed record GanStepLosses(double DiscriminatorLoss, double GeneratorLoss, double RealScore, double FakeScore);

public sealed class GanTrainer : IDisposable
{
    // One-sided label smoothing: the discriminator aims at 0.9 for real images, which keeps it from
    // becoming overconfident and starving the generator of gradient.
    const double RealTarget = 0.9;

    readonly DcGan _gan;
    readonly MiniBatches _batches;
    readonly int _batchSize;
    readonly optim.Optimizer _generatorOptimizer;
    readonly optim.Optimizer _discriminatorOptimizer;
    readonly Generator _noise;
    readonly Tensor _fixedNoise;
    readonly int[] _fixedLabels;
    readonly Stopwatch _watch = new();

    public int Step { get; private set; }
    /// <summary>Completed passes over the training images.</summary>
    public int Epoch => _batches.Epoch;
    public int StepsPerEpoch { get; }
    public DcGan Gan => _gan;
    /// <summary>Time spent in training steps so far (not in pictures or callbacks).</summary>
    public TimeSpan TrainingTime => _watch.Elapsed;

    /// <param name="picturesPerClass">Columns of the fixed-noise picture (one row per class).</param>
    public GanTrainer(DcGan gan, LabeledImages data, int batchSize = 64, double learningRate = 2e-4, int seed = 0, int picturesPerClass = 8)
    {
        if (data.Rows != 28 || data.Columns != 28) throw new ArgumentException($"the GAN makes 28x28 images; these are {data.Rows}x{data.Columns}");
        if (gan.IsConditional && data.ClassCount != gan.ClassCount)
            throw new ArgumentException($"the GAN knows {gan.ClassCount} classes, the data has {data.ClassCount}");
        if (batchSize < 2) throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, "batch norm needs batches of at least 2 images");
        _gan = gan;
        _batchSize = batchSize;
        _batches = new MiniBatches(data, seed);
        StepsPerEpoch = (data.Count + batchSize - 1) / batchSize;
        _generatorOptimizer = optim.Adam(gan.Generator.parameters(), learningRate, beta1: 0.5, beta2: 0.999);
        _discriminatorOptimizer = optim.Adam(gan.Discriminator.parameters(), learningRate, beta1: 0.5, beta2: 0.999);
        manual_seed(seed); // dropout
        _noise = new Generator((ulong)seed + 1);
        int rows = gan.IsConditional ? gan.ClassCount : 1;
        _fixedNoise = gan.Noise(rows * picturesPerClass, seed + 2);
        _fixedLabels = gan.IsConditional ? Enumerable.Range(0, rows * picturesPerClass).Select(i => i / picturesPerClass).ToArray() : null;
        PicturesPerRow = picturesPerClass;
    }

    /// <summary>Columns of <see cref="FixedNoiseImages"/>.</summary>
    public int PicturesPerRow { get; }

    /// <summary>Trains for whole epochs, calling <paramref name="progress"/> every <paramref name="reportEvery"/> steps and at the end.</summary>
    public void Train(int epochs, Action<GanProgress> progress = null, int reportEvery = 100)
    {
        if (epochs <= 0) throw new ArgumentOutOfRangeException(nameof(epochs), epochs, "train for at least one epoch");
        TrainSteps(epochs * StepsPerEpoch, progress, reportEvery);
    }

    /// <summary>Trains for a number of steps (batches), with the same progress reports as <see cref="Train"/>.</summary>
    public void TrainSteps(int steps, Action<GanProgress> progress = null, int reportEvery = 100)
    {
        if (reportEvery <= 0) throw new ArgumentOutOfRangeException(nameof(reportEvery), reportEvery, "report every one or more steps");
        var window = new List<GanStepLosses>();
        for (int i = 0; i < steps; i++)
        {
            window.Add(TrainStep(_batches.Next(_batchSize)));
            if (window.Count == reportEvery || i == steps - 1)
            {
                progress?.Invoke(new GanProgress(Step, Epoch, window.Average(w => w.DiscriminatorLoss), window.Average(w => w.GeneratorLoss),
                    window.Average(w => w.RealScore), window.Average(w => w.FakeScore), _watch.Elapsed));
                window.Clear();
            }
        }
    }

    /// <summary>One discriminator step and one generator step on a batch (pixels in [0, 1]).</summary>
    public GanStepLosses TrainStep(MiniBatch batch)
    {
        if (batch.Count < 2) throw new ArgumentException("batch norm needs batches of at least 2 images");
        _watch.Start();
        using var scope = NewDisposeScope();
        _gan.Generator.train();
        _gan.Discriminator.train();
        int n = batch.Count;
        Tensor real = tensor(batch.Images).view(n, 1, 28, 28) * 2 - 1; // the generator's tanh range
        Tensor labels = _gan.IsConditional ? tensor(batch.Labels.Select(l => (long)l).ToArray()) : null;
        // Fakes of the same classes as the real batch: the discriminator then compares like with like.
        Tensor fake = _gan.Generator.call(randn([n, _gan.LatentSize], generator: _noise), labels);

        _discriminatorOptimizer.zero_grad();
        Tensor realLogits = _gan.Discriminator.call(real, labels);
        Tensor fakeLogits = _gan.Discriminator.call(fake.detach(), labels);
        Tensor discriminatorLoss =
            nn.functional.binary_cross_entropy_with_logits(realLogits, full_like(realLogits, RealTarget)) +
            nn.functional.binary_cross_entropy_with_logits(fakeLogits, zeros_like(fakeLogits));
        discriminatorLoss.backward();
        _discriminatorOptimizer.step();

        _generatorOptimizer.zero_grad();
        Tensor foolLogits = _gan.Discriminator.call(fake, labels);
        Tensor generatorLoss = nn.functional.binary_cross_entropy_with_logits(foolLogits, ones_like(foolLogits));
        generatorLoss.backward();
        _generatorOptimizer.step();
        _gan.UpdateAverage();

        Step++;
        _watch.Stop();
        return new GanStepLosses(discriminatorLoss.item<float>(), generatorLoss.item<float>(),
            sigmoid(realLogits).mean().item<float>(), sigmoid(fakeLogits).mean().item<float>());
    }

    /// <summary>The generator's images for the fixed noise: row after row, one row per class (one row in all if unconditional).</summary>
    public List<byte[]> FixedNoiseImages()
    {
        using Tensor images = _gan.Generate(_fixedNoise, _fixedLabels);
        return DcGan.ToBytes(images);
    }

    /// <summary>The fixed-noise images as a picture, one row per class: the one to update in place while training.</summary>
    public PngImage FixedNoisePicture(int scale = 2) =>
        new ImageGrid { Columns = PicturesPerRow, Scale = scale, Gap = 1 }.Render(FixedNoiseImages(), 28, 28);

    public void Dispose()
    {
        _generatorOptimizer.Dispose();
        _discriminatorOptimizer.Dispose();
        _noise.Dispose();
        _fixedNoise.Dispose();
    }
}
