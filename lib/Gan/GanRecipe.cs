// GanRecipe: how the committed generator (data/models/fashion-cdcgan.bin) was made, as code, so that notebook
// 06 can retrain it on request and the GAN benchmark trains exactly the same thing: the conditional DCGAN of
// DcGan.cs (latent 64, width 32, seed 0), GanTrainer's defaults (batches of 64, Adam 2e-4, seed 0), 40 epochs.
using System;
using System.IO;

/// <summary>How long a training run took, in epochs, steps and time spent in training steps.</summary>
public sealed record GanTrainingSummary(int Epochs, int Steps, TimeSpan Time)
{
    public override string ToString() =>
        $"{Epochs} epochs, {Steps:N0} steps, {Time.TotalMinutes:F1} min ({Time.TotalMilliseconds / Math.Max(Steps, 1):F1} ms per step)";
}

public static class GanRecipe
{
    /// <summary>Epochs of the committed generator: 37,520 steps of 64 images.</summary>
    public const int Epochs = 40;

    /// <summary>Where the trained generator is kept: data/models/fashion-cdcgan.bin.</summary>
    public static string Checkpoint => Path.Combine(ProjectFolders.Data, "models", "fashion-cdcgan.bin");

    /// <summary>A new, untrained GAN of the recipe (or of another width, or unconditional, for comparisons).</summary>
    public static DcGan NewGan(int width = 32, bool conditional = true) =>
        new(conditional ? 10 : 0, latentSize: 64, width: width, seed: 0);

    /// <summary>
    /// Trains <paramref name="gan"/> for whole epochs with the recipe's settings, saving it to
    /// <paramref name="saveTo"/> (when given) after every epoch: a long run stopped early still leaves a usable
    /// generator, and each save replaces the file only once it is completely written.
    /// <paramref name="afterEpoch"/>, when given, is called with the number of each completed epoch and the
    /// training time so far (to measure a learning curve, say; time spent in it is not counted).
    /// </summary>
    public static GanTrainingSummary Train(DcGan gan, LabeledImages train, int epochs = Epochs, string saveTo = null,
        Action<GanProgress> progress = null, int reportEvery = 200, Action<int, TimeSpan> afterEpoch = null)
    {
        if (epochs <= 0) throw new ArgumentOutOfRangeException(nameof(epochs), epochs, "train for at least one epoch");
        using var trainer = new GanTrainer(gan, train, batchSize: 64, seed: 0);
        for (int epoch = 1; epoch <= epochs; epoch++)
        {
            trainer.Train(1, progress, reportEvery);
            if (saveTo is not null) gan.Save(saveTo);
            afterEpoch?.Invoke(epoch, trainer.TrainingTime);
        }
        return new GanTrainingSummary(epochs, trainer.Step, trainer.TrainingTime);
    }
}
