// InterpolatedRepulsion: t-SNE's repulsive forces in 2-D by interpolation on an equispaced grid and FFT
// convolution, as FIt-SNE (Linderman, Rachh, Hoskins, Steinerberger, Kluger 2019, "Fast interpolation-based
// t-SNE for improved visualization of single-cell RNA-seq data", Nature Methods; arXiv:1712.09005) does, with
// its grid (quadratic interpolation, 3 nodes per interval, nodes 1/3 map unit apart at most, at least 150 of them
// per side) but for two changes.
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
// Cost per iteration: N x 9 for the points plus FFTs of the grid, whose size follows the map's extent and not N;
// so it beats the Barnes-Hut QuadTree (N log N, slowest while early exaggeration keeps the map crowded) on large N.
// The FFT is TorchSharp's (torch.fft), in single precision, on two threads of its own (TorchThread) while the
// caller's work goes on (t-SNE's attraction); the spreading is sequential and every other sum has a fixed order,
// so the result does not depend on the number of threads.
using System;
using System.Linq;
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
    // Per point: its own term in the interpolated sum over all pairs (1 on a node, a little less between nodes).
    readonly double[] _ownTerms;
    // The Fourier transforms of the kernels on the padded grid, reused while the grid keeps its size and spacing: the
    // force kernel's two components, as (real, imaginary) pairs, and the Cauchy kernel's with the weights of Parseval's sum.
    float[][] _forceSpectra;
    float[] _kernels, _kernelSpectraValues;   // the kernels on the padded grid and their three spectra, as computed
    double[] _cauchyWeights;
    // The products of the charges' spectrum with each component's: the inverse transforms' inputs, kept for one padded length.
    Tensor[] _productTensors;
    // Two threads of libtorch work, one libtorch thread each, made at the first call that may use two threads:
    // the forward transform and component x's transform back on the first, component y's on the second.
    TorchThread[] _torchThreads;
    int _kernelPadded;
    double _kernelSpacing;
    // The charge grid and the two potential grids, kept between calls (new ones only when the grid's size changes).
    float[] _charges = Array.Empty<float>(), _potentials = Array.Empty<float>();

    public InterpolatedRepulsion(int pointCount, int maxThreads = -1)
    {
        if (pointCount < 1) throw new ArgumentException($"need at least one point, got {pointCount}", nameof(pointCount));
        _pointCount = pointCount;
        _maxThreads = maxThreads;
        _cornerX = new int[pointCount];
        _cornerY = new int[pointCount];
        _weightX = new double[NodesPerInterval * pointCount];
        _weightY = new double[NodesPerInterval * pointCount];
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
        (int intervals, double width) = GridFor(side);
        int nodes = NodeCount(intervals);
        double spacing = width / (NodesPerInterval - 1);

        FindWeights(positions, minX, minY, intervals, width);
        float[] charges = SpreadCharges(nodes);
        double pairSum;
        if (_maxThreads == 1)
        {
            pairSum = TensorMemory.OnOneThread(() => Convolve(charges, nodes, spacing, onTwoThreads: false));
            meanwhile?.Invoke();
        }
        else
        {
            _torchThreads ??= new[] { new TorchThread("FFT repulsion 1"), new TorchThread("FFT repulsion 2") };
            Task<double> transforms = _torchThreads[0].Run(() => Convolve(charges, nodes, spacing, onTwoThreads: true));
            meanwhile?.Invoke();
            pairSum = transforms.GetAwaiter().GetResult();
        }
        GatherPotentials(_potentials, nodes, spacing, repulsion);
        double ownTerms = 0;
        for (int i = 0; i < _pointCount; i++) ownTerms += _ownTerms[i];
        return pairSum - ownTerms;
    }

    // How many intervals per side and how wide, for a map `side` wide. Widths come in steps of 5% (MaxIntervalWidth x
    // 1.05^k, k a whole number), and the intervals fill the FFT's length (the grid then reaches past the map), so the
    // kernels' transforms are computed again only when the map has grown or shrunk by a step, not at every iteration.
    static (int Intervals, double Width) GridFor(double side)
    {
        double width;
        if (side <= MinIntervals * MaxIntervalWidth)
            width = WidthStep(side / MinIntervals, down: true);    // narrow maps: at least MinIntervals, at most this narrow
        else if (side < MaxIntervals * MaxIntervalWidth)
            width = MaxIntervalWidth;                               // wide maps: intervals of the widest
        else
            return (MaxIntervals, WidthStep(side / MaxIntervals, down: false));   // very wide maps: the most intervals, as wide as needed
        int intervals = Math.Max(MinIntervals, (int)Math.Ceiling(side / width - 1e-9));
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

    // The length of the circular convolution: at least 2 x nodes - 1, so that no offset between two nodes wraps
    // around, and with only the prime factors 2, 3 and 5, which the FFT handles fast.
    static int PaddedLength(int nodes)
    {
        int length = 2 * nodes - 1;
        while (!HasOnlySmallFactors(length)) length++;
        return length;
    }

    static bool HasOnlySmallFactors(int n)
    {
        foreach (int f in new[] { 2, 3, 5 })   // not 7: libtorch's FFT of 1,323 = 3^3 7^2 took 1.7 times as long as of 1,296
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
            double w = InverseDenominators[k];
            for (int l = 0; l < NodesPerInterval; l++)
                if (l != k) w *= u - Node(l);
            weights[k] = w;
        }
    }

    // Where node k of an interval sits, from 0 to 1.
    static double Node(int k) => (double)k / (NodesPerInterval - 1);

    // 1 / prod_{l != k} (node k - node l): the Lagrange polynomials' constant factors, computed once.
    static readonly double[] InverseDenominators = Enumerable.Range(0, NodesPerInterval)
        .Select(k => 1 / Enumerable.Range(0, NodesPerInterval).Where(l => l != k).Aggregate(1.0, (product, l) => product * (Node(k) - Node(l))))
        .ToArray();

    // One charge grid, nodes x nodes: every point's unit charge spread over its 9 nodes. Sequential: a fixed order of sums.
    float[] SpreadCharges(int nodes)
    {
        if (_charges.Length != nodes * nodes) _charges = new float[nodes * nodes];
        else Array.Clear(_charges);
        float[] charges = _charges;
        for (int i = 0; i < _pointCount; i++)
        {
            for (int a = 0; a < NodesPerInterval; a++)
            {
                int row = (_cornerY[i] + a) * nodes + _cornerX[i];
                double wy = _weightY[NodesPerInterval * i + a];
                for (int b = 0; b < NodesPerInterval; b++)
                    charges[row + b] += (float)(wy * _weightX[NodesPerInterval * i + b]);
            }
        }
        return charges;
    }

    // Two potential grids, nodes x nodes each: the charges convolved with the two components of the force kernel
    // d/(1+d^2)^2, node-to-node sums over all pairs of nodes, by FFT. Returns the sum over all pairs of nodes of
    // charge x charge x 1/(1+d^2), which is Z with each point's own term still in: by Parseval's theorem, from the
    // charges' spectrum and the Cauchy kernel's, without transforming back.
    // The 2-D transform as row transforms then column transforms. Only the first `nodes` rows hold charges, so only
    // they go through the forward row transform; only the first `nodes` rows of the result are wanted, so only they
    // come back through the inverse one. One grid at a time: libtorch's column transforms of a batch of three
    // grids took 12 times as long as one grid's (27 ms against 2.2 ms for 1,296 x 649 frequencies, on one thread).
    // The products with the kernels' spectra and Parseval's sum run here, on libtorch's memory: its own element-wise
    // complex products into new tensors took 3.6 ms per grid of 1,250 x 626 frequencies.
    double Convolve(float[] charges, int nodes, double spacing, bool onTwoThreads)
    {
        using var scope = torch.NewDisposeScope();
        int padded = PaddedLength(nodes), frequencies = padded * (padded / 2 + 1);
        KernelSpectra(padded, spacing);
        Tensor grid = TensorMemory.Copy(charges.AsSpan(0, nodes * nodes), 1, nodes, nodes);
        Tensor rows = torch.fft.rfft(grid, padded, -1);                                // nodes x (padded/2 + 1), zero-padded
        Tensor spectrum = torch.fft.fft_(rows, padded, -2).contiguous();               // padded x (padded/2 + 1)
        int gridSize = nodes * nodes;
        if (_potentials.Length != 2 * gridSize) _potentials = new float[2 * gridSize];
        // The two components' transforms back: the y component on the second TorchThread meanwhile, when allowed.
        Task<int> second = onTwoThreads ? _torchThreads[1].Run(() => TransformBack(spectrum, 1, nodes, padded)) : null;
        TransformBack(spectrum, 0, nodes, padded);
        if (second is null) TransformBack(spectrum, 1, nodes, padded);
        else second.GetAwaiter().GetResult();
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

    // Force component k's potentials: the charges' spectrum times the component's, transformed back, into _potentials.
    int TransformBack(Tensor spectrum, int k, int nodes, int padded)
    {
        using var scope = torch.NewDisposeScope();
        Tensor product = _productTensors[k];
        MultiplyComplex(TensorMemory.FloatsOf(torch.view_as_real(spectrum)), _forceSpectra[k], TensorMemory.FloatsOf(torch.view_as_real(product)));
        Tensor backRows = torch.fft.ifft(product, padded, -2).narrow(-2, 0, nodes);
        ReadOnlySpan<float> potential = TensorMemory.FloatsOf(torch.fft.irfft(backRows, padded, -1));   // nodes x padded
        int gridSize = nodes * nodes;
        for (int row = 0; row < nodes; row++)
            potential.Slice(row * padded, nodes).CopyTo(_potentials.AsSpan(k * gridSize + row * nodes, nodes));
        return k;
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

    // The transforms of the kernels laid out circularly on the padded grid: offset d (in nodes, |d| < padded / 2,
    // target minus source) at index d mod padded. The force kernel's two components are kept as spectra; the Cauchy
    // kernel's (real: the kernel is even) with the weights of Parseval's sum. They depend on the padded length and
    // the spacing only, so they are computed again only when one of those changes (for wide maps the spacing is
    // fixed and the length changes in steps: rarely); the work arrays change with the padded length.
    void KernelSpectra(int padded, double spacing)
    {
        if (_productTensors is not null && _kernelPadded == padded && _kernelSpacing == spacing) return;
        int size = padded * padded, half = padded / 2 + 1, frequencies = padded * half;
        if (_kernelPadded != padded)
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
                kernels[a * padded + b] = (float)(q * q * dx);
                kernels[size + a * padded + b] = (float)(q * q * dy);
                kernels[2 * size + a * padded + b] = (float)q;
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
    }

    // Back from the nodes to each point with its own weights. (A point's own force cancels: the force kernel is odd.)
    // And each point's own term in the interpolated Cauchy sum, to take off Z exactly: the sum over pairs of its nodes
    // of w w' / (1 + d^2), which depends only on the nodes' offsets, so the weights' products are summed per offset first.
    void GatherPotentials(float[] potentials, int nodes, double spacing, double[] repulsion)
    {
        int gridSize = nodes * nodes, offsets = 2 * NodesPerInterval - 1;
        var cauchy = new double[offsets * offsets];   // 1 / (1 + d^2) for node offsets -2..2 (in nodes) along y and x
        for (int da = 0; da < offsets; da++)
            for (int db = 0; db < offsets; db++)
            {
                double dy = (da - NodesPerInterval + 1) * spacing, dx = (db - NodesPerInterval + 1) * spacing;
                cauchy[da * offsets + db] = 1 / (1 + dx * dx + dy * dy);
            }
        ForChunks(_pointCount, (start, end) =>
        {
            Span<double> pairsX = stackalloc double[offsets], pairsY = stackalloc double[offsets];
            for (int i = start; i < end; i++)
            {
                double forceX = 0, forceY = 0;
                for (int a = 0; a < NodesPerInterval; a++)
                {
                    int row = (_cornerY[i] + a) * nodes + _cornerX[i];
                    double wy = _weightY[NodesPerInterval * i + a];
                    for (int b = 0; b < NodesPerInterval; b++)
                    {
                        double w = wy * _weightX[NodesPerInterval * i + b];
                        forceX += w * potentials[row + b];
                        forceY += w * potentials[gridSize + row + b];
                    }
                }
                repulsion[2 * i] = forceX;
                repulsion[2 * i + 1] = forceY;

                pairsX.Clear();
                pairsY.Clear();
                for (int a = 0; a < NodesPerInterval; a++)
                    for (int b = 0; b < NodesPerInterval; b++)
                    {
                        pairsX[a - b + NodesPerInterval - 1] += _weightX[NodesPerInterval * i + a] * _weightX[NodesPerInterval * i + b];
                        pairsY[a - b + NodesPerInterval - 1] += _weightY[NodesPerInterval * i + a] * _weightY[NodesPerInterval * i + b];
                    }
                double own = 0;
                for (int da = 0; da < offsets; da++)
                    for (int db = 0; db < offsets; db++)
                        own += pairsY[da] * pairsX[db] * cauchy[da * offsets + db];
                _ownTerms[i] = own;
            }
        });
    }

    void ForChunks(int n, Action<int, int> body) =>
        Parallel.For(0, (n + Chunk - 1) / Chunk, Parallelism.Options(_maxThreads),
            chunk => body(chunk * Chunk, Math.Min(n, (chunk + 1) * Chunk)));

    static Tensor ProductTensor(int rows, int columns) =>
        torch.empty(new long[] { rows, columns }, ScalarType.ComplexFloat32).DetachFromDisposeScope();

    void DisposeProducts()
    {
        if (_productTensors is null) return;
        foreach (Tensor product in _productTensors) product.Dispose();
        _productTensors = null;
    }

    public void Dispose()
    {
        if (_torchThreads is not null)
            foreach (TorchThread thread in _torchThreads) thread.Dispose();
        _torchThreads = null;
        DisposeProducts();
    }
}
