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

    static (double[] Repulsion, double Z) Interpolated(double[] positions, int threads = -1)
    {
        int n = positions.Length / 2;
        var repulsion = new double[2 * n];
        using var interpolation = new InterpolatedRepulsion(n, threads);
        double z = interpolation.Compute(positions, repulsion);
        return (repulsion, z);
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

    // Measured (2026-12-07: one unit charge and the force kernel's two components, Z by Parseval, single precision),
    // relative error (of the whole vector for the repulsion), interpolated vs exact, beside the classic Barnes-Hut
    // walk (QuadTree.Repulsion, theta 0.5) on the same points:
    //   case (n, spread)  Z        repulsion  |  Barnes-Hut: Z, repulsion
    //   500, 3            7.1e-5   2.5e-3     |  7.5e-3, 1.6e-2
    //   2000, 30          2.7e-4   6.0e-3     |  5.6e-3, 7.7e-3
    //   1500, 3, x 0.001  7e-8     3e-7       (nearly constant kernels: single precision's rounding)
    // Later the same day, with the kernels split between a fine and a coarse grid on the wide maps (2000, 30 and
    // 3000, 100) and the points placed in one pass: 500, 3: 2.8e-6 and 2.4e-3; 2000, 30: 6.2e-5 and 6.0e-3;
    // 3000, 100: 1.2e-4 and 5.4e-3; 1500, 3, x 0.001: 2.8e-8 and 4.1e-7.
    // On a real map (70,000 Fashion-MNIST points after 1,000 iterations, 400 points' forces against their exact sums):
    // 2.3e-2, against 1.0e-2 for our Barnes-Hut's group walk and 1.7e-2 for the classic walk. (The earlier four
    // charges in double precision gave 1.9e-3 and 7.7e-3 here and 1.4e-2 on the real map, at 7 times the time;
    // 5 nodes per interval, 1.3e-2.) Asserted with a margin.
    [Theory]
    [InlineData(500, 3.0, 1.0)]      // a small map: the fewest intervals, each narrower than the widest
    [InlineData(2000, 30.0, 1.0)]    // a wide map: intervals of the widest, kernels split between a fine and a coarse grid
    [InlineData(3000, 100.0, 1.0)]   // as wide as the 70,000-point map at the end of a t-SNE run (about 200 units)
    [InlineData(1500, 3.0, 0.001)]   // a map near its start (1e-4 scale): the kernels are nearly constant
    public void Sums_agree_with_the_exact_sums_over_all_pairs(int n, double spread, double scale)
    {
        double[] positions = Blobs(n, spread, seed: n, scale);
        var exact = Exact(positions);
        var interpolated = Interpolated(positions);
        double zExact = exact.SumQ.Sum();
        Assert.True(Math.Abs(interpolated.Z - zExact) / zExact < 1e-3, $"Z {interpolated.Z} vs exact {zExact}");
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
    // too large at a corner. Here the end nodes lie on the edges: the force on a point at the grid's corner from a
    // neighbour 2 units away, and Z, come out as the exact sums (Z less each point's own interpolated term, which is
    // 1 only for a point on a node: point 2 is not).
    [Theory]
    [InlineData(0.0)]
    [InlineData(0.17)]
    [InlineData(0.5)]
    public void A_point_on_a_box_edge_is_not_extrapolated(double offset)
    {
        // A 60-unit map, intervals of the widest; point 0 on the grid's corner.
        double[] positions = { offset, offset, offset + 2, offset + 1, 60, 60 };
        var exact = Exact(positions);
        var (repulsion, z) = Interpolated(positions);
        Assert.True(Math.Abs(z - exact.SumQ.Sum()) < 1e-4 * exact.SumQ.Sum(), $"Z {z} vs exact {exact.SumQ.Sum()}");
        for (int d = 0; d < 2; d++)
            Assert.True(Math.Abs(repulsion[d] - exact.Repulsion[d]) < 1e-3 * Math.Abs(exact.Repulsion[d]),
                $"force on the corner point {repulsion[d]} vs exact {exact.Repulsion[d]}");
    }

    // Two clusters 50 units apart, farther than the fine grid's kernels reach (InterpolatedRepulsion.NearReach): the
    // pushes within a cluster cancel in its sum (the force kernel is odd), so what the points of the first cluster
    // feel in sum is the second cluster's push alone, all of it through the coarse grid's far kernels.
    [Fact]
    public void The_push_between_far_clusters_comes_through_the_coarse_grid()
    {
        var random = new Random(7);
        int perCluster = 300;
        var positions = new double[4 * perCluster];
        for (int i = 0; i < 2 * perCluster; i++)
        {
            double centre = i < perCluster ? 0 : 50;
            positions[2 * i] = centre + 2 * (random.NextDouble() - 0.5);
            positions[2 * i + 1] = centre / 2 + 2 * (random.NextDouble() - 0.5);
        }
        Assert.True(Math.Sqrt(50 * 50 + 25 * 25) - 3 > InterpolatedRepulsion.NearReach);
        var exact = Exact(positions);
        var (repulsion, _) = Interpolated(positions);
        for (int d = 0; d < 2; d++)
        {
            double exactSum = 0, interpolatedSum = 0;
            for (int i = 0; i < perCluster; i++)
            {
                exactSum += exact.Repulsion[2 * i + d];
                interpolatedSum += repulsion[2 * i + d];
            }
            Assert.True(Math.Abs(interpolatedSum - exactSum) < 1e-3 * Math.Abs(exactSum),
                $"the far cluster's push, component {d}: {interpolatedSum} vs exact {exactSum}");
        }
    }

    [Fact]
    public void Result_is_the_same_on_one_or_two_threads()
    {
        double[] positions = Blobs(1200, 10, seed: 4);
        var one = Interpolated(positions, threads: 1);
        var two = Interpolated(positions, threads: 2);
        Assert.Equal(one.Z, two.Z);
        Assert.Equal(one.Repulsion, two.Repulsion);
    }

    // t-SNE hands its attraction over as work to do while the FFTs run on their own thread.
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Work_given_for_meanwhile_runs_once_and_leaves_the_sums_as_they_are(int threads)
    {
        double[] positions = Blobs(800, 10, seed: 5);
        var alone = Interpolated(positions, threads);
        var repulsion = new double[positions.Length];
        int runs = 0;
        using var interpolation = new InterpolatedRepulsion(positions.Length / 2, threads);
        double z = interpolation.Compute(positions, repulsion, meanwhile: () => Interlocked.Increment(ref runs));
        Assert.Equal(1, runs);
        Assert.Equal(alone.Z, z);
        Assert.Equal(alone.Repulsion, repulsion);
    }

    [Fact]
    public void Identical_points_give_finite_sums()
    {
        var positions = new double[2 * 10];
        Array.Fill(positions, 1.5);
        var (repulsion, z) = Interpolated(positions);
        Assert.Equal(10 * 9, z, 3);   // every pair's q is 1
        Assert.All(repulsion, r => Assert.Equal(0.0, r, 12));   // the force kernel is odd: a point's own term cancels exactly
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
        var error = Assert.Throws<ArgumentException>(() => interpolation.Compute(new double[18], new double[20]));
        Assert.Contains("made for 10 points", error.Message);
    }
}
