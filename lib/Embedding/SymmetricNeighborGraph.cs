// SymmetricNeighborGraph: k-nearest-neighbour lists made symmetric, as t-SNE's P and UMAP's fuzzy graph both need.
// Each point's k directed edges (i -> j, one weight each) become compressed sparse rows in which row i holds an
// edge to j whenever j is a neighbour of i or i a neighbour of j; an edge found both ways (mutual neighbours) gets
// its two weights combined by the caller's rule (t-SNE adds them, UMAP takes their fuzzy union). Columns ascend in
// every row; edges whose weight ends up 0 are dropped. Rows are built in parallel, each on its own: the same input
// gives the same graph on any number of threads.
using System;
using System.Threading.Tasks;

public sealed class SymmetricNeighborGraph
{
    /// <summary>Row i's edges are at [RowStart[i], RowStart[i + 1]), columns ascending.</summary>
    public int[] RowStart { get; init; }
    public int[] Columns { get; init; }
    public double[] Values { get; init; }
    public int Count => RowStart.Length - 1;

    /// <summary>
    /// The symmetric graph of <paramref name="neighbors"/> with <paramref name="directed"/>[i * K + m] the weight of
    /// i's m-th edge; <paramref name="combineMutual"/>(a, b) gives the weight of an edge found both ways.
    /// </summary>
    public static SymmetricNeighborGraph Of(NeighborLists neighbors, double[] directed, Func<double, double, double> combineMutual, int maxThreads = -1)
    {
        ArgumentNullException.ThrowIfNull(neighbors);
        ArgumentNullException.ThrowIfNull(combineMutual);
        int n = neighbors.Count, k = neighbors.K;
        if (directed is null || directed.Length != n * k)
            throw new ArgumentException($"{directed?.Length ?? 0} directed weights for {n} points of {k} neighbours each", nameof(directed));

        // Row i gets its own k edges (forward) and every edge j -> i (backward): a column that appears twice is a
        // pair of mutual neighbours.
        var rowStart = new int[n + 1];
        for (int i = 0; i < n; i++) rowStart[i + 1] += k;
        foreach (int j in neighbors.Indices) rowStart[j + 1]++;
        for (int i = 0; i < n; i++) rowStart[i + 1] += rowStart[i];
        var columns = new int[rowStart[n]];
        var values = new double[rowStart[n]];
        var fill = rowStart[..n];
        for (int i = 0; i < n; i++)
            for (int m = 0; m < k; m++)
            {
                int j = neighbors.Indices[i * k + m];
                double w = directed[i * k + m];
                columns[fill[i]] = j; values[fill[i]++] = w;
                columns[fill[j]] = i; values[fill[j]++] = w;
            }

        // Sort each row by column, combine the pairs that appear twice, drop the zeros.
        var length = new int[n];
        Parallel.For(0, n, Parallelism.Options(maxThreads), i =>
        {
            var cols = columns.AsSpan(rowStart[i], rowStart[i + 1] - rowStart[i]);
            var vals = values.AsSpan(rowStart[i], cols.Length);
            cols.Sort(vals);
            int kept = 0;
            for (int r = 0; r < cols.Length; r++)
            {
                if (kept > 0 && cols[kept - 1] == cols[r]) vals[kept - 1] = combineMutual(vals[kept - 1], vals[r]);
                else { cols[kept] = cols[r]; vals[kept] = vals[r]; kept++; }
            }
            int nonZero = 0;
            for (int r = 0; r < kept; r++)
                if (vals[r] != 0) { cols[nonZero] = cols[r]; vals[nonZero] = vals[r]; nonZero++; }
            length[i] = nonZero;
        });

        // The rows copied together, without the gaps the combined and dropped edges left.
        var start = new int[n + 1];
        for (int i = 0; i < n; i++) start[i + 1] = start[i] + length[i];
        var compactColumns = new int[start[n]];
        var compactValues = new double[start[n]];
        for (int i = 0; i < n; i++)
        {
            Array.Copy(columns, rowStart[i], compactColumns, start[i], length[i]);
            Array.Copy(values, rowStart[i], compactValues, start[i], length[i]);
        }
        return new SymmetricNeighborGraph { RowStart = start, Columns = compactColumns, Values = compactValues };
    }
}
