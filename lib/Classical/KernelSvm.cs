// KernelSvm: an exact kernel support-vector machine (C-SVC), trained as LIBSVM trains it and so as scikit-learn's
// SVC does (SVC is LIBSVM inside): the dual problem is solved by sequential minimal optimization (SMO, Platt 1998)
// with LIBSVM's second-order working-set selection (WSS3 of Fan, Chen & Lin, "Working set selection using second
// order information for training SVM", JMLR 2005), stopping when the maximal KKT violation is below 1e-3, over
// kernel rows kept in an LRU cache. Several classes: one versus one, k(k-1)/2 binary machines, each test row
// voted on by all of them, a tie going to the lower class (Chang & Lin, "LIBSVM", 2011, sections 4 and 7).
// This is the benchmark's "SVC" of the Fashion-MNIST paper itself, not the random-feature stand-in
// (RandomFeatureSvm.cs). Shrinking as LIBSVM's (-h 1, scikit-learn's default): variables that sit at a bound and are
// not expected to move leave the active set, their gradient rebuilt before the final check; it changes the work, not
// the solution beyond the tolerance. Not implemented: class weights, probabilities.
// Speed: each kernel row is one matrix-vector product of SIMD dot products (SvmKernel.cs); the binary problems run
// in parallel, each with its share of the cache; prediction computes the kernels between the test rows and the
// union of all support vectors once, as one matrix product (TorchSharp), then every machine's decision from them.
using System;
using System.Collections.Generic;
using System.Linq;
using System.Numerics.Tensors;
using System.Threading.Tasks;
using TorchSharp;
using static TorchSharp.torch;

/// <summary>How γ is chosen when none is given: scikit-learn's 'scale' (its default since 0.22) or 'auto' (before; the paper's).</summary>
public enum GammaRule { Scale, Auto }

/// <summary>A C-SVC with a linear, rbf, polynomial or sigmoid kernel: LIBSVM's algorithm, one versus one.</summary>
public sealed class KernelSvm : IClassifier
{
    public KernelKind KernelKind { get; }
    /// <summary>The penalty on margin violations: every α lies in [0, C].</summary>
    public double C { get; }
    /// <summary>The stopping tolerance on the maximal KKT violation (LIBSVM's -e, scikit-learn's tol).</summary>
    public double Tolerance { get; }
    public double CacheMegabytes { get; }
    public int MaxParallelism { get; }
    /// <summary>Whether the solver shrinks its active set as LIBSVM does (scikit-learn's shrinking=True, the default).</summary>
    public bool Shrinking { get; }
    readonly double? _gamma;
    readonly GammaRule _gammaRule;
    readonly int _degree;
    readonly double _coef0;

    /// <summary>The kernel with γ resolved, after Fit.</summary>
    public SvmKernel Kernel { get; private set; }
    /// <summary>The labels seen in Fit, ascending; machine (a, b) of Machines separates Classes[a] (+1) from Classes[b] (-1).</summary>
    public byte[] Classes { get; private set; }
    public int FeatureCount { get; private set; }
    /// <summary>The k(k-1)/2 binary machines in LIBSVM's order: (0,1), (0,2), ..., (1,2), ...</summary>
    public IReadOnlyList<BinarySvm> Machines { get; private set; }
    /// <summary>The training rows that are a support vector of at least one machine, ascending (scikit-learn's support_).</summary>
    public int[] SupportVectorIndices { get; private set; }
    public int SupportVectorCount => SupportVectorIndices?.Length ?? 0;

    float[] _supportVectors;          // the union of the machines' support vectors, row-major
    float[] _supportSquaredNorms;
    int[][] _machineSupportPositions; // for each machine: where its support vectors sit in the union
    float[][] _machineCoefficients;   // for each machine: y_i α_i of those support vectors

    /// <param name="kernel">linear, rbf (scikit-learn's default), polynomial or sigmoid.</param>
    /// <param name="c">The penalty C (scikit-learn's default 1; the paper's grid 1, 10, 100).</param>
    /// <param name="gamma">γ of the rbf, polynomial and sigmoid kernels; null: chosen by <paramref name="gammaRule"/>.</param>
    /// <param name="gammaRule">Scale: 1 / (featureCount · variance of all training values), scikit-learn ≥ 0.22's default;
    /// Auto: 1 / featureCount, the default of the scikit-learn the Fashion-MNIST paper used.</param>
    /// <param name="degree">The polynomial kernel's degree.</param>
    /// <param name="coef0">The constant term of the polynomial and sigmoid kernels.</param>
    /// <param name="tolerance">Stop when the maximal KKT violation is below this (LIBSVM's 1e-3).</param>
    /// <param name="cacheMegabytes">Memory for cached kernel rows, shared by the machines trained at the same time.</param>
    /// <param name="maxParallelism">How many binary machines train at once; null: one per core.</param>
    /// <param name="shrinking">LIBSVM's shrinking heuristic (scikit-learn's default): the same solution, usually sooner.</param>
    public KernelSvm(KernelKind kernel = KernelKind.Rbf, double c = 1, double? gamma = null, GammaRule gammaRule = GammaRule.Scale,
        int degree = 3, double coef0 = 0, double tolerance = 1e-3, double cacheMegabytes = 1000, int? maxParallelism = null, bool shrinking = true)
    {
        if (!(c > 0)) throw new ArgumentOutOfRangeException(nameof(c), c, "the penalty C must be positive");
        if (gamma is { } g && !(g > 0)) throw new ArgumentOutOfRangeException(nameof(gamma), g, "the kernel's γ must be positive");
        if (degree < 1) throw new ArgumentOutOfRangeException(nameof(degree), degree, "the polynomial degree must be at least 1");
        if (!(tolerance > 0)) throw new ArgumentOutOfRangeException(nameof(tolerance), tolerance, "the tolerance must be positive");
        if (!(cacheMegabytes >= 0)) throw new ArgumentOutOfRangeException(nameof(cacheMegabytes), cacheMegabytes, "a cache size must not be negative");
        if (maxParallelism is < 1) throw new ArgumentOutOfRangeException(nameof(maxParallelism), maxParallelism, "at least one machine must train at a time");
        KernelKind = kernel;
        C = c;
        _gamma = gamma;
        _gammaRule = gammaRule;
        _degree = degree;
        _coef0 = coef0;
        Tolerance = tolerance;
        CacheMegabytes = cacheMegabytes;
        MaxParallelism = maxParallelism ?? Environment.ProcessorCount;
        Shrinking = shrinking;
    }

    public void Fit(float[] features, byte[] labels, int featureCount)
    {
        ClassifierInput.Check(features, labels, featureCount);
        byte[] classes = labels.Distinct().Order().ToArray();
        if (classes.Length < 2) throw new ArgumentException($"an SVM needs at least two classes; the labels hold only {classes.Length}", nameof(labels));
        if (features.Any(v => !float.IsFinite(v))) throw new ArgumentException("the features hold a NaN or an infinity", nameof(features));
        Kernel = ResolveKernel(features, featureCount);
        Classes = classes;
        FeatureCount = featureCount;

        int[][] rowsOfClass = classes.Select(c => Enumerable.Range(0, labels.Length).Where(r => labels[r] == c).ToArray()).ToArray();
        var pairs = new List<(int A, int B)>();
        for (int a = 0; a < classes.Length; a++)
            for (int b = a + 1; b < classes.Length; b++) pairs.Add((a, b));
        int parallelism = Math.Min(MaxParallelism, pairs.Count);
        var machines = new BinarySvm[pairs.Count];
        Parallel.For(0, pairs.Count, new ParallelOptions { MaxDegreeOfParallelism = parallelism }, p =>
            machines[p] = BinarySvm.Train(features, featureCount, pairs[p].A, pairs[p].B,
                rowsOfClass[pairs[p].A], rowsOfClass[pairs[p].B], Kernel, C, Tolerance, CacheMegabytes / parallelism, Shrinking));
        Machines = machines;
        GatherSupportVectors(features, labels.Length);
    }

    SvmKernel ResolveKernel(float[] features, int featureCount)
    {
        double gamma = _gamma ?? (_gammaRule == GammaRule.Scale ? SvmKernel.ScaleGamma(features, featureCount) : SvmKernel.AutoGamma(featureCount));
        return KernelKind switch
        {
            KernelKind.Linear => SvmKernel.Linear(),
            KernelKind.Rbf => SvmKernel.Rbf(gamma),
            KernelKind.Polynomial => SvmKernel.Polynomial(gamma, _degree, _coef0),
            _ => SvmKernel.Sigmoid(gamma, _coef0),
        };
    }

    /// <summary>The union of all machines' support vectors, copied once, and where each machine's sit in it.</summary>
    void GatherSupportVectors(float[] features, int rowCount)
    {
        var isSupport = new bool[rowCount];
        foreach (var machine in Machines)
            foreach (int r in machine.SupportVectorRows) isSupport[r] = true;
        SupportVectorIndices = Enumerable.Range(0, rowCount).Where(r => isSupport[r]).ToArray();
        var position = new int[rowCount];
        _supportVectors = new float[SupportVectorIndices.Length * FeatureCount];
        _supportSquaredNorms = new float[SupportVectorIndices.Length];
        for (int s = 0; s < SupportVectorIndices.Length; s++)
        {
            var row = features.AsSpan(SupportVectorIndices[s] * FeatureCount, FeatureCount);
            row.CopyTo(_supportVectors.AsSpan(s * FeatureCount));
            _supportSquaredNorms[s] = TensorPrimitives.Dot(row, row);
            position[SupportVectorIndices[s]] = s;
        }
        _machineSupportPositions = Machines.Select(m => m.SupportVectorRows.Select(r => position[r]).ToArray()).ToArray();
        _machineCoefficients = Machines.Select(m => m.Coefficients.Select(v => (float)v).ToArray()).ToArray();
    }

    /// <summary>
    /// Every machine's decision value Σ y_i α_i K(x_i, x) - ρ for every row (rows x machines, machines in the order of
    /// Machines): positive votes for the machine's first class. The kernels against all support vectors are computed
    /// once per block of rows, as one matrix product.
    /// </summary>
    public double[] DecisionValues(float[] features)
    {
        if (Machines is null) throw new InvalidOperationException("call Fit before predicting");
        ArgumentNullException.ThrowIfNull(features);
        if (features.Length % FeatureCount != 0)
            throw new ArgumentException($"{features.Length} values are not whole rows of the {FeatureCount} features the model was fitted on", nameof(features));
        int count = features.Length / FeatureCount, machineCount = Machines.Count, supportCount = SupportVectorIndices.Length;
        var decisions = new double[count * machineCount];
        if (count == 0) return decisions;
        const int block = 512;
        using var scope = NewDisposeScope();
        var supportVectors = tensor(_supportVectors, new long[] { supportCount, FeatureCount });
        var kernels = new float[block * supportCount];
        for (int first = 0; first < count; first += block)
        {
            int n = Math.Min(block, count - first);
            float[] rows = features.AsSpan(first * FeatureCount, n * FeatureCount).ToArray();
            KernelsAgainstSupportVectors(rows, n, supportVectors, kernels);
            Parallel.For(0, n, r =>
            {
                ReadOnlySpan<float> k = kernels.AsSpan(r * supportCount, supportCount);
                for (int m = 0; m < machineCount; m++)
                    decisions[(first + r) * machineCount + m] = MachineDecision(m, k);
            });
        }
        return decisions;
    }

    /// <summary>K(x_r, sv_s) for the n rows and every support vector, into kernels (n x supportCount).</summary>
    void KernelsAgainstSupportVectors(float[] rows, int n, torch.Tensor supportVectors, float[] kernels)
    {
        int supportCount = _supportSquaredNorms.Length;
        using (var inner = NewDisposeScope())
        {
            var x = tensor(rows, new long[] { n, FeatureCount });
            x.matmul(supportVectors.t()).data<float>().CopyTo(kernels.AsSpan(0, n * supportCount));
        }
        Parallel.For(0, n, r =>
        {
            var row = rows.AsSpan(r * FeatureCount, FeatureCount);
            Kernel.ApplyToDots(kernels.AsSpan(r * supportCount, supportCount), TensorPrimitives.Dot(row, row), _supportSquaredNorms);
        });
    }

    double MachineDecision(int machine, ReadOnlySpan<float> kernelsAgainstSupport)
    {
        int[] positions = _machineSupportPositions[machine];
        float[] coefficients = _machineCoefficients[machine];
        double sum = 0;
        for (int s = 0; s < positions.Length; s++) sum += coefficients[s] * kernelsAgainstSupport[positions[s]];
        return sum - Machines[machine].Rho;
    }

    /// <summary>One versus one: each machine votes for one of its two classes; the most votes win, a tie the lower class.</summary>
    public byte[] Predict(float[] features)
    {
        double[] decisions = DecisionValues(features);
        int machineCount = Machines.Count;
        var predictions = new byte[decisions.Length / machineCount];
        for (int r = 0; r < predictions.Length; r++)
            predictions[r] = Classes[Vote(Machines, decisions.AsSpan(r * machineCount, machineCount), Classes.Length)];
        return predictions;
    }

    /// <summary>The class index with the most votes, each machine voting by the sign of its decision; ties go to the lower index (LIBSVM).</summary>
    public static int Vote(IReadOnlyList<BinarySvm> machines, ReadOnlySpan<double> decisions, int classCount)
    {
        Span<int> votes = stackalloc int[classCount];
        for (int m = 0; m < machines.Count; m++)
            votes[decisions[m] > 0 ? machines[m].PositiveClass : machines[m].NegativeClass]++;
        int best = 0;
        for (int c = 1; c < classCount; c++) if (votes[c] > votes[best]) best = c;
        return best;
    }

    public override string ToString() =>
        $"kernel SVM (C-SVC, one versus one), C = {C:g4}, {Kernel?.ToString() ?? KernelKind.ToString().ToLowerInvariant() + " kernel"}" +
        (Machines is null ? "" : $", {SupportVectorCount} support vectors");
}

/// <summary>
/// One binary C-SVC of the one-versus-one scheme: the dual α of its training rows (the rows of its two classes, first
/// class +1 then second class -1, in training order, as LIBSVM orders them) and the offset ρ of f(x) = Σ y_i α_i K(x_i, x) - ρ.
/// </summary>
public sealed class BinarySvm
{
    /// <summary>Index into KernelSvm.Classes of the class labelled +1, and of the one labelled -1.</summary>
    public int PositiveClass { get; init; }
    public int NegativeClass { get; init; }
    /// <summary>The training rows of the problem (indices into Fit's rows), positive class first.</summary>
    public int[] Rows { get; init; }
    /// <summary>+1 or -1 for each of Rows.</summary>
    public sbyte[] Y { get; init; }
    /// <summary>The dual solution, one α in [0, C] per row of Rows.</summary>
    public double[] Alpha { get; init; }
    public double Rho { get; init; }
    public int Iterations { get; init; }
    /// <summary>How many times the solver shrank its active set.</summary>
    public int Shrinks { get; init; }
    public string CacheReport { get; init; }
    /// <summary>The rows with α > 0, and y α for each of them.</summary>
    public int[] SupportVectorRows { get; init; }
    public double[] Coefficients { get; init; }

    /// <summary>Gathers the rows of the two classes and solves their dual problem with SMO.</summary>
    public static BinarySvm Train(float[] features, int featureCount, int positiveClass, int negativeClass,
        int[] positiveRows, int[] negativeRows, SvmKernel kernel, double c, double tolerance, double cacheMegabytes, bool shrinking = true)
    {
        int[] rows = [.. positiveRows, .. negativeRows];
        var gathered = new float[rows.Length * featureCount];
        for (int i = 0; i < rows.Length; i++)
            features.AsSpan(rows[i] * featureCount, featureCount).CopyTo(gathered.AsSpan(i * featureCount));
        var y = rows.Select((_, i) => i < positiveRows.Length ? (sbyte)1 : (sbyte)-1).ToArray();
        var solver = new SmoSolver(new KernelRows(kernel, gathered, featureCount), y, c, tolerance, cacheMegabytes, shrinking);
        solver.Solve();
        var support = Enumerable.Range(0, rows.Length).Where(i => solver.Alpha[i] > 0).ToArray();
        return new BinarySvm
        {
            PositiveClass = positiveClass,
            NegativeClass = negativeClass,
            Rows = rows,
            Y = y,
            Alpha = solver.Alpha,
            Rho = solver.Rho,
            Iterations = solver.Iterations,
            Shrinks = solver.Shrinks,
            CacheReport = solver.Cache.ToString(),
            SupportVectorRows = support.Select(i => rows[i]).ToArray(),
            Coefficients = support.Select(i => y[i] * solver.Alpha[i]).ToArray(),
        };
    }
}

/// <summary>
/// LIBSVM's Solver for C-SVC: minimizes ½ αᵀQα - Σα subject to Σ y_i α_i = 0 and 0 ≤ α_i ≤ C, with Q_ij = y_i y_j K(x_i, x_j),
/// two α at a time (SMO), the pair chosen by second-order working-set selection (WSS3), until the maximal violating pair
/// violates the KKT conditions by less than the tolerance. With shrinking, the selection and the gradient's updates run
/// over an active set only (the first _activeSize entries of an index list: LIBSVM's swap of indices, made on the list).
/// </summary>
public sealed class SmoSolver
{
    const double Tau = 1e-12; // LIBSVM's TAU: a floor for a non-positive curvature (indefinite kernels such as the sigmoid)
    public double[] Alpha { get; }
    /// <summary>∇f(α) = Qα - 1, kept up to date after every step for the active variables (for all once Solve returns).</summary>
    public double[] Gradient { get; }
    public double Rho { get; private set; }
    public int Iterations { get; private set; }
    /// <summary>How many times the active set was shrunk (0 without shrinking).</summary>
    public int Shrinks { get; private set; }
    public KernelRowCache Cache { get; }
    readonly KernelRows _kernel;
    readonly sbyte[] _y;
    readonly float[] _ySign;
    readonly double[] _diagonal; // Q_ii = K(x_i, x_i)
    readonly double _c, _tolerance;
    readonly int _n;
    readonly bool _shrinking;
    // The variables' indices, the active ones first; shrinking moves a variable behind ActiveSize.
    readonly int[] _active;
    int _activeSize;
    // LIBSVM's G_bar: C Σ_{j: α_j = C} Q_ij, from which the gradient of a shrunk variable is rebuilt.
    readonly double[] _gradientBar;
    bool _unshrunk;

    public SmoSolver(KernelRows kernel, sbyte[] y, double c, double tolerance, double cacheMegabytes, bool shrinking = true)
    {
        _kernel = kernel;
        _y = y;
        _n = y.Length;
        _c = c;
        _tolerance = tolerance;
        _shrinking = shrinking;
        _ySign = y.Select(v => (float)v).ToArray();
        _diagonal = Enumerable.Range(0, _n).Select(kernel.Diagonal).ToArray();
        Alpha = new double[_n];
        Gradient = Enumerable.Repeat(-1.0, _n).ToArray(); // α = 0: ∇ = -1
        _gradientBar = new double[_n];
        _active = Enumerable.Range(0, _n).ToArray();
        _activeSize = _n;
        Cache = new KernelRowCache(_n, _n, cacheMegabytes);
    }

    /// <summary>Row i of Q: y_i y_j K(x_i, x_j) for every j, from the cache or computed.</summary>
    float[] QRow(int i) => Cache.Row(i, FillQRow);

    void FillQRow(int i, float[] row)
    {
        _kernel.Fill(i, row);
        TensorPrimitives.Multiply(row, _ySign, row);
        if (_y[i] < 0) TensorPrimitives.Negate(row, row);
    }

    bool IsUpperBound(int i) => Alpha[i] >= _c;
    bool IsLowerBound(int i) => Alpha[i] <= 0;

    public void Solve()
    {
        long maxIterations = Math.Max(10_000_000L, 100L * _n); // LIBSVM's limit
        int counter = Math.Min(_n, 1000) + 1;
        while (Iterations < maxIterations)
        {
            if (--counter == 0)
            {
                counter = Math.Min(_n, 1000);
                if (_shrinking) Shrink();
            }
            if (!SelectWorkingSet(out int i, out int j))
            {
                // Optimal on the active set: rebuild every gradient and check all the variables.
                ReconstructGradient();
                if (!SelectWorkingSet(out i, out j)) break;
                counter = 1; // shrink again at once
            }
            Iterations++;
            Step(i, j);
        }
        ReconstructGradient();
        Rho = ComputeRho();
    }

    /// <summary>
    /// WSS3: i maximizes the violation -y_i ∇_i over the active indices that may move up; j, among those that may move down and
    /// violate with i, gives the largest decrease of the objective by the second-order model -(violation)² / curvature.
    /// False when the maximal violation is below the tolerance: the KKT conditions hold on the active set.
    /// </summary>
    bool SelectWorkingSet(out int i, out int j)
    {
        double gMax = double.NegativeInfinity, gMax2 = double.NegativeInfinity;
        i = -1;
        j = -1;
        for (int s = 0; s < _activeSize; s++)
        {
            int t = _active[s];
            if (_y[t] > 0 ? !IsUpperBound(t) : !IsLowerBound(t))
            {
                double violation = -_y[t] * Gradient[t];
                if (violation >= gMax) { gMax = violation; i = t; }
            }
        }
        if (i < 0) return false;
        float[] qi = QRow(i);
        double bestObjective = double.PositiveInfinity;
        for (int s = 0; s < _activeSize; s++)
        {
            int t = _active[s];
            if (_y[t] > 0 ? IsLowerBound(t) : IsUpperBound(t)) continue;
            double violation = _y[t] * Gradient[t];
            if (violation >= gMax2) gMax2 = violation;
            double gradientDifference = gMax + violation;
            if (gradientDifference <= 0) continue;
            double curvature = _diagonal[i] + _diagonal[t] - 2.0 * _y[i] * _y[t] * qi[t];
            double objectiveDecrease = -gradientDifference * gradientDifference / (curvature > 0 ? curvature : Tau);
            if (objectiveDecrease <= bestObjective) { bestObjective = objectiveDecrease; j = t; }
        }
        return gMax + gMax2 >= _tolerance && j >= 0;
    }

    /// <summary>
    /// LIBSVM's do_shrinking: the largest violations up (gMax1) and down (gMax2) over the active set; a variable at a bound whose
    /// gradient pushes it outwards by more than those leaves the active set. Once the violation is within ten times the tolerance,
    /// everything is made active again one time (with rebuilt gradients), so that the end is not decided on a stale set.
    /// </summary>
    void Shrink()
    {
        double gMax1 = double.NegativeInfinity, gMax2 = double.NegativeInfinity;
        for (int s = 0; s < _activeSize; s++)
        {
            int t = _active[s];
            double g = Gradient[t];
            if (_y[t] > 0)
            {
                if (!IsUpperBound(t)) gMax1 = Math.Max(gMax1, -g);
                if (!IsLowerBound(t)) gMax2 = Math.Max(gMax2, g);
            }
            else
            {
                if (!IsUpperBound(t)) gMax2 = Math.Max(gMax2, -g);
                if (!IsLowerBound(t)) gMax1 = Math.Max(gMax1, g);
            }
        }
        if (!_unshrunk && gMax1 + gMax2 <= _tolerance * 10)
        {
            _unshrunk = true;
            ReconstructGradient();
        }
        for (int s = 0; s < _activeSize; s++)
        {
            if (!CanShrink(_active[s], gMax1, gMax2)) continue;
            _activeSize--;
            while (_activeSize > s)
            {
                if (!CanShrink(_active[_activeSize], gMax1, gMax2))
                {
                    (_active[s], _active[_activeSize]) = (_active[_activeSize], _active[s]);
                    break;
                }
                _activeSize--;
            }
        }
        Shrinks++;
    }

    bool CanShrink(int t, double gMax1, double gMax2)
    {
        if (IsUpperBound(t)) return _y[t] > 0 ? -Gradient[t] > gMax1 : -Gradient[t] > gMax2;
        if (IsLowerBound(t)) return _y[t] > 0 ? Gradient[t] > gMax2 : Gradient[t] > gMax1;
        return false;
    }

    /// <summary>
    /// The gradient of every inactive variable from scratch: ∇_j = G_bar_j - 1 + Σ over free α_i of α_i Q_ij (those at C are in
    /// G_bar already), after which all variables are active.
    /// </summary>
    void ReconstructGradient()
    {
        if (_activeSize == _n) return;
        for (int s = _activeSize; s < _n; s++) Gradient[_active[s]] = _gradientBar[_active[s]] - 1;
        for (int s = 0; s < _activeSize; s++)
        {
            int i = _active[s];
            if (IsUpperBound(i) || IsLowerBound(i)) continue;
            float[] qi = QRow(i);
            for (int r = _activeSize; r < _n; r++) Gradient[_active[r]] += Alpha[i] * qi[_active[r]];
        }
        _activeSize = _n;
    }

    /// <summary>Solves the two-variable problem in α_i, α_j analytically, clips it to the box, updates the gradient.</summary>
    void Step(int i, int j)
    {
        float[] qi = QRow(i), qj = QRow(j);
        double oldI = Alpha[i], oldJ = Alpha[j];
        var (newI, newJ) = _y[i] != _y[j]
            ? OppositeLabels(oldI, oldJ, Gradient[i], Gradient[j], _diagonal[i] + _diagonal[j] + 2.0 * qi[j])
            : SameLabels(oldI, oldJ, Gradient[i], Gradient[j], _diagonal[i] + _diagonal[j] - 2.0 * qi[j]);
        bool wasUpperI = IsUpperBound(i), wasUpperJ = IsUpperBound(j);
        Alpha[i] = newI;
        Alpha[j] = newJ;
        double deltaI = newI - oldI, deltaJ = newJ - oldJ;
        for (int s = 0; s < _activeSize; s++)
        {
            int t = _active[s];
            Gradient[t] += qi[t] * deltaI + qj[t] * deltaJ;
        }
        // G_bar follows the variables that reached C or left it (over all variables: a shrunk one needs it to be rebuilt).
        if (wasUpperI != IsUpperBound(i)) TensorPrimitives.MultiplyAdd<double>(Widen(qi), wasUpperI ? -_c : _c, _gradientBar, _gradientBar);
        if (wasUpperJ != IsUpperBound(j)) TensorPrimitives.MultiplyAdd<double>(Widen(qj), wasUpperJ ? -_c : _c, _gradientBar, _gradientBar);
    }

    double[] _widened;
    /// <summary>A Q row in double, for G_bar's update (TensorPrimitives does not mix float and double in one call).</summary>
    double[] Widen(float[] row)
    {
        _widened ??= new double[_n];
        for (int t = 0; t < _n; t++) _widened[t] = row[t];
        return _widened;
    }

    // y_i ≠ y_j: α_i - α_j stays constant along the step.
    (double, double) OppositeLabels(double alphaI, double alphaJ, double gi, double gj, double curvature)
    {
        double delta = (-gi - gj) / (curvature > 0 ? curvature : Tau);
        double difference = alphaI - alphaJ;
        alphaI += delta;
        alphaJ += delta;
        if (difference > 0) { if (alphaJ < 0) { alphaJ = 0; alphaI = difference; } }
        else if (alphaI < 0) { alphaI = 0; alphaJ = -difference; }
        if (difference > 0) { if (alphaI > _c) { alphaI = _c; alphaJ = _c - difference; } }
        else if (alphaJ > _c) { alphaJ = _c; alphaI = _c + difference; }
        return (alphaI, alphaJ);
    }

    // y_i = y_j: α_i + α_j stays constant along the step.
    (double, double) SameLabels(double alphaI, double alphaJ, double gi, double gj, double curvature)
    {
        double delta = (gi - gj) / (curvature > 0 ? curvature : Tau);
        double sum = alphaI + alphaJ;
        alphaI -= delta;
        alphaJ += delta;
        if (sum > _c) { if (alphaI > _c) { alphaI = _c; alphaJ = sum - _c; } }
        else if (alphaJ < 0) { alphaJ = 0; alphaI = sum; }
        if (sum > _c) { if (alphaJ > _c) { alphaJ = _c; alphaI = sum - _c; } }
        else if (alphaI < 0) { alphaI = 0; alphaJ = sum; }
        return (alphaI, alphaJ);
    }

    /// <summary>ρ: the mean of y_i ∇_i over the free α (0 &lt; α &lt; C); with none free, the middle of the feasible interval.</summary>
    double ComputeRho()
    {
        double upper = double.PositiveInfinity, lower = double.NegativeInfinity, freeSum = 0;
        int freeCount = 0;
        for (int t = 0; t < _n; t++)
        {
            double yGradient = _y[t] * Gradient[t];
            if (IsUpperBound(t))
            {
                if (_y[t] < 0) upper = Math.Min(upper, yGradient); else lower = Math.Max(lower, yGradient);
            }
            else if (IsLowerBound(t))
            {
                if (_y[t] > 0) upper = Math.Min(upper, yGradient); else lower = Math.Max(lower, yGradient);
            }
            else
            {
                freeCount++;
                freeSum += yGradient;
            }
        }
        return freeCount > 0 ? freeSum / freeCount : (upper + lower) / 2;
    }
}
