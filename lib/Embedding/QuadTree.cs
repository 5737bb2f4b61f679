// QuadTree: the Barnes-Hut tree over 2-D points that makes t-SNE's repulsive forces cost N log N instead of
// N^2: a cell far enough away (cell side / distance < theta, the criterion of sklearn's tree) acts as one point
// of its mass at its centre of mass.
// Built afresh each iteration, sequentially and in a fixed order, so the forces are the same on any thread count.
// Forces are computed a group of nearby points at a time (Barnes 1990, "A modified tree code"): one walk of the
// tree per group lists what acts on all of its points, judged from the group's bounding box, so each point sees
// at least the accuracy of its own walk; then every point of the group sums that list in a branch-free SIMD loop.
using System;
using System.Collections.Generic;
using System.Numerics;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;


public sealed class QuadTree
{
    struct Cell
    {
        public double MassX, MassY;   // centre of mass
        public double SideSquared;    // the square cell's side, squared
        public int Count;             // points inside
        public int FirstChild;        // children are contiguous; -1 for a leaf
        public int ChildCount;
        public int FirstPoint;        // its points are _order[FirstPoint .. FirstPoint + Count)
    }

    /// <summary>Most points in a group (see the file's header): enough to share a walk, few enough to keep its box small.</summary>
    public const int GroupSize = 64;

    const int MaxDepth = 48;   // deeper than this only identical (or nearly) points remain: they share a leaf

    readonly double[] _positions;   // x0, y0, x1, y1, ...
    readonly int[] _order;          // point indices, grouped by cell
    readonly int[] _scratch;
    readonly byte[] _quadrant;      // each point's quadrant in the cell being split
    Cell[] _cells;
    int _cellCount;
    readonly List<int> _groups = new();   // cells of at most GroupSize points whose parent has more, in tree order

    public int PointCount { get; }

    /// <summary>A tree over <paramref name="positions"/> (x0, y0, x1, y1, ...); call <see cref="Rebuild"/> after they move.</summary>
    public QuadTree(double[] positions)
    {
        _positions = positions;
        PointCount = positions.Length / 2;
        _order = new int[PointCount];
        _scratch = new int[PointCount];
        _quadrant = new byte[PointCount];
        _cells = new Cell[Math.Max(16, 2 * PointCount)];
        Rebuild();
    }

    /// <summary>Builds the tree afresh over the current positions, reusing its memory.</summary>
    public void Rebuild()
    {
        for (int i = 0; i < PointCount; i++) _order[i] = i;
        double minX = double.MaxValue, minY = double.MaxValue, maxX = double.MinValue, maxY = double.MinValue;
        for (int i = 0; i < PointCount; i++)
        {
            minX = Math.Min(minX, _positions[2 * i]); maxX = Math.Max(maxX, _positions[2 * i]);
            minY = Math.Min(minY, _positions[2 * i + 1]); maxY = Math.Max(maxY, _positions[2 * i + 1]);
        }
        double side = Math.Max(maxX - minX, maxY - minY) * (1 + 1e-9) + 1e-12;
        _cellCount = 1;
        Build(0, 0, PointCount, minX, minY, side, 0);
        FindGroups();
    }

    void FindGroups()
    {
        _groups.Clear();
        var stack = new Stack<int>();
        stack.Push(0);
        while (stack.Count > 0)
        {
            int cell = stack.Pop();
            if (_cells[cell].Count <= GroupSize || _cells[cell].FirstChild < 0) { _groups.Add(cell); continue; }
            for (int c = _cells[cell].FirstChild + _cells[cell].ChildCount - 1; c >= _cells[cell].FirstChild; c--) stack.Push(c);
        }
    }

    /// <summary>Groups of nearby points that share one walk of the tree; together they hold every point once.</summary>
    public int GroupCount => _groups.Count;

    /// <summary>The point indices of group <paramref name="group"/>.</summary>
    public ReadOnlySpan<int> GroupPoints(int group)
    {
        ref Cell cell = ref _cells[_groups[group]];
        return _order.AsSpan(cell.FirstPoint, cell.Count);
    }

    // Splits the cell's points into quadrants, builds the children, then sums them up into this cell: its centre
    // of mass comes from its children's (or, for a leaf, from its points), so each point is summed once.
    void Build(int cell, int start, int end, double left, double bottom, double side, int depth)
    {
        int count = end - start;
        _cells[cell] = new Cell { Count = count, FirstChild = -1, FirstPoint = start, SideSquared = side * side };
        if (count == 1 || depth == MaxDepth)
        {
            SummarizeLeaf(ref _cells[cell]);
            return;
        }

        // Stable partition of this cell's points into the four quadrants.
        double half = side / 2, midX = left + half, midY = bottom + half;
        Span<int> quadrantCount = stackalloc int[4];
        for (int p = start; p < end; p++)
        {
            int i = _order[p];
            byte q = (byte)((_positions[2 * i] >= midX ? 1 : 0) | (_positions[2 * i + 1] >= midY ? 2 : 0));
            _quadrant[i] = q;
            quadrantCount[q]++;
        }
        Span<int> next = stackalloc int[4];
        next[0] = start;
        for (int q = 1; q < 4; q++) next[q] = next[q - 1] + quadrantCount[q - 1];
        for (int p = start; p < end; p++) { int i = _order[p]; _scratch[next[_quadrant[i]]++] = i; }
        Array.Copy(_scratch, start, _order, start, count);

        int children = 0;
        for (int q = 0; q < 4; q++) if (quadrantCount[q] > 0) children++;
        int first = Allocate(children);
        int child = first, from = start;
        for (int q = 0; q < 4; q++)
        {
            if (quadrantCount[q] == 0) continue;
            Build(child++, from, from + quadrantCount[q], (q & 1) == 0 ? left : midX, (q & 2) == 0 ? bottom : midY, half, depth + 1);
            from += quadrantCount[q];
        }
        SummarizeChildren(ref _cells[cell], first, children);
    }

    void SummarizeLeaf(ref Cell leaf)
    {
        double sumX = 0, sumY = 0;
        for (int p = leaf.FirstPoint; p < leaf.FirstPoint + leaf.Count; p++)
        {
            sumX += _positions[2 * _order[p]];
            sumY += _positions[2 * _order[p] + 1];
        }
        leaf.MassX = sumX / leaf.Count;
        leaf.MassY = sumY / leaf.Count;
    }

    void SummarizeChildren(ref Cell parent, int first, int children)
    {
        double sumX = 0, sumY = 0;
        for (int c = first; c < first + children; c++)
        {
            sumX += _cells[c].MassX * _cells[c].Count;
            sumY += _cells[c].MassY * _cells[c].Count;
        }
        parent.FirstChild = first;
        parent.ChildCount = children;
        parent.MassX = sumX / parent.Count;
        parent.MassY = sumY / parent.Count;
    }

    int Allocate(int count)
    {
        if (_cellCount + count > _cells.Length) Array.Resize(ref _cells, _cells.Length * 2);
        int first = _cellCount;
        _cellCount += count;
        return first;
    }

    /// <summary>
    /// t-SNE's repulsion on point <paramref name="i"/>: sum over the other points j of q_ij^2 (y_i - y_j), and the
    /// sum of q_ij = 1 / (1 + |y_i - y_j|^2) (both unnormalized), with far cells summarized when side/distance &lt; theta.
    /// This is the classic walk, one per point (sklearn's); t-SNE uses <see cref="GroupRepulsion"/>, and the tests
    /// hold it to at least this walk's accuracy.
    /// </summary>
    public void Repulsion(int i, double theta, out double forceX, out double forceY, out double sumQ)
    {
        double xi = _positions[2 * i], yi = _positions[2 * i + 1], thetaSquared = theta * theta;
        double fx = 0, fy = 0, z = 0;
        Span<int> stack = stackalloc int[4 * MaxDepth + 8];
        int top = 0;
        stack[top++] = 0;
        while (top > 0)
        {
            ref Cell cell = ref _cells[stack[--top]];
            if (cell.FirstChild < 0 && cell.Count > 1)
            {
                // A leaf of (nearly) identical points: take them one by one, so that i can skip itself.
                for (int p = cell.FirstPoint; p < cell.FirstPoint + cell.Count; p++)
                {
                    int j = _order[p];
                    if (j != i) Accumulate(xi - _positions[2 * j], yi - _positions[2 * j + 1], 1, ref fx, ref fy, ref z);
                }
                continue;
            }
            double dx = xi - cell.MassX, dy = yi - cell.MassY, d2 = dx * dx + dy * dy;
            if (cell.FirstChild < 0)
            {
                if (_order[cell.FirstPoint] != i) Accumulate(dx, dy, 1, ref fx, ref fy, ref z);
            }
            else if (cell.SideSquared < thetaSquared * d2)
                Accumulate(dx, dy, cell.Count, ref fx, ref fy, ref z);
            else
                for (int c = cell.FirstChild + cell.ChildCount - 1; c >= cell.FirstChild; c--) stack[top++] = c;
        }
        forceX = fx;
        forceY = fy;
        sumQ = z;
    }

    /// <summary>One thread's scratch space for <see cref="GroupRepulsion"/>: what acts on a group, as positions and masses.</summary>
    public sealed class InteractionList
    {
        internal double[] X = new double[1024], Y = new double[1024], Mass = new double[1024];
        internal int Count;

        internal void Add(double x, double y, double mass)
        {
            if (Count == X.Length)
            {
                Array.Resize(ref X, 2 * Count);
                Array.Resize(ref Y, 2 * Count);
                Array.Resize(ref Mass, 2 * Count);
            }
            X[Count] = x; Y[Count] = y; Mass[Count] = mass;
            Count++;
        }
    }

    /// <summary>
    /// <see cref="Repulsion"/> for every point of group <paramref name="group"/>, written to forces[2i], forces[2i + 1]
    /// and sumQ[i]. A cell is summarized when side / (distance from its centre of mass to the group's bounding box)
    /// &lt; theta: for each point of the group that is at least as strict as the point's own criterion.
    /// </summary>
    public void GroupRepulsion(int group, double theta, InteractionList list, double[] forces, double[] sumQ)
    {
        ref Cell home = ref _cells[_groups[group]];
        int homeStart = home.FirstPoint, homeEnd = home.FirstPoint + home.Count;
        double minX = double.MaxValue, minY = double.MaxValue, maxX = double.MinValue, maxY = double.MinValue;
        for (int p = homeStart; p < homeEnd; p++)
        {
            double x = _positions[2 * _order[p]], y = _positions[2 * _order[p] + 1];
            minX = Math.Min(minX, x); maxX = Math.Max(maxX, x);
            minY = Math.Min(minY, y); maxY = Math.Max(maxY, y);
        }

        list.Count = 0;
        double thetaSquared = theta * theta;
        Span<int> stack = stackalloc int[4 * MaxDepth + 8];
        int top = 0;
        stack[top++] = 0;
        while (top > 0)
        {
            ref Cell cell = ref _cells[stack[--top]];
            if (cell.FirstChild < 0)
            {
                // A leaf: its points one by one (the group's own points too; each one's self-term is removed below).
                for (int p = cell.FirstPoint; p < cell.FirstPoint + cell.Count; p++)
                    list.Add(_positions[2 * _order[p]], _positions[2 * _order[p] + 1], 1);
                continue;
            }
            bool holdsGroup = cell.FirstPoint <= homeStart && homeEnd <= cell.FirstPoint + cell.Count;
            double dx = Math.Max(Math.Max(minX - cell.MassX, cell.MassX - maxX), 0);
            double dy = Math.Max(Math.Max(minY - cell.MassY, cell.MassY - maxY), 0);
            if (!holdsGroup && cell.SideSquared < thetaSquared * (dx * dx + dy * dy))
                list.Add(cell.MassX, cell.MassY, cell.Count);
            else
                for (int c = cell.FirstChild + cell.ChildCount - 1; c >= cell.FirstChild; c--) stack[top++] = c;
        }

        for (int p = homeStart; p < homeEnd; p++)
        {
            int i = _order[p];
            Sum(list, _positions[2 * i], _positions[2 * i + 1], out forces[2 * i], out forces[2 * i + 1], out double z);
            sumQ[i] = z - 1;   // the point met itself at distance 0: q = 1, no force
        }
    }

    // Sum over the list of mass x q and mass x q^2 x (point - entry), q = 1 / (1 + distance^2), SIMD lanes at a time.
    static void Sum(InteractionList list, double xi, double yi, out double forceX, out double forceY, out double sumQ)
    {
        int count = list.Count, width = Vector<double>.Count, e = 0;
        var x = new Vector<double>(xi);
        var y = new Vector<double>(yi);
        Vector<double> fx = Vector<double>.Zero, fy = Vector<double>.Zero, z = Vector<double>.Zero;
        for (; e <= count - width; e += width)
        {
            Vector<double> dx = x - new Vector<double>(list.X, e), dy = y - new Vector<double>(list.Y, e);
            Vector<double> q = Vector<double>.One / (Vector<double>.One + dx * dx + dy * dy);
            Vector<double> mq = new Vector<double>(list.Mass, e) * q;
            z += mq;
            fx += mq * q * dx;
            fy += mq * q * dy;
        }
        double sx = Vector.Sum(fx), sy = Vector.Sum(fy), sz = Vector.Sum(z);
        for (; e < count; e++)
            Accumulate(xi - list.X[e], yi - list.Y[e], list.Mass[e], ref sx, ref sy, ref sz);
        forceX = sx;
        forceY = sy;
        sumQ = sz;
    }

    static void Accumulate(double dx, double dy, double mass, ref double fx, ref double fy, ref double z)
    {
        double q = 1 / (1 + dx * dx + dy * dy);
        double mq = mass * q;
        z += mq;
        fx += mq * q * dx;
        fy += mq * q * dy;
    }
}
