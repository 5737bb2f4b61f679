using System.Reflection;
using Xunit;

/// <summary>
/// lib/Embedding/InterpolatedRepulsion.cs: the grids it lays over a map (read through reflection: what its header
/// promises of them), the kernels' split between the fine and the coarse grid, and its sums on maps the other tests
/// leave out (a few points far apart, where each point's own term is most of Z; a map wider than 400 units).
/// </summary>
public class InterpolatedRepulsionLayoutTests
{
    static readonly Type Repulsion = typeof(InterpolatedRepulsion);

    static object Call(string name, params object[] arguments) =>
        Repulsion.GetMethod(name, BindingFlags.NonPublic | BindingFlags.Static)!.Invoke(null, arguments);

    static (bool Split, int Intervals, double Width, int Padded) FineLayout(double side)
    {
        object[] arguments = { side, 0, 0.0, 0 };
        bool split = (bool)Call("FineLayout", arguments);
        return (split, (int)arguments[1], (double)arguments[2], (int)arguments[3]);
    }

    static bool Smooth(int n)
    {
        foreach (int f in new[] { 2, 3, 5 }) while (n % f == 0) n /= f;
        return n == 1;
    }

    static int SmallestSmoothFrom(int n)
    {
        while (!Smooth(n)) n++;
        return n;
    }

    // How many steps of 5% the width is above MaxIntervalWidth: a whole number.
    static double Steps(double width) => Math.Log(width / InterpolatedRepulsion.MaxIntervalWidth) / Math.Log(1.05);

    [Fact]
    public void Fft_lengths_are_the_next_with_only_the_factors_2_3_and_5()
    {
        for (int n = 1; n < 1500; n++) Assert.Equal(SmallestSmoothFrom(n), (int)Call("SmoothLength", n));
        Assert.True((bool)Call("HasOnlySmallFactors", 1296));
        Assert.False((bool)Call("HasOnlySmallFactors", 1323));   // 3^3 7^2
        Assert.Equal(SmallestSmoothFrom(2 * 151 - 1), (int)Call("PaddedLength", 151));
        Assert.Equal(151, (int)Call("NodeCount", 75));
    }

    [Theory]
    [InlineData(0.01, true)]
    [InlineData(0.5, true)]
    [InlineData(7.0, false)]
    [InlineData(0.9, false)]
    [InlineData(2.0, true)]
    public void Width_steps_are_five_percent_apart_and_round_the_way_asked(double wanted, bool down)
    {
        double width = (double)Call("WidthStep", wanted, down);
        double steps = Steps(width);
        Assert.Equal(Math.Round(steps), steps, 6);
        if (down) Assert.True(width <= wanted * (1 + 1e-9) && width * 1.05 > wanted, $"{width} for {wanted}, down");
        else Assert.True(width >= wanted * (1 - 1e-9) && width / 1.05 < wanted, $"{width} for {wanted}, up");
    }

    [Fact]
    public void A_width_on_a_step_is_kept_either_way()
    {
        double onStep = InterpolatedRepulsion.MaxIntervalWidth * Math.Pow(1.05, -3);
        Assert.Equal(onStep, (double)Call("WidthStep", onStep, true), 12);
        Assert.Equal(onStep, (double)Call("WidthStep", onStep, false), 12);
    }

    // The fine grid covers the map with at least MinIntervals intervals, of the widest width up to 400 units, of the
    // narrowest step at or below side / MinIntervals on narrow maps and of the narrowest step at or above side /
    // MaxIntervals on wider ones; its FFT length is the shortest smooth one for whole kernels, or for near kernels
    // when that is below 80% of it; the intervals fill that length.
    [Theory]
    [InlineData(1e-4)]
    [InlineData(1.0)]
    [InlineData(20.0)]
    [InlineData(49.99)]
    [InlineData(50.01)]
    [InlineData(120.0)]
    [InlineData(207.0)]
    [InlineData(399.0)]
    [InlineData(401.0)]
    [InlineData(900.0)]
    public void The_fine_grid_covers_the_map_and_fills_its_fft_length(double side)
    {
        var (split, intervals, width, padded) = FineLayout(side);
        double widest = InterpolatedRepulsion.MaxIntervalWidth;
        int minimum = InterpolatedRepulsion.MinIntervals, maximum = InterpolatedRepulsion.MaxIntervals;
        Assert.Equal(Math.Round(Steps(width)), Steps(width), 6);
        if (side <= minimum * widest) Assert.True(width <= side / minimum * (1 + 1e-9) && width * 1.05 > side / minimum, $"narrow: width {width}");
        else if (side < maximum * widest) Assert.Equal(widest, width);
        else Assert.True(width >= side / maximum * (1 - 1e-9) && width / 1.05 < side / maximum, $"very wide: width {width}");

        int needed = 2 * Math.Max(minimum, (int)Math.Ceiling(side / width - 1e-9)) + 1;
        int nodes = 2 * intervals + 1;
        Assert.True(intervals >= minimum && intervals * width >= side * (1 - 1e-9), $"{intervals} intervals of {width} for {side}");
        Assert.True(Smooth(padded), $"length {padded}");
        int whole = SmallestSmoothFrom(2 * needed - 1);
        double spacing = width / 2;
        int reach = (int)Math.Ceiling(InterpolatedRepulsion.NearReach / spacing);
        if (split)
        {
            Assert.True(InterpolatedRepulsion.NearReach / spacing < needed);
            Assert.Equal(SmallestSmoothFrom(Math.Max(needed + reach, 2 * reach + 1)), padded);
            Assert.True(padded < 0.8 * whole);
            Assert.Equal(padded - reach, nodes + (padded - reach - nodes));   // the intervals fill the length:
            Assert.InRange(padded - reach - nodes, 0, 1);                     // one more would not fit
        }
        else
        {
            Assert.Equal(whole, padded);
            Assert.InRange((padded + 1) / 2 - nodes, 0, 1);
        }
    }

    // The header's own figures: a map 207 units wide (70,000 points after a full run) has its fine FFT shortened
    // from 1,250 to 720 by the split; a map 20 units wide is not split.
    [Fact]
    public void A_map_207_units_wide_has_its_fine_fft_shortened_from_1250_to_720()
    {
        var (split, _, width, padded) = FineLayout(207);
        Assert.True(split);
        Assert.Equal(720, padded);
        Assert.Equal(InterpolatedRepulsion.MaxIntervalWidth, width);
        Assert.Equal(1250, SmallestSmoothFrom(2 * (2 * 311 + 1) - 1));
        Assert.False(FineLayout(20).Split);
    }

    // The coarse grid: intervals FarIntervalWidth wide (wider beyond MaxIntervals of them), as many as fill the FFT
    // length of whole kernels over the map.
    [Theory]
    [InlineData(60.0, 3.0)]
    [InlineData(207.0, 3.0)]
    [InlineData(2400.0, 4.0)]
    public void The_coarse_grid_has_intervals_3_units_wide_filling_its_fft_length(double side, double width)
    {
        var (intervals, actualWidth) = ((int, double))Call("CoarseLayout", side);
        Assert.Equal(width, actualWidth, 12);
        int needed = 2 * (int)Math.Ceiling(side / width - 1e-9) + 1;
        int padded = SmallestSmoothFrom(2 * needed - 1);
        Assert.Equal(((padded + 1) / 2 - 1) / 2, intervals);
        Assert.True(intervals * width >= side);
    }

    // Smootherstep's fall between NearReach / 2 and NearReach: 1 - (6 s^5 - 15 s^4 + 10 s^3).
    [Theory]
    [InlineData(0.0)]
    [InlineData(14.9)]
    [InlineData(16.0)]
    [InlineData(18.75)]
    [InlineData(22.5)]
    [InlineData(27.0)]
    [InlineData(29.99)]
    [InlineData(30.0)]
    [InlineData(45.0)]
    public void The_near_share_falls_smoothly_from_1_to_0_between_15_and_30_units(double r)
    {
        double s = Math.Clamp((r - 15) / 15, 0, 1);
        double expected = 1 - (6 * Math.Pow(s, 5) - 15 * Math.Pow(s, 4) + 10 * Math.Pow(s, 3));
        Assert.Equal(expected, (double)Call("NearShare", r), 12);
    }

    [Fact]
    public void The_own_term_kernel_is_the_cauchy_kernel_between_the_nodes_of_a_box()
    {
        double[] kernel = (double[])Call("OwnTermKernel", 0.25);
        for (int dy = 0; dy < 3; dy++)
            for (int dx = 0; dx < 3; dx++) Assert.Equal(1 / (1 + (dx * dx + dy * dy) * 0.0625), kernel[3 * dy + dx], 15);
    }

    [Fact]
    public void Lagrange_weights_are_the_quadratics_through_0_one_half_and_1()
    {
        Span<double> weights = stackalloc double[3];
        InterpolatedRepulsion.LagrangeWeights(0.25, weights);
        Assert.Equal(new[] { 0.375, 0.75, -0.125 }, weights.ToArray());
        InterpolatedRepulsion.LagrangeWeights(0.5, weights);
        Assert.Equal(new[] { 0.0, 1.0, 0.0 }, weights.ToArray());
    }

    // ---------- sums on maps the other tests leave out ----------

    static (double[] Repulsion, double Z) Exact(double[] positions)
    {
        int n = positions.Length / 2;
        var repulsion = new double[2 * n];
        double z = 0;
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
            {
                if (i == j) continue;
                double dx = positions[2 * i] - positions[2 * j], dy = positions[2 * i + 1] - positions[2 * j + 1], q = 1 / (1 + dx * dx + dy * dy);
                z += q;
                repulsion[2 * i] += q * q * dx;
                repulsion[2 * i + 1] += q * q * dy;
            }
        return (repulsion, z);
    }

    static double RelativeError(double[] approximate, double[] exact) =>
        Math.Sqrt(approximate.Zip(exact, (a, e) => (a - e) * (a - e)).Sum() / exact.Sum(e => e * e));

    // Twelve points scattered over 40 units: Z is a few units, most of the interpolated sum is the points' own terms,
    // which must come off exactly (each 1 on a node, less between nodes).
    [Theory]
    [InlineData(40.0, 1)]
    [InlineData(40.0, 2)]
    [InlineData(8.0, 1)]
    public void A_sparse_map_gets_z_without_its_own_terms(double width, int threads)
    {
        var random = new Random(3);
        double[] positions = Enumerable.Range(0, 24).Select(_ => random.NextDouble() * width).ToArray();
        var exact = Exact(positions);
        var repulsion = new double[positions.Length];
        using var interpolation = new InterpolatedRepulsion(12, threads);
        double z = interpolation.Compute(positions, repulsion);
        Assert.True(Math.Abs(z - exact.Z) < 2e-4 * exact.Z, $"Z {z} vs exact {exact.Z}");
        Assert.True(RelativeError(repulsion, exact.Repulsion) < 2e-3, $"repulsion off by {RelativeError(repulsion, exact.Repulsion):E2}");
    }

    // Wider than MaxIntervals x MaxIntervalWidth = 400 units: intervals wider than the widest, kernels split. (Measured:
    // Z within 1e-4, the repulsion within 2.1e-2: small clusters far apart, whose forces are small.)
    [Fact]
    public void A_map_wider_than_400_units_still_gets_its_sums()
    {
        var random = new Random(5);
        int n = 400;
        var positions = new double[2 * n];
        for (int i = 0; i < n; i++)
        {
            double cx = 450 * (i % 4) / 3.0, cy = 450 * (i % 3) / 2.0;
            positions[2 * i] = cx + 3 * random.NextDouble();
            positions[2 * i + 1] = cy + 3 * random.NextDouble();
        }
        var exact = Exact(positions);
        var repulsion = new double[positions.Length];
        using var interpolation = new InterpolatedRepulsion(n, maxThreads: 1);
        double z = interpolation.Compute(positions, repulsion);
        Assert.True(Math.Abs(z - exact.Z) < 1e-3 * exact.Z, $"Z {z} vs exact {exact.Z}");
        Assert.True(RelativeError(repulsion, exact.Repulsion) < 3e-2, $"repulsion off by {RelativeError(repulsion, exact.Repulsion):E2}");
    }

    // The same instance on a map that grows and shrinks: its grids and kernels follow the map each time. (Measured: the
    // repulsion within 4.3e-2 at 80 units, 100 points sparse over the map, whose forces are small; kernels computed for
    // another length or spacing would be off by far more.)
    [Fact]
    public void One_instance_follows_a_map_that_grows_and_shrinks()
    {
        var random = new Random(6);
        double[] unit = Enumerable.Range(0, 200).Select(_ => random.NextDouble()).ToArray();
        using var interpolation = new InterpolatedRepulsion(100, maxThreads: 2);
        foreach (double scale in new[] { 3.0, 80.0, 3.0, 0.5 })
        {
            double[] positions = unit.Select(v => v * scale).ToArray();
            var exact = Exact(positions);
            var repulsion = new double[positions.Length];
            double z = interpolation.Compute(positions, repulsion);
            Assert.True(Math.Abs(z - exact.Z) < 1e-3 * exact.Z, $"scale {scale}: Z {z} vs exact {exact.Z}");
            Assert.True(RelativeError(repulsion, exact.Repulsion) < 6e-2, $"scale {scale}: repulsion off by {RelativeError(repulsion, exact.Repulsion):E2}");
        }
    }

    [Fact]
    public void Refusals_say_what_was_wrong_in_full()
    {
        using var interpolation = new InterpolatedRepulsion(3);
        Assert.Equal("made for 3 points: needs 6 positions and repulsion values, got 6 and 4",
            Assert.Throws<ArgumentException>(() => interpolation.Compute(new double[6], new double[4])).Message);
        Assert.Equal("made for 3 points: needs 6 positions and repulsion values, got 5 and 6",
            Assert.Throws<ArgumentException>(() => interpolation.Compute(new double[5], new double[6])).Message);
        Assert.Equal("the map has a coordinate that is not a finite number (Parameter 'positions')",
            Assert.Throws<ArgumentException>(() => interpolation.Compute(new double[] { 0, 0, 1, double.PositiveInfinity, 2, 2 }, new double[6])).Message);
        Assert.Equal("positions", Assert.Throws<ArgumentNullException>(() => interpolation.Compute(null, new double[6])).ParamName);
        Assert.Equal("repulsion", Assert.Throws<ArgumentNullException>(() => interpolation.Compute(new double[6], null)).ParamName);
        Assert.Equal("need at least one point, got -1 (Parameter 'pointCount')", Assert.Throws<ArgumentException>(() => new InterpolatedRepulsion(-1)).Message);
    }
}
