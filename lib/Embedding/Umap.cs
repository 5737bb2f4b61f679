// Umap: UMAP (McInnes, Healy & Melville 2018, arXiv:1802.03426), a 2-D map of high-dimensional rows that keeps
// neighbours together, as an alternative to t-SNE (lib/Embedding/Tsne.cs). Steps, following umap-learn 0.5
// (umap_.py, spectral.py, layouts.py) and its defaults:
//   1. a fuzzy graph from the exact k nearest neighbours: each point's distances are shifted by the nearest one
//      (rho) and scaled (sigma, by binary search) so that its k memberships sum to log2(k); the directed weights
//      are symmetrized by fuzzy union, w + w^T - w o w^T;
//   2. the map's similarity curve 1 / (1 + a d^(2b)), a and b fitted by least squares to min_dist and spread;
//   3. a start from the graph's spectral embedding (eigenvectors of the normalized Laplacian, by a thick-restart
//      Lanczos method on the sparse graph), each connected component on its own;
//   4. stochastic gradient descent: every edge is sampled in proportion to its weight, pulls its two ends
//      together and pushes one end away from 5 random points; the step falls linearly from 1 to 0.
// The neighbours and the graph use all cores; the layout runs on one thread (umap-learn's parallel layout lets
// threads race), so the same seed gives the same map on any machine and any number of threads.
using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using TorchSharp;
using static TorchSharp.torch;

public sealed class UmapResult
{
    /// <summary>N x 2 values: x0, y0, x1, y1, ...</summary>
    public float[] Embedding { get; init; }
    /// <summary>The fitted curve 1 / (1 + A d^(2B)) of the map's similarities.</summary>
    public double A { get; init; }
    public double B { get; init; }
    public int Epochs { get; init; }
    /// <summary>How the map started: "spectral", or what fell back to random and why.</summary>
    public string Initialization { get; init; }
    /// <summary>The fuzzy neighbour graph the map was laid out from (before the weakest edges were dropped).</summary>
    public FuzzyGraph Graph { get; init; }
    /// <summary>Wall seconds of each step: neighbours, graph, start, layout.</summary>
    public IReadOnlyList<(string Step, double Seconds)> Steps { get; init; }

    public float X(int i) => Embedding[2 * i];
    public float Y(int i) => Embedding[2 * i + 1];
}

/// <summary>UMAP's symmetric fuzzy graph as compressed sparse rows, with each point's rho and sigma.</summary>
public sealed class FuzzyGraph
{
    public int Count => RowStart.Length - 1;
    /// <summary>Row i's edges are at [RowStart[i], RowStart[i + 1]), columns ascending.</summary>
    public int[] RowStart { get; init; }
    public int[] Columns { get; init; }
    public double[] Weights { get; init; }
    /// <summary>Each point's distance to its nearest other point (its local connectivity).</summary>
    public double[] Rhos { get; init; }
    /// <summary>Each point's distance scale, found so that its memberships sum to log2(k).</summary>
    public double[] Sigmas { get; init; }

    /// <summary>The membership strength of edge (i, j); 0 when there is none.</summary>
    public double Weight(int i, int j)
    {
        int at = Array.BinarySearch(Columns, RowStart[i], RowStart[i + 1] - RowStart[i], j);
        return at >= 0 ? Weights[at] : 0;
    }
}

public static class Umap
{
    const int MapDimensions = 2;
    const double SigmaTolerance = 1e-5;        // umap-learn's SMOOTH_K_TOLERANCE
    const double SmallestSigmaShare = 1e-3;    // umap-learn's MIN_K_DIST_SCALE: sigma >= this x mean distance

    /// <summary>Embeds N rows of <paramref name="dimensions"/> values each (e.g. 50 PCA coordinates per image) into 2-D.</summary>
    public static UmapResult Embed(float[] rows, int dimensions, UmapOptions options = null)
    {
        options ??= new UmapOptions();
        ArgumentNullException.ThrowIfNull(rows);
        if (dimensions <= 0 || rows.Length % dimensions != 0)
            throw new ArgumentException($"{rows.Length} values are not whole rows of {dimensions}", nameof(rows));
        int n = rows.Length / dimensions;
        if (options.NeighborCount < 2)
            throw new ArgumentException($"NeighborCount = {options.NeighborCount}: UMAP needs at least 2 (the point and one other)");
        if (n < options.NeighborCount)
            throw new ArgumentException($"NeighborCount = {options.NeighborCount} (the point itself included) needs at least that many rows, got {n}");
        if (!(options.Spread > 0) || !(options.MinDistance >= 0) || options.MinDistance > options.Spread)
            throw new ArgumentException($"need 0 <= MinDistance <= Spread and Spread > 0, got MinDistance {options.MinDistance}, Spread {options.Spread}");
        if (options.Epochs < 0) throw new ArgumentException($"Epochs must be positive, or 0 for the default; got {options.Epochs}");
        if (!(options.LearningRate > 0)) throw new ArgumentException($"LearningRate must be positive, got {options.LearningRate}");
        if (options.NegativeSampleRate < 0) throw new ArgumentException($"NegativeSampleRate must be 0 or more, got {options.NegativeSampleRate}");
        if (options.ReportEvery < 1) throw new ArgumentException($"ReportEvery must be at least 1, got {options.ReportEvery}");
        foreach (float v in rows)
            if (!float.IsFinite(v)) throw new ArgumentException("rows contain NaN or infinity", nameof(rows));

        var steps = new List<(string, double)>();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        void StepDone(string step) { steps.Add((step, clock.Elapsed.TotalSeconds)); clock.Restart(); }
        NeighborLists neighbors = ExactNeighbors.Find(rows, dimensions, options.NeighborCount - 1, options.MaxThreads);
        StepDone("neighbours");
        FuzzyGraph graph = Graph(neighbors, options.MaxThreads);
        var (a, b) = FitCurve(options.MinDistance, options.Spread);
        int defaultEpochs = n <= 10000 ? 500 : 200;   // smaller data sets can afford more passes
        int epochs = options.Epochs > 0 ? options.Epochs : defaultEpochs;
        FuzzyGraph kept = WithoutWeakEdges(graph, epochs > 10 ? epochs : defaultEpochs);

        var random = new Random(options.Seed);
        string initialization = "random (uniform in [-10, 10])";
        double[] y = options.SpectralInitialization
            ? SpectralStart(kept, rows, dimensions, random, out initialization)
            : UniformNoise(2 * n, 10, random);
        ScaleToBox(y, 10);
        StepDone("graph and start");
        Optimize(kept, y, a, b, epochs, options);
        StepDone("layout");
        return new UmapResult
        {
            Embedding = y.Select(v => (float)v).ToArray(), A = a, B = b, Epochs = epochs,
            Initialization = initialization, Graph = graph, Steps = steps,
        };
    }

    // ---------- 1. the fuzzy neighbour graph ----------

    /// <summary>
    /// One point's rho (distance to its nearest other point) and sigma, from its distances to its k - 1 nearest
    /// others (ascending, Euclidean; k counts the point itself, as umap-learn's n_neighbors does). Sigma is found by
    /// binary search so that sum_j exp(-max(0, d_j - rho) / sigma) = log2(k) over the others (the point's own
    /// membership, 1, is not counted), then kept at least 1e-3 x the mean distance (the point's own 0 included),
    /// or at least <paramref name="floorWhenRhoIsZero"/> when all distances are 0.
    /// </summary>
    public static (double Rho, double Sigma) LocalScale(ReadOnlySpan<float> distances, double floorWhenRhoIsZero = 0)
    {
        if (distances.Length < 1) throw new ArgumentException("a point needs at least one neighbour", nameof(distances));
        double target = Math.Log2(distances.Length + 1);
        // rho: the nearest non-zero distance, so that duplicates of a point don't make every other distance look far.
        double rho = 0;
        foreach (float d in distances) if (d > 0) { rho = d; break; }
        double low = 0, high = double.PositiveInfinity, sigma = 1;
        for (int step = 0; step < 64; step++)
        {
            double sum = 0;
            foreach (float d in distances) sum += d - rho > 0 ? Math.Exp(-(d - rho) / sigma) : 1;
            if (Math.Abs(sum - target) < SigmaTolerance) break;
            // The sum grows with sigma: too big means sigma is too wide.
            if (sum > target) { high = sigma; sigma = (low + high) / 2; }
            else { low = sigma; sigma = double.IsPositiveInfinity(high) ? sigma * 2 : (low + high) / 2; }
        }
        double total = 0;
        foreach (float d in distances) total += d;
        double floor = rho > 0 ? SmallestSigmaShare * total / (distances.Length + 1) : floorWhenRhoIsZero;
        return (rho, Math.Max(sigma, floor));
    }

    /// <summary>
    /// The symmetric fuzzy graph of the neighbour lists (K = k - 1 others per point, squared distances as
    /// ExactNeighbors gives them): w_ij = exp(-max(0, d_ij - rho_i) / sigma_i) for j among i's neighbours, then
    /// the fuzzy union w_ij + w_ji - w_ij w_ji (the probability that either directed edge exists).
    /// </summary>
    public static FuzzyGraph Graph(NeighborLists neighbors, int maxThreads = -1)
    {
        ArgumentNullException.ThrowIfNull(neighbors);
        int n = neighbors.Count, k = neighbors.K;
        float[] distances = neighbors.SquaredDistances.Select(d => MathF.Sqrt(Math.Max(d, 0))).ToArray();
        double floorWhenRhoIsZero = SmallestSigmaShare * distances.Sum(d => (double)d) / ((double)n * (k + 1));
        var rhos = new double[n];
        var sigmas = new double[n];
        var directed = new double[n * k];
        Parallel.For(0, n, Parallelism.Options(maxThreads), i =>
        {
            ReadOnlySpan<float> row = distances.AsSpan(i * k, k);
            (rhos[i], sigmas[i]) = LocalScale(row, floorWhenRhoIsZero);
            for (int m = 0; m < k; m++)
            {
                double beyond = row[m] - rhos[i];
                directed[i * k + m] = beyond <= 0 ? 1 : Math.Exp(-beyond / sigmas[i]);
            }
        });

        // Both directions of an edge joined by fuzzy union; weights that underflowed to 0 are no edges (umap-learn's eliminate_zeros).
        var union = SymmetricNeighborGraph.Of(neighbors, directed, (a, b) => a + b - a * b, maxThreads);
        return new FuzzyGraph { RowStart = union.RowStart, Columns = union.Columns, Weights = union.Values, Rhos = rhos, Sigmas = sigmas };
    }

    // umap-learn drops edges too weak to be sampled even once in all the epochs (weight < max / epochs).
    static FuzzyGraph WithoutWeakEdges(FuzzyGraph graph, int epochs)
    {
        double threshold = graph.Weights.Max() / epochs;
        int n = graph.Count;
        var start = new int[n + 1];
        for (int i = 0; i < n; i++)
        {
            int strong = 0;
            for (int e = graph.RowStart[i]; e < graph.RowStart[i + 1]; e++) if (graph.Weights[e] >= threshold) strong++;
            start[i + 1] = start[i] + strong;
        }
        var columns = new int[start[n]];
        var weights = new double[start[n]];
        for (int i = 0, write = 0; i < n; i++)
            for (int e = graph.RowStart[i]; e < graph.RowStart[i + 1]; e++)
                if (graph.Weights[e] >= threshold) { columns[write] = graph.Columns[e]; weights[write++] = graph.Weights[e]; }
        return new FuzzyGraph { RowStart = start, Columns = columns, Weights = weights, Rhos = graph.Rhos, Sigmas = graph.Sigmas };
    }

    // ---------- 2. the map's similarity curve ----------

    /// <summary>
    /// a and b of the map's similarity 1 / (1 + a d^(2b)), fitted by least squares (Levenberg-Marquardt, as
    /// scipy's curve_fit in umap-learn's find_ab_params) to the wanted curve at 300 distances in [0, 3 spread]:
    /// 1 up to <paramref name="minDistance"/>, then exp(-(d - minDistance) / spread). Defaults give a = 1.577, b = 0.895.
    /// </summary>
    public static (double A, double B) FitCurve(double minDistance = 0.1, double spread = 1.0)
    {
        if (!(spread > 0) || !(minDistance >= 0) || minDistance > spread)
            throw new ArgumentException($"need 0 <= minDistance <= spread and spread > 0, got minDistance {minDistance}, spread {spread}");
        const int points = 300;
        var x = new double[points];
        var target = new double[points];
        for (int i = 0; i < points; i++)
        {
            x[i] = 3 * spread * i / (points - 1);
            target[i] = x[i] < minDistance ? 1 : Math.Exp(-(x[i] - minDistance) / spread);
        }

        double a = 1, b = 1, damping = 1e-3;   // curve_fit starts from all ones
        double cost = SquaredError(x, target, a, b);
        for (int step = 0; step < 1000; step++)
        {
            // Normal equations J^T J delta = -J^T r of the residuals r = curve - target, with d curve / d a and d b.
            double jaa = 0, jab = 0, jbb = 0, ga = 0, gb = 0;
            for (int i = 0; i < points; i++)
            {
                if (x[i] == 0) continue;   // the curve is 1 at d = 0 whatever a and b are
                double power = Math.Pow(x[i], 2 * b), denominator = 1 + a * power;
                double residual = 1 / denominator - target[i];
                double da = -power / (denominator * denominator);
                double db = -a * power * 2 * Math.Log(x[i]) / (denominator * denominator);
                jaa += da * da; jab += da * db; jbb += db * db;
                ga += da * residual; gb += db * residual;
            }
            // Levenberg-Marquardt: a damped Gauss-Newton step, damped more while steps fail to lower the error.
            double maa = jaa * (1 + damping), mbb = jbb * (1 + damping), determinant = maa * mbb - jab * jab;
            double stepA = -(mbb * ga - jab * gb) / determinant, stepB = -(maa * gb - jab * ga) / determinant;
            double newCost = SquaredError(x, target, a + stepA, b + stepB);
            if (newCost < cost)
            {
                bool settled = cost - newCost < 1e-15 * cost + 1e-30;
                a += stepA; b += stepB; cost = newCost; damping /= 10;
                if (settled) break;
            }
            else if ((damping *= 10) > 1e12) break;
        }
        return (a, b);
    }

    static double SquaredError(double[] x, double[] target, double a, double b)
    {
        double sum = 0;
        for (int i = 0; i < x.Length; i++)
        {
            double r = 1 / (1 + a * Math.Pow(x[i], 2 * b)) - target[i];
            sum += r * r;
        }
        return sum;
    }

    // ---------- 3. the spectral start ----------

    // umap-learn's spectral_layout: per connected component, the eigenvectors of the normalized Laplacian
    // I - D^-1/2 W D^-1/2 with the 2 smallest non-zero eigenvalues; components are laid out side by side (its
    // multi_component_layout), and the whole scaled to max |coordinate| 10 plus Gaussian noise of 1e-4.
    static double[] SpectralStart(FuzzyGraph graph, float[] rows, int dimensions, Random random, out string note)
    {
        int n = graph.Count;
        int[] component = ConnectedComponents(graph, out int componentCount);
        var members = new List<int>[componentCount];
        for (int c = 0; c < componentCount; c++) members[c] = new List<int>();
        for (int i = 0; i < n; i++) members[component[i]].Add(i);

        double[] centers = ComponentCenters(members, rows, dimensions);
        var y = new double[2 * n];
        var fallbacks = new List<string>();
        int totalProducts = 0;   // matrix-vector products the eigen-solver needed, to report its effort
        for (int c = 0; c < componentCount; c++)
        {
            // Each component fills a square around its centre, half as wide as the distance to the nearest other centre.
            double halfWidth = componentCount == 1 ? 1 : HalfDistanceToNearest(centers, c);
            int products = 0;
            double[] layout = members[c].Count >= 2 * MapDimensions ? ComponentSpectralLayout(graph, members[c], random, out products) : null;
            totalProducts += products;
            if (layout == null)
            {
                if (members[c].Count >= 2 * MapDimensions) fallbacks.Add($"a component of {members[c].Count} points (the eigen-solver did not converge)");
                layout = UniformNoise(2 * members[c].Count, 1, random);
            }
            double largest = layout.Max(v => Math.Abs(v));
            double expansion = largest > 0 ? halfWidth / largest : 1;
            for (int m = 0; m < members[c].Count; m++)
                for (int d = 0; d < MapDimensions; d++)
                    y[2 * members[c][m] + d] = centers[2 * c + d] + layout[2 * m + d] * expansion;
        }
        double scale = 10 / y.Max(v => Math.Abs(v));
        for (int v = 0; v < y.Length; v++) y[v] = y[v] * scale + 1e-4 * Gaussian(random);
        note = fallbacks.Count == 0
            ? componentCount == 1 ? "spectral" : $"spectral, {componentCount} connected components side by side"
            : $"spectral, {componentCount} components; random for {string.Join(", ", fallbacks)}";
        note += $" ({totalProducts} graph products)";
        return y;
    }

    // The connected components of the graph by breadth-first search, numbered in the order of their first point.
    static int[] ConnectedComponents(FuzzyGraph graph, out int count)
    {
        int n = graph.Count;
        var component = new int[n];
        Array.Fill(component, -1);
        var queue = new Queue<int>();
        count = 0;
        for (int start = 0; start < n; start++)
        {
            if (component[start] >= 0) continue;
            component[start] = count;
            queue.Enqueue(start);
            while (queue.Count > 0)
            {
                int i = queue.Dequeue();
                for (int e = graph.RowStart[i]; e < graph.RowStart[i + 1]; e++)
                    if (component[graph.Columns[e]] < 0) { component[graph.Columns[e]] = count; queue.Enqueue(graph.Columns[e]); }
            }
            count++;
        }
        return component;
    }

    // Where each component goes: up to 4 on the unit axes (+x, +y, -x, -y), as umap-learn does; more at the
    // first two principal components of their centroids in the data (umap-learn embeds the centroids spectrally
    // instead), scaled to max |coordinate| 1.
    static double[] ComponentCenters(List<int>[] members, float[] rows, int dimensions)
    {
        int count = members.Length;
        var centers = new double[2 * count];
        if (count == 1) return centers;
        if (count <= 2 * MapDimensions)
        {
            double[][] axes = { new[] { 1.0, 0 }, new[] { 0, 1.0 }, new[] { -1.0, 0 }, new[] { 0, -1.0 } };
            for (int c = 0; c < count; c++) { centers[2 * c] = axes[c][0]; centers[2 * c + 1] = axes[c][1]; }
            return centers;
        }
        var centroids = new float[count * dimensions];
        for (int c = 0; c < count; c++)
        {
            foreach (int i in members[c])
                for (int d = 0; d < dimensions; d++) centroids[c * dimensions + d] += rows[i * dimensions + d];
            for (int d = 0; d < dimensions; d++) centroids[c * dimensions + d] /= members[c].Count;
        }
        float[] projected = dimensions >= 2 ? Pca.Fit(centroids, dimensions).Transform(centroids, 2) : new float[2 * count];
        if (dimensions < 2) for (int c = 0; c < count; c++) projected[2 * c] = centroids[c];
        double largest = projected.Max(v => Math.Abs((double)v));
        for (int v = 0; v < centers.Length; v++) centers[v] = largest > 0 ? projected[v] / largest : 0;
        return centers;
    }

    static double HalfDistanceToNearest(double[] centers, int c)
    {
        double nearest = double.PositiveInfinity;
        for (int other = 0; other < centers.Length / 2; other++)
        {
            double dx = centers[2 * c] - centers[2 * other], dy = centers[2 * c + 1] - centers[2 * other + 1];
            double distance = Math.Sqrt(dx * dx + dy * dy);
            if (distance > 0) nearest = Math.Min(nearest, distance);
        }
        return double.IsPositiveInfinity(nearest) ? 1 : nearest / 2;
    }

    // One connected component's 2-D spectral layout (its points in the order of members), or null if the
    // eigen-solver does not converge. The eigenvectors of L = I - D^-1/2 W D^-1/2 with the smallest eigenvalues
    // are those of S = D^-1/2 W D^-1/2 with the largest; S's top one (eigenvalue 1) is sqrt(degree), known
    // exactly, so the solver looks for the next two in the space orthogonal to it.
    static double[] ComponentSpectralLayout(FuzzyGraph graph, List<int> members, Random random, out int products)
    {
        int size = members.Count;
        var local = new Dictionary<int, int>(size);
        for (int m = 0; m < size; m++) local[members[m]] = m;
        var rowStart = new int[size + 1];
        var columns = new List<int>();
        var weights = new List<double>();
        var degree = new double[size];
        for (int m = 0; m < size; m++)
        {
            int i = members[m];
            for (int e = graph.RowStart[i]; e < graph.RowStart[i + 1]; e++)
            {
                columns.Add(local[graph.Columns[e]]);
                weights.Add(graph.Weights[e]);
                degree[m] += graph.Weights[e];
            }
            rowStart[m + 1] = columns.Count;
        }
        var normalized = new double[weights.Count];
        for (int m = 0; m < size; m++)
            for (int e = rowStart[m]; e < rowStart[m + 1]; e++)
                normalized[e] = weights[e] / Math.Sqrt(degree[m] * degree[columns[e]]);
        int[] cols = columns.ToArray();
        void multiply(double[] x, double[] result)
        {
            for (int m = 0; m < size; m++)
            {
                double sum = 0;
                for (int e = rowStart[m]; e < rowStart[m + 1]; e++) sum += normalized[e] * x[cols[e]];
                result[m] = sum;
            }
        }
        double[] trivial = degree.Select(Math.Sqrt).ToArray();
        Scale(trivial, 1 / Norm(trivial));
        double[][] vectors = LargestEigenvectors(multiply, size, MapDimensions, trivial, random, out products);
        if (vectors == null) return null;
        var layout = new double[2 * size];
        for (int m = 0; m < size; m++)
            for (int d = 0; d < MapDimensions; d++) layout[2 * m + d] = vectors[d][m];
        return layout;
    }

    /// <summary>
    /// The <paramref name="wanted"/> eigenvectors with the largest eigenvalues of a symmetric operator on vectors
    /// of <paramref name="size"/> values, orthogonal to the unit vector <paramref name="excluded"/>; null when
    /// they don't reach a residual |S x - lambda x| below 1e-4 (umap-learn's tolerance) in the allowed restarts.
    /// Thick-restart Lanczos (Wu and Simon 2000) in its Rayleigh-Ritz form: grow an orthonormal Krylov basis V
    /// (each new vector is S times the last, orthogonalized against all before, twice for round-off), take the
    /// eigenvectors of the small matrix V^T S V (TorchSharp's eigh) as approximations, and when the basis is
    /// full, restart from the best third of them plus the direction of their residuals.
    /// </summary>
    public static double[][] LargestEigenvectors(Action<double[], double[]> multiply, int size, int wanted, double[] excluded, Random random,
        out int products, double tolerance = 1e-4, int maxRestarts = 200)
    {
        products = 0;
        int basisLimit = Math.Min(size - 1, Math.Max(4 * wanted + 8, 48));
        int keep = Math.Max(wanted + 1, basisLimit / 3);
        if (wanted > basisLimit) throw new ArgumentException($"{wanted} eigenvectors wanted of a {size}-point space");
        var basis = new List<double[]>();     // V: orthonormal columns, also orthogonal to `excluded`
        var images = new List<double[]>();    // S V, column by column
        double[] next = new double[size];
        for (int i = 0; i < size; i++) next[i] = Gaussian(random);
        for (int restart = 0; restart <= maxRestarts; restart++)
        {
            bool exhausted = false;   // the basis spans an invariant subspace: its approximations are exact
            while (basis.Count < basisLimit)
            {
                double before = Norm(next);
                for (int pass = 0; pass < 2; pass++)
                {
                    Subtract(next, excluded, Dot(next, excluded));
                    foreach (double[] v in basis) Subtract(next, v, Dot(next, v));
                }
                double after = Norm(next);
                if (after <= 1e-10 * before || after == 0) { exhausted = true; break; }
                Scale(next, 1 / after);
                var image = new double[size];
                multiply(next, image);
                products++;
                basis.Add(next);
                images.Add(image);
                next = (double[])image.Clone();
            }

            int m = basis.Count;
            var projected = new double[m * m];
            for (int r = 0; r < m; r++)
                for (int c = r; c < m; c++)
                    projected[r * m + c] = projected[c * m + r] = Dot(basis[r], images[c]);
            double[] values, vectors;
            using (torch.NewDisposeScope())
            {
                var (eigenvalues, eigenvectors) = torch.linalg.eigh(torch.tensor(projected, new long[] { m, m }));   // ascending
                values = eigenvalues.data<double>().ToArray();
                vectors = eigenvectors.contiguous().data<double>().ToArray();   // row r, column c at r * m + c
            }

            // Ritz vectors x = V y and S x = (S V) y for the largest eigenvalues, with their residuals S x - lambda x.
            int count = Math.Min(keep, m);
            var ritz = new double[count][];
            var ritzImages = new double[count][];
            var residualNorms = new double[count];
            double[] firstUnconverged = null;
            for (int q = 0; q < count; q++)
            {
                int column = m - 1 - q;
                ritz[q] = new double[size];
                ritzImages[q] = new double[size];
                for (int r = 0; r < m; r++)
                {
                    double weight = vectors[r * m + column];
                    Subtract(ritz[q], basis[r], -weight);
                    Subtract(ritzImages[q], images[r], -weight);
                }
                double[] residual = (double[])ritzImages[q].Clone();
                Subtract(residual, ritz[q], values[column]);
                residualNorms[q] = Norm(residual);
                if (q < wanted && residualNorms[q] >= tolerance && firstUnconverged == null) firstUnconverged = residual;
            }
            if (firstUnconverged == null || exhausted) return ritz.Take(wanted).ToArray();
            basis = ritz.ToList();
            images = ritzImages.ToList();
            next = firstUnconverged;
        }
        return null;
    }

    static double Dot(double[] a, double[] b)
    {
        double sum = 0;
        for (int i = 0; i < a.Length; i++) sum += a[i] * b[i];
        return sum;
    }

    static double Norm(double[] a) => Math.Sqrt(Dot(a, a));

    // a -= factor * b
    static void Subtract(double[] a, double[] b, double factor)
    {
        for (int i = 0; i < a.Length; i++) a[i] -= factor * b[i];
    }

    static void Scale(double[] a, double factor)
    {
        for (int i = 0; i < a.Length; i++) a[i] *= factor;
    }

    static double[] UniformNoise(int count, double halfWidth, Random random)
    {
        var values = new double[count];
        for (int i = 0; i < count; i++) values[i] = (2 * random.NextDouble() - 1) * halfWidth;
        return values;
    }

    static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    // umap-learn starts the layout with each coordinate scaled to [0, size].
    static void ScaleToBox(double[] y, double size)
    {
        for (int d = 0; d < MapDimensions; d++)
        {
            double low = double.PositiveInfinity, high = double.NegativeInfinity;
            for (int i = d; i < y.Length; i += MapDimensions) { low = Math.Min(low, y[i]); high = Math.Max(high, y[i]); }
            double width = high > low ? high - low : 1;
            for (int i = d; i < y.Length; i += MapDimensions) y[i] = size * (y[i] - low) / width;
        }
    }

    // ---------- 4. the stochastic layout ----------

    // umap-learn's optimize_layout_euclidean, on one thread. Edge e is sampled every w_max / w_e epochs (the
    // strongest every epoch); each sample pulls its two ends together along the gradient of
    // log(1 / (1 + a d^2b)), and pushes its head away from NegativeSampleRate random points along the gradient of
    // log(1 - 1 / (1 + a d^2b)); every step is clipped to [-4, 4] per coordinate and scaled by the learning rate.
    static void Optimize(FuzzyGraph graph, double[] y, double a, double b, int epochs, UmapOptions options)
    {
        int n = graph.Count, edges = graph.Columns.Length;
        var head = new int[edges];
        for (int i = 0; i < n; i++)
            for (int e = graph.RowStart[i]; e < graph.RowStart[i + 1]; e++) head[e] = i;
        int[] tail = graph.Columns;
        double strongest = graph.Weights.Max();
        var epochsPerSample = graph.Weights.Select(w => strongest / w).ToArray();
        var epochsPerNegativeSample = epochsPerSample.Select(s => s / Math.Max(options.NegativeSampleRate, 1)).ToArray();
        var nextSample = (double[])epochsPerSample.Clone();
        var nextNegativeSample = (double[])epochsPerNegativeSample.Clone();
        var random = new FastRandom(options.Seed);
        double gamma = options.RepulsionStrength;

        double alpha = options.LearningRate;
        for (int epoch = 0; epoch < epochs; epoch++)
        {
            for (int e = 0; e < edges; e++)
            {
                if (nextSample[e] > epoch) continue;
                int i = head[e], j = tail[e];
                double dx = y[2 * i] - y[2 * j], dy = y[2 * i + 1] - y[2 * j + 1];
                double d2 = dx * dx + dy * dy;
                if (d2 > 0)
                {
                    // d/d(y_i) of log(1 / (1 + a d^2b)) = -2ab d^(2(b-1)) / (1 + a d^2b) (y_i - y_j)
                    double power = Math.Pow(d2, b);
                    double pull = -2 * a * b * (power / d2) / (1 + a * power);
                    double gx = Clip(pull * dx) * alpha, gy = Clip(pull * dy) * alpha;
                    y[2 * i] += gx; y[2 * i + 1] += gy;
                    y[2 * j] -= gx; y[2 * j + 1] -= gy;
                }
                nextSample[e] += epochsPerSample[e];

                // Negative samples owed since the last time, at NegativeSampleRate per positive sample.
                int negatives = options.NegativeSampleRate == 0 ? 0 : (int)((epoch - nextNegativeSample[e]) / epochsPerNegativeSample[e]);
                for (int s = 0; s < negatives; s++)
                {
                    int k = random.Below(n);
                    if (k == i) continue;
                    dx = y[2 * i] - y[2 * k]; dy = y[2 * i + 1] - y[2 * k + 1];
                    d2 = dx * dx + dy * dy;
                    if (d2 <= 0) continue;   // a point on top of i gives no direction to push
                    // d/d(y_i) of gamma log(1 - 1 / (1 + a d^2b)) = 2 gamma b / ((0.001 + d^2)(1 + a d^2b)) (y_i - y_k);
                    // the 0.001 keeps the push finite for points almost on top of each other.
                    double push = 2 * gamma * b / ((0.001 + d2) * (1 + a * Math.Pow(d2, b)));
                    y[2 * i] += Clip(push * dx) * alpha;
                    y[2 * i + 1] += Clip(push * dy) * alpha;
                }
                nextNegativeSample[e] += negatives * epochsPerNegativeSample[e];
            }
            alpha = options.LearningRate * (1 - (double)epoch / epochs);   // as umap-learn: epoch 1 still at full rate
            if (options.Progress != null && ((epoch + 1) % options.ReportEvery == 0 || epoch == epochs - 1))
                options.Progress(epoch + 1, y.Select(v => (float)v).ToArray());
        }
    }

    static double Clip(double gradient) => Math.Clamp(gradient, -4, 4);

    // xorshift64* (Vigna 2016): a small, fast, seeded generator for the millions of negative samples.
    sealed class FastRandom
    {
        ulong _state;

        public FastRandom(int seed)
        {
            // SplitMix64 of the seed, so that nearby seeds give unrelated streams and the state is never 0.
            ulong z = (ulong)seed + 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            _state = (z ^ (z >> 31)) | 1;
        }

        public int Below(int n)
        {
            _state ^= _state >> 12;
            _state ^= _state << 25;
            _state ^= _state >> 27;
            return (int)((_state * 0x2545F4914F6CDD1DUL >> 33) % (ulong)n);
        }
    }
}
