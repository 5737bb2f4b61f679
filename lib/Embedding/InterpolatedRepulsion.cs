// InterpolatedRepulsion: t-SNE's repulsive forces in 2-D by interpolation on an equispaced grid and FFT
// convolution, as FIt-SNE (Linderman, Rachh, Hoskins, Steinerberger, Kluger 2019, "Fast interpolation-based
// t-SNE for improved visualization of single-cell RNA-seq data", Nature Methods; arXiv:1712.09005) does, with
// its grid (quadratic interpolation, 3 nodes per interval, nodes 1/3 map unit apart at most, at least 150 of them
// per side) but for three changes.
// 1. Node placement. FIt-SNE puts a box's nodes at 1/6, 1/2 and 5/6 of it, so a point near the box's edge is
//    extrapolated (measured: a point's own term came back 32% too large at a box's corner, and 2,000 Fashion-MNIST
//    points ended with a KL 8% above Barnes-Hut's); here the end nodes sit on the box's edges and are shared with
//    the neighbour box (boxes 2/3 unit wide for the same node spacing), so every point is interpolated inside its nodes.
// 2. Kernels instead of charges. FIt-SNE spreads four charges per point (1, x, y, x^2 + y^2) and convolves them with
//    the squared kernel, then forms each force as a difference y_i phi_1 - phi_y of large numbers, which needs double
//    precision. Here every point carries one unit charge, convolved with the two components of the force kernel
//    d/(1+d^2)^2, so nothing cancels; and Z, a single number, comes from the charges' spectrum and the Cauchy
//    kernel's by Parseval's theorem, without a transform back. One forward and two inverse transforms instead of
//    four and four, in single precision. The price: interpolating the force kernel itself smooths the closest
//    pairs' forces a little more than FIt-SNE's scheme (repulsion 2.3e-2 from the exact sums on a 70,000-point map,
//    against 1.4e-2; KL of the final map 1.4% above Barnes-Hut's there, about 6% on a 400-point map).
// 3. Near and far kernels on two grids. Whole kernels need the grid zero-padded to twice its size, so that no pair of
//    nodes wraps around. On a wide map each kernel is split: its near part (whole up to NearReach / 2 = 15 map units,
//    fading smoothly to zero at NearReach) on the fine grid, which then needs padding by NearReach only; its far part,
//    smooth and zero near the origin, on a coarse grid (nodes 1.5 units apart, a few hundred per side at most). On
//    the 70,000-point map (207 units wide) the fine FFT's length went from 1,250 to 720, a third of the work, and the
//    errors against the exact sums stayed the same to three digits.
// What t-SNE's gradient needs (lib/Embedding/Tsne.cs):
//   repulsion_i = sum_j (y_i - y_j) / (1 + |y_i - y_j|^2)^2     for each point i
//   Z           = sum_{i != j} 1 / (1 + |y_i - y_j|^2)
// How: the map's bounding square is cut into intervals x intervals boxes, each with 3 x 3 equispaced nodes (shared
// along the edges, so the nodes form one equispaced grid); every point's unit charge goes to the 9 nodes of its box
// with Lagrange interpolation weights; the node-to-node sums of a translation-invariant kernel are a 2-D convolution,
// done by FFT on a grid zero-padded to about twice the size (a Toeplitz matrix embedded in a circulant one), with
// the rows that are all zeros (on the way in) or not wanted (on the way out) left out of the row transforms; the
// potentials at the nodes come back to each point with the same weights. A point's own term: the force kernel is
// odd, so its interpolated self-interaction cancels exactly; in Z each point's interpolated own term (1 on a node, up
// to 2% less between nodes) is computed and taken off.
// Cost per iteration: N x 9 (x 2 with the coarse grid) for the points plus FFTs of the grids, whose size follows the map's extent and not N;
// so it beats the Barnes-Hut QuadTree (N log N, slowest while early exaggeration keeps the map crowded) on large N.
// The FFT is TorchSharp's (torch.fft), in single precision, on two threads of its own (TorchThread) while the
// caller's work goes on (t-SNE's attraction); the charges are spread by two fixed halves of the points into grids
// of their own, and every other sum has a fixed order, so the result does not depend on the number of threads.
using System;
using System.Linq;
using System.Runtime.Intrinsics;
using System.Threading.Tasks;
using TorchSharp;
using static TorchSharp.torch;

public sealed class InterpolatedRepulsion : IDisposable
{
    /// <summary>Interpolation nodes per interval and dimension, the two ends included (FIt-SNE's n_interpolation_points): quadratic weights.</summary>
    public const int NodesPerInterval = 3;
    /// <summary>Fewest intervals per side of the map: 151 nodes, as FIt-SNE's 50 intervals of 3 (min_num_intervals).</summary>
    public const int MinIntervals = 75;
    /// <summary>Widest interval, in map units, once the map is wide enough: nodes 1/3 unit apart, as FIt-SNE's (ints_in_interval 1).</summary>
    public const double MaxIntervalWidth = 2.0 / 3;
    /// <summary>Most intervals per side a map needs: a map wider than 400 units gets wider intervals, so the grid stays some tens of MB (the grid then fills its FFT's length, a few percent more).</summary>
    public const int MaxIntervals = 600;
    /// <summary>
    /// How far the fine grid's kernels reach, in map units, on a map wide enough for the split to pay: whole up to half
    /// of this, fading smoothly to zero at it; the rest of each kernel, smooth, goes to a coarse grid.
    /// </summary>
    public const double NearReach = 30;
    /// <summary>The coarse grid's widest interval, in map units (nodes 1.5 units apart): its kernels change over 15 units.</summary>
    public const double FarIntervalWidth = 3;

    const int Chunk = 256;   // points per parallel work item
    const int Halves = 2;    // parts of the points that spread their charges into grids of their own

    readonly int _pointCount;
    readonly int _maxThreads;
    // The fine grid, and the coarse one for the far part of the kernels (used only when the map is wide).
    readonly Grid _fine, _coarse;
    // Per point: its own term in the interpolated sum over all pairs (1 on a node, a little less between nodes).
    readonly double[] _ownTerms;
    // Two threads of libtorch work, one libtorch thread each, made at the first call that may use two threads:
    // the forward transforms and component x's transforms back on the first, component y's on the second.
    TorchThread[] _torchThreads;

    public InterpolatedRepulsion(int pointCount, int maxThreads = -1)
    {
        if (pointCount < 1) throw new ArgumentException($"need at least one point, got {pointCount}", nameof(pointCount));
        _pointCount = pointCount;
        _maxThreads = maxThreads;
        _fine = new Grid(pointCount);
        _coarse = new Grid(pointCount);
        _ownTerms = new double[pointCount];
    }

    /// <summary>
    /// For the map <paramref name="positions"/> (x0, y0, x1, y1, ...) fills <paramref name="repulsion"/>[2i, 2i+1]
    /// with sum_j (y_i - y_j)/(1+d_ij^2)^2 and returns Z, the sum over all pairs i != j of 1/(1+d_ij^2).
    /// <paramref name="meanwhile"/>, when given, runs on the calling thread while the FFTs run on two threads of their
    /// own (t-SNE computes its attraction there); when the instance was made for one thread, the two run one after the other.
    /// </summary>
    public double Compute(double[] positions, double[] repulsion, Action meanwhile = null)
    {
        ArgumentNullException.ThrowIfNull(positions);
        ArgumentNullException.ThrowIfNull(repulsion);
        if (positions.Length != 2 * _pointCount || repulsion.Length != 2 * _pointCount)
            throw new ArgumentException($"made for {_pointCount} points: needs {2 * _pointCount} positions and repulsion values, " +
                $"got {positions.Length} and {repulsion.Length}");

        // The grids: squares over the bounding box.
        double minX = double.MaxValue, minY = double.MaxValue, maxX = double.MinValue, maxY = double.MinValue;
        for (int i = 0; i < _pointCount; i++)
        {
            minX = Math.Min(minX, positions[2 * i]); maxX = Math.Max(maxX, positions[2 * i]);
            minY = Math.Min(minY, positions[2 * i + 1]); maxY = Math.Max(maxY, positions[2 * i + 1]);
        }
        if (!double.IsFinite(maxX - minX) || !double.IsFinite(maxY - minY))
            throw new ArgumentException("the map has a coordinate that is not a finite number", nameof(positions));
        double side = Math.Max(maxX - minX, maxY - minY) + 1e-12;
        bool split = FineLayout(side, out int intervals, out double width, out int padded);
        _fine.Layout(intervals, width, padded, split ? KernelPart.Near : KernelPart.Whole);
        if (split)
        {
            (int coarseIntervals, double coarseWidth) = CoarseLayout(side);
            _coarse.Layout(coarseIntervals, coarseWidth, PaddedLength(NodeCount(coarseIntervals)), KernelPart.Far);
        }
        // Each point onto the grids: its boxes and weights, its charge spread, its own term. In two fixed halves of the
        // points, each spreading into charge grids of its own (added when the FFT reads them): a fixed order of sums
        // on any number of threads.
        double[] cauchy = OwnTermKernel(_fine.Spacing);
        Parallel.For(0, Halves, Parallelism.Options(_maxThreads), half =>
        {
            int start = (int)((long)_pointCount * half / Halves), end = (int)((long)_pointCount * (half + 1) / Halves);
            _fine.Place(positions, minX, minY, start, end, half, cauchy, _ownTerms);
            if (split) _coarse.Place(positions, minX, minY, start, end, half, null, null);
        });
        double pairSum;
        if (_maxThreads == 1)
        {
            pairSum = TensorMemory.OnOneThread(() => _fine.Convolve(null) + (split ? _coarse.Convolve(null) : 0));
            meanwhile?.Invoke();
        }
        else
        {
            _torchThreads ??= new[] { new TorchThread("FFT repulsion 1"), new TorchThread("FFT repulsion 2") };
            Task<double> transforms = _torchThreads[0].Run(() =>
                _fine.Convolve(_torchThreads[1]) + (split ? _coarse.Convolve(_torchThreads[1]) : 0));
            meanwhile?.Invoke();
            pairSum = transforms.GetAwaiter().GetResult();
        }
        GatherPotentials(repulsion, split);
        double ownTerms = 0;
        for (int i = 0; i < _pointCount; i++) ownTerms += _ownTerms[i];
        return pairSum - ownTerms;
    }

    // The fine grid for a map `side` wide: how many intervals, how wide, and the FFT's length. Widths come in steps of
    // 5% (MaxIntervalWidth x 1.05^k, k a whole number), and the intervals fill the FFT's length (the grid then reaches
    // past the map), so the kernels' transforms are computed again only when the map has grown or shrunk by a step,
    // not at every iteration. Whole kernels need the grid zero-padded to twice its size (2 x nodes - 1, so that no
    // offset between two nodes wraps around); kernels that reach only `reach` nodes need nodes + reach. Returns
    // whether the kernels are split (near ones here, far ones on the coarse grid): when that shortens the FFT enough
    // to pay for the coarse grid.
    static bool FineLayout(double side, out int intervals, out double width, out int padded)
    {
        if (side <= MinIntervals * MaxIntervalWidth)
            width = WidthStep(side / MinIntervals, down: true);    // narrow maps: at least MinIntervals, at most this narrow
        else if (side < MaxIntervals * MaxIntervalWidth)
            width = MaxIntervalWidth;                               // wide maps: intervals of the widest
        else
            width = WidthStep(side / MaxIntervals, down: false);   // very wide maps: the most intervals, as wide as needed
        int needed = NodeCount(Math.Max(MinIntervals, (int)Math.Ceiling(side / width - 1e-9)));
        double spacing = width / (NodesPerInterval - 1);
        int whole = PaddedLength(needed);
        // Near kernels that reach across the whole map save nothing (and on a tiny map their reach in nodes is huge).
        int reachNodes = NearReach / spacing < needed ? (int)Math.Ceiling(NearReach / spacing) : 0;
        int near = reachNodes > 0 ? SmoothLength(Math.Max(needed + reachNodes, 2 * reachNodes + 1)) : whole;
        bool split = near < 0.8 * whole;
        padded = split ? near : whole;
        // As many intervals as the length holds: nodes <= (padded + 1) / 2 for whole kernels, padded - reach for near ones.
        int fits = split ? padded - reachNodes : (padded + 1) / 2;
        intervals = (fits - 1) / (NodesPerInterval - 1);
        return split;
    }

    // The coarse grid for the far part of the kernels: intervals FarIntervalWidth wide, or wider on very wide maps.
    static (int Intervals, double Width) CoarseLayout(double side)
    {
        double width = Math.Max(FarIntervalWidth, side / MaxIntervals);
        int intervals = (int)Math.Ceiling(side / width - 1e-9);
        return (((PaddedLength(NodeCount(intervals)) + 1) / 2 - 1) / (NodesPerInterval - 1), width);
    }

    // The MaxIntervalWidth x 1.05^k (k a whole number) nearest to `wanted` from below (down) or above.
    static double WidthStep(double wanted, bool down)
    {
        double steps = Math.Log(wanted / MaxIntervalWidth) / Math.Log(1.05);
        return MaxIntervalWidth * Math.Pow(1.05, down ? Math.Floor(steps + 1e-9) : Math.Ceiling(steps - 1e-9));
    }

    // Nodes per side: the boxes share their edge nodes.
    static int NodeCount(int intervals) => intervals * (NodesPerInterval - 1) + 1;

    // The length of the circular convolution with whole kernels: at least 2 x nodes - 1, so that no offset between
    // two nodes wraps around.
    static int PaddedLength(int nodes) => SmoothLength(2 * nodes - 1);

    // The smallest length from `length` on with only the prime factors 2, 3 and 5, which the FFT handles fast.
    static int SmoothLength(int length)
    {
        while (!HasOnlySmallFactors(length)) length++;
        return length;
    }

    static bool HasOnlySmallFactors(int n)
    {
        foreach (int f in new[] { 2, 3, 5 })   // not 7: libtorch's FFT of 1,323 = 3^3 7^2 took 1.7 times as long as of 1,296
            while (n % f == 0) n /= f;
        return n == 1;
    }

    /// <summary>
    /// Weights of the Lagrange polynomials through the NodesPerInterval = 3 equispaced nodes at 0, 1/2 and 1,
    /// evaluated at <paramref name="u"/> in [0, 1]: they sum to 1 and reproduce polynomials up to degree 2.
    /// </summary>
    public static void LagrangeWeights(double u, Span<double> weights) =>
        (weights[0], weights[1], weights[2]) = QuadraticWeights(u);

    static (double, double, double) QuadraticWeights(double u) =>
        (2 * (u - 0.5) * (u - 1), 4 * u * (1 - u), 2 * u * (u - 0.5));

    // Back from the nodes to each point with its own weights, from both grids when the kernels are split. (A point's
    // own force cancels: the force kernel is odd.)
    void GatherPotentials(double[] repulsion, bool split)
    {
        ForChunks(_pointCount, (start, end) =>
        {
            _fine.Gather(repulsion, start, end, add: false);
            if (split) _coarse.Gather(repulsion, start, end, add: true);
        });
    }

    // 1 / (1 + d^2) between two nodes of a box, by their distance in nodes along y (row) and along x (column): for
    // each point's own term in the interpolated Cauchy sum (Grid.Place).
    static double[] OwnTermKernel(double spacing)
    {
        var cauchy = new double[NodesPerInterval * NodesPerInterval];
        for (int da = 0; da < NodesPerInterval; da++)
            for (int db = 0; db < NodesPerInterval; db++)
                cauchy[da * NodesPerInterval + db] = 1 / (1 + (da * da + db * db) * spacing * spacing);
        return cauchy;
    }

    void ForChunks(int n, Action<int, int> body) =>
        Parallel.For(0, (n + Chunk - 1) / Chunk, Parallelism.Options(_maxThreads),
            chunk => body(chunk * Chunk, Math.Min(n, (chunk + 1) * Chunk)));

    public void Dispose()
    {
        if (_torchThreads is not null)
            foreach (TorchThread thread in _torchThreads) thread.Dispose();
        _torchThreads = null;
        _fine.Dispose();
        _coarse.Dispose();
    }

    // Which part of each kernel a grid convolves with: all of it, the part near the origin (whole up to NearReach / 2,
    // zero from NearReach on), or the rest.
    enum KernelPart { Whole, Near, Far }

    // How much of the kernels at distance r belongs to the near part: 1 up to NearReach / 2, 0 from NearReach on, and
    // between them smootherstep's fall (its first two derivatives zero at both ends), so the far part is smooth.
    static double NearShare(double r)
    {
        double s = (r - NearReach / 2) / (NearReach / 2);
        if (s <= 0) return 1;
        if (s >= 1) return 0;
        return 1 - s * s * s * (s * (6 * s - 15) + 10);
    }

    // One grid of nodes over the map: each point's box and weights on it, the charges, the kernels' spectra for its
    // length and spacing, and the potentials of the two force components, interleaved (x, y) per node.
    sealed class Grid : IDisposable
    {
        public int Intervals, Nodes, Padded;
        public double Width, Spacing;
        public KernelPart Part;
        // Per point: the grid node at its box's lower-left corner, and its 3 Lagrange weights along x and along y.
        public readonly int[] CornerX, CornerY;
        public readonly double[] WeightX, WeightY;
        readonly int _pointCount;
        // The halves' charge grids, and the potentials.
        readonly float[][] _charges = { Array.Empty<float>(), Array.Empty<float>() };
        float[] _potentials = Array.Empty<float>();
        // The Fourier transforms of the kernels on the padded grid, reused while the grid keeps its length, spacing and
        // part: the force kernel's two components, as (real, imaginary) pairs, and the Cauchy kernel's with the weights
        // of Parseval's sum.
        float[][] _forceSpectra;
        float[] _kernels, _kernelSpectraValues;   // the kernels on the padded grid and their three spectra, as computed
        double[] _cauchyWeights;
        // The products of the charges' spectrum with each component's: the inverse transforms' inputs, kept for one padded length.
        Tensor[] _productTensors;
        int _kernelPadded;
        double _kernelSpacing;
        KernelPart _kernelPart;

        public Grid(int pointCount)
        {
            _pointCount = pointCount;
            CornerX = new int[pointCount];
            CornerY = new int[pointCount];
            WeightX = new double[NodesPerInterval * pointCount];
            WeightY = new double[NodesPerInterval * pointCount];
        }

        public void Layout(int intervals, double width, int padded, KernelPart part)
        {
            Intervals = intervals;
            Width = width;
            Nodes = NodeCount(intervals);
            Spacing = width / (NodesPerInterval - 1);
            Padded = padded;
            Part = part;
        }

        // Points start to end (one of the halves): each one's box and its Lagrange weights for the box's nodes, and its
        // unit charge spread over the box's 9 nodes, into the half's own charge grid, nodes x nodes. With `cauchy`, each
        // point's own term in the interpolated Cauchy sum too, into `ownTerms`, to take off Z exactly: the sum over
        // pairs of its nodes of w w' / (1 + d^2), which depends only on how far apart the nodes are, so the weights'
        // products are summed per distance (in nodes, along x and along y) first.
        public void Place(double[] positions, double minX, double minY, int start, int end, int half, double[] cauchy, double[] ownTerms)
        {
            int nodes = Nodes;
            if (_charges[half].Length != nodes * nodes) _charges[half] = new float[nodes * nodes];
            else Array.Clear(_charges[half]);
            float[] charges = _charges[half];
            double[] weightX = WeightX, weightY = WeightY;
            double inverseWidth = 1 / Width;
            for (int i = start; i < end; i++)
            {
                int cornerX = CornerX[i] = (NodesPerInterval - 1) * BoxAndOffset((positions[2 * i] - minX) * inverseWidth, out double u);
                (double x0, double x1, double x2) = QuadraticWeights(u);
                int cornerY = CornerY[i] = (NodesPerInterval - 1) * BoxAndOffset((positions[2 * i + 1] - minY) * inverseWidth, out double v);
                (double y0, double y1, double y2) = QuadraticWeights(v);
                weightX[3 * i] = x0; weightX[3 * i + 1] = x1; weightX[3 * i + 2] = x2;
                weightY[3 * i] = y0; weightY[3 * i + 1] = y1; weightY[3 * i + 2] = y2;
                SpreadRow(charges, cornerY * nodes + cornerX, y0, x0, x1, x2);
                SpreadRow(charges, (cornerY + 1) * nodes + cornerX, y1, x0, x1, x2);
                SpreadRow(charges, (cornerY + 2) * nodes + cornerX, y2, x0, x1, x2);
                if (cauchy is null) continue;
                // Products of two weights by the distance of their nodes: 0, 1 or 2 (both orders of a pair).
                double px0 = x0 * x0 + x1 * x1 + x2 * x2, px1 = 2 * (x0 * x1 + x1 * x2), px2 = 2 * x0 * x2;
                double py0 = y0 * y0 + y1 * y1 + y2 * y2, py1 = 2 * (y0 * y1 + y1 * y2), py2 = 2 * y0 * y2;
                ownTerms[i] = py0 * (px0 * cauchy[0] + px1 * cauchy[1] + px2 * cauchy[2])
                            + py1 * (px0 * cauchy[3] + px1 * cauchy[4] + px2 * cauchy[5])
                            + py2 * (px0 * cauchy[6] + px1 * cauchy[7] + px2 * cauchy[8]);
            }
        }

        static void SpreadRow(float[] charges, int at, double wy, double x0, double x1, double x2)
        {
            charges[at] += (float)(wy * x0);
            charges[at + 1] += (float)(wy * x1);
            charges[at + 2] += (float)(wy * x2);
        }

        // The box holding a coordinate (in box widths from the grid's edge), and where in the box it lies, from 0 to 1.
        int BoxAndOffset(double boxes, out double offset)
        {
            int box = Math.Min(Intervals - 1, (int)boxes);
            offset = boxes - box;
            return box;
        }

        // Points start to end: their potentials of the two force components, interpolated from their 9 nodes, into
        // `repulsion` (added to what is there, or in its place).
        public void Gather(double[] repulsion, int start, int end, bool add)
        {
            float[] potentials = _potentials;
            double[] weightX = WeightX, weightY = WeightY;
            int nodes = Nodes;
            for (int i = start; i < end; i++)
            {
                double x0 = weightX[3 * i], x1 = weightX[3 * i + 1], x2 = weightX[3 * i + 2];
                int at = 2 * (CornerY[i] * nodes + CornerX[i]);
                (double rowX0, double rowY0) = GatherRow(potentials, at, x0, x1, x2);
                (double rowX1, double rowY1) = GatherRow(potentials, at + 2 * nodes, x0, x1, x2);
                (double rowX2, double rowY2) = GatherRow(potentials, at + 4 * nodes, x0, x1, x2);
                double y0 = weightY[3 * i], y1 = weightY[3 * i + 1], y2 = weightY[3 * i + 2];
                double forceX = y0 * rowX0 + y1 * rowX1 + y2 * rowX2, forceY = y0 * rowY0 + y1 * rowY1 + y2 * rowY2;
                if (add)
                {
                    repulsion[2 * i] += forceX;
                    repulsion[2 * i + 1] += forceY;
                }
                else
                {
                    repulsion[2 * i] = forceX;
                    repulsion[2 * i + 1] = forceY;
                }
            }
        }

        // One row of a box's nodes, weighted along x: the two components' potentials, interleaved from `at` on.
        static (double X, double Y) GatherRow(float[] potentials, int at, double x0, double x1, double x2) =>
            (x0 * potentials[at] + x1 * potentials[at + 2] + x2 * potentials[at + 4],
             x0 * potentials[at + 1] + x1 * potentials[at + 3] + x2 * potentials[at + 5]);

        // The potentials of the two force components (the charges convolved with the two components of the force
        // kernel's part, d/(1+d^2)^2, node-to-node sums over all pairs of nodes) by FFT. Returns the sum over all
        // pairs of nodes of charge x charge x the Cauchy kernel's part 1/(1+d^2), which is this grid's share of Z with
        // each point's own term still in: by Parseval's theorem, from the charges' spectrum and the Cauchy kernel's,
        // without transforming back.
        // The 2-D transform as row transforms then column transforms. Only the first `nodes` rows hold charges, so only
        // they go through the forward row transform; only the first `nodes` rows of the result are wanted, so only they
        // come back through the inverse one. One grid at a time: libtorch's column transforms of a batch of three
        // grids took 12 times as long as one grid's (27 ms against 2.2 ms for 1,296 x 649 frequencies, on one thread).
        // The products with the kernels' spectra and Parseval's sum run here, on libtorch's memory: its own element-wise
        // complex products into new tensors took 3.6 ms per grid of 1,250 x 626 frequencies. The y component goes
        // back on `second` meanwhile, when given.
        public double Convolve(TorchThread second)
        {
            using var scope = torch.NewDisposeScope();
            int nodes = Nodes, padded = Padded, frequencies = padded * (padded / 2 + 1);
            KernelSpectra();
            Tensor grid = torch.empty(new long[] { 1, nodes, nodes }, ScalarType.Float32);
            Add(_charges[0], _charges[1], TensorMemory.FloatsOf(grid));                   // the two halves' charges
            Tensor rows = torch.fft.rfft(grid, padded, -1);                                // nodes x (padded/2 + 1), zero-padded
            Tensor spectrum = torch.fft.fft_(rows, padded, -2).contiguous();               // padded x (padded/2 + 1)
            if (_potentials.Length != 2 * nodes * nodes) _potentials = new float[2 * nodes * nodes];
            Task<int> back = second?.Run(() => TransformBack(spectrum, 1));
            TransformBack(spectrum, 0);
            if (back is null) TransformBack(spectrum, 1);
            else back.GetAwaiter().GetResult();
            // sum_m c_m (K * c)_m = (1 / padded^2) sum_f K^(f) |c^(f)|^2 over all frequencies (the weights hold the
            // 1 / padded^2 and count the columns the half spectrum stands for twice).
            ReadOnlySpan<float> spectrumValues = TensorMemory.FloatsOf(torch.view_as_real(spectrum));  // (real, imaginary) pairs
            double pairSum = 0;
            for (int f = 0; f < frequencies; f++)
            {
                double re = spectrumValues[2 * f], im = spectrumValues[2 * f + 1];
                pairSum += _cauchyWeights[f] * (re * re + im * im);
            }
            return pairSum;
        }

        // Force component k's potentials: the charges' spectrum times the component's, transformed back, into every
        // other place of _potentials from k on.
        int TransformBack(Tensor spectrum, int k)
        {
            using var scope = torch.NewDisposeScope();
            int nodes = Nodes, padded = Padded;
            Tensor product = _productTensors[k];
            MultiplyComplex(TensorMemory.FloatsOf(torch.view_as_real(spectrum)), _forceSpectra[k], TensorMemory.FloatsOf(torch.view_as_real(product)));
            Tensor backRows = torch.fft.ifft(product, padded, -2).narrow(-2, 0, nodes);
            ReadOnlySpan<float> potential = TensorMemory.FloatsOf(torch.fft.irfft(backRows, padded, -1));   // nodes x padded
            float[] potentials = _potentials;
            for (int row = 0; row < nodes; row++)
            {
                ReadOnlySpan<float> values = potential.Slice(row * padded, nodes);
                int at = 2 * row * nodes + k;
                for (int column = 0; column < nodes; column++) potentials[at + 2 * column] = values[column];
            }
            return k;
        }

        // sum = a + b, element by element.
        static void Add(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> sum)
        {
            int i = 0;
            for (; i + Vector256<float>.Count <= sum.Length; i += Vector256<float>.Count)
                (Vector256.Create(a.Slice(i, Vector256<float>.Count)) + Vector256.Create(b.Slice(i, Vector256<float>.Count))).CopyTo(sum.Slice(i));
            for (; i < sum.Length; i++) sum[i] = a[i] + b[i];
        }

        // product = a x b, element by element, for complex numbers stored as (real, imaginary) pairs.
        static void MultiplyComplex(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> product)
        {
            for (int i = 0; i < product.Length; i += 2)
            {
                float re = a[i] * b[i] - a[i + 1] * b[i + 1], im = a[i] * b[i + 1] + a[i + 1] * b[i];
                product[i] = re;
                product[i + 1] = im;
            }
        }

        // The transforms of the kernels' parts laid out circularly on the padded grid: offset d (in nodes, |d| <
        // padded / 2, target minus source) at index d mod padded. The force kernel's two components are kept as
        // spectra; the Cauchy kernel's (real: the kernel is even) with the weights of Parseval's sum. They depend on
        // the padded length, the spacing and the part only, so they are computed again only when one of those changes
        // (for wide maps the spacing is fixed and the length changes in steps: rarely); the work arrays change with
        // the padded length.
        void KernelSpectra()
        {
            int padded = Padded;
            double spacing = Spacing;
            if (_productTensors is not null && _kernelPadded == padded && _kernelSpacing == spacing && _kernelPart == Part) return;
            int size = padded * padded, half = padded / 2 + 1, frequencies = padded * half;
            if (_kernelPadded != padded || _productTensors is null)
            {
                // New arrays only for a new length (the width steps change the spacing more often than the length).
                _kernels = new float[3 * size];
                _kernelSpectraValues = new float[3 * 2 * frequencies];
                _forceSpectra = new[] { new float[2 * frequencies], new float[2 * frequencies] };
                _cauchyWeights = new double[frequencies];
                DisposeProducts();
                _productTensors = new[] { ProductTensor(padded, half), ProductTensor(padded, half) };
            }
            float[] kernels = _kernels, spectra = _kernelSpectraValues;
            for (int a = 0; a < padded; a++)
            {
                double dy = (a <= padded / 2 ? a : a - padded) * spacing;
                for (int b = 0; b < padded; b++)
                {
                    double dx = (b <= padded / 2 ? b : b - padded) * spacing;
                    double q = 1 / (1 + dx * dx + dy * dy);
                    double share = Part == KernelPart.Whole ? 1 : NearShare(Math.Sqrt(dx * dx + dy * dy));
                    if (Part == KernelPart.Far) share = 1 - share;
                    kernels[a * padded + b] = (float)(share * q * q * dx);
                    kernels[size + a * padded + b] = (float)(share * q * q * dy);
                    kernels[2 * size + a * padded + b] = (float)(share * q);
                }
            }
            using (var scope = torch.NewDisposeScope())
            {
                // One kernel at a time (a batch of three ran many times slower), each into its place in `spectra`.
                for (int k = 0; k < 3; k++)
                    TensorMemory.FloatsOf(torch.view_as_real(torch.fft.rfft2(TensorMemory.Copy(kernels.AsSpan(k * size, size), padded, padded))))
                        .CopyTo(spectra.AsSpan(k * 2 * frequencies, 2 * frequencies));
            }
            spectra.AsSpan(0, 2 * frequencies).CopyTo(_forceSpectra[0]);
            spectra.AsSpan(2 * frequencies, 2 * frequencies).CopyTo(_forceSpectra[1]);
            for (int f = 0; f < frequencies; f++)
            {
                int column = f % half;
                bool ownMirror = column == 0 || (padded % 2 == 0 && column == padded / 2);
                _cauchyWeights[f] = spectra[4 * frequencies + 2 * f] * (ownMirror ? 1.0 : 2.0) / size;
            }
            _kernelPadded = padded;
            _kernelSpacing = spacing;
            _kernelPart = Part;
        }

        static Tensor ProductTensor(int rows, int columns) =>
            torch.empty(new long[] { rows, columns }, ScalarType.ComplexFloat32).DetachFromDisposeScope();

        void DisposeProducts()
        {
            if (_productTensors is null) return;
            foreach (Tensor product in _productTensors) product.Dispose();
            _productTensors = null;
        }

        public void Dispose() => DisposeProducts();
    }
}
