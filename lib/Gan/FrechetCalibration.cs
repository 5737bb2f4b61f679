// FrechetCalibration: what a Fréchet distance in a classifier's feature space means, shown on real images.
// Real training images, changed a little (lower contrast, pixel noise, a slight blur, a shift of one pixel), are
// measured against the real test images exactly as GanQuality.Measure measures a generator's images; the first
// point is the same images unchanged: the floor. A generator's distance then reads as "as far from the real
// images as real images moved by one pixel", which a bare number does not say.
using System;
using System.Collections.Generic;
using System.Linq;
using static TorchSharp.torch;

/// <summary>The distance of changed real training images to the real test images.</summary>
public sealed record CalibrationPoint(string Change, double FrechetDistance);

public static class FrechetCalibration
{
    /// <summary>
    /// The floor (training images unchanged), then each small change, measured on the same real sets as
    /// <see cref="GanQuality.Measure"/> with the same <paramref name="count"/> and <paramref name="seed"/>.
    /// </summary>
    public static List<CalibrationPoint> Measure(Func<Tensor, Tensor> features, LabeledImages train, LabeledImages test, int count = 10_000, int seed = 0)
    {
        var (realTrain, realTest) = GanQuality.RealSets(train, test, count, seed);
        using var scope = NewDisposeScope();
        GaussianStatistics reference = GanQuality.FeatureStatistics(features, ImageTensors.Unit(realTest));
        return Changed(ImageTensors.Unit(realTrain), seed).Select(c => new CalibrationPoint(c.Change,
            FrechetDistance.Between(GanQuality.FeatureStatistics(features, c.Images), reference))).ToList();
    }

    /// <summary>The images (N x 1 x 28 x 28 in [0, 1]) unchanged (first: the floor), then after each small change; the noise is drawn with <paramref name="seed"/>.</summary>
    public static List<(string Change, Tensor Images)> Changed(Tensor images, int seed = 0)
    {
        using var noise = new Generator((ulong)seed + 7);
        Tensor Noisy(double deviation) => (images + randn(images.shape, generator: noise) * (deviation / 255)).clamp(0, 1);
        Tensor blurred = nn.functional.conv2d(images, full([1, 1, 3, 3], 1.0f / 9), padding: [1, 1]);
        Tensor Blurred(double share) => images * (1 - share) + blurred * share;
        return
        [
            (Unchanged, images),
            ("pixel noise, deviation 2/255", Noisy(2)),
            ("pixel noise, deviation 5/255", Noisy(5)),
            ("pixel noise, deviation 10/255", Noisy(10)),
            ("3x3 box blur mixed in at 25 %", Blurred(0.25)),
            (HalfBlurred, Blurred(0.5)),
            (Shifted, images.roll(1, 3)),
            ("contrast 95 %", images * 0.95),
        ];
    }

    /// <summary>The names of the changes other code picks out: the floor, the one-pixel shift and the half blur.</summary>
    public const string Unchanged = "unchanged (the floor)", Shifted = "shifted one pixel to the right", HalfBlurred = "3x3 box blur mixed in at 50 %";
}
