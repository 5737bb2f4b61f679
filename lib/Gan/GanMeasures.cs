// GanMeasures: the three measures the field reports for a generator, side by side, all in the judge's features and
// against the same real test images: the Fréchet distance (FrechetDistance: each cloud as a Gaussian; biased by the
// set size, so only figures at one size compare), the kernel inception distance (KernelInceptionDistance: unbiased,
// with its spread over subsets) and precision and recall (GenerativePrecisionRecall: how much of the generated cloud
// lies where real images are, and how much of the real cloud the generated one covers). A bare figure says little,
// so each comes beside the same figures for real training images: unchanged (the floor a perfect generator would
// reach), shifted by one pixel and half blurred (FrechetCalibration's changes, which a reader barely notices).
// The generated images are GanQuality.Measure's (the test images' classes, the same seed), so the generator's
// Fréchet distance and the floor's are the figures of its report.
using System;
using System.Collections.Generic;
using System.Linq;
using static TorchSharp.torch;

/// <summary>Every measure of one set of images against the real test images.</summary>
public sealed record SetMeasures(string Set, double FrechetDistance, KidResult Kid, PrecisionRecall PrecisionRecall)
{
    public override string ToString() =>
        $"{Set}: Fréchet distance {FrechetDistance:F3}; KID {Kid.Mean:F4} ± {Kid.StandardDeviation:F4}; precision {PrecisionRecall.Precision:F3}, recall {PrecisionRecall.Recall:F3}";
}

public static class GanMeasures
{
    public const string Generator = "the generator";

    /// <summary>The real training images' changes measured beside the generator: the floor, the one-pixel shift, the half blur.</summary>
    public static readonly string[] RealChanges = [FrechetCalibration.Unchanged, FrechetCalibration.Shifted, FrechetCalibration.HalfBlurred];

    /// <summary>
    /// The generator's images, then real training images unchanged, shifted and half blurred, each measured against
    /// <paramref name="count"/> real test images: Fréchet distance, KID over <paramref name="kidSubsets"/> subsets of
    /// <paramref name="kidSubsetSize"/> (at most half the set), precision and recall with k = 3.
    /// </summary>
    public static List<SetMeasures> Beside(DcGan gan, Func<Tensor, Tensor> features, LabeledImages train, LabeledImages test,
        int count = 10_000, int seed = 0, int kidSubsets = 100, int kidSubsetSize = 1000)
    {
        var (realTrain, realTest) = GanQuality.RealSets(train, test, count, seed);
        kidSubsetSize = Math.Min(kidSubsetSize, count / 2);
        using var scope = NewDisposeScope();
        Tensor testFeatures = GanQuality.Features(features, ImageTensors.Unit(realTest));
        GaussianStatistics testStatistics = GanQuality.Statistics(testFeatures);
        Tensor generated = GanQuality.Generate(gan, realTest.Labels.Select(l => (int)l).ToList(), seed + 1);
        var sets = FrechetCalibration.Changed(ImageTensors.Unit(realTrain), seed).Where(c => RealChanges.Contains(c.Change))
            .Select(c => (Set: $"real, {c.Change}", c.Images)).Prepend((Set: Generator, Images: generated));
        return sets.Select(s =>
        {
            using var setScope = NewDisposeScope();
            Tensor setFeatures = GanQuality.Features(features, s.Images);
            return new SetMeasures(s.Set, FrechetDistance.Between(GanQuality.Statistics(setFeatures), testStatistics),
                KernelInceptionDistance.Between(testFeatures, setFeatures, kidSubsets, kidSubsetSize, seed),
                GenerativePrecisionRecall.Of(testFeatures, setFeatures));
        }).ToList();
    }
}
