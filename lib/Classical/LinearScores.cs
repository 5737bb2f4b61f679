// LinearScores: what every linear classifier of the benchmark does at prediction time, in one place: the score
// w·x + b of each of its binary classifiers (or classes) for each row, and the class of the highest score (the lowest
// class on a tie; with two classes, one classifier and its sign). SgdClassifier, LinearSvc and
// PassiveAggressiveClassifier use it.

using System;
using System.Numerics.Tensors;
using System.Threading.Tasks;

public static class LinearScores
{
    /// <summary>w·x + b of every classifier for every row (rows x classifiers), in double, each row widened once.</summary>
    /// <param name="weights">classifier-major: classifier k's featureCount weights from k * featureCount.</param>
    public static double[] Of(float[] features, int featureCount, double[] weights, double[] intercepts)
    {
        if (weights is null) throw new InvalidOperationException("call Fit before predicting");
        ArgumentNullException.ThrowIfNull(features);
        if (features.Length % featureCount != 0)
            throw new ArgumentException($"{features.Length} values are not whole rows of the {featureCount} features the model was fitted on", nameof(features));
        int rows = features.Length / featureCount, classifiers = intercepts.Length;
        var scores = new double[rows * classifiers];
        Parallel.For(0, rows, () => new double[featureCount], (r, _, row) =>
        {
            RowAsDoubles(features, r, featureCount, row);
            for (int k = 0; k < classifiers; k++)
                scores[r * classifiers + k] = TensorPrimitives.Dot<double>(row, weights.AsSpan(k * featureCount, featureCount)) + intercepts[k];
            return row;
        }, _ => { });
        return scores;
    }

    /// <summary>Row i of the float features, widened into <paramref name="row"/> (the linear solvers' weights and arithmetic are double).</summary>
    public static Span<double> RowAsDoubles(float[] features, int i, int featureCount, double[] row)
    {
        TensorPrimitives.ConvertChecked<float, double>(features.AsSpan(i * featureCount, featureCount), row);
        return row;
    }

    /// <summary>The class of each row: the classifier that scores highest (the lowest on a tie); with one classifier, 1 where its score is above 0.</summary>
    public static byte[] Classes(double[] scores, int classifiers)
    {
        var predictions = new byte[scores.Length / classifiers];
        for (int r = 0; r < predictions.Length; r++)
        {
            if (classifiers == 1) { predictions[r] = (byte)(scores[r] > 0 ? 1 : 0); continue; }
            int best = 0;
            for (int k = 1; k < classifiers; k++) if (scores[r * classifiers + k] > scores[r * classifiers + best]) best = k;
            predictions[r] = (byte)best;
        }
        return predictions;
    }
}
