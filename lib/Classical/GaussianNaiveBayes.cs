// GaussianNaiveBayes: each class is modelled as independent normal distributions, one per feature
// (scikit-learn's GaussianNB). ML.NET's NaiveBayes trainer is a different model: it counts features that
// are above zero, so a Gaussian one is written here. Its weakness on images is the point of showing it:
// neighbouring pixels are far from independent.
using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;


public sealed class GaussianNaiveBayes : IClassifier
{
    /// <summary>Fraction of the largest feature variance added to every variance, so that a constant pixel cannot divide by zero (scikit-learn's var_smoothing).</summary>
    public double VarianceSmoothing { get; }
    /// <summary>Class priors; null means the class shares of the training set.</summary>
    public double[] Priors { get; private set; }
    public double[,] Means { get; private set; }
    public double[,] Variances { get; private set; }
    public int ClassCount { get; private set; }
    public int FeatureCount { get; private set; }
    readonly double[] _givenPriors;

    public GaussianNaiveBayes(double[] priors = null, double varianceSmoothing = 1e-9)
    {
        if (priors is not null && (priors.Any(p => p < 0) || Math.Abs(priors.Sum() - 1) > 1e-6))
            throw new ArgumentException($"priors must be non-negative and sum to 1, got [{string.Join(", ", priors)}]", nameof(priors));
        if (varianceSmoothing < 0) throw new ArgumentOutOfRangeException(nameof(varianceSmoothing), varianceSmoothing, "must not be negative");
        _givenPriors = priors;
        VarianceSmoothing = varianceSmoothing;
    }

    public void Fit(float[] features, byte[] labels, int featureCount)
    {
        ClassifierInput.Check(features, labels, featureCount);
        int classes = _givenPriors?.Length ?? labels.Max() + 1;
        if (labels.Any(l => l >= classes)) throw new ArgumentException($"a label is outside the {classes} classes the priors name", nameof(labels));
        var counts = new int[classes];
        var sum = new double[classes, featureCount];
        var sumOfSquares = new double[classes, featureCount];
        for (int r = 0; r < labels.Length; r++)
        {
            int c = labels[r];
            counts[c]++;
            for (int f = 0; f < featureCount; f++)
            {
                double v = features[r * featureCount + f];
                sum[c, f] += v;
                sumOfSquares[c, f] += v * v;
            }
        }
        if (counts.Any(n => n == 0)) throw new ArgumentException($"every class needs training rows; class {Array.IndexOf(counts, 0)} has none", nameof(labels));

        double epsilon = VarianceSmoothing * LargestFeatureVariance(features, featureCount, labels.Length);
        Means = new double[classes, featureCount];
        Variances = new double[classes, featureCount];
        for (int c = 0; c < classes; c++)
            for (int f = 0; f < featureCount; f++)
            {
                double mean = sum[c, f] / counts[c];
                Means[c, f] = mean;
                Variances[c, f] = Math.Max(0, sumOfSquares[c, f] / counts[c] - mean * mean) + epsilon;
            }
        Priors = _givenPriors ?? counts.Select(n => (double)n / labels.Length).ToArray();
        ClassCount = classes;
        FeatureCount = featureCount;
    }

    /// <summary>log P(class) + log p(row | class) for every class of every row (rows x classes).</summary>
    public double[] JointLogLikelihoods(float[] features)
    {
        if (Means is null) throw new InvalidOperationException("call Fit before predicting");
        if (features.Length % FeatureCount != 0)
            throw new ArgumentException($"{features.Length} values are not whole rows of the {FeatureCount} features the model was fitted on");
        int count = features.Length / FeatureCount;
        // The row-independent part of each class's log density: log prior - ½ Σ log(2π σ²).
        var constant = new double[ClassCount];
        for (int c = 0; c < ClassCount; c++)
        {
            double s = Math.Log(Priors[c]);
            for (int f = 0; f < FeatureCount; f++) s -= 0.5 * Math.Log(2 * Math.PI * Variances[c, f]);
            constant[c] = s;
        }
        var result = new double[count * ClassCount];
        Parallel.For(0, count, r =>
        {
            for (int c = 0; c < ClassCount; c++)
            {
                double s = constant[c];
                for (int f = 0; f < FeatureCount; f++)
                {
                    double d = features[r * FeatureCount + f] - Means[c, f];
                    s -= 0.5 * d * d / Variances[c, f];
                }
                result[r * ClassCount + c] = s;
            }
        });
        return result;
    }

    /// <summary>P(class | row) for every class of every row (rows x classes), each row summing to 1.</summary>
    public double[] PredictProbabilities(float[] features)
    {
        double[] joint = JointLogLikelihoods(features);
        for (int r = 0; r < joint.Length / ClassCount; r++)
        {
            var row = joint.AsSpan(r * ClassCount, ClassCount);
            double max = double.NegativeInfinity;
            foreach (double v in row) max = Math.Max(max, v);
            double total = 0;
            for (int c = 0; c < row.Length; c++) total += row[c] = Math.Exp(row[c] - max); // shift by the max: no underflow to 0/0
            for (int c = 0; c < row.Length; c++) row[c] /= total;
        }
        return joint;
    }

    public byte[] Predict(float[] features)
    {
        double[] joint = JointLogLikelihoods(features);
        var predictions = new byte[joint.Length / ClassCount];
        for (int r = 0; r < predictions.Length; r++)
        {
            int best = 0;
            for (int c = 1; c < ClassCount; c++) if (joint[r * ClassCount + c] > joint[r * ClassCount + best]) best = c;
            predictions[r] = (byte)best;
        }
        return predictions;
    }

    static double LargestFeatureVariance(float[] features, int featureCount, int count)
    {
        double largest = 0;
        for (int f = 0; f < featureCount; f++)
        {
            double sum = 0, sumOfSquares = 0;
            for (int r = 0; r < count; r++)
            {
                double v = features[r * featureCount + f];
                sum += v;
                sumOfSquares += v * v;
            }
            double mean = sum / count;
            largest = Math.Max(largest, sumOfSquares / count - mean * mean);
        }
        return largest;
    }

    public override string ToString() => "Gaussian naive Bayes";
}
