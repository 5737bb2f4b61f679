// RandomFeatureSvm: an RBF-kernel SVM approximated by random Fourier features (RandomFourierFeatures.cs)
// feeding a linear classifier: the benchmark's stand-in for scikit-learn's SVC with the RBF kernel.
using System;

/// <summary>An approximate RBF-kernel SVM: random Fourier features, then any linear classifier on them.</summary>
public sealed class RandomFeatureSvm : IClassifier
{
    public int FeatureCount { get; }
    public double Gamma { get; }
    readonly Func<IClassifier> _linear;
    readonly int _seed;
    RandomFourierFeatures _map;
    IClassifier _classifier;

    /// <param name="gamma">Kernel width; null means 1 / (number of inputs), scikit-learn's old SVC default that the paper used.</param>
    public RandomFeatureSvm(int featureCount, double? gamma, Func<IClassifier> linear, int seed = 0)
    {
        FeatureCount = featureCount;
        Gamma = gamma ?? double.NaN;
        _linear = linear ?? throw new ArgumentNullException(nameof(linear));
        _seed = seed;
    }

    public void Fit(float[] features, byte[] labels, int featureCount)
    {
        _map = new RandomFourierFeatures(featureCount, FeatureCount, double.IsNaN(Gamma) ? 1.0 / featureCount : Gamma, _seed);
        _classifier = _linear();
        _classifier.Fit(_map.Transform(features), labels, FeatureCount);
    }

    public byte[] Predict(float[] features) =>
        _classifier?.Predict(_map.Transform(features)) ?? throw new InvalidOperationException("call Fit before predicting");

    public override string ToString() => $"linear classifier on {_map?.ToString() ?? $"{FeatureCount} random Fourier features"}";
}
