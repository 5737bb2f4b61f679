// PassiveAggressiveClassifier: scikit-learn's PassiveAggressiveClassifier, the online PA-I algorithm of Crammer
// et al., "Online Passive-Aggressive Algorithms" (JMLR 2006), with the hinge loss. One linear classifier per class
// (one versus the rest; a single one for two classes) visits the rows one at a time, in a seeded shuffled order each
// epoch: a row it scores with margin y·(w·x + b) >= 1 leaves it alone (passive); any other row moves it just far
// enough to reach margin 1, but at most by C (aggressive, capped): w += τ·y·x, b += τ·y with
// τ = min(C, (1 - y·(w·x + b)) / ‖x‖²), ‖x‖² without the intercept, as in scikit-learn.
//
// Stopping: by default exactly `epochs` passes, 5 as in scikit-learn 0.19 (n_iter=5) and the Fashion-MNIST
// benchmark of its time. With a tolerance, scikit-learn's later rule (tol=1e-3): stop once an epoch's summed hinge
// loss has failed 5 times in a row to fall below the best so far minus tolerance x rows; `epochs` is then the most.
// Dot products and updates use System.Numerics.Vector<float> (SIMD); the classes train in parallel.

using System;
using System.Numerics.Tensors;
using System.Linq;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Threading.Tasks;

public sealed class PassiveAggressiveClassifier : IClassifier
{
    /// <summary>The largest step of one update (PA-I's aggressiveness parameter).</summary>
    public double C { get; }
    /// <summary>Passes over the training rows (the most, when Tolerance stops earlier).</summary>
    public int Epochs { get; }
    /// <summary>null: always Epochs passes. Else scikit-learn's tol rule (see the file header).</summary>
    public double? Tolerance { get; }
    public bool Shuffle { get; }
    public int Seed { get; }

    /// <summary>How many epochs without enough improvement stop the training when Tolerance is set (scikit-learn's n_iter_no_change).</summary>
    public const int EpochsWithoutImprovement = 5;

    public int FeatureCount { get; private set; }
    public int ClassCount { get; private set; }
    /// <summary>One row of FeatureCount weights per binary classifier: ClassCount rows, or 1 for two classes (class 1 versus 0).</summary>
    public float[] Weights { get; private set; }
    public float[] Intercepts { get; private set; }
    /// <summary>The epochs each binary classifier ran.</summary>
    public int[] EpochsRun { get; private set; }

    public PassiveAggressiveClassifier(double c = 1.0, int epochs = 5, double? tolerance = null, bool shuffle = true, int seed = 0)
    {
        if (!(c > 0)) throw new ArgumentOutOfRangeException(nameof(c), c, "C must be above 0");
        if (epochs < 1) throw new ArgumentOutOfRangeException(nameof(epochs), epochs, "at least 1 epoch");
        if (tolerance < 0) throw new ArgumentOutOfRangeException(nameof(tolerance), tolerance, "must not be negative (null: fixed epochs)");
        C = c;
        Epochs = epochs;
        Tolerance = tolerance;
        Shuffle = shuffle;
        Seed = seed;
    }

    public void Fit(float[] features, byte[] labels, int featureCount)
    {
        ClassifierInput.Check(features, labels, featureCount);
        int classCount = ClassifierInput.ClassCount(labels);
        int classifiers = classCount == 2 ? 1 : classCount;
        var squaredNorms = new float[labels.Length];
        Parallel.For(0, labels.Length, r => squaredNorms[r] = TensorPrimitives.Dot(features.AsSpan(r * featureCount, featureCount), features.AsSpan(r * featureCount, featureCount)));
        var seeds = new Random(Seed);
        int[] classifierSeeds = Enumerable.Range(0, classifiers).Select(_ => seeds.Next()).ToArray();
        var weights = new float[classifiers * featureCount];
        var intercepts = new float[classifiers];
        var epochsRun = new int[classifiers];
        Parallel.For(0, classifiers, k =>
        {
            byte positive = (byte)(classifiers == 1 ? 1 : k);
            (intercepts[k], epochsRun[k]) = TrainBinary(features, labels, featureCount, squaredNorms, positive,
                weights.AsSpan(k * featureCount, featureCount), new Random(classifierSeeds[k]));
        });
        (Weights, Intercepts, EpochsRun, FeatureCount, ClassCount) = (weights, intercepts, epochsRun, featureCount, classCount);
    }

    /// <summary>PA-I on "label == positive" (+1) against the rest (-1); fills <paramref name="w"/>, returns the intercept and the epochs run.</summary>
    (float Intercept, int Epochs) TrainBinary(float[] features, byte[] labels, int featureCount, float[] squaredNorms, byte positive, Span<float> w, Random random)
    {
        int[] order = Enumerable.Range(0, labels.Length).ToArray();
        double intercept = 0, bestLoss = double.PositiveInfinity;
        int stalled = 0, epoch = 0;
        while (epoch < Epochs)
        {
            epoch++;
            if (Shuffle) random.Shuffle(order);
            double summedLoss = 0;
            foreach (int r in order)
            {
                var x = features.AsSpan(r * featureCount, featureCount);
                double y = labels[r] == positive ? 1 : -1;
                double loss = 1 - y * (TensorPrimitives.Dot(w, x) + intercept);
                if (loss <= 0) continue;
                summedLoss += loss;
                if (squaredNorms[r] == 0) continue; // an all-zero row cannot move the weights (scikit-learn skips it too)
                double step = Math.Min(C, loss / squaredNorms[r]);
                AddScaled(w, x, (float)(step * y));
                intercept += step * y;
            }
            if (Tolerance is double tolerance)
            {
                stalled = summedLoss > bestLoss - tolerance * labels.Length ? stalled + 1 : 0;
                bestLoss = Math.Min(bestLoss, summedLoss);
                if (stalled >= EpochsWithoutImprovement) break;
            }
        }
        return ((float)intercept, epoch);
    }

    /// <summary>w·x + b of every binary classifier for every row (rows x classifiers), as scikit-learn's decision_function.</summary>
    public double[] DecisionFunction(float[] features) =>
        LinearScores.Of(features, FeatureCount, Weights is null ? null : Array.ConvertAll(Weights, w => (double)w), Array.ConvertAll(Intercepts ?? [], b => (double)b));

    /// <summary>The class whose classifier scores highest (the lowest class on a tie); with two classes, 1 where the score is above 0.</summary>
    public byte[] Predict(float[] features) => LinearScores.Classes(DecisionFunction(features), Intercepts.Length);

    /// <summary>w += scale · x.</summary>
    static void AddScaled(Span<float> w, ReadOnlySpan<float> x, float scale)
    {
        var vw = MemoryMarshal.Cast<float, Vector<float>>(w);
        var vx = MemoryMarshal.Cast<float, Vector<float>>(x);
        var factor = new Vector<float>(scale);
        for (int i = 0; i < vw.Length; i++) vw[i] += factor * vx[i];
        for (int i = vw.Length * Vector<float>.Count; i < w.Length; i++) w[i] += scale * x[i];
    }

    public override string ToString() =>
        $"Passive-aggressive (PA-I, C = {C}, {(Tolerance is null ? $"{Epochs} epochs" : $"at most {Epochs} epochs, tolerance {Tolerance}")})";
}
