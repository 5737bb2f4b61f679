// IClassifier: what the benchmark asks of every model, ours or ML.NET's: learn from rows of float features
// with a class label each, then name a class for each new row. Rows are row-major float arrays, as
// LabeledImages.PixelsAsFloats() and StandardScaler.Transform() produce them.

public interface IClassifier
{
    /// <summary>Learns from <paramref name="features"/> (labels.Length rows of featureCount values) and their labels.</summary>
    void Fit(float[] features, byte[] labels, int featureCount);

    /// <summary>The predicted class of each row of <paramref name="features"/> (same feature count as in Fit).</summary>
    byte[] Predict(float[] features);
}
