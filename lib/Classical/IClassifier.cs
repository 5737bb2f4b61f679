// IClassifier: what the benchmark asks of every model, ours or ML.NET's: learn from rows of float features
// with a class label each, then name a class for each new row. Rows are row-major float arrays, as
// LabeledImages.PixelsAsFloats() and StandardScaler.Transform() produce them.

using System;
using System.Linq;

public interface IClassifier
{
    /// <summary>Learns from <paramref name="features"/> (labels.Length rows of featureCount values) and their labels.</summary>
    void Fit(float[] features, byte[] labels, int featureCount);

    /// <summary>The predicted class of each row of <paramref name="features"/> (same feature count as in Fit).</summary>
    byte[] Predict(float[] features);
}

/// <summary>The check every classifier's Fit makes of its input, in one place.</summary>
public static class ClassifierInput
{
    /// <summary>Refuses missing arrays and features that are not labels.Length rows of featureCount values.</summary>
    public static void Check(float[] features, byte[] labels, int featureCount)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(labels);
        if (featureCount <= 0 || features.Length != labels.Length * featureCount)
            throw new ArgumentException($"{features.Length} values are not {labels.Length} rows of {featureCount} features");
    }

    /// <summary>The number of classes labels 0..max name, refusing no rows and a single class (for one-versus-rest models).</summary>
    public static int ClassCount(byte[] labels)
    {
        if (labels.Length == 0) throw new ArgumentException("cannot fit on zero rows", nameof(labels));
        int classCount = labels.Max() + 1;
        if (classCount < 2) throw new ArgumentException("labels name only class 0: a classifier needs two classes", nameof(labels));
        return classCount;
    }
}
