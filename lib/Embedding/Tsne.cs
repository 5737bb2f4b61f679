// Tsne: Barnes-Hut t-SNE (van der Maaten 2014), a 2-D map of high-dimensional rows that keeps neighbours together.
// Steps: exact k = 3 x perplexity nearest neighbours; per point, a Gaussian whose width gives the wanted perplexity;
// symmetrized sparse P; then gradient descent on KL(P || Q) with Student-t Q, attraction over P's non-zeros and
// repulsion through a QuadTree, or for large N by FFT interpolation (InterpolatedRepulsion, FIt-SNE). Defaults follow sklearn.manifold.TSNE 1.2 (early exaggeration 12 for 250
// iterations, momentum 0.5 then 0.8, gains, learning rate 'auto', PCA initialization), so results compare.
// Multi-threaded over groups of nearby points, with every sum taken in a fixed order: the same seed gives the
// same map on any number of threads.
using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.Intrinsics;
using System.Threading.Tasks;

public sealed class TsneResult
{
    /// <summary>N x 2 values: x0, y0, x1, y1, ...</summary>
    public float[] Embedding { get; init; }
    /// <summary>KL(P || Q) of the final map, as sklearn's kl_divergence_ reports it.</summary>
    public double KlDivergence { get; init; }
    public IReadOnlyList<(int Iteration, double KlDivergence)> History { get; init; }

    public float X(int i) => Embedding[2 * i];
    public float Y(int i) => Embedding[2 * i + 1];
}

public static class Tsne
{
    const int Chunk = 256;   // points per parallel work item; fixed, so sums never depend on the thread count
    [ThreadStatic] static QuadTree.InteractionList t_interactions;   // each thread's scratch list for the tree walks

    /// <summary>Embeds N rows of <paramref name="dimensions"/> values each (e.g. 50 PCA coordinates per image) into 2-D.</summary>
    public static TsneResult Embed(float[] rows, int dimensions, TsneOptions options = null)
    {
        options ??= new TsneOptions();
        ArgumentNullException.ThrowIfNull(rows);
        if (dimensions <= 0 || rows.Length % dimensions != 0)
            throw new ArgumentException($"{rows.Length} values are not whole rows of {dimensions}", nameof(rows));
        int n = rows.Length / dimensions;
        int k = Math.Min(n - 1, (int)(3 * options.Perplexity + 1));
        if (options.Perplexity <= 0 || n - 1 < options.Perplexity)
            throw new ArgumentException($"perplexity {options.Perplexity} needs more than that many rows (got {n}) and must be positive");
        if (options.Theta <= 0 || options.Theta >= 1)
            throw new ArgumentException($"theta must be in (0, 1), got {options.Theta}");
        if (!Enum.IsDefined(options.Repulsion))
            throw new ArgumentException($"repulsion must be one of {string.Join(", ", Enum.GetNames<TsneRepulsion>())}, got {(int)options.Repulsion}");

        NeighborLists neighbors = ExactNeighbors.Find(rows, dimensions, k, options.MaxThreads);
        SparseAffinities p = JointProbabilities(neighbors, options.Perplexity, options.MaxThreads);
        double[] y = options.PcaInitialization ? PcaStart(rows, dimensions) : RandomStart(n, options.Seed);
        return Optimize(p, y, options);
    }

    /// <summary>
    /// KL(P || Q) of a finished <paramref name="map"/> of the rows, computed exactly: P as <see cref="Embed"/> builds it
    /// from the same rows and options, Q's normalization Z summed over all N^2 pairs (no tree, no grid). The KL that
    /// <see cref="Embed"/> reports uses its own approximate Z; this one judges maps made by different approximations
    /// on equal terms. Costs N^2: seconds for 70,000 points.
    /// </summary>
    public static double ExactKlDivergence(float[] rows, int dimensions, float[] map, TsneOptions options = null)
    {
        options ??= new TsneOptions();
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(map);
        if (dimensions <= 0 || rows.Length % dimensions != 0)
            throw new ArgumentException($"{rows.Length} values are not whole rows of {dimensions}", nameof(rows));
        int n = rows.Length / dimensions;
        if (map.Length != 2 * n) throw new ArgumentException($"a map of {n} points needs {2 * n} coordinates, got {map.Length}", nameof(map));
        int k = Math.Min(n - 1, (int)(3 * options.Perplexity + 1));
        SparseAffinities p = JointProbabilities(ExactNeighbors.Find(rows, dimensions, k, options.MaxThreads), options.Perplexity, options.MaxThreads);
        var rowSums = new double[n];
        ForChunks(n, options.MaxThreads, (start, end) =>
        {
            for (int i = start; i < end; i++) rowSums[i] = CauchySum(map, i);
        });
        double z = rowSums.Sum(), kl = 0;
        for (int i = 0; i < n; i++)
            for (int e = p.RowStart[i]; e < p.RowStart[i + 1]; e++)
            {
                int j = p.Columns[e];
                double dx = map[2 * i] - map[2 * j], dy = map[2 * i + 1] - map[2 * j + 1];
                kl += p.Values[e] * Math.Log(p.Values[e] * (1 + dx * dx + dy * dy) * z);
            }
        return kl;
    }

    // sum over j != i of 1 / (1 + |y_i - y_j|^2), eight points at a time.
    static double CauchySum(float[] map, int i)
    {
        int n = map.Length / 2;
        Vector256<float> xi = Vector256.Create(map[2 * i]), yi = Vector256.Create(map[2 * i + 1]), one = Vector256.Create(1f);
        Vector256<float> sum = Vector256<float>.Zero;
        double total = 0;
        int j = 0;
        for (; j + 8 <= n; j += 8)
        {
            // (x, y) pairs of 8 points: deinterleave the 16 floats into 8 x and 8 y.
            Vector256<float> a = Vector256.Create(map.AsSpan(2 * j, 8)), b = Vector256.Create(map.AsSpan(2 * j + 8, 8));
            Vector256<float> x = Vector256.Create(a[0], a[2], a[4], a[6], b[0], b[2], b[4], b[6]);
            Vector256<float> y = Vector256.Create(a[1], a[3], a[5], a[7], b[1], b[3], b[5], b[7]);
            Vector256<float> dx = xi - x, dy = yi - y;
            sum += one / (one + dx * dx + dy * dy);
            if ((j & 1023) == 1016) { total += Vector256.Sum(sum); sum = Vector256<float>.Zero; }   // float sums of at most 1,024 terms
        }
        total += Vector256.Sum(sum);
        for (; j < n; j++)
        {
            double dx = map[2 * i] - map[2 * j], dy = map[2 * i + 1] - map[2 * j + 1];
            total += 1 / (1 + dx * dx + dy * dy);
        }
        return total - 1;   // the point's own term
    }

    // ---------- input similarities ----------

    /// <summary>
    /// p(j | i) for one point's neighbours, from their squared distances: a Gaussian whose precision is found by
    /// binary search so that the entropy (in nats) equals log(perplexity).
    /// </summary>
    public static double[] ConditionalProbabilities(ReadOnlySpan<float> squaredDistances, double perplexity)
    {
        double target = Math.Log(perplexity), nearest = double.MaxValue;
        foreach (float d in squaredDistances) nearest = Math.Min(nearest, d);
        var p = new double[squaredDistances.Length];
        double beta = 1, low = 0, high = double.PositiveInfinity;
        for (int step = 0; step < 200; step++)
        {
            // Distances shifted by the nearest one: the same probabilities, without underflow to all zeros.
            double sum = 0, weighted = 0;
            for (int j = 0; j < p.Length; j++)
            {
                double shifted = squaredDistances[j] - nearest;
                p[j] = Math.Exp(-beta * shifted);
                sum += p[j];
                weighted += shifted * p[j];
            }
            double entropy = Math.Log(sum) + beta * weighted / sum;
            for (int j = 0; j < p.Length; j++) p[j] /= sum;
            if (Math.Abs(entropy - target) < 1e-9) break;
            if (entropy > target) { low = beta; beta = double.IsPositiveInfinity(high) ? beta * 2 : (beta + high) / 2; }
            else { high = beta; beta = (beta + low) / 2; }
        }
        return p;
    }

    /// <summary>Entropy in nats of a probability vector (for checking a calibration).</summary>
    public static double Entropy(ReadOnlySpan<double> p)
    {
        double h = 0;
        foreach (double v in p) if (v > 0) h -= v * Math.Log(v);
        return h;
    }

    // P as compressed sparse rows, symmetric, summing to 1.
    sealed class SparseAffinities
    {
        public int[] RowStart, Columns;
        public double[] Values;
        public float[] SingleValues;   // the same in single precision, for the attraction's vector loop
        public int Count => RowStart.Length - 1;
    }

    // p_ij = (p(j|i) + p(i|j)) / 2N, kept only where j is a neighbour of i or i of j.
    static SparseAffinities JointProbabilities(NeighborLists neighbors, double perplexity, int maxThreads)
    {
        int n = neighbors.Count, k = neighbors.K;
        var conditional = new double[n * k];
        ForChunks(n, maxThreads, (start, end) =>
        {
            for (int i = start; i < end; i++)
                ConditionalProbabilities(neighbors.SquaredDistances.AsSpan(i * k, k), perplexity).CopyTo(conditional, i * k);
        });

        // p_ij = (p(j|i) + p(i|j)) / 2N: each direction's share divided by 2N, the two added where both exist.
        for (int e = 0; e < conditional.Length; e++) conditional[e] /= 2.0 * n;
        var joint = SymmetricNeighborGraph.Of(neighbors, conditional, (a, b) => a + b, maxThreads);
        return new SparseAffinities
        {
            RowStart = joint.RowStart, Columns = joint.Columns, Values = joint.Values,
            SingleValues = joint.Values.Select(v => (float)v).ToArray(),
        };
    }

    // ---------- starting map ----------

    // sklearn's init='pca': the first two principal components, scaled so the first has standard deviation 1e-4.
    static double[] PcaStart(float[] rows, int dimensions)
    {
        float[] z = Pca.Fit(rows, dimensions).Transform(rows, 2);
        int n = z.Length / 2;
        double mean = 0, squares = 0;
        for (int i = 0; i < n; i++) mean += z[2 * i];
        mean /= n;
        for (int i = 0; i < n; i++) squares += (z[2 * i] - mean) * (z[2 * i] - mean);
        double scale = 1e-4 / Math.Sqrt(squares / n);
        return z.Select(v => v * scale).ToArray();
    }

    // sklearn's init='random': Gaussian noise with standard deviation 1e-4.
    static double[] RandomStart(int n, int seed)
    {
        var random = new Random(seed);
        var y = new double[2 * n];
        for (int i = 0; i < y.Length; i++)
        {
            double u1 = 1 - random.NextDouble(), u2 = random.NextDouble();
            y[i] = 1e-4 * Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
        }
        return y;
    }

    // ---------- optimization ----------

    static TsneResult Optimize(SparseAffinities p, double[] y, TsneOptions options)
    {
        int n = p.Count;
        // Point k of the arrays below is the caller's point original[k]: every ReorderEvery iterations the points are
        // put in the order of a curve through the map (MapOrder), so that neighbours sit near each other in memory.
        int[] original = Enumerable.Range(0, n).ToArray();
        var reordered = new SparseAffinities();
        double learningRate = options.LearningRate > 0 ? options.LearningRate : Math.Max(n / options.EarlyExaggeration / 4, 50);
        var update = new double[2 * n];
        var gains = new double[2 * n];
        var history = new List<(int, double)>();
        double kl = double.NaN;
        using var work = new GradientWork(y, UsesFft(options.Repulsion, n), options.MaxThreads);
        for (int iteration = 0; iteration < options.Iterations; iteration++)
        {
            if (iteration % ReorderEvery == 0)
            {
                (p, reordered) = (Reorder(p, MapOrder(y), y, update, gains, original, reordered, options.MaxThreads), p);
                for (int c = 0; c < y.Length; c++) work.SingleMap[c] = (float)y[c];
            }
            bool exploring = iteration < options.ExaggerationIterations;
            if (iteration == 0 || iteration == options.ExaggerationIterations)
            {
                // Each stage starts with fresh momentum and gains, as sklearn's two calls of its optimizer do.
                Array.Clear(update);
                Array.Fill(gains, 1.0);
            }
            double exaggeration = exploring ? options.EarlyExaggeration : 1;
            double momentum = exploring ? 0.5 : 0.8;
            bool report = (iteration + 1) % options.ReportEvery == 0 || iteration == options.Iterations - 1;
            (double z, double? klNow) = Forces(p, y, exaggeration, options.Theta, options.MaxThreads, work, computeKl: report);
            double[] attraction = work.Attraction, repulsion = work.Repulsion;
            float[] singleMap = work.SingleMap;
            ForChunks(n, options.MaxThreads, (start, end) =>
            {
                for (int c = 2 * start; c < 2 * end; c++)
                {
                    // dC/dy = 4 (attraction - repulsion / Z). Delta-bar-delta gains: grow a coordinate's step while the
                    // gradient keeps its direction.
                    double gradient = 4 * (attraction[c] - repulsion[c] / z);
                    gains[c] = update[c] * gradient < 0 ? gains[c] + 0.2 : Math.Max(gains[c] * 0.8, 0.01);
                    update[c] = momentum * update[c] - learningRate * gains[c] * gradient;
                    y[c] += update[c];
                    singleMap[c] = (float)y[c];
                }
            });
            if (report)
            {
                kl = klNow.Value;
                history.Add((iteration + 1, kl));
                options.Progress?.Invoke(iteration + 1, kl);
                options.Snapshot?.Invoke(iteration + 1, InOriginalOrder(y, original));
            }
        }
        return new TsneResult { Embedding = InOriginalOrder(y, original), KlDivergence = kl, History = history };
    }

    // ---------- the points' order in memory ----------

    // Each point's attraction reads the map positions of its ~130 neighbours in P. In the caller's order those are
    // scattered over the whole map array; in the order of a curve through the map, neighbours on the map (which
    // t-SNE makes of P's neighbours) sit near each other in memory, and the attraction ran twice as fast on 70,000
    // points (4 ms against 8 to 11). The map changes, so the order is found again every ReorderEvery iterations.
    const int ReorderEvery = 250;

    // The points in Morton (Z) order of their map positions on a 65,536 x 65,536 grid over the map: new k -> old index.
    static int[] MapOrder(double[] y)
    {
        int n = y.Length / 2;
        double minX = double.MaxValue, minY = double.MaxValue, maxX = double.MinValue, maxY = double.MinValue;
        for (int i = 0; i < n; i++)
        {
            minX = Math.Min(minX, y[2 * i]); maxX = Math.Max(maxX, y[2 * i]);
            minY = Math.Min(minY, y[2 * i + 1]); maxY = Math.Max(maxY, y[2 * i + 1]);
        }
        double scaleX = 65535 / Math.Max(maxX - minX, 1e-300), scaleY = 65535 / Math.Max(maxY - minY, 1e-300);
        var keys = new long[n];
        for (int i = 0; i < n; i++)
        {
            long cellX = (long)((y[2 * i] - minX) * scaleX), cellY = (long)((y[2 * i + 1] - minY) * scaleY), key = 0;
            for (int bit = 0; bit < 16; bit++)
                key |= ((cellX >> bit) & 1) << (2 * bit) | ((cellY >> bit) & 1) << (2 * bit + 1);
            keys[i] = key;
        }
        int[] order = Enumerable.Range(0, n).ToArray();
        Array.Sort(keys, order);   // equal keys: the sort is unstable, so break ties by index below
        for (int start = 0; start < n;)
        {
            int end = start + 1;
            while (end < n && keys[end] == keys[start]) end++;
            if (end - start > 1) Array.Sort(order, start, end - start);
            start = end;
        }
        return order;
    }

    // Puts everything indexed by point in `order` (new k -> current index): the map, the optimizer's state, the
    // record of original indices, and P (into `target`'s arrays, reused when they fit; each row's columns sorted).
    static SparseAffinities Reorder(SparseAffinities p, int[] order, double[] y, double[] update, double[] gains, int[] original,
        SparseAffinities target, int maxThreads)
    {
        int n = order.Length;
        var rank = new int[n];
        for (int k = 0; k < n; k++) rank[order[k]] = k;
        foreach (double[] perPoint in new[] { y, update, gains })
        {
            double[] before = (double[])perPoint.Clone();
            for (int k = 0; k < n; k++)
            {
                perPoint[2 * k] = before[2 * order[k]];
                perPoint[2 * k + 1] = before[2 * order[k] + 1];
            }
        }
        int[] originalBefore = (int[])original.Clone();
        for (int k = 0; k < n; k++) original[k] = originalBefore[order[k]];

        int edges = p.Columns.Length;
        if (target.Columns?.Length != edges)
        {
            target.RowStart = new int[n + 1];
            target.Columns = new int[edges];
            target.Values = new double[edges];
            target.SingleValues = new float[edges];
        }
        for (int k = 0; k < n; k++) target.RowStart[k + 1] = target.RowStart[k] + p.RowStart[order[k] + 1] - p.RowStart[order[k]];
        ForChunks(n, maxThreads, (start, end) =>
        {
            for (int k = start; k < end; k++)
            {
                int from = p.RowStart[order[k]], to = target.RowStart[k], length = target.RowStart[k + 1] - to;
                for (int e = 0; e < length; e++)
                {
                    target.Columns[to + e] = rank[p.Columns[from + e]];
                    target.Values[to + e] = p.Values[from + e];
                }
                Array.Sort(target.Columns, target.Values, to, length);
                for (int e = 0; e < length; e++) target.SingleValues[to + e] = (float)target.Values[to + e];
            }
        });
        return target;
    }

    // A map in the caller's order: point original[k] is at k.
    static float[] InOriginalOrder(double[] y, int[] original)
    {
        var map = new float[y.Length];
        for (int k = 0; k < original.Length; k++)
        {
            map[2 * original[k]] = (float)y[2 * k];
            map[2 * original[k] + 1] = (float)y[2 * k + 1];
        }
        return map;
    }

    /// <summary>Whether a run of <paramref name="n"/> points with this choice sums the repulsion by FFT interpolation.</summary>
    public static bool UsesFft(TsneRepulsion repulsion, int n) =>
        repulsion == TsneRepulsion.Fft || (repulsion == TsneRepulsion.Auto && n >= TsneOptions.FftFromPoints);

    // The gradient's two parts, dC/dy_i = 4 (attraction_i - repulsion_i / Z): into work.Attraction
    // exaggeration * sum_j p_ij q_ij (y_i - y_j), into work.Repulsion sum_j q_ij^2 (y_i - y_j), with q_ij unnormalized;
    // returns Z = sum of all q_ij, and KL(P || Q) of the current map (with P unexaggerated) when asked.
    static (double Z, double? Kl) Forces(SparseAffinities p, double[] y, double exaggeration, double theta, int maxThreads,
        GradientWork work, bool computeKl)
    {
        int n = p.Count;
        double[] gradient = work.Attraction, repulsion = work.Repulsion, klTerms = work.KlTerms;
        float[] singleMap = work.SingleMap;
        double z;
        if (work.Interpolation is not null)
        {
            // The attraction on .NET's threads while the repulsion's FFTs run on a thread of their own.
            z = work.Interpolation.Compute(y, repulsion, meanwhile: () => ForChunks(n, maxThreads, (start, end) =>
            {
                for (int i = start; i < end; i++) Attraction(p, singleMap, i, exaggeration, computeKl, gradient, klTerms);
            }));
        }
        else
        {
            QuadTree tree = work.Tree;
            double[] sumQ = work.SumQ;
            tree.Rebuild();
            // One work item per group of nearby points: its tree walk for the repulsion, then its points' attraction.
            Parallel.For(0, tree.GroupCount, Parallelism.Options(maxThreads), group =>
            {
                tree.GroupRepulsion(group, theta, t_interactions ??= new QuadTree.InteractionList(), repulsion, sumQ);
                foreach (int i in tree.GroupPoints(group)) Attraction(p, singleMap, i, exaggeration, computeKl, gradient, klTerms);
            });
            z = 0;
            for (int i = 0; i < n; i++) z += sumQ[i];
        }
        if (!computeKl) return (z, null);
        // KL = sum p log(p / (q / Z)) = sum p log(p / q) + log Z, since P sums to 1.
        double total = 0;
        for (int i = 0; i < n; i++) total += klTerms[i];
        return (z, total + Math.Log(z));
    }

    // Point i's attraction, exaggeration * sum_j p_ij q_ij (y_i - y_j), into gradient, and its KL term when asked:
    // eight neighbours at a time in single precision (Vector256: AVX on x86, two NEON registers on ARM), twice as
    // fast as one at a time in double precision on 70,000 points (130 neighbours each once P is symmetric), the
    // forces within 3e-7 of the largest one of the double-precision loop.
    static void Attraction(SparseAffinities p, float[] singleMap, int i, double exaggeration, bool computeKl,
        double[] gradient, double[] klTerms)
    {
        int start = p.RowStart[i], end = p.RowStart[i + 1];
        int[] columns = p.Columns;
        float[] values = p.SingleValues, map = singleMap;
        float x = map[2 * i], y = map[2 * i + 1];
        Vector256<float> xi = Vector256.Create(x), yi = Vector256.Create(y), one = Vector256.Create(1f);
        Vector256<float> ax = Vector256<float>.Zero, ay = Vector256<float>.Zero, kl = Vector256<float>.Zero;
        int e = start;
        for (; e + 8 <= end; e += 8)
        {
            int j0 = 2 * columns[e], j1 = 2 * columns[e + 1], j2 = 2 * columns[e + 2], j3 = 2 * columns[e + 3],
                j4 = 2 * columns[e + 4], j5 = 2 * columns[e + 5], j6 = 2 * columns[e + 6], j7 = 2 * columns[e + 7];
            Vector256<float> dx = xi - Vector256.Create(map[j0], map[j1], map[j2], map[j3], map[j4], map[j5], map[j6], map[j7]);
            Vector256<float> dy = yi - Vector256.Create(map[j0 + 1], map[j1 + 1], map[j2 + 1], map[j3 + 1], map[j4 + 1], map[j5 + 1], map[j6 + 1], map[j7 + 1]);
            Vector256<float> pij = Vector256.Create(values.AsSpan(e, 8)), spread = one + dx * dx + dy * dy;   // 1 / q_ij
            Vector256<float> pq = pij / spread;
            ax += pq * dx;
            ay += pq * dy;
            if (computeKl) kl += pij * Vector256.Log(pij * spread);   // p log(p / q)
        }
        double sumX = Vector256.Sum(ax), sumY = Vector256.Sum(ay), sumKl = Vector256.Sum(kl);
        for (; e < end; e++)
        {
            int j = 2 * columns[e];
            float dx = x - map[j], dy = y - map[j + 1], spread = 1 + dx * dx + dy * dy, pq = values[e] / spread;
            sumX += pq * dx;
            sumY += pq * dy;
            if (computeKl) sumKl += values[e] * Math.Log(values[e] * spread);
        }
        gradient[2 * i] = sumX * exaggeration;
        gradient[2 * i + 1] = sumY * exaggeration;
        if (computeKl) klTerms[i] = sumKl;
    }

    // Memory the gradient reuses every iteration (the tree or the interpolation grid included), instead of garbage
    // per iteration. One of Tree and Interpolation is set.
    sealed class GradientWork : IDisposable
    {
        public readonly QuadTree Tree;
        public readonly InterpolatedRepulsion Interpolation;
        // SumQ: each point's sum of q from the tree (the interpolation gives their total, Z, directly). KlTerms:
        // sum_j p_ij log(p_ij / q_ij) per i, q unnormalized.
        public readonly double[] Attraction, Repulsion, SumQ, KlTerms;
        public readonly float[] SingleMap;   // the map in single precision, for the attraction's vector loop

        public GradientWork(double[] y, bool fft, int maxThreads)
        {
            if (fft) Interpolation = new InterpolatedRepulsion(y.Length / 2, maxThreads);
            else
            {
                Tree = new QuadTree(y);
                SumQ = new double[y.Length / 2];
            }
            Attraction = new double[y.Length];
            Repulsion = new double[y.Length];
            SingleMap = y.Select(v => (float)v).ToArray();
            KlTerms = new double[y.Length / 2];
        }

        public void Dispose() => Interpolation?.Dispose();
    }

    static void ForChunks(int n, int maxThreads, Action<int, int> body) =>
        Parallel.For(0, (n + Chunk - 1) / Chunk, Parallelism.Options(maxThreads),
            chunk => body(chunk * Chunk, Math.Min(n, (chunk + 1) * Chunk)));
}
