// QuadTree: the Barnes-Hut tree over 2-D points that makes t-SNE's repulsive forces cost N log N instead of
// N^2: a cell far enough away (cell side / distance < theta) acts as one point of its mass at its centre of mass.
// Built afresh each iteration, sequentially and in a fixed order, so the forces are the same on any thread count.
using System;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;


public sealed class QuadTree
{
    struct Cell
    {
        public double MassX, MassY;   // centre of mass
        public double Side;           // side length of the square cell
        public int Count;             // points inside
        public int FirstChild;        // children are contiguous; -1 for a leaf
        public int ChildCount;
        public int FirstPoint;        // leaves: their points are _order[FirstPoint .. FirstPoint + Count)
    }

    const int MaxDepth = 48;   // deeper than this only identical (or nearly) points remain: they share a leaf

    readonly double[] _positions;   // x0, y0, x1, y1, ...
    readonly int[] _order;          // point indices, grouped by cell
    readonly int[] _scratch;
    Cell[] _cells;
    int _cellCount;

    public int PointCount { get; }

    /// <summary>A tree over <paramref name="positions"/> (x0, y0, x1, y1, ...); call <see cref="Rebuild"/> after they move.</summary>
    public QuadTree(double[] positions)
    {
        _positions = positions;
        PointCount = positions.Length / 2;
        _order = new int[PointCount];
        _scratch = new int[PointCount];
        _cells = new Cell[Math.Max(16, 2 * PointCount)];
        Rebuild();
    }

    /// <summary>The point indices in tree order: points close in this order are close in the plane.</summary>
    public ReadOnlySpan<int> Order => _order;

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
    }

    void Build(int cell, int start, int end, double left, double bottom, double side, int depth)
    {
        double sumX = 0, sumY = 0;
        for (int p = start; p < end; p++) { sumX += _positions[2 * _order[p]]; sumY += _positions[2 * _order[p] + 1]; }
        int count = end - start;
        _cells[cell] = new Cell
        {
            MassX = sumX / count, MassY = sumY / count, Side = side, Count = count,
            FirstChild = -1, FirstPoint = start,
        };
        if (count == 1 || depth == MaxDepth) return;

        // Stable partition of this cell's points into the four quadrants.
        double half = side / 2, midX = left + half, midY = bottom + half;
        Span<int> quadrantCount = stackalloc int[4];
        for (int p = start; p < end; p++) quadrantCount[Quadrant(_order[p], midX, midY)]++;
        Span<int> next = stackalloc int[4];
        next[0] = start;
        for (int q = 1; q < 4; q++) next[q] = next[q - 1] + quadrantCount[q - 1];
        for (int p = start; p < end; p++) { int i = _order[p]; _scratch[next[Quadrant(i, midX, midY)]++] = i; }
        Array.Copy(_scratch, start, _order, start, count);

        int children = 0;
        for (int q = 0; q < 4; q++) if (quadrantCount[q] > 0) children++;
        int first = Allocate(children);
        _cells[cell].FirstChild = first;
        _cells[cell].ChildCount = children;
        int child = first, from = start;
        for (int q = 0; q < 4; q++)
        {
            if (quadrantCount[q] == 0) continue;
            Build(child++, from, from + quadrantCount[q], (q & 1) == 0 ? left : midX, (q & 2) == 0 ? bottom : midY, half, depth + 1);
            from += quadrantCount[q];
        }
    }

    int Quadrant(int i, double midX, double midY) =>
        (_positions[2 * i] >= midX ? 1 : 0) | (_positions[2 * i + 1] >= midY ? 2 : 0);

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
            else if (cell.Side * cell.Side < thetaSquared * d2)
                Accumulate(dx, dy, cell.Count, ref fx, ref fy, ref z);
            else
                for (int c = cell.FirstChild + cell.ChildCount - 1; c >= cell.FirstChild; c--) stack[top++] = c;
        }
        forceX = fx;
        forceY = fy;
        sumQ = z;
    }

    static void Accumulate(double dx, double dy, int mass, ref double fx, ref double fy, ref double z)
    {
        double q = 1 / (1 + dx * dx + dy * dy);
        double mq = mass * q;
        z += mq;
        fx += mq * q * dx;
        fy += mq * q * dy;
    }
}
