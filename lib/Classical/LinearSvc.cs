// LinearSvc: scikit-learn's LinearSVC, a linear support vector machine as liblinear trains it (Fan, Chang, Hsieh,
// Wang, Lin, "LIBLINEAR: A Library for Large Linear Classification", JMLR 2008), in its two multi-class forms:
//
// - One versus the rest (multi_class='ovr'): per class, the binary SVM min ½‖w‖² + C Σ ξ_i with the hinge loss
//   ξ = max(0, 1 - y w·x) (L1-loss) or its square (L2-loss, squared_hinge, scikit-learn's default), solved in the dual
//   by coordinate descent: Hsieh, Chang, Lin, Keerthi, Sundararajan, "A Dual Coordinate Descent Method for
//   Large-scale Linear SVM" (ICML 2008). Each outer iteration visits the dual variables α_i (0 <= α_i <= C for the
//   hinge; α_i >= 0 with ½α²/C added to the objective for the squared hinge) in a seeded random order and minimizes
//   the dual exactly in each one, keeping w = Σ α_i y_i x_i up to date; variables stuck at a bound are shrunk away
//   (liblinear's shrinking) until the projected gradients of all agree within the tolerance.
// - Crammer-Singer (multi_class='crammer_singer'): one joint problem over all classes, min ½ Σ_m ‖w_m‖² + C Σ_i ξ_i
//   with ξ_i = max_m (1[m ≠ y_i] + w_m·x_i) - w_{y_i}·x_i, solved by the sequential dual method of Keerthi, Sundararajan,
//   Chang, Hsieh, Lin, "A Sequential Dual Method for Large Scale Multi-Class Linear SVMs" (KDD 2008), liblinear's
//   Solver_MCSVM_CS with its shrinking: each row's K dual variables are optimized together by a small sorted
//   subproblem. liblinear, and so scikit-learn, IGNORES loss and penalty here: every Crammer-Singer row of the
//   paper's Table 3 (12 of its 18 LinearSVC rows: hinge or squared hinge, l1 or l2) is this one model at its C.
//
// As in liblinear, the intercept is a weight on an extra feature of constant value interceptScaling (1), so it is
// regularized like the others; tolerance 1e-4, scikit-learn's default. At most 1000 outer iterations for one versus
// the rest (scikit-learn's max_iter), but 100000 for Crammer-Singer: scikit-learn does not pass max_iter on to
// liblinear's Solver_MCSVM_CS, which keeps its own limit (on a 5,000-image slice it converges after about 12,000).
// The random order cannot be liblinear's own (its generator is another); the optimum it converges to is the same.
// Penalty l1 (one versus the rest, squared hinge) is a primal solver in liblinear (Yuan et al. 2010) that the paper's
// table never runs: it is refused. The binary problems of one versus the rest train in parallel; dot products and
// updates are TensorPrimitives' SIMD kernels in double, as liblinear computes (each float row is widened once per visit).

using System;
using System.Linq;
using System.Numerics.Tensors;
using System.Threading.Tasks;

/// <summary>The loss of a one-versus-rest LinearSvc: hinge (L1-loss SVM) or squared hinge (L2-loss SVM).</summary>
public enum LinearSvcLoss { Hinge, SquaredHinge }

/// <summary>The penalty: L2 (½‖w‖²), the only one supported here; L1 is refused (see the file header).</summary>
public enum LinearSvcPenalty { L2, L1 }

/// <summary>How a LinearSvc handles more than two classes.</summary>
public enum LinearSvcMultiClass { OneVersusRest, CrammerSinger }

public sealed class LinearSvc : IClassifier
{
    /// <summary>The cost of a margin violation; larger C fits the training rows harder.</summary>
    public double C { get; }
    public LinearSvcLoss Loss { get; }
    public LinearSvcPenalty Penalty { get; }
    public LinearSvcMultiClass MultiClass { get; }
    /// <summary>The stopping tolerance on the (projected) gradients (liblinear's eps, scikit-learn's tol).</summary>
    public double Tolerance { get; }
    /// <summary>The most outer iterations (passes over the active rows): by default 1000 for one versus the rest, 100000 for Crammer-Singer.</summary>
    public int MaxIterations { get; }
    public bool FitIntercept { get; }
    /// <summary>The value of the constant extra feature whose weight is the intercept (scikit-learn's intercept_scaling).</summary>
    public double InterceptScaling { get; }
    public int Seed { get; }

    public int FeatureCount { get; private set; }
    public int ClassCount { get; private set; }
    /// <summary>One row of FeatureCount weights per class (one versus the rest with two classes: 1 row, class 1 versus 0).</summary>
    public double[] Weights { get; private set; }
    public double[] Intercepts { get; private set; }
    /// <summary>
    /// The dual solution. One versus the rest: Alphas[k][i], the variable of row i in binary problem k (0 <= α <= C for
    /// the hinge, α >= 0 for the squared hinge). Crammer-Singer: Alphas[i][m], row i's variable of class m
    /// (α <= C for its own class, α <= 0 for the others, summing to 0).
    /// </summary>
    public double[][] Alphas { get; private set; }
    /// <summary>The outer iterations each solver ran (one per binary problem, or one for Crammer-Singer); MaxIterations means it stopped unconverged.</summary>
    public int[] IterationsRun { get; private set; }

    /// <summary>A projected gradient below this counts as zero (liblinear's 1e-12).</summary>
    const double NegligibleGradient = 1e-12;
    /// <summary>scikit-learn's max_iter default, which reaches liblinear's one-versus-rest solvers.</summary>
    public const int DefaultMaxIterations = 1000;
    /// <summary>The limit of liblinear's Crammer-Singer solver, which scikit-learn's max_iter never reaches.</summary>
    public const int CrammerSingerMaxIterations = 100_000;

    public LinearSvc(double c = 1.0, LinearSvcLoss loss = LinearSvcLoss.SquaredHinge, LinearSvcPenalty penalty = LinearSvcPenalty.L2,
        LinearSvcMultiClass multiClass = LinearSvcMultiClass.OneVersusRest, double tolerance = 1e-4, int? maxIterations = null,
        bool fitIntercept = true, double interceptScaling = 1, int seed = 0)
    {
        if (!(c > 0)) throw new ArgumentOutOfRangeException(nameof(c), c, "C must be above 0");
        if (!(tolerance > 0)) throw new ArgumentOutOfRangeException(nameof(tolerance), tolerance, "the tolerance must be above 0");
        if (maxIterations is < 1) throw new ArgumentOutOfRangeException(nameof(maxIterations), maxIterations, "at least 1 iteration");
        if (fitIntercept && !(interceptScaling > 0)) throw new ArgumentOutOfRangeException(nameof(interceptScaling), interceptScaling, "must be above 0");
        if (multiClass == LinearSvcMultiClass.OneVersusRest && penalty == LinearSvcPenalty.L1)
            throw new ArgumentException($"penalty L1 with loss {loss} (one versus the rest) is not supported; supported: one versus the rest with penalty L2 "
                + "and loss Hinge or SquaredHinge (dual coordinate descent), or Crammer-Singer (which ignores loss and penalty)", nameof(penalty));
        int iterations = maxIterations ?? (multiClass == LinearSvcMultiClass.CrammerSinger ? CrammerSingerMaxIterations : DefaultMaxIterations);
        (C, Loss, Penalty, MultiClass, Tolerance, MaxIterations) = (c, loss, penalty, multiClass, tolerance, iterations);
        (FitIntercept, InterceptScaling, Seed) = (fitIntercept, interceptScaling, seed);
    }

    /// <summary>The constant feature value that carries the intercept; 0 when there is none.</summary>
    double Bias => FitIntercept ? InterceptScaling : 0;

    public void Fit(float[] features, byte[] labels, int featureCount)
    {
        ClassifierInput.Check(features, labels, featureCount);
        int classCount = ClassifierInput.ClassCount(labels);
        // ‖x_i‖² with the bias feature: the diagonal of the dual's Hessian.
        var squaredNorms = new double[labels.Length];
        Parallel.For(0, labels.Length, i => squaredNorms[i] = TensorPrimitives.SumOfSquares<float>(features.AsSpan(i * featureCount, featureCount)) + Bias * Bias);
        (FeatureCount, ClassCount) = (featureCount, classCount);
        if (MultiClass == LinearSvcMultiClass.CrammerSinger) FitCrammerSinger(features, labels, squaredNorms);
        else FitOneVersusRest(features, labels, squaredNorms);
    }

    void FitOneVersusRest(float[] features, byte[] labels, double[] squaredNorms)
    {
        int classifiers = ClassCount == 2 ? 1 : ClassCount;
        var seeds = new Random(Seed);
        int[] classifierSeeds = Enumerable.Range(0, classifiers).Select(_ => seeds.Next()).ToArray();
        var weights = new double[classifiers * FeatureCount];
        var intercepts = new double[classifiers];
        var alphas = new double[classifiers][];
        var iterations = new int[classifiers];
        Parallel.For(0, classifiers, k =>
        {
            byte positive = (byte)(classifiers == 1 ? 1 : k);
            var w = new double[FeatureCount + 1]; // the last one is the bias feature's weight
            (alphas[k], iterations[k]) = SolveBinaryDual(features, labels, positive, squaredNorms, w, new Random(classifierSeeds[k]));
            w.AsSpan(0, FeatureCount).CopyTo(weights.AsSpan(k * FeatureCount));
            intercepts[k] = w[FeatureCount] * Bias;
        });
        (Weights, Intercepts, Alphas, IterationsRun) = (weights, intercepts, alphas, iterations);
    }

    /// <summary>
    /// Hsieh et al.'s dual coordinate descent (liblinear's solve_l2r_l1l2_svc) for "label == positive" against the rest;
    /// fills <paramref name="w"/> (features, then the bias weight), returns the dual variables and the iterations run.
    /// </summary>
    (double[] Alphas, int Iterations) SolveBinaryDual(float[] features, byte[] labels, byte positive, double[] squaredNorms, double[] w, Random random)
    {
        int rows = labels.Length;
        // The squared hinge is the hinge without an upper bound and with ½α²/C added: a diagonal term 1/(2C).
        double diagonal = Loss == LinearSvcLoss.SquaredHinge ? 0.5 / C : 0;
        double upperBound = Loss == LinearSvcLoss.SquaredHinge ? double.PositiveInfinity : C;
        var alpha = new double[rows];
        var row = new double[FeatureCount];
        Span<double> weights = w.AsSpan(0, FeatureCount);
        int[] index = Enumerable.Range(0, rows).ToArray();
        int activeCount = rows, iteration = 0;
        // Shrinking: a variable at a bound whose gradient points outwards by more than last iteration's extremes leaves the active set.
        double largestOld = double.PositiveInfinity, smallestOld = double.NegativeInfinity;
        while (iteration < MaxIterations)
        {
            double largest = double.NegativeInfinity, smallest = double.PositiveInfinity;
            random.Shuffle(index.AsSpan(0, activeCount));
            for (int s = 0; s < activeCount; s++)
            {
                int i = index[s];
                double y = labels[i] == positive ? 1 : -1;
                Span<double> x = LinearScores.RowAsDoubles(features, i, FeatureCount, row);
                double gradient = y * (TensorPrimitives.Dot<double>(x, weights) + w[FeatureCount] * Bias) - 1 + alpha[i] * diagonal;
                bool atLowerBound = alpha[i] == 0, atUpperBound = alpha[i] == upperBound;
                if ((atLowerBound && gradient > largestOld) || (atUpperBound && gradient < smallestOld))
                {
                    (index[s], index[activeCount - 1]) = (index[activeCount - 1], index[s]);
                    activeCount--;
                    s--;
                    continue;
                }
                // The projected gradient: only the part that can move α within [0, upper bound].
                double projected = atLowerBound ? Math.Min(gradient, 0) : atUpperBound ? Math.Max(gradient, 0) : gradient;
                largest = Math.Max(largest, projected);
                smallest = Math.Min(smallest, projected);
                if (Math.Abs(projected) <= NegligibleGradient) continue;
                double before = alpha[i];
                alpha[i] = Math.Min(Math.Max(before - gradient / (squaredNorms[i] + diagonal), 0), upperBound);
                double change = (alpha[i] - before) * y;
                TensorPrimitives.MultiplyAdd<double>(x, change, weights, weights);
                w[FeatureCount] += change * Bias;
            }
            iteration++;
            if (largest - smallest <= Tolerance)
            {
                if (activeCount == rows) break;
                // Converged on the active set: check once more on all variables before stopping.
                activeCount = rows;
                (largestOld, smallestOld) = (double.PositiveInfinity, double.NegativeInfinity);
                continue;
            }
            largestOld = largest <= 0 ? double.PositiveInfinity : largest;
            smallestOld = smallest >= 0 ? double.NegativeInfinity : smallest;
        }
        return (alpha, iteration);
    }

    void FitCrammerSinger(float[] features, byte[] labels, double[] squaredNorms)
    {
        var solver = new CrammerSingerSolver(features, labels, squaredNorms, FeatureCount, ClassCount, C, Bias);
        int iterations = solver.Solve(Tolerance, MaxIterations, new Random(Seed));
        Weights = solver.Weights;
        Intercepts = solver.BiasWeights.Select(b => b * Bias).ToArray();
        Alphas = solver.Alphas;
        IterationsRun = [iterations];
    }

    /// <summary>
    /// Keerthi et al.'s sequential dual method for Crammer and Singer's multi-class SVM (liblinear's Solver_MCSVM_CS).
    /// Row i has one dual variable per class, α_i^m <= C for its own class and <= 0 for the others, Σ_m α_i^m = 0, and
    /// w_m = Σ_i α_i^m x_i. Each visit optimizes a row's variables together. Shrinking: a class whose variable sits at its
    /// bound and cannot gain is set aside for the row, and a row with at most one class left leaves the active set.
    /// </summary>
    sealed class CrammerSingerSolver
    {
        readonly float[] _features;
        readonly byte[] _labels;
        readonly double[] _squaredNorms;
        readonly int _featureCount;
        readonly double _c, _bias;
        /// <summary>Class-major: w_m is a contiguous row of the feature count.</summary>
        public double[] Weights { get; }
        public double[] BiasWeights { get; }
        public double[][] Alphas { get; }
        // Per row, its active classes come first in _classOrder[i]; _ownPosition[i] is where its own class stands there.
        readonly int[][] _classOrder;
        readonly int[] _activeClasses, _ownPosition;
        // Scratch of one row visit: the row in double, the gradient, B_m and the new variables of its active classes.
        readonly double[] _row, _gradient, _shifted, _newAlpha, _sortBuffer;
        readonly int _classes;

        public CrammerSingerSolver(float[] features, byte[] labels, double[] squaredNorms, int featureCount, int classes, double c, double bias)
        {
            (_features, _labels, _squaredNorms, _featureCount, _classes, _c, _bias) = (features, labels, squaredNorms, featureCount, classes, c, bias);
            Weights = new double[classes * featureCount];
            BiasWeights = new double[classes];
            Alphas = labels.Select(_ => new double[classes]).ToArray();
            _classOrder = labels.Select(_ => Enumerable.Range(0, classes).ToArray()).ToArray();
            _activeClasses = labels.Select(_ => classes).ToArray();
            _ownPosition = labels.Select(l => (int)l).ToArray();
            _row = new double[featureCount];
            (_gradient, _shifted, _newAlpha, _sortBuffer) = (new double[classes], new double[classes], new double[classes], new double[classes]);
        }

        /// <summary>Runs until the largest gradient gap of any row is below the tolerance (on all rows), or maxIterations; returns the iterations run.</summary>
        public int Solve(double tolerance, int maxIterations, Random random)
        {
            int rows = _labels.Length, activeRows = rows, iteration = 0;
            int[] index = Enumerable.Range(0, rows).ToArray();
            double shrinkTolerance = Math.Max(10 * tolerance, 1);
            bool startedFromAll = true;
            while (iteration < maxIterations)
            {
                double stopping = double.NegativeInfinity;
                random.Shuffle(index.AsSpan(0, activeRows));
                for (int s = 0; s < activeRows; s++)
                {
                    double? gap = VisitRow(index[s]);
                    if (gap is null)
                    {
                        (index[s], index[activeRows - 1]) = (index[activeRows - 1], index[s]);
                        activeRows--;
                        s--;
                    }
                    else stopping = Math.Max(stopping, gap.Value);
                }
                iteration++;
                if (stopping < shrinkTolerance)
                {
                    if (stopping < tolerance && startedFromAll) break;
                    // Converged on the active set (or loosely): reactivate everything, tighten the shrinking tolerance.
                    activeRows = rows;
                    Array.Fill(_activeClasses, _classes);
                    shrinkTolerance = Math.Max(shrinkTolerance / 2, tolerance);
                    startedFromAll = true;
                }
                else startedFromAll = false;
            }
            return iteration;
        }

        /// <summary>
        /// Optimizes row i's variables of its active classes together. Returns the gap between its largest and smallest
        /// movable gradient (the stopping measure; -∞ when there was nothing to do), or null when the row is shrunk away.
        /// </summary>
        double? VisitRow(int i)
        {
            double a = _squaredNorms[i];
            if (a <= 0) return double.NegativeInfinity;
            Span<double> x = LinearScores.RowAsDoubles(_features, i, _featureCount, _row);
            int[] order = _classOrder[i];
            double[] alpha = Alphas[i];
            // G_m = 1[m ≠ y_i] + w_m·x_i: the gradient of the dual in α_i^m.
            for (int m = 0; m < _activeClasses[i]; m++)
                _gradient[m] = (m == _ownPosition[i] ? 0 : 1) + TensorPrimitives.Dot<double>(x, ClassWeights(order[m])) + BiasWeights[order[m]] * _bias;
            // The smallest gradient among variables that can still grow, the largest among all.
            double smallest = double.PositiveInfinity, largest = double.NegativeInfinity;
            for (int m = 0; m < _activeClasses[i]; m++)
            {
                if (alpha[order[m]] < 0 && _gradient[m] < smallest) smallest = _gradient[m];
                largest = Math.Max(largest, _gradient[m]);
            }
            int own = _ownPosition[i];
            if (own < _activeClasses[i] && alpha[_labels[i]] < _c && _gradient[own] < smallest) smallest = _gradient[own];
            ShrinkClasses(i, smallest);
            if (_activeClasses[i] <= 1) return null;
            if (largest - smallest <= NegligibleGradient) return double.NegativeInfinity;

            for (int m = 0; m < _activeClasses[i]; m++) _shifted[m] = _gradient[m] - a * alpha[order[m]];
            SolveRowSubproblem(a, _ownPosition[i], _activeClasses[i]);
            for (int m = 0; m < _activeClasses[i]; m++)
            {
                double change = _newAlpha[m] - alpha[order[m]];
                alpha[order[m]] = _newAlpha[m];
                if (Math.Abs(change) < NegligibleGradient) continue;
                Span<double> weights = ClassWeights(order[m]);
                TensorPrimitives.MultiplyAdd<double>(x, change, weights, weights);
                BiasWeights[order[m]] += change * _bias;
            }
            return largest - smallest;
        }

        Span<double> ClassWeights(int m) => Weights.AsSpan(m * _featureCount, _featureCount);

        /// <summary>Moves the classes of row i whose variable sits at its bound with a gradient below <paramref name="smallest"/> behind the active ones.</summary>
        void ShrinkClasses(int i, double smallest)
        {
            int[] order = _classOrder[i];
            bool Shrinkable(int m) => Alphas[i][order[m]] == (m == _ownPosition[i] ? _c : 0) && _gradient[m] < smallest;
            for (int m = 0; m < _activeClasses[i]; m++)
            {
                if (!Shrinkable(m)) continue;
                _activeClasses[i]--;
                while (_activeClasses[i] > m)
                {
                    int last = _activeClasses[i];
                    if (!Shrinkable(last))
                    {
                        (order[m], order[last]) = (order[last], order[m]);
                        (_gradient[m], _gradient[last]) = (_gradient[last], _gradient[m]);
                        if (_ownPosition[i] == last) _ownPosition[i] = m;
                        else if (_ownPosition[i] == m) _ownPosition[i] = last;
                        break;
                    }
                    _activeClasses[i]--;
                }
            }
        }

        /// <summary>
        /// The exact minimizer of one row's subproblem over its active classes: min ½ a Σ α_m² + Σ B_m α_m subject to
        /// Σ α_m = 0, α_own <= C and α_m <= 0 otherwise (liblinear's solve_sub_problem): the threshold β comes from the
        /// B_m sorted in descending order, then α_m = min(bound_m, (β - B_m) / a). Reads _shifted (B), writes _newAlpha.
        /// </summary>
        void SolveRowSubproblem(double a, int ownPosition, int active)
        {
            Span<double> sorted = _sortBuffer.AsSpan(0, active);
            _shifted.AsSpan(0, active).CopyTo(sorted);
            if (ownPosition < active) sorted[ownPosition] += a * _c;
            sorted.Sort();
            sorted.Reverse();
            double beta = sorted[0] - a * _c;
            int r = 1;
            for (; r < active && beta < r * sorted[r]; r++) beta += sorted[r];
            beta /= r;
            for (int m = 0; m < active; m++)
                _newAlpha[m] = Math.Min(m == ownPosition ? _c : 0, (beta - _shifted[m]) / a);
        }
    }

    /// <summary>w·x + b of every classifier (or class, for Crammer-Singer) for every row (rows x classifiers).</summary>
    public double[] DecisionFunction(float[] features) => LinearScores.Of(features, FeatureCount, Weights, Intercepts);

    public byte[] Predict(float[] features) => LinearScores.Classes(DecisionFunction(features), Intercepts.Length);


    public override string ToString() => MultiClass == LinearSvcMultiClass.CrammerSinger
        ? $"Linear SVM (Crammer-Singer, C={C})"
        : $"Linear SVM (one versus the rest, {(Loss == LinearSvcLoss.Hinge ? "hinge" : "squared hinge")}, C={C})";
}
