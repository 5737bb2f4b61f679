using Xunit;

/// <summary>
/// lib/Embedding/QuadTree.cs against a Barnes-Hut tree built here the slow, obvious way: each cell a list of its
/// points, its centre of mass their mean, its children the non-empty quadrants (a point on a midline goes to the upper
/// or right one), split until one point is left or 48 levels deep; the groups, the point order, the classic walk and
/// the group walk all read from it.
/// </summary>
public class QuadTreeKnownAnswerTests
{
    sealed class Cell
    {
        public List<int> Points;
        public double Side, MassX, MassY;
        public List<Cell> Children = new();
        public bool Leaf => Children.Count == 0;
    }

    static Cell Build(double[] xy, List<int> points, double left, double bottom, double side, int depth)
    {
        var cell = new Cell { Points = points, Side = side, MassX = points.Average(i => xy[2 * i]), MassY = points.Average(i => xy[2 * i + 1]) };
        if (points.Count == 1 || depth == 48) return cell;
        double half = side / 2;
        for (int q = 0; q < 4; q++)
        {
            bool right = (q & 1) != 0, up = (q & 2) != 0;
            var inside = points.Where(i => (xy[2 * i] >= left + half) == right && (xy[2 * i + 1] >= bottom + half) == up).ToList();
            if (inside.Count > 0) cell.Children.Add(Build(xy, inside, right ? left + half : left, up ? bottom + half : bottom, half, depth + 1));
        }
        return cell;
    }

    static Cell Root(double[] xy)
    {
        int n = xy.Length / 2;
        var all = Enumerable.Range(0, n).ToList();
        double minX = all.Min(i => xy[2 * i]), maxX = all.Max(i => xy[2 * i]), minY = all.Min(i => xy[2 * i + 1]), maxY = all.Max(i => xy[2 * i + 1]);
        double side = Math.Max(maxX - minX, maxY - minY) * (1 + 1e-9) + 1e-12;
        return Build(xy, all, minX, minY, side, 0);
    }

    // The points of a cell in the tree's order: its children's, quadrant by quadrant.
    static IEnumerable<int> InTreeOrder(Cell cell) => cell.Leaf ? cell.Points : cell.Children.SelectMany(InTreeOrder);

    // Cells of at most 64 points whose parent has more (or leaves that must stay whole), in tree order.
    static void Groups(Cell cell, List<Cell> groups)
    {
        if (cell.Points.Count <= QuadTree.GroupSize || cell.Leaf) groups.Add(cell);
        else foreach (Cell child in cell.Children) Groups(child, groups);
    }

    static void Add(double dx, double dy, double mass, ref double fx, ref double fy, ref double z)
    {
        double q = 1 / (1 + dx * dx + dy * dy);
        z += mass * q; fx += mass * q * q * dx; fy += mass * q * q * dy;
    }

    // The classic walk for point i: a cell stands for its points when side^2 < theta^2 d^2 (d to its centre of mass).
    static void Walk(double[] xy, Cell cell, int i, double theta, ref double fx, ref double fy, ref double z)
    {
        double xi = xy[2 * i], yi = xy[2 * i + 1];
        if (cell.Leaf)
        {
            foreach (int j in cell.Points)
                if (j != i) Add(xi - xy[2 * j], yi - xy[2 * j + 1], 1, ref fx, ref fy, ref z);
            return;
        }
        double dx = xi - cell.MassX, dy = yi - cell.MassY;
        if (cell.Side * cell.Side < theta * theta * (dx * dx + dy * dy)) Add(dx, dy, cell.Points.Count, ref fx, ref fy, ref z);
        else foreach (Cell child in cell.Children) Walk(xy, child, i, theta, ref fx, ref fy, ref z);
    }

    // What acts on a group: leaves point by point; a cell that does not hold the group as one mass when side^2 <
    // theta^2 d^2, d from its centre of mass to the group's bounding box.
    static void GroupList(double[] xy, Cell cell, Cell group, double[] box, double theta, List<(double X, double Y, double Mass)> list)
    {
        if (cell.Leaf)
        {
            foreach (int j in cell.Points) list.Add((xy[2 * j], xy[2 * j + 1], 1));
            return;
        }
        bool holds = group.Points.All(cell.Points.Contains);
        double dx = Math.Max(Math.Max(box[0] - cell.MassX, cell.MassX - box[1]), 0), dy = Math.Max(Math.Max(box[2] - cell.MassY, cell.MassY - box[3]), 0);
        if (!holds && cell.Side * cell.Side < theta * theta * (dx * dx + dy * dy)) list.Add((cell.MassX, cell.MassY, cell.Points.Count));
        else foreach (Cell child in cell.Children) GroupList(xy, child, group, box, theta, list);
    }

    // Blobs of different sizes, a pair of duplicates and three identical points (a leaf 48 levels deep).
    static double[] Points(int n, int seed)
    {
        var random = new Random(seed);
        var xy = new double[2 * n];
        for (int i = 0; i < n; i++)
        {
            int blob = i % 4;
            xy[2 * i] = 9 * blob + random.NextDouble() * (1 + 2 * blob);
            xy[2 * i + 1] = -5 * blob + random.NextDouble() * (3 - 0.5 * blob);
        }
        xy[2] = xy[0]; xy[3] = xy[1];
        for (int i = n - 3; i < n; i++) { xy[2 * i] = 4.25; xy[2 * i + 1] = -2.5; }
        return xy;
    }

    static void AssertRelative(double expected, double actual, string what) =>
        Assert.True(Math.Abs(expected - actual) <= 1e-11 * Math.Max(1e-300, Math.Abs(expected)) + 1e-300, $"{what}: {actual:R} vs {expected:R}");

    // The tree's classic walk for point i against the slow tree's, force and sum of q alike.
    static void AssertWalkAgrees(QuadTree tree, double[] xy, Cell root, int i, double theta)
    {
        double fx = 0, fy = 0, z = 0;
        Walk(xy, root, i, theta, ref fx, ref fy, ref z);
        tree.Repulsion(i, theta, out double ax, out double ay, out double az);
        AssertRelative(fx, ax, $"force x on {i}");
        AssertRelative(fy, ay, $"force y on {i}");
        AssertRelative(z, az, $"sum of q for {i}");
    }

    [Fact]
    public void Groups_and_their_points_are_those_of_the_slow_tree_in_its_order()
    {
        double[] xy = Points(400, seed: 1);
        var tree = new QuadTree(xy);
        var groups = new List<Cell>();
        Groups(Root(xy), groups);
        Assert.Equal(400, tree.PointCount);
        Assert.Equal(groups.Count, tree.GroupCount);
        for (int g = 0; g < groups.Count; g++) Assert.Equal(InTreeOrder(groups[g]), tree.GroupPoints(g).ToArray());
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(0.9)]
    public void The_classic_walk_sums_what_the_slow_tree_summarizes(double theta)
    {
        double[] xy = Points(300, seed: 2);
        var tree = new QuadTree(xy);
        Cell root = Root(xy);
        for (int i = 0; i < 300; i++) AssertWalkAgrees(tree, xy, root, i, theta);
    }

    [Theory]
    [InlineData(300, 0.5)]
    [InlineData(300, 0.9)]
    [InlineData(1300, 0.01)]   // nearly no cell summarized: lists longer than the 1,024 entries they start with
    public void The_group_walk_sums_what_the_slow_tree_lists_for_the_group(int n, double theta)
    {
        double[] xy = Points(n, seed: 3);
        var tree = new QuadTree(xy);
        Cell root = Root(xy);
        var groups = new List<Cell>();
        Groups(root, groups);
        var forces = new double[2 * n];
        var sumQ = new double[n];
        var scratch = new QuadTree.InteractionList();
        for (int g = 0; g < groups.Count; g += n > 1000 ? 7 : 1)
        {
            tree.GroupRepulsion(g, theta, scratch, forces, sumQ);
            List<int> members = groups[g].Points;
            double[] box = { members.Min(i => xy[2 * i]), members.Max(i => xy[2 * i]), members.Min(i => xy[2 * i + 1]), members.Max(i => xy[2 * i + 1]) };
            var list = new List<(double X, double Y, double Mass)>();
            GroupList(xy, root, groups[g], box, theta, list);
            foreach (int i in members)
            {
                double fx = 0, fy = 0, z = 0;
                foreach (var (x, y, mass) in list) Add(xy[2 * i] - x, xy[2 * i + 1] - y, mass, ref fx, ref fy, ref z);
                AssertRelative(fx, forces[2 * i], $"group {g}, force x on {i}");
                AssertRelative(fy, forces[2 * i + 1], $"group {g}, force y on {i}");
                AssertRelative(z - 1, sumQ[i], $"group {g}, sum of q for {i}");
            }
        }
    }

    [Fact]
    public void Rebuild_follows_points_that_moved()
    {
        double[] xy = Points(200, seed: 4);
        var tree = new QuadTree(xy);
        for (int c = 0; c < xy.Length; c++) xy[c] = xy[c] * 0.5 + (c % 2 == 0 ? 30 : -1) + (c % 7) * 0.1;
        tree.Rebuild();
        Cell root = Root(xy);
        var groups = new List<Cell>();
        Groups(root, groups);
        Assert.Equal(groups.Count, tree.GroupCount);
        for (int i = 0; i < 200; i += 13) AssertWalkAgrees(tree, xy, root, i, 0.5);
    }

    // A cell of exactly GroupSize points whose parent has more is one group.
    [Fact]
    public void A_cell_of_exactly_the_group_size_is_one_group()
    {
        var random = new Random(6);
        var xy = new double[2 * 2 * QuadTree.GroupSize];
        for (int i = 0; i < 2 * QuadTree.GroupSize; i++)
        {
            double corner = i < QuadTree.GroupSize ? 0 : 9;
            xy[2 * i] = corner + random.NextDouble();
            xy[2 * i + 1] = corner + random.NextDouble();
        }
        var tree = new QuadTree(xy);
        Assert.Equal(2, tree.GroupCount);
        Assert.Equal(Enumerable.Range(0, QuadTree.GroupSize), tree.GroupPoints(0).ToArray().OrderBy(i => i));
    }

    // Points exactly on the root's midlines go to the right and upper quadrants; the root square is the bounding box
    // grown by 1e-9 of its side and 1e-12, so points on the midlines of slightly different squares land otherwise.
    [Fact]
    public void Points_on_a_midline_go_to_the_upper_or_right_quadrant()
    {
        var random = new Random(8);
        var points = new List<(double X, double Y)> { (0, 0), (10, 10) };
        for (int i = 0; i < 60; i++) points.Add((10 * random.NextDouble(), 10 * random.NextDouble()));
        foreach (double grow in new[] { 1 + 1e-9, 1 - 1e-9, 1.0 })
            foreach (double pad in new[] { 1e-12, -1e-12, 0 })
            {
                double middle = (10 * grow + pad) / 2;
                for (int i = 0; i < 4; i++)
                {
                    points.Add((middle, 10 * random.NextDouble()));
                    points.Add((10 * random.NextDouble(), middle));
                }
            }
        double[] xy = points.SelectMany(p => new[] { p.X, p.Y }).ToArray();
        var tree = new QuadTree(xy);
        Cell root = Root(xy);
        var groups = new List<Cell>();
        Groups(root, groups);
        Assert.Equal(InTreeOrder(root), Enumerable.Range(0, tree.GroupCount).SelectMany(g => tree.GroupPoints(g).ToArray()));
        int n = xy.Length / 2;
        for (int i = 0; i < n; i++) AssertWalkAgrees(tree, xy, root, i, 0.9);
    }

    // Two points: the tree is a root and two leaves; each point feels the other exactly.
    [Fact]
    public void Two_points_feel_each_other_exactly()
    {
        double[] xy = { 0, 0, 3, 4 };
        var tree = new QuadTree(xy);
        tree.Repulsion(0, 0.5, out double fx, out double fy, out double z);
        Assert.Equal(1.0 / 26, z, 1e-15);
        Assert.Equal(-3.0 / 676, fx, 1e-15);
        Assert.Equal(-4.0 / 676, fy, 1e-15);
        var forces = new double[4];
        var sumQ = new double[2];
        Assert.Equal(1, tree.GroupCount);
        tree.GroupRepulsion(0, 0.5, new QuadTree.InteractionList(), forces, sumQ);
        Assert.Equal(new[] { -3.0 / 676, -4.0 / 676, 3.0 / 676, 4.0 / 676 }, forces,
            new DoubleTolerance(1e-15));
        Assert.Equal(1.0 / 26, sumQ[1], 1e-15);
    }

    sealed class DoubleTolerance(double tolerance) : IEqualityComparer<double>
    {
        public bool Equals(double a, double b) => Math.Abs(a - b) <= tolerance;
        public int GetHashCode(double value) => 0;
    }
}
