using Xunit;
using static Refusal;

/// <summary>
/// What each map and measure of lib/Embedding refuses, with the message a reader gets: every check at its boundary
/// (the last value refused and the first accepted), so that a check moved by one, or gone, is noticed.
/// </summary>
public class EmbeddingContractTests
{
    static readonly float[] Line = [0, 1, 2, 3, 4, 5];

    [Fact]
    public void Exact_neighbours_need_whole_rows_and_k_between_1_and_the_rows_less_one()
    {
        Assert.Throws<ArgumentNullException>(() => ExactNeighbors.Find(null, 1, 1));
        Assert.Contains("6 values are not whole rows of 4", MessageOf<ArgumentException>(() => ExactNeighbors.Find(Line, 4, 1)));
        Assert.Contains("6 values are not whole rows of 0", MessageOf<ArgumentException>(() => ExactNeighbors.Find(Line, 0, 1)));
        Assert.Contains("k = 0 neighbours needs 1 <= k < rows (6)", MessageOf<ArgumentOutOfRangeException>(() => ExactNeighbors.Find(Line, 1, 0)));
        Assert.Contains("k = 6 neighbours needs 1 <= k < rows (6)", MessageOf<ArgumentOutOfRangeException>(() => ExactNeighbors.Find(Line, 1, 6)));
        ExactNeighbors.Find(Line, 1, 5);
    }

    [Fact]
    public void Map_neighbour_accuracy_needs_a_label_per_point_k_below_the_points_and_no_negative_label()
    {
        int[] labels = [0, 0, 0, 1, 1, 1];
        Assert.Throws<ArgumentNullException>(() => MapNeighborAccuracy.LeaveOneOut(null, 1, labels));
        Assert.Throws<ArgumentNullException>(() => MapNeighborAccuracy.LeaveOneOut(Line, 1, null));
        Assert.Contains("6 values are not whole rows of 0", MessageOf<ArgumentException>(() => MapNeighborAccuracy.LeaveOneOut(Line, 0, labels, k: 1)));
        Assert.Contains("6 values are not whole rows of 4", MessageOf<ArgumentException>(() => MapNeighborAccuracy.LeaveOneOut(Line, 4, labels, k: 1)));
        Assert.Contains("5 labels for 6 points", MessageOf<ArgumentException>(() => MapNeighborAccuracy.LeaveOneOut(Line, 1, labels[..5], k: 1)));
        Assert.Contains("k = 0 needs 1 <= k < points (6)", MessageOf<ArgumentOutOfRangeException>(() => MapNeighborAccuracy.LeaveOneOut(Line, 1, labels, k: 0)));
        Assert.Contains("k = 6 needs 1 <= k < points (6)", MessageOf<ArgumentOutOfRangeException>(() => MapNeighborAccuracy.LeaveOneOut(Line, 1, labels, k: 6)));
        Assert.Contains("labels must be 0 or more", MessageOf<ArgumentException>(() => MapNeighborAccuracy.LeaveOneOut(Line, 1, [0, 0, 0, 1, 1, -1], k: 1)));
        Assert.Equal(1.0, MapNeighborAccuracy.LeaveOneOut([0, 1, 2, 10, 11, 12], 1, labels, k: 1));
    }

    [Fact]
    public void Trustworthiness_needs_matching_maps_and_k_below_half_the_rows()
    {
        Assert.Throws<ArgumentNullException>(() => Trustworthiness.Of(null, 1, Line, 1));
        Assert.Throws<ArgumentNullException>(() => Trustworthiness.Of(Line, 1, null, 1));
        Assert.Contains("6 values are not whole rows of 0", MessageOf<ArgumentException>(() => Trustworthiness.Of(Line, 0, Line, 1, k: 1)));
        Assert.Contains("6 values are not whole rows of 4", MessageOf<ArgumentException>(() => Trustworthiness.Of(Line, 1, Line, 4, k: 1)));
        Assert.Contains("6 values are not whole rows of 0", MessageOf<ArgumentException>(() => Trustworthiness.Of(Line, 1, Line, 0, k: 1)));
        Assert.Contains("the map has 3 rows but the original 6", MessageOf<ArgumentException>(() => Trustworthiness.Of(Line, 1, Line, 2, k: 1)));
        Assert.Contains("k = 0 must be at least 1 and below half the rows (6)", MessageOf<ArgumentOutOfRangeException>(() => Trustworthiness.Of(Line, 1, Line, 1, k: 0)));
        Assert.Contains("k = 3 must be at least 1", MessageOf<ArgumentOutOfRangeException>(() => Trustworthiness.Of(Line, 1, Line, 1, k: 3)));
        Assert.Equal(1.0, Trustworthiness.Of(Line, 1, Line, 1, k: 2), 12);
    }

    [Fact]
    public void Pca_needs_positive_dimensions_two_rows_and_a_component_count_it_has()
    {
        Assert.Throws<ArgumentNullException>(() => Pca.Fit(null, 2));
        Assert.Contains("dimensions must be positive, got 0", MessageOf<ArgumentException>(() => Pca.Fit(Line, 0)));
        Assert.Contains("PCA needs at least 2 rows, got 1", MessageOf<ArgumentException>(() => Pca.Fit(Line, 6)));
        var pca = Pca.Fit(Line, 3);
        Assert.Contains("asked for 0 components; this PCA has 1 to 3", MessageOf<ArgumentOutOfRangeException>(() => pca.Transform(Line, 0)));
        Assert.Contains("asked for 4 components", MessageOf<ArgumentOutOfRangeException>(() => pca.Transform(Line, 4)));
        Assert.Contains("5 values are not whole rows of 3", MessageOf<ArgumentException>(() => pca.Transform(new float[5], 1)));
        Assert.Equal(2, pca.Transform(Line, 1).Length);
        Assert.Equal(6, pca.Transform(Line, 3).Length);
    }

    [Fact]
    public void Tsne_needs_more_rows_than_its_perplexity_and_a_positive_one()
    {
        float[] rows = GaussianClusters.Of(2, 10, 3, seed: 1, out _);
        Assert.Throws<ArgumentNullException>(() => Tsne.Embed(null, 3));
        Assert.Contains("60 values are not whole rows of 0", MessageOf<ArgumentException>(() => Tsne.Embed(rows, 0)));
        Assert.Contains("perplexity 0 needs more than that many rows (got 20) and must be positive",
            MessageOf<ArgumentException>(() => Tsne.Embed(rows, 3, new TsneOptions { Perplexity = 0 })));
        Assert.Contains("perplexity 19.5 needs more than that many rows (got 20)",
            MessageOf<ArgumentException>(() => Tsne.Embed(rows, 3, new TsneOptions { Perplexity = 19.5 })));
        Assert.Contains("theta must be in (0, 1), got 0", MessageOf<ArgumentException>(() => Tsne.Embed(rows, 3, new TsneOptions { Perplexity = 5, Theta = 0 })));
        Assert.Contains("theta must be in (0, 1), got 1", MessageOf<ArgumentException>(() => Tsne.Embed(rows, 3, new TsneOptions { Perplexity = 5, Theta = 1 })));
        Assert.Contains("a map of 20 points needs 40 coordinates, got 39",
            MessageOf<ArgumentException>(() => Tsne.ExactKlDivergence(rows, 3, new float[39], new TsneOptions { Perplexity = 5 })));
        Assert.Contains("60 values are not whole rows of 0",
            MessageOf<ArgumentException>(() => Tsne.ExactKlDivergence(rows, 0, new float[40], new TsneOptions { Perplexity = 5 })));
    }

    [Fact]
    public void Umap_names_each_setting_out_of_its_range()
    {
        float[] rows = GaussianClusters.Of(1, 30, 3, seed: 5, out _);
        string Refusal(UmapOptions options) => MessageOf<ArgumentException>(() => Umap.Embed(rows, 3, options));
        Assert.Contains("NeighborCount = 1: UMAP needs at least 2", Refusal(new UmapOptions { NeighborCount = 1 }));
        Assert.Contains("NeighborCount = 31 (the point itself included) needs at least that many rows, got 30", Refusal(new UmapOptions { NeighborCount = 31 }));
        Assert.Contains("need 0 <= MinDistance <= Spread and Spread > 0, got MinDistance -0.1, Spread 1", Refusal(new UmapOptions { MinDistance = -0.1 }));
        Assert.Contains("got MinDistance 0, Spread 0", Refusal(new UmapOptions { MinDistance = 0, Spread = 0 }));
        Assert.Contains("Epochs must be positive, or 0 for the default; got -1", Refusal(new UmapOptions { Epochs = -1 }));
        Assert.Contains("LearningRate must be positive, got 0", Refusal(new UmapOptions { LearningRate = 0 }));
        Assert.Contains("NegativeSampleRate must be 0 or more, got -1", Refusal(new UmapOptions { NegativeSampleRate = -1 }));
        Assert.Contains("ReportEvery must be at least 1, got 0", Refusal(new UmapOptions { ReportEvery = 0 }));
        Assert.Contains("rows contain NaN or infinity", MessageOf<ArgumentException>(() => Umap.Embed([.. rows[..^1], float.PositiveInfinity], 3)));
        Assert.Contains("a point needs at least one neighbour", MessageOf<ArgumentException>(() => Umap.LocalScale(ReadOnlySpan<float>.Empty)));
        Assert.Contains("need 0 <= minDistance <= spread and spread > 0, got minDistance 2, spread 1", MessageOf<ArgumentException>(() => Umap.FitCurve(2, 1)));
        Assert.Contains("got minDistance 0, spread 0", MessageOf<ArgumentException>(() => Umap.FitCurve(0, 0)));
        Assert.Contains("got minDistance -1, spread 1", MessageOf<ArgumentException>(() => Umap.FitCurve(-1, 1)));
        var (a, b) = Umap.FitCurve(1, 1);
        Assert.True(a > 0 && b > 0);
    }

    [Fact]
    public void Maps_to_draw_need_maps_and_points_and_repulsion_needs_a_point()
    {
        string[] names = ["a", "b"];
        Assert.Contains("no maps to draw", MessageOf<ArgumentException>(() => new MapPicture().Render([], [0, 1], names)));
        Assert.Contains("no points to draw", MessageOf<ArgumentException>(() => new MapPicture().Render([("map", [])], [], names)));
        Assert.Throws<ArgumentNullException>(() => new MapPicture().Render(null, [0], names));
        Assert.Throws<ArgumentNullException>(() => new MapPicture().Render([("map", [0, 0])], null, names));
        Assert.Throws<ArgumentNullException>(() => new MapPicture().Render([("map", [0, 0])], [0], null));
        Assert.Contains("need at least one point, got 0", MessageOf<ArgumentException>(() => new InterpolatedRepulsion(0)));
        using var one = new InterpolatedRepulsion(1);
    }
}
