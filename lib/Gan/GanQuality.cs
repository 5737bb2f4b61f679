// GanQuality: a GAN's images judged by a classifier instead of by eye. (1) Conditional accuracy: ask for
// items of each class and count how often the classifier agrees. (2) Fréchet distance between the
// classifier's features of real and of generated images, reported beside the distance between two real
// sets (train vs test) of the same size: the floor that even perfect samples would not go below.
// The classifier comes in as functions (images N x 1 x 28 x 28 in [0, 1] -> scores, -> features), so any
// TorchSharp model plugs in: wrap its normalization and its penultimate layer in a lambda.
using System;
using System.Collections.Generic;
using System.Linq;
using static TorchSharp.torch;

/// <summary>What GanQuality.Measure found; FloorRatio near 1 means real-like features.</summary>
public sealed record GanQualityReport(double[] AccuracyPerClass, double FrechetDistance, double FrechetFloor, int SampleCount)
{
    public double MeanAccuracy => AccuracyPerClass.Length == 0 ? double.NaN : AccuracyPerClass.Average();
    public double FloorRatio => FrechetDistance / FrechetFloor;

    public override string ToString() =>
        (AccuracyPerClass.Length == 0 ? "" : $"conditional accuracy {MeanAccuracy:P1} (worst class {AccuracyPerClass.Min():P1}); ") +
        $"Fréchet distance {FrechetDistance:F3} vs floor {FrechetFloor:F3} (train vs test), {FloorRatio:F2}x; {SampleCount:N0} images per set";
}

public static class GanQuality
{
    const int BatchSize = 500;

    /// <summary>Images generated for the given classes, in batches (N x 1 x 28 x 28 in [0, 1]).</summary>
    public static Tensor Generate(DcGan gan, IReadOnlyList<int> labels, int seed)
    {
        using Tensor noise = gan.Noise(labels.Count, seed);
        var parts = new List<Tensor>();
        for (int start = 0; start < labels.Count; start += BatchSize)
        {
            int count = Math.Min(BatchSize, labels.Count - start);
            using Tensor part = noise.narrow(0, start, count);
            parts.Add(gan.Generate(part, gan.IsConditional ? labels.Skip(start).Take(count).ToList() : null));
        }
        Tensor all = cat(parts, 0);
        parts.ForEach(p => p.Dispose());
        return all;
    }

    /// <summary>For each class, the share of <paramref name="perClass"/> generated items the classifier puts in that class.</summary>
    public static double[] ConditionalAccuracy(DcGan gan, Func<Tensor, Tensor> classify, int perClass = 1000, int seed = 0)
    {
        int[,] confusion = ConditionalConfusion(gan, classify, perClass, seed);
        return Enumerable.Range(0, gan.ClassCount).Select(c => confusion[c, c] / (double)perClass).ToArray();
    }

    /// <summary>
    /// Counts [asked, judged]: how many of <paramref name="perClass"/> items generated for each class the
    /// classifier puts in each class. The off-diagonal cells say what a weak class is drawn as instead.
    /// </summary>
    public static int[,] ConditionalConfusion(DcGan gan, Func<Tensor, Tensor> classify, int perClass = 1000, int seed = 0)
    {
        if (!gan.IsConditional) throw new ArgumentException("conditional accuracy needs a class-conditional GAN");
        if (perClass <= 0) throw new ArgumentOutOfRangeException(nameof(perClass), perClass, "generate at least one item per class");
        int[] labels = Enumerable.Range(0, gan.ClassCount * perClass).Select(i => i / perClass).ToArray();
        using Tensor images = Generate(gan, labels, seed);
        using Tensor scores = ImageTensors.InBatches(classify, images);
        if (scores.shape[1] < gan.ClassCount) throw new ArgumentException($"the classifier gives {scores.shape[1]} scores per image for {gan.ClassCount} classes");
        long[] predicted = scores.argmax(1).data<long>().ToArray();
        var confusion = new int[gan.ClassCount, scores.shape[1]];
        for (int i = 0; i < labels.Length; i++) confusion[labels[i], predicted[i]]++;
        return confusion;
    }

    /// <summary>Mean and covariance of the features of the images (N x 1 x 28 x 28 in [0, 1]).</summary>
    public static GaussianStatistics FeatureStatistics(Func<Tensor, Tensor> features, Tensor images)
    {
        using Tensor values = Features(features, images);
        return Statistics(values);
    }

    /// <summary>The features of the images (N x 1 x 28 x 28 in [0, 1]) in float32, N x features.</summary>
    public static Tensor Features(Func<Tensor, Tensor> features, Tensor images) => ImageTensors.InBatches(features, images).to(ScalarType.Float32);

    /// <summary>Mean and covariance of feature rows (N x features, float32).</summary>
    public static GaussianStatistics Statistics(Tensor features) => GaussianStatistics.Of(features.data<float>().ToArray(), (int)features.shape[1]);

    /// <summary>
    /// The real images a measurement compares: <paramref name="count"/> training images and as many test images
    /// (all of them when <paramref name="count"/> is the test set's size), chosen by <paramref name="seed"/>.
    /// </summary>
    public static (LabeledImages Train, LabeledImages Test) RealSets(LabeledImages train, LabeledImages test, int count, int seed) =>
        (train.Subset(count, seed), count == test.Count ? test : test.Subset(count, seed));

    /// <summary>
    /// Conditional accuracy on <paramref name="perClass"/> items per class, and the Fréchet distance between
    /// <paramref name="count"/> test images and as many generated ones (same classes), beside the floor: the
    /// distance between <paramref name="count"/> training and those test images.
    /// </summary>
    public static GanQualityReport Measure(DcGan gan, Func<Tensor, Tensor> classify, Func<Tensor, Tensor> features,
        LabeledImages train, LabeledImages test, int count = 10_000, int perClass = 1000, int seed = 0)
    {
        var (realTrain, realTest) = RealSets(train, test, count, seed);
        using Tensor testImages = ImageTensors.Unit(realTest), trainImages = ImageTensors.Unit(realTrain);
        using Tensor generated = Generate(gan, realTest.Labels.Select(l => (int)l).ToList(), seed + 1);
        GaussianStatistics testStatistics = FeatureStatistics(features, testImages);
        double floor = FrechetDistance.Between(FeatureStatistics(features, trainImages), testStatistics);
        double distance = FrechetDistance.Between(FeatureStatistics(features, generated), testStatistics);
        double[] accuracy = gan.IsConditional ? ConditionalAccuracy(gan, classify, perClass, seed + 2) : [];
        return new GanQualityReport(accuracy, distance, floor, count);
    }
}
