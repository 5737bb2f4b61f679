using Xunit;

public class InterpolatedRepulsionTests
{
    // Points in five Gaussian blobs of radius 1 to 5 (times scale) around centres spread apart: a map like t-SNE's,
    // with dense and empty regions.
    static double[] Blobs(int n, double spread, int seed, double scale = 1)
    {
        var random = new Random(seed);
        var positions = new double[2 * n];
        for (int i = 0; i < n; i++)
        {
            int blob = i % 5;
            double cx = spread * Math.Cos(blob * 1.3), cy = spread * Math.Sin(blob * 2.1), r = 1 + blob;
            for (int d = 0; d < 2; d++)
            {
                double gaussian = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
                positions[2 * i + d] = scale * ((d == 0 ? cx : cy) + r * gaussian);
            }
        }
        return positions;
    }

    // The same sums over all pairs, directly.
    static (double[] Repulsion, double[] SumQ) Exact(double[] positions)
    {
        int n = positions.Length / 2;
        var repulsion = new double[2 * n];
        var sumQ = new double[n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
            {
                if (i == j) continue;
                double dx = positions[2 * i] - positions[2 * j], dy = positions[2 * i + 1] - positions[2 * j + 1];
                double q = 1 / (1 + dx * dx + dy * dy);
                sumQ[i] += q;
                repulsion[2 * i] += q * q * dx;
                repulsion[2 * i + 1] += q * q * dy;
            }
        return (repulsion, sumQ);
    }

    static (double[] Repulsion, double[] SumQ) Interpolated(double[] positions, int threads = -1)
    {
        int n = positions.Length / 2;
        var repulsion = new double[2 * n];
        var sumQ = new double[n];
        using var interpolation = new InterpolatedRepulsion(n, threads);
        interpolation.Compute(positions, repulsion, sumQ);
        return (repulsion, sumQ);
    }

    static double RelativeError(double[] approximate, double[] exact)
    {
        double error = 0, norm = 0;
        for (int i = 0; i < exact.Length; i++)
        {
            error += (approximate[i] - exact[i]) * (approximate[i] - exact[i]);
            norm += exact[i] * exact[i];
        }
        return Math.Sqrt(error / norm);
    }

    // Measured (2026-12-01), relative to the whole vector, interpolated vs exact, and the classic Barnes-Hut walk
    // (QuadTree.Repulsion, theta 0.5) on the same points for scale:
    //   case (n, spread)  Z        per-point sums of q   repulsion  |  Barnes-Hut: Z, sums of q, repulsion
    //   500, 3            7.1e-5   2.0e-4                1.9e-3     |  7.5e-3, 7.0e-3, 1.6e-2
    //   2000, 30          2.7e-4   8.6e-4                7.7e-3     |  5.6e-3, 4.9e-3, 7.7e-3
    //   1500, 3, x 0.001  4e-16    5e-14                 3e-13      (the kernels are nearly constant over so small a map)
    // so the interpolation is at least as accurate as Barnes-Hut at theta 0.5. FIt-SNE's own node placement (1/6,
    // 1/2, 5/6 of each box) gave about twice these errors (2.2e-3 and 1.6e-2 in the second case); 5 nodes per
    // interval give 10 to 100 times less: the error is interpolation's, not the grid's. Asserted with a margin.
    [Theory]
    [InlineData(500, 3.0, 1.0)]      // a small map: the fewest intervals, each narrower than the widest
    [InlineData(2000, 30.0, 1.0)]    // a wide map: intervals of the widest, as late in a t-SNE run
    [InlineData(1500, 3.0, 0.001)]   // a map near its start (1e-4 scale): the kernels are nearly constant
    public void Sums_agree_with_the_exact_sums_over_all_pairs(int n, double spread, double scale)
    {
        double[] positions = Blobs(n, spread, seed: n, scale);
        var exact = Exact(positions);
        var interpolated = Interpolated(positions);
        double zExact = exact.SumQ.Sum(), zInterpolated = interpolated.SumQ.Sum();
        Assert.True(Math.Abs(zInterpolated - zExact) / zExact < 1e-3, $"Z {zInterpolated} vs exact {zExact}");
        double sumQError = RelativeError(interpolated.SumQ, exact.SumQ);
        Assert.True(sumQError < 3e-3, $"per-point sums of q off by {sumQError:E2} (relative, all points)");
        double repulsionError = RelativeError(interpolated.Repulsion, exact.Repulsion);
        Assert.True(repulsionError < 1.5e-2, $"repulsion off by {repulsionError:E2} (relative, all points)");
    }

    [Fact]
    public void Lagrange_weights_sum_to_one_and_reproduce_a_quadratic()
    {
        Span<double> weights = stackalloc double[InterpolatedRepulsion.NodesPerInterval];
        foreach (double u in new[] { 0.0, 0.2, 0.5, 0.77, 1.0 })
        {
            InterpolatedRepulsion.LagrangeWeights(u, weights);
            double sum = 0, quadratic = 0;
            for (int k = 0; k < weights.Length; k++)
            {
                double node = (double)k / (weights.Length - 1);
                sum += weights[k];
                quadratic += weights[k] * (2 * node * node - node + 3);
            }
            Assert.Equal(1.0, sum, 12);
            Assert.Equal(2 * u * u - u + 3, quadratic, 12);
        }
    }

    // FIt-SNE's nodes sit inside the box, so a point on the box's edge is extrapolated: its own term came back 32%
    // too large at a corner. Here the end nodes lie on the edges, and the own term cancels.
    [Theory]
    [InlineData(0.0)]
    [InlineData(0.17)]
    [InlineData(0.5)]
    public void A_point_on_a_box_edge_is_not_extrapolated(double offset)
    {
        double[] positions = { offset, offset, 60, 60 };   // a 60-unit map: intervals of the widest; point 0 on a corner
        var (_, sumQ) = Interpolated(positions);
        Assert.Equal(1 / (1 + 2 * (60 - offset) * (60 - offset)), sumQ[0], 9);
    }

    [Fact]
    public void Result_is_the_same_on_one_or_two_threads()
    {
        double[] positions = Blobs(1200, 10, seed: 4);
        var one = Interpolated(positions, threads: 1);
        var two = Interpolated(positions, threads: 2);
        Assert.Equal(one.SumQ, two.SumQ);
        Assert.Equal(one.Repulsion, two.Repulsion);
    }

    [Fact]
    public void Identical_points_give_finite_sums()
    {
        var positions = new double[2 * 10];
        Array.Fill(positions, 1.5);
        var (repulsion, sumQ) = Interpolated(positions);
        Assert.All(sumQ, q => Assert.Equal(9.0, q, 6));
        Assert.All(repulsion, r => Assert.Equal(0.0, r, 6));
    }

    [Fact]
    public void A_map_with_a_missing_coordinate_is_refused()
    {
        double[] positions = Blobs(20, 1, seed: 1);
        positions[7] = double.NaN;
        var error = Assert.Throws<ArgumentException>(() => Interpolated(positions));
        Assert.Contains("not a finite number", error.Message);
    }

    [Fact]
    public void Arrays_of_the_wrong_length_are_refused()
    {
        using var interpolation = new InterpolatedRepulsion(10);
        var error = Assert.Throws<ArgumentException>(() => interpolation.Compute(new double[18], new double[20], new double[10]));
        Assert.Contains("made for 10 points", error.Message);
    }
}
