// InterpolatedRepulsion: t-SNE's repulsive forces in 2-D by interpolation on an equispaced grid and FFT
// convolution, as FIt-SNE (Linderman, Rachh, Hoskins, Steinerberger, Kluger 2019, "Fast interpolation-based
// t-SNE for improved visualization of single-cell RNA-seq data", Nature Methods; arXiv:1712.09005) does, with
// its parameters (and openTSNE's) but for one change: quadratic interpolation (3 nodes per interval), grid nodes
// 1/3 map unit apart at most, at least 150 of them per side. The change: FIt-SNE puts a box's nodes at 1/6, 1/2
// and 5/6 of it, so a point near the box's edge is extrapolated (measured: a point's own term came back 32% too
// large at a box's corner, and 2,000 Fashion-MNIST points ended with a KL 8% above Barnes-Hut's); here the end nodes
// sit on the box's edges and are shared with the neighbour box (boxes 2/3 unit wide for the same node spacing), so
// every point is interpolated inside its nodes. Cost per iteration: N x 9 for the points plus FFTs of the grid,
// whose size follows the map's extent and not N; so it can beat the Barnes-Hut QuadTree (N log N) on large N.
// For each point i it gives the two sums t-SNE's gradient needs (lib/Embedding/Tsne.cs):
//   sumQ_i      = sum_{j != i} 1 / (1 + |y_i - y_j|^2)                       (their total is Z)
//   repulsion_i = sum_j (y_i - y_j) / (1 + |y_i - y_j|^2)^2 = y_i phi_1(i) - phi_y(i)
// where phi_1 and phi_y are sums of the kernel 1/(1+d^2)^2 over unit charges and over charges y_j.
// How: the map's bounding square is cut into intervals x intervals boxes, each with 3 x 3 equispaced nodes (shared
// along the edges, so the nodes form one equispaced grid); every point's charges go to the 9 nodes of its box with
// Lagrange interpolation weights; the node-to-node sums of a translation-invariant kernel are a 2-D convolution,
// done by FFT on a grid zero-padded to about twice the size (a Toeplitz matrix embedded in a circulant one); the
// potentials at the nodes come back to each point with the same weights. Its error is that of interpolating a
// smooth kernel: about Barnes-Hut's at theta 0.5 (measured in InterpolatedRepulsionTests).
// The FFT is TorchSharp's (torch.fft), in double precision (in single precision the 400-point test map's KL rose
// from 2.6% to 5% above Barnes-Hut's: the forces are differences y_i phi_1 - phi_y of larger numbers); the spreading is sequential and every other sum has a fixed order, so the
// result does not depend on the number of threads.
using System;
using System.Threading.Tasks;
using TorchSharp;
using static TorchSharp.torch;

public sealed class InterpolatedRepulsion : IDisposable
{
    /// <summary>Interpolation nodes per interval and dimension, the two ends included (FIt-SNE's n_interpolation_points).</summary>
    public const int NodesPerInterval = 3;
    /// <summary>Fewest intervals per side of the map: 151 nodes, as FIt-SNE's 50 intervals of 3 (min_num_intervals).</summary>
    public const int MinIntervals = 75;
    /// <summary>Widest interval, in map units, once the map is wide enough: nodes 1/3 unit apart, as FIt-SNE's (ints_in_interval 1).</summary>
    public const double MaxIntervalWidth = 2.0 / 3;
    /// <summary>Most intervals per side: a map wider than 400 units gets wider intervals, so the grid stays some tens of MB.</summary>
    public const int MaxIntervals = 600;

    const int Chunk = 256;   // points per parallel work item

    readonly int _pointCount;
    readonly int _maxThreads;
    // Per point: the grid node at its box's lower-left corner, and its 3 Lagrange weights along x and along y.
    readonly int[] _cornerX, _cornerY;
    readonly double[] _weightX, _weightY;
    // The Fourier transforms of the two kernels on the padded grid, reused while the grid keeps its size and spacing.
    Tensor _kernelSpectra;
    int _kernelPadded;
    double _kernelSpacing;
    // The charge, potential and kernel grids, kept between calls (new ones only when the grid's size changes).
    double[] _charges = Array.Empty<double>(), _potentials = Array.Empty<double>(), _kernels = Array.Empty<double>();

    public InterpolatedRepulsion(int pointCount, int maxThreads = -1)
    {
        if (pointCount < 1) throw new ArgumentException($"need at least one point, got {pointCount}", nameof(pointCount));
        _pointCount = pointCount;
        _maxThreads = maxThreads;
        _cornerX = new int[pointCount];
        _cornerY = new int[pointCount];
        _weightX = new double[NodesPerInterval * pointCount];
        _weightY = new double[NodesPerInterval * pointCount];
    }

    /// <summary>
    /// For the map <paramref name="positions"/> (x0, y0, x1, y1, ...) fills <paramref name="sumQ"/>[i] with
    /// sum_{j != i} 1/(1+d_ij^2) and <paramref name="repulsion"/>[2i, 2i+1] with sum_j (y_i - y_j)/(1+d_ij^2)^2.
    /// </summary>
    public void Compute(double[] positions, double[] repulsion, double[] sumQ)
    {
        ArgumentNullException.ThrowIfNull(positions);
        if (positions.Length != 2 * _pointCount || repulsion.Length != 2 * _pointCount || sumQ.Length != _pointCount)
            throw new ArgumentException($"made for {_pointCount} points: needs {2 * _pointCount} positions and repulsion values and " +
                $"{_pointCount} sums, got {positions.Length}, {repulsion.Length} and {sumQ.Length}");

        // The grid: a square over the bounding box, intervals x intervals boxes, NodesPerInterval nodes per box side.
        double minX = double.MaxValue, minY = double.MaxValue, maxX = double.MinValue, maxY = double.MinValue;
        for (int i = 0; i < _pointCount; i++)
        {
            minX = Math.Min(minX, positions[2 * i]); maxX = Math.Max(maxX, positions[2 * i]);
            minY = Math.Min(minY, positions[2 * i + 1]); maxY = Math.Max(maxY, positions[2 * i + 1]);
        }
        if (!double.IsFinite(maxX - minX) || !double.IsFinite(maxY - minY))
            throw new ArgumentException("the map has a coordinate that is not a finite number", nameof(positions));
        double side = Math.Max(maxX - minX, maxY - minY) + 1e-12;
        int intervals = IntervalCount(side);
        double width = side / intervals;
        if (side > MinIntervals * MaxIntervalWidth && intervals < MaxIntervals)
        {
            // Wide maps: intervals exactly MaxIntervalWidth wide, so the spacing (and the kernels' transforms) stays
            // the same; and as many as the FFT's length holds anyway (the grid then reaches past the map), so the
            // grid changes size only when that length steps up.
            width = MaxIntervalWidth;
            intervals = ((PaddedLength(NodeCount(intervals)) + 1) / 2 - 1) / (NodesPerInterval - 1);
        }
        int nodes = NodeCount(intervals);
        double spacing = width / (NodesPerInterval - 1);
        double centreX = (minX + maxX) / 2, centreY = (minY + maxY) / 2;

        FindWeights(positions, minX, minY, intervals, width);
        double[] charges = SpreadCharges(positions, nodes, centreX, centreY);
        double[] potentials = Convolve(charges, nodes, spacing);
        GatherPotentials(positions, potentials, nodes, centreX, centreY, repulsion, sumQ);
    }

    // max(MinIntervals, side / MaxIntervalWidth) intervals, at most MaxIntervals.
    static int IntervalCount(double side)
    {
        double wanted = Math.Ceiling(side / MaxIntervalWidth);
        return wanted >= MaxIntervals ? MaxIntervals : Math.Max(MinIntervals, (int)wanted);
    }

    // Nodes per side: the boxes share their edge nodes.
    static int NodeCount(int intervals) => intervals * (NodesPerInterval - 1) + 1;

    // The length of the circular convolution: at least 2 x nodes - 1, so that no offset between two nodes wraps
    // around, and with only small prime factors, which the FFT handles fast.
    static int PaddedLength(int nodes)
    {
        int length = 2 * nodes - 1;
        while (!HasOnlySmallFactors(length)) length++;
        return length;
    }

    static bool HasOnlySmallFactors(int n)
    {
        foreach (int f in new[] { 2, 3, 5, 7 })
            while (n % f == 0) n /= f;
        return n == 1;
    }

    // Each point's box and its Lagrange weights for the box's nodes, which sit at k / (NodesPerInterval - 1) of it.
    void FindWeights(double[] positions, double minX, double minY, int intervals, double width)
    {
        ForChunks(_pointCount, (start, end) =>
        {
            for (int i = start; i < end; i++)
            {
                _cornerX[i] = (NodesPerInterval - 1) * BoxAndOffset(positions[2 * i] - minX, width, intervals, out double u);
                LagrangeWeights(u, _weightX.AsSpan(NodesPerInterval * i, NodesPerInterval));
                _cornerY[i] = (NodesPerInterval - 1) * BoxAndOffset(positions[2 * i + 1] - minY, width, intervals, out double v);
                LagrangeWeights(v, _weightY.AsSpan(NodesPerInterval * i, NodesPerInterval));
            }
        });
    }

    // The box holding a coordinate (measured from the grid's edge), and where in the box it lies, from 0 to 1.
    static int BoxAndOffset(double coordinate, double width, int intervals, out double offset)
    {
        int box = Math.Min(intervals - 1, (int)(coordinate / width));
        offset = coordinate / width - box;
        return box;
    }

    /// <summary>
    /// Weights of the Lagrange polynomials through NodesPerInterval equispaced nodes at k / (NodesPerInterval - 1),
    /// evaluated at <paramref name="u"/> in [0, 1]: they sum to 1 and reproduce polynomials up to degree NodesPerInterval - 1.
    /// </summary>
    public static void LagrangeWeights(double u, Span<double> weights)
    {
        for (int k = 0; k < NodesPerInterval; k++)
        {
            double tk = (double)k / (NodesPerInterval - 1), w = 1;
            for (int l = 0; l < NodesPerInterval; l++)
            {
                if (l == k) continue;
                double tl = (double)l / (NodesPerInterval - 1);
                w *= (u - tl) / (tk - tl);
            }
            weights[k] = w;
        }
    }

    // Three charge grids, nodes x nodes each: every point's 1, x and y (relative to the grid's centre, which keeps
    // y_i phi_1 - phi_y from cancelling large numbers) spread over its 9 nodes. Sequential: a fixed order of sums.
    double[] SpreadCharges(double[] positions, int nodes, double centreX, double centreY)
    {
        int gridSize = nodes * nodes;
        if (_charges.Length != 3 * gridSize) _charges = new double[3 * gridSize];
        else Array.Clear(_charges);
        double[] charges = _charges;
        for (int i = 0; i < _pointCount; i++)
        {
            double x = positions[2 * i] - centreX, y = positions[2 * i + 1] - centreY;
            for (int a = 0; a < NodesPerInterval; a++)
            {
                int row = (_cornerY[i] + a) * nodes + _cornerX[i];
                double wy = _weightY[NodesPerInterval * i + a];
                for (int b = 0; b < NodesPerInterval; b++)
                {
                    double w = wy * _weightX[NodesPerInterval * i + b];
                    charges[row + b] += w;
                    charges[gridSize + row + b] += w * x;
                    charges[2 * gridSize + row + b] += w * y;
                }
            }
        }
        return charges;
    }

    // Four potential grids, nodes x nodes each: the Cauchy kernel 1/(1+d^2) over the unit charges, and the squared
    // kernel 1/(1+d^2)^2 over the unit, x and y charges. Node-to-node sums over all pairs of nodes, by FFT.
    double[] Convolve(double[] charges, int nodes, double spacing)
    {
        // On one libtorch thread: its OpenMP workers spin for a while after each parallel region, and on a machine of
        // few cores they would take the CPU from the attraction loop that follows on .NET's threads (measured at
        // 2,000 points on 2 busy cores: 12.7 ms per call on one thread, 242 ms on two).
        int torchThreads = torch.get_num_threads();
        torch.set_num_threads(1);
        try { return ConvolveOnGrid(charges, nodes, spacing); }
        finally { torch.set_num_threads(torchThreads); }
    }

    double[] ConvolveOnGrid(double[] charges, int nodes, double spacing)
    {
        using var scope = torch.NewDisposeScope();
        int padded = PaddedLength(nodes);
        var size = new long[] { padded, padded };
        Tensor chargeSpectra = torch.fft.rfft2(NativeCopy(charges, 3, nodes), s: size);   // zero-padded
        Tensor kernels = KernelSpectra(padded, spacing);
        Tensor products = torch.stack(new[]
        {
            kernels[0] * chargeSpectra[0],
            kernels[1] * chargeSpectra[0],
            kernels[1] * chargeSpectra[1],
            kernels[1] * chargeSpectra[2],
        });
        Tensor potentials = torch.fft.irfft2(products, s: size);
        if (_potentials.Length != 4 * nodes * nodes) _potentials = new double[4 * nodes * nodes];
        potentials.narrow(1, 0, nodes).narrow(2, 0, nodes).contiguous().data<double>().CopyTo(_potentials);
        return _potentials;
    }

    // The transforms of both kernels laid out circularly on the padded grid: offset d (in nodes, |d| <= padded / 2) at
    // index d mod padded. They depend on the padded length and the spacing only, so they are computed again only
    // when one of those changes (for wide maps the spacing is fixed and the length changes in steps: rarely).
    Tensor KernelSpectra(int padded, double spacing)
    {
        if (_kernelSpectra is not null && _kernelPadded == padded && _kernelSpacing == spacing) return _kernelSpectra;
        if (_kernels.Length != 2 * padded * padded) _kernels = new double[2 * padded * padded];
        double[] kernels = _kernels;
        for (int a = 0; a < padded; a++)
        {
            double dy = (a <= padded / 2 ? a : a - padded) * spacing;
            for (int b = 0; b < padded; b++)
            {
                double dx = (b <= padded / 2 ? b : b - padded) * spacing;
                double q = 1 / (1 + dx * dx + dy * dy);
                kernels[a * padded + b] = q;
                kernels[padded * padded + a * padded + b] = q * q;
            }
        }
        _kernelSpectra?.Dispose();
        using (var scope = torch.NewDisposeScope())
            _kernelSpectra = torch.fft.rfft2(NativeCopy(kernels, 2, padded)).DetachFromDisposeScope();
        _kernelPadded = padded;
        _kernelSpacing = spacing;
        return _kernelSpectra;
    }

    // A tensor of count grids side x side holding values: libtorch's memory, filled by a copy (torch.tensor of an
    // array would first copy it into a new managed array, garbage of megabytes every iteration).
    static Tensor NativeCopy(double[] values, int count, int side)
    {
        Tensor grids = torch.empty(new long[] { count, side, side }, ScalarType.Float64);
        grids.data<double>().CopyFrom(values.AsSpan(0, count * side * side), 0, 0);
        return grids;
    }

    // Back from the nodes to each point with its own weights; then the two sums, less each point's own term.
    void GatherPotentials(double[] positions, double[] potentials, int nodes, double centreX, double centreY,
        double[] repulsion, double[] sumQ)
    {
        int gridSize = nodes * nodes;
        ForChunks(_pointCount, (start, end) =>
        {
            for (int i = start; i < end; i++)
            {
                double cauchy = 0, ones = 0, xs = 0, ys = 0;
                for (int a = 0; a < NodesPerInterval; a++)
                {
                    int row = (_cornerY[i] + a) * nodes + _cornerX[i];
                    double wy = _weightY[NodesPerInterval * i + a];
                    for (int b = 0; b < NodesPerInterval; b++)
                    {
                        double w = wy * _weightX[NodesPerInterval * i + b];
                        cauchy += w * potentials[row + b];
                        ones += w * potentials[gridSize + row + b];
                        xs += w * potentials[2 * gridSize + row + b];
                        ys += w * potentials[3 * gridSize + row + b];
                    }
                }
                double x = positions[2 * i] - centreX, y = positions[2 * i + 1] - centreY;
                sumQ[i] = cauchy - 1;   // the point's own term, 1 / (1 + 0)
                repulsion[2 * i] = x * ones - xs;
                repulsion[2 * i + 1] = y * ones - ys;
            }
        });
    }

    void ForChunks(int n, Action<int, int> body) =>
        Parallel.For(0, (n + Chunk - 1) / Chunk, Parallelism.Options(_maxThreads),
            chunk => body(chunk * Chunk, Math.Min(n, (chunk + 1) * Chunk)));

    public void Dispose()
    {
        _kernelSpectra?.Dispose();
        _kernelSpectra = null;
    }
}
