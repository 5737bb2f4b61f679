using Xunit;

public class QuadTreeTests
{
    // Clustered points, as a t-SNE map has them: dense blobs, and two exact duplicates.
    static double[] Points(int count, int seed = 0)
    {
        var random = new Random(seed);
        var xy = new double[2 * count];
        for (int i = 0; i < count; i++)
        {
            int blob = i % 5;
            xy[2 * i] = 10 * blob + random.NextDouble() * (1 + blob);
            xy[2 * i + 1] = -7 * blob + random.NextDouble() * 2;
        }
        xy[2] = xy[0]; xy[3] = xy[1];
        return xy;
    }

    // The exact sums over all other points j: q_ij^2 (y_i - y_j) and q_ij, q = 1 / (1 + d^2).
    static (double X, double Y, double Z) Exact(double[] xy, int i)
    {
        double fx = 0, fy = 0, z = 0;
        for (int j = 0; j < xy.Length / 2; j++)
        {
            if (j == i) continue;
            double dx = xy[2 * i] - xy[2 * j], dy = xy[2 * i + 1] - xy[2 * j + 1], q = 1 / (1 + dx * dx + dy * dy);
            z += q; fx += q * q * dx; fy += q * q * dy;
        }
        return (fx, fy, z);
    }

    [Fact]
    public void Groups_hold_every_point_once_and_at_most_the_group_size()
    {
        var tree = new QuadTree(Points(1000));
        var seen = Enumerable.Range(0, tree.GroupCount).SelectMany(g => tree.GroupPoints(g).ToArray()).ToList();
        Assert.Equal(Enumerable.Range(0, 1000), seen.OrderBy(i => i));
        Assert.All(Enumerable.Range(0, tree.GroupCount), g => Assert.InRange(tree.GroupPoints(g).Length, 1, QuadTree.GroupSize));
    }

    [Fact]
    public void Group_walk_forces_are_close_to_the_exact_sums_and_no_worse_than_one_walk_per_point()
    {
        double[] xy = Points(1500);
        var tree = new QuadTree(xy);
        var forces = new double[xy.Length];
        var sumQ = new double[xy.Length / 2];
        var list = new QuadTree.InteractionList();
        for (int g = 0; g < tree.GroupCount; g++) tree.GroupRepulsion(g, 0.5, list, forces, sumQ);

        double groupError = 0, pointError = 0, scale = 0;
        for (int i = 0; i < xy.Length / 2; i++)
        {
            var exact = Exact(xy, i);
            tree.Repulsion(i, 0.5, out double px, out double py, out double pz);
            Assert.Equal(exact.Z, sumQ[i], exact.Z * 0.01);
            groupError += Math.Pow(forces[2 * i] - exact.X, 2) + Math.Pow(forces[2 * i + 1] - exact.Y, 2);
            pointError += Math.Pow(px - exact.X, 2) + Math.Pow(py - exact.Y, 2);
            scale += exact.X * exact.X + exact.Y * exact.Y;
        }
        Assert.True(groupError < 1e-4 * scale, $"relative squared error {groupError / scale:E2}");
        Assert.True(groupError <= pointError, $"group walk error {groupError:E3} vs one walk per point {pointError:E3}");
    }
}
