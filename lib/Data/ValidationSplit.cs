// ValidationSplit: a validation set carved from the training set, the same for every notebook. Models and their
// settings are chosen on it; the test set is scored once, at the end, so its figure stays an honest estimate.
using System;
using System.Linq;

public sealed record ValidationSplit(LabeledImages Train, LabeledImages Validation)
{
    /// <summary>The size of the validation set the notebooks use: 10,000 of the 60,000 training images.</summary>
    public const int DefaultCount = 10_000;

    /// <summary>
    /// Splits <paramref name="training"/> into a validation set of <paramref name="validationCount"/> images (every class
    /// in the same share as the whole, chosen by a seeded shuffle) and the rest for training. No image is in both.
    /// </summary>
    public static ValidationSplit Of(LabeledImages training, int validationCount = DefaultCount, int seed = 0)
    {
        ArgumentNullException.ThrowIfNull(training);
        if (validationCount <= 0 || validationCount >= training.Count)
            throw new ArgumentOutOfRangeException(nameof(validationCount), validationCount,
                $"a validation set needs 1 to {training.Count - 1} of the {training.Count} training images");
        int[] validation = training.StratifiedSample(validationCount, seed);
        var held = new bool[training.Count];
        foreach (int i in validation) held[i] = true;
        var rest = Enumerable.Range(0, training.Count).Where(i => !held[i]).ToList();
        return new ValidationSplit(training.Select(rest), training.Select(validation));
    }

    public override string ToString() => $"{Train.Count:N0} images to train on, {Validation.Count:N0} to validate on";
}
