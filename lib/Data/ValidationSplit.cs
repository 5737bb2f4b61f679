// ValidationSplit: a validation set carved from the training set, the same for every notebook. Models and their
// settings are chosen on it; the test set is scored once, at the end, so its figure stays an honest estimate.
// The split is seeded (the same images every run, in every notebook) and stratified (every class keeps its share,
// within one image), and no image is on both sides.
using System;
using System.Collections.Generic;
using System.Linq;

public sealed record ValidationSplit(LabeledImages Train, LabeledImages Validation)
{
    /// <summary>The size of the validation set the notebooks use: 10,000 of the 60,000 training images.</summary>
    public const int DefaultCount = 10_000;

    /// <summary>Where the images of <see cref="Train"/> come from: their indices in the set that was split, ascending.</summary>
    public IReadOnlyList<int> TrainIndices { get; init; } = [];

    /// <summary>Where the images of <see cref="Validation"/> come from: their indices in the set that was split, ascending.</summary>
    public IReadOnlyList<int> ValidationIndices { get; init; } = [];

    /// <summary>
    /// Splits <paramref name="training"/> into a validation set of <paramref name="validationCount"/> images (every class
    /// in the same share as the whole, chosen by a shuffle seeded with <paramref name="seed"/>) and the rest for training.
    /// </summary>
    public static ValidationSplit Of(LabeledImages training, int validationCount = DefaultCount, int seed = 0)
    {
        ArgumentNullException.ThrowIfNull(training);
        if (training.Count < 2)
            throw new ArgumentException($"a training set of {training.Count} image(s) cannot be split: a validation set needs at least 2", nameof(training));
        if (validationCount <= 0 || validationCount >= training.Count)
            throw new ArgumentOutOfRangeException(nameof(validationCount), validationCount,
                $"a validation set needs 1 to {training.Count - 1} of the {training.Count} training images (some must stay to train on)");
        int[] validation = training.StratifiedSample(validationCount, seed);
        var held = new bool[training.Count];
        foreach (int i in validation) held[i] = true;
        int[] rest = Enumerable.Range(0, training.Count).Where(i => !held[i]).ToArray();
        return new ValidationSplit(training.Select(rest), training.Select(validation))
        {
            TrainIndices = rest,
            ValidationIndices = validation,
        };
    }

    public override string ToString() => $"{Train.Count:N0} images to train on, {Validation.Count:N0} to validate on";
}
