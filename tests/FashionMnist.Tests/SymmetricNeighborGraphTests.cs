using Xunit;

/// <summary>k-NN lists made symmetric: one edge per neighbour pair, mutual pairs combined by the caller's rule.</summary>
public class SymmetricNeighborGraphTests
{
    // Three points, one neighbour each: 0 -> 1, 1 -> 0 (mutual), 2 -> 1 (one way).
    static readonly NeighborLists Lists = new(3, 1, [1, 0, 1], [1f, 1f, 4f]);

    [Fact]
    public void A_mutual_pair_is_combined_once_and_a_one_way_edge_appears_in_both_rows()
    {
        var graph = SymmetricNeighborGraph.Of(Lists, [0.5, 0.25, 0.1], (a, b) => a + b, maxThreads: 1);

        Assert.Equal(new[] { 0, 1, 3, 4 }, graph.RowStart);
        Assert.Equal(new[] { 1, 0, 2, 1 }, graph.Columns);   // each row's columns ascending
        Assert.Equal(new[] { 0.75, 0.75, 0.1, 0.1 }, graph.Values);
    }

    [Fact]
    public void Edges_combined_to_zero_are_dropped_and_the_rule_is_the_callers()
    {
        var union = SymmetricNeighborGraph.Of(Lists, [0.5, 0.25, 0.1], (a, b) => a + b - a * b);
        Assert.Equal(0.5 + 0.25 - 0.125, union.Values[0], 12);

        var cancelled = SymmetricNeighborGraph.Of(Lists, [0.5, -0.5, 0.1], (a, b) => a + b);
        Assert.Equal(new[] { 0, 0, 1, 2 }, cancelled.RowStart);   // the pair 0-1 summed to 0: no edge left
        Assert.Equal(new[] { 2, 1 }, cancelled.Columns);
    }

    [Fact]
    public void Weights_that_do_not_match_the_lists_are_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => SymmetricNeighborGraph.Of(Lists, [0.5, 0.25], (a, b) => a + b));
        Assert.Contains("2 directed weights for 3 points of 1 neighbours each", error.Message);
    }
}
