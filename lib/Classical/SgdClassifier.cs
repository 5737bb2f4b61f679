// SgdClassifier: scikit-learn's SGDClassifier as the Fashion-MNIST benchmark ran it (scikit-learn 0.19): a linear
// classifier per class (one versus the rest; a single one for two classes), each trained by plain stochastic gradient
// descent on a regularized loss, L(w, b) = Σ loss(y·(w·x + b)) + α·R(w). One binary problem per class, in parallel;
// the prediction is the class whose decision function w·x + b is largest.
//
// - Losses (derivative with respect to the prediction p, for y in {-1, +1}, z = p·y): hinge (-y where z <= 1),
//   log (logistic: -y / (e^z + 1)), modified_huber (-2(1 - z)y for -1 <= z < 1, -4y below), squared_hinge
//   (-2y(1 - z) where z < 1), perceptron (-y where z <= 0).
// - Learning rate 'optimal' (Bottou's schedule): η_t = 1 / (α (t0 + t - 1)) at step t = 1, 2, ..., with
//   scikit-learn's heuristic t0 = 1 / (η0 α), η0 = typw / max(1, loss'(-typw, 1)), typw = sqrt(1 / sqrt(α)).
//   'constant': η_t = eta0 (the Perceptron's).
// - Penalties: l2 (each step shrinks w by 1 - η α), l1, and elasticnet ((1 - l1Ratio) of α as l2, l1Ratio of it as
//   l1). The L1 part is applied as scikit-learn applies it: the cumulative truncated gradient of Tsuruoka, Tsujii and
//   Ananiadou, "Stochastic Gradient Descent Training for L1-regularized Log-linear Models with Cumulative Penalty"
//   (ACL 2009): u sums the L1 penalty every weight could have received so far, q_j what w_j really received, and
//   each step pulls w_j towards 0 by the difference, never past 0, so weights become exactly zero.
// - The L2 shrink is O(1), not O(features): w is kept as scale·v (scikit-learn's WeightVector), a shrink multiplies
//   only the scale, and v is rewritten once the scale falls below 1e-9.
// Each epoch visits the rows in a new seeded shuffled order; 5 epochs (n_iter=5), no tolerance-based stopping.
// The shuffles cannot be scikit-learn's own (its generator is another), so runs agree in accuracy, not bit for bit.
// Dot products and updates are TensorPrimitives' SIMD kernels in double, as scikit-learn computes (each float row is
// widened once per step).

using System;
using System.Linq;
using System.Numerics.Tensors;
using System.Threading.Tasks;

/// <summary>The loss an SgdClassifier minimizes, named as scikit-learn names it.</summary>
public enum SgdLoss { Hinge, Log, ModifiedHuber, SquaredHinge, Perceptron }

/// <summary>The regularizer R(w): none, ½‖w‖² (l2), ‖w‖₁ (l1) or their mix (elasticnet).</summary>
public enum SgdPenalty { None, L2, L1, ElasticNet }

/// <summary>How the step size falls: Bottou's 'optimal' schedule or a constant eta0.</summary>
public enum SgdLearningRate { Optimal, Constant }

public sealed class SgdClassifier : IClassifier
{
    public SgdLoss Loss { get; }
    public SgdPenalty Penalty { get; }
    /// <summary>The strength of the penalty (scikit-learn's alpha); also sets the 'optimal' learning rate.</summary>
    public double Alpha { get; }
    /// <summary>The share of Alpha that is L1 under ElasticNet (L2 uses 0 and L1 uses 1 whatever is given, as scikit-learn does).</summary>
    public double L1Ratio { get; }
    public int Epochs { get; }
    public SgdLearningRate LearningRateSchedule { get; }
    /// <summary>The step size of the Constant schedule (unused by Optimal).</summary>
    public double Eta0 { get; }
    public bool FitIntercept { get; }
    public bool Shuffle { get; }
    public int Seed { get; }

    public int FeatureCount { get; private set; }
    public int ClassCount { get; private set; }
    /// <summary>One row of FeatureCount weights per binary classifier: ClassCount rows, or 1 for two classes (class 1 versus 0).</summary>
    public double[] Weights { get; private set; }
    public double[] Intercepts { get; private set; }

    /// <summary>scikit-learn clips the loss derivative to ±1e12 against overflow.</summary>
    const double LargestLossDerivative = 1e12;
    /// <summary>Below this scale, v is multiplied out and the scale reset to 1 (scikit-learn's WSCALE_THRESHOLD).</summary>
    const double SmallestScale = 1e-9;

    public SgdClassifier(SgdLoss loss = SgdLoss.Hinge, SgdPenalty penalty = SgdPenalty.L2, double alpha = 0.0001,
        double l1Ratio = 0.15, int epochs = 5, SgdLearningRate learningRate = SgdLearningRate.Optimal, double eta0 = 0,
        bool fitIntercept = true, bool shuffle = true, int seed = 0)
    {
        if (!(alpha >= 0)) throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "alpha must not be negative");
        if (learningRate == SgdLearningRate.Optimal && !(alpha > 0)) throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "the 'optimal' learning rate needs alpha above 0");
        if (!(l1Ratio >= 0 && l1Ratio <= 1)) throw new ArgumentOutOfRangeException(nameof(l1Ratio), l1Ratio, "l1Ratio must lie in [0, 1]");
        if (epochs < 1) throw new ArgumentOutOfRangeException(nameof(epochs), epochs, "at least 1 epoch");
        if (learningRate == SgdLearningRate.Constant && !(eta0 > 0)) throw new ArgumentOutOfRangeException(nameof(eta0), eta0, "a constant learning rate needs eta0 above 0");
        (Loss, Penalty, Alpha, L1Ratio, Epochs) = (loss, penalty, alpha, l1Ratio, epochs);
        (LearningRateSchedule, Eta0, FitIntercept, Shuffle, Seed) = (learningRate, eta0, fitIntercept, shuffle, seed);
    }

    /// <summary>
    /// scikit-learn's Perceptron: SGD on the perceptron loss with a constant step eta0 = 1. Its l1Ratio is 0 as in
    /// scikit-learn 0.19, which the paper ran: there, 'elasticnet' is the L2 penalty (scikit-learn 0.24 and later use 0.15).
    /// </summary>
    public static SgdClassifier Perceptron(SgdPenalty penalty = SgdPenalty.None, double alpha = 0.0001, double l1Ratio = 0,
        int epochs = 5, double eta0 = 1, bool shuffle = true, int seed = 0) =>
        new(SgdLoss.Perceptron, penalty, alpha, l1Ratio, epochs, SgdLearningRate.Constant, eta0, fitIntercept: true, shuffle, seed);

    /// <summary>The L1 share in effect: 0 for L2 and None, 1 for L1, L1Ratio for ElasticNet.</summary>
    double EffectiveL1Ratio => Penalty switch { SgdPenalty.L1 => 1, SgdPenalty.ElasticNet => L1Ratio, _ => 0 };

    /// <summary>The derivative of the loss with respect to the prediction p, for the target y = ±1 (scikit-learn's dloss).</summary>
    public static double LossDerivative(SgdLoss loss, double prediction, double target)
    {
        double z = prediction * target;
        switch (loss)
        {
            case SgdLoss.Hinge: return z <= 1 ? -target : 0;
            case SgdLoss.Perceptron: return z <= 0 ? -target : 0;
            case SgdLoss.SquaredHinge: return z < 1 ? -2 * target * (1 - z) : 0;
            case SgdLoss.ModifiedHuber: return z >= 1 ? 0 : z >= -1 ? -2 * (1 - z) * target : -4 * target;
            case SgdLoss.Log:
                // Far from 0 the exact form over- or underflows; scikit-learn's cut-offs at ±18.
                if (z > 18) return -target * Math.Exp(-z);
                if (z < -18) return -target;
                return -target / (Math.Exp(z) + 1);
            default: throw new ArgumentOutOfRangeException(nameof(loss), loss, "not a loss of SgdClassifier");
        }
    }

    /// <summary>The step size η_t at step <paramref name="step"/> (1 for the first row seen), see the file header.</summary>
    public double LearningRate(long step)
    {
        if (step < 1) throw new ArgumentOutOfRangeException(nameof(step), step, "steps count from 1");
        if (LearningRateSchedule == SgdLearningRate.Constant) return Eta0;
        return 1 / (Alpha * (OptimalInitialStep() + step - 1));
    }

    /// <summary>scikit-learn's t0 for the 'optimal' schedule: the step at which η would equal its guess η0 of a good first step.</summary>
    double OptimalInitialStep()
    {
        double typicalWeight = Math.Sqrt(1 / Math.Sqrt(Alpha));
        double initialEta = typicalWeight / Math.Max(1, LossDerivative(Loss, -typicalWeight, 1));
        return 1 / (initialEta * Alpha);
    }

    public void Fit(float[] features, byte[] labels, int featureCount)
    {
        ClassifierInput.Check(features, labels, featureCount);
        int classCount = ClassifierInput.ClassCount(labels);
        int classifiers = classCount == 2 ? 1 : classCount;
        var seeds = new Random(Seed);
        int[] classifierSeeds = Enumerable.Range(0, classifiers).Select(_ => seeds.Next()).ToArray();
        var weights = new double[classifiers * featureCount];
        var intercepts = new double[classifiers];
        try
        {
            Parallel.For(0, classifiers, k =>
            {
                byte positive = (byte)(classifiers == 1 ? 1 : k);
                intercepts[k] = TrainBinary(features, labels, featureCount, positive, weights.AsSpan(k * featureCount, featureCount), new Random(classifierSeeds[k]));
            });
        }
        // A binary problem whose weights overflowed: the caller gets its refusal itself, not wrapped by Parallel.For.
        catch (AggregateException e) when (e.InnerExceptions[0] is InvalidOperationException refusal)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(refusal);
        }
        (Weights, Intercepts, FeatureCount, ClassCount) = (weights, intercepts, featureCount, classCount);
    }

    /// <summary>SGD on "label == positive" (+1) against the rest (-1); fills <paramref name="result"/> with w, returns b.</summary>
    double TrainBinary(float[] features, byte[] labels, int featureCount, byte positive, Span<double> result, Random random)
    {
        var w = new ScaledWeights(featureCount);
        // The L1 part: what each weight has really been pulled by (q), and the pull it could have had (u).
        double[] l1Received = EffectiveL1Ratio > 0 ? new double[featureCount] : null;
        double l1Available = 0, intercept = 0;
        double l2Share = Penalty is SgdPenalty.L2 or SgdPenalty.ElasticNet ? 1 - EffectiveL1Ratio : 0;
        int[] order = Enumerable.Range(0, labels.Length).ToArray();
        var row = new double[featureCount];
        long step = 1;
        for (int epoch = 0; epoch < Epochs; epoch++)
        {
            if (Shuffle) random.Shuffle(order);
            foreach (int i in order)
            {
                Span<double> x = LinearScores.RowAsDoubles(features, i, featureCount, row);
                double y = labels[i] == positive ? 1 : -1;
                double eta = LearningRate(step++);
                double derivative = Math.Clamp(LossDerivative(Loss, w.Dot(x) + intercept, y), -LargestLossDerivative, LargestLossDerivative);
                double update = -eta * derivative;
                if (l2Share > 0) w.Shrink(Math.Max(0, 1 - l2Share * eta * Alpha)); // never below 0: too big a step zeroes w
                if (update != 0)
                {
                    w.AddScaled(x, update);
                    if (FitIntercept) intercept += update;
                }
                if (l1Received is not null)
                {
                    l1Available += EffectiveL1Ratio * eta * Alpha;
                    w.ApplyCumulativeL1Penalty(l1Received, l1Available);
                }
            }
            if (!double.IsFinite(intercept) || !w.IsFinite())
                throw new InvalidOperationException($"SGD: the weights over- or underflowed in epoch {epoch + 1}; standardize the features (StandardScaler) or lower eta0");
        }
        w.CopyTo(result);
        return intercept;
    }

    /// <summary>w·x + b of every binary classifier for every row (rows x classifiers).</summary>
    public double[] DecisionFunction(float[] features) => LinearScores.Of(features, FeatureCount, Weights, Intercepts);

    public byte[] Predict(float[] features) => LinearScores.Classes(DecisionFunction(features), Intercepts.Length);

    /// <summary>
    /// A weight vector stored as Scale·V, so that the L2 shrink w ← c·w costs one multiplication (scikit-learn's
    /// WeightVector): the dot product multiplies by Scale once, an update adds amount / Scale.
    /// </summary>
    sealed class ScaledWeights(int featureCount)
    {
        readonly double[] _values = new double[featureCount];
        double _scale = 1;

        public double Dot(ReadOnlySpan<double> x) => _scale * TensorPrimitives.Dot<double>(x, _values);

        /// <summary>w += amount·x.</summary>
        public void AddScaled(ReadOnlySpan<double> x, double amount) => TensorPrimitives.MultiplyAdd<double>(x, amount / _scale, _values, _values);

        /// <summary>w ← factor·w.</summary>
        public void Shrink(double factor)
        {
            _scale *= factor;
            if (_scale < SmallestScale) ResetScale();
        }

        /// <summary>
        /// Tsuruoka et al.'s cumulative penalty: every weight is pulled towards 0 by what it could have received
        /// (<paramref name="available"/>, u) less what it has received (received[j], q_j), and not past 0.
        /// </summary>
        public void ApplyCumulativeL1Penalty(double[] received, double available)
        {
            for (int j = 0; j < _values.Length; j++)
            {
                double before = _values[j];
                if (before > 0) _values[j] = Math.Max(0, before - (available + received[j]) / _scale);
                else if (before < 0) _values[j] = Math.Min(0, before + (available - received[j]) / _scale);
                received[j] += _scale * (_values[j] - before);
            }
        }

        public bool IsFinite() => double.IsFinite(_scale) && _values.All(double.IsFinite);

        public void CopyTo(Span<double> destination)
        {
            for (int j = 0; j < _values.Length; j++) destination[j] = _scale * _values[j];
        }

        void ResetScale()
        {
            for (int j = 0; j < _values.Length; j++) _values[j] *= _scale;
            _scale = 1;
        }
    }


    public override string ToString() => Loss == SgdLoss.Perceptron && LearningRateSchedule == SgdLearningRate.Constant
        ? $"Perceptron ({Penalty} penalty, alpha {Alpha})"
        : $"SGD ({Loss} loss, {Penalty} penalty, alpha {Alpha})";
}
