using System.Globalization;
using System.Numerics;
using SkiaSharp;
using TorchSharp;
using Xunit;

/// <summary>
/// The smaller parts of lib/Embedding against slow, obvious versions written here: trustworthiness by its textbook
/// formula, the leave-one-out vote, exact neighbours and their symmetric graph by sorting every distance, PCA's
/// shares, signs and text, the map picture's pixels, and the settings' defaults.
/// </summary>
public class EmbeddingSmallPartsTests
{
    static float[] IntegerRows(int n, int dims, int range, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, n * dims).Select(_ => (float)random.Next(range)).ToArray();
    }

    static double SquaredDistance(float[] rows, int dims, int i, int j)
    {
        double sum = 0;
        for (int d = 0; d < dims; d++) sum += (double)(rows[i * dims + d] - rows[j * dims + d]) * (rows[i * dims + d] - rows[j * dims + d]);
        return sum;
    }

    // Every other row by distance, ties to the lower index (a stable sort of all distances).
    static int[] ByDistance(float[] rows, int dims, int i) =>
        Enumerable.Range(0, rows.Length / dims).Where(j => j != i).OrderBy(j => SquaredDistance(rows, dims, i, j)).ThenBy(j => j).ToArray();

    // ---------- trustworthiness ----------

    // T(k) = 1 - 2 / (n k (2n - 3k - 1)) sum_i sum_{j in the map's k nearest of i} max(0, r(i, j) - k).
    static double TextbookTrustworthiness(float[] original, int dims, float[] map, int mapDims, int k)
    {
        int n = original.Length / dims;
        double penalty = 0;
        for (int i = 0; i < n; i++)
        {
            int[] ranks = ByDistance(original, dims, i);
            foreach (int j in ByDistance(map, mapDims, i).Take(k)) penalty += Math.Max(0, Array.IndexOf(ranks, j) + 1 - k);
        }
        return 1 - 2.0 / (n * k * (2.0 * n - 3 * k - 1)) * penalty;
    }

    [Theory]
    [InlineData(9, 1)]
    [InlineData(9, 4)]    // the largest k below half the rows
    [InlineData(30, 3)]
    public void Trustworthiness_is_the_textbook_formula_ties_going_to_the_lower_index(int n, int k)
    {
        float[] original = IntegerRows(n, 3, 4, seed: n + k);
        float[] map = IntegerRows(n, 2, 5, seed: 100 + n + k);
        double expected = TextbookTrustworthiness(original, 3, map, 2, k);
        Assert.Equal(expected, Trustworthiness.Of(original, 3, map, 2, k, maxThreads: 1), 12);
        Assert.Equal(expected, Trustworthiness.Of(original, 3, map, 2, k), 12);
    }

    [Fact]
    public void Trustworthiness_refusals_say_what_was_wrong_in_full()
    {
        float[] six = new float[6];
        Assert.Equal("6 values are not whole rows of 4 (Parameter 'original')", Assert.Throws<ArgumentException>(() => Trustworthiness.Of(six, 4, six, 1)).Message);
        Assert.Equal("6 values are not whole rows of 4 (Parameter 'embedded')", Assert.Throws<ArgumentException>(() => Trustworthiness.Of(six, 1, six, 4)).Message);
        Assert.Equal("the map has 2 rows but the original 6", Assert.Throws<ArgumentException>(() => Trustworthiness.Of(six, 1, six, 3)).Message);
        Assert.Equal("k = 3 must be at least 1 and below half the rows (6) (Parameter 'k')",
            Assert.Throws<ArgumentOutOfRangeException>(() => Trustworthiness.Of(six, 1, six, 1, k: 3)).Message);
        Assert.Equal("original", Assert.Throws<ArgumentNullException>(() => Trustworthiness.Of(null, 1, six, 1)).ParamName);
        Assert.Equal("embedded", Assert.Throws<ArgumentNullException>(() => Trustworthiness.Of(six, 1, null, 1)).ParamName);
    }

    // ---------- leave-one-out accuracy in the map ----------

    // Each point gets the label with most votes among its k nearest others; a tie goes to the label that reached the
    // winning count first, counting nearest first.
    static double LeaveOneOut(float[] map, int dims, int[] labels, int k)
    {
        int n = labels.Length, correct = 0;
        for (int i = 0; i < n; i++)
        {
            int[] nearest = ByDistance(map, dims, i).Take(k).ToArray();
            int best = nearest.GroupBy(j => labels[j]).Max(g => g.Count());
            int predicted = -1;
            var votes = new Dictionary<int, int>();
            foreach (int j in nearest)
            {
                votes[labels[j]] = votes.GetValueOrDefault(labels[j]) + 1;
                if (votes[labels[j]] == best) { predicted = labels[j]; break; }
            }
            if (predicted == labels[i]) correct++;
        }
        return (double)correct / n;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(4)]
    [InlineData(7)]
    public void Map_neighbour_accuracy_is_the_leave_one_out_vote_with_its_tie_rule(int k)
    {
        float[] map = IntegerRows(40, 2, 6, seed: k);
        var random = new Random(k);
        int[] labels = Enumerable.Range(0, 40).Select(i => (int)(map[2 * i] / 2) + (random.Next(4) == 0 ? 1 : 0)).ToArray();
        Assert.Equal(LeaveOneOut(map, 2, labels, k), MapNeighborAccuracy.LeaveOneOut(map, 2, labels, k, maxThreads: 1), 12);
    }

    [Fact]
    public void Map_neighbour_accuracy_refusals_say_what_was_wrong_in_full()
    {
        float[] six = { 0, 1, 2, 3, 4, 5 };
        int[] labels = { 0, 0, 0, 1, 1, 1 };
        Assert.Equal("6 values are not whole rows of 4 (Parameter 'map')", Assert.Throws<ArgumentException>(() => MapNeighborAccuracy.LeaveOneOut(six, 4, labels)).Message);
        Assert.Equal("5 labels for 6 points (Parameter 'labels')", Assert.Throws<ArgumentException>(() => MapNeighborAccuracy.LeaveOneOut(six, 1, labels[..5])).Message);
        Assert.Equal("k = 6 needs 1 <= k < points (6) (Parameter 'k')", Assert.Throws<ArgumentOutOfRangeException>(() => MapNeighborAccuracy.LeaveOneOut(six, 1, labels, k: 6)).Message);
        Assert.Equal("labels must be 0 or more (Parameter 'labels')", Assert.Throws<ArgumentException>(() => MapNeighborAccuracy.LeaveOneOut(six, 1, [0, -1, 0, 1, 1, 1], k: 1)).Message);
        Assert.Equal(5.0 / 6, MapNeighborAccuracy.LeaveOneOut(six, 1, labels, k: 1));   // 3 at equal distance from 2 and 4: 2 votes
        Assert.Equal(0.0, MapNeighborAccuracy.LeaveOneOut(six, 1, [0, 1, 0, 1, 0, 1], k: 1));
    }

    // ---------- exact neighbours ----------

    static void AssertExactNeighbours(float[] rows, int dims, int k, int threads)
    {
        int n = rows.Length / dims;
        NeighborLists nearest = ExactNeighbors.Find(rows, dims, k, threads);
        Assert.Equal((n, k), (nearest.Count, nearest.K));
        Assert.Equal(n * k, nearest.Indices.Length);
        for (int i = 0; i < n; i++)
        {
            int[] expected = ByDistance(rows, dims, i).Take(k).ToArray();
            Assert.Equal(expected, nearest.Of(i).ToArray());
            Assert.Equal(expected.Select(j => (float)SquaredDistance(rows, dims, i, j)), nearest.SquaredDistances.AsSpan(i * k, k).ToArray());
        }
    }

    // Points on a small integer grid in 20 dimensions: most distances tie, so the screening cannot vouch for its picks
    // and every row is searched directly, where partial sums of the first 16 coordinates turn candidates away.
    [Fact]
    public void Neighbours_of_wide_rows_with_many_ties_are_those_of_a_full_sort()
    {
        AssertExactNeighbours(IntegerRows(60, 20, 2, seed: 1), 20, 5, threads: 1);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(-1)]
    public void Neighbours_with_every_other_row_kept_are_those_of_a_full_sort(int threads)
    {
        AssertExactNeighbours(IntegerRows(12, 3, 3, seed: 2), 3, 11, threads);   // k = N - 1
        AssertExactNeighbours(IntegerRows(30, 5, 10, seed: 3), 5, 13, threads);  // k + 16 above N - 1
    }

    [Fact]
    public void Neighbours_of_several_query_blocks_are_those_of_a_full_sort()
    {
        AssertExactNeighbours(IntegerRows(600, 3, 50, seed: 4), 3, 4, threads: 2);   // 256 queries per block: three blocks
    }

    [Fact]
    public void Screening_error_is_d_plus_2_roundings_of_the_norms_with_a_factor_4()
    {
        Assert.Equal(4f * 7 * 2 * (1.5f + 2.5f) / (1 << 24), ExactNeighbors.ScreeningError(1.5f, 2.5f, 5));
        Assert.Equal(4f * 2 * 2 * 1 / (1 << 24), ExactNeighbors.ScreeningError(1, 0, 0));
    }

    [Fact]
    public void Rows_are_padded_with_zeros_to_whole_vectors()
    {
        int width = Vector<float>.Count;
        Assert.Equal(width, ExactNeighbors.PaddedWidth(1));
        Assert.Equal(width, ExactNeighbors.PaddedWidth(width));
        Assert.Equal(2 * width, ExactNeighbors.PaddedWidth(width + 1));
        float[] rows = Enumerable.Range(1, 6).Select(v => (float)v).ToArray();
        float[] padded = ExactNeighbors.Padded(rows, 3, width);
        var expected = new float[2 * width];
        expected[0] = 1; expected[1] = 2; expected[2] = 3;
        expected[width] = 4; expected[width + 1] = 5; expected[width + 2] = 6;
        Assert.Equal(expected, padded);
    }

    [Fact]
    public void Squared_distance_below_a_limit_stops_once_the_first_16_coordinates_reach_it()
    {
        int stride = ExactNeighbors.PaddedWidth(24);
        var a = new float[stride];
        var b = new float[stride];
        b[0] = 3; b[15] = 1;   // 10 in the first 16 coordinates
        b[16] = 2; b[23] = 1;  // 5 after them
        Assert.Equal(15f, ExactNeighbors.SquaredDistance(a, b));
        Assert.Equal(15f, ExactNeighbors.SquaredDistanceBelow(a, b, 10.5f));
        Assert.Equal(float.PositiveInfinity, ExactNeighbors.SquaredDistanceBelow(a, b, 10f));
        Assert.Equal(float.PositiveInfinity, ExactNeighbors.SquaredDistanceBelow(a, b, 9f));
        var shortA = new float[ExactNeighbors.PaddedWidth(16)];
        var shortB = new float[shortA.Length];
        shortB[0] = 3; shortB[15] = 1;
        Assert.Equal(10f, ExactNeighbors.SquaredDistanceBelow(shortA, shortB, 1f));   // nothing after the first 16: no early stop
    }

    [Fact]
    public void Neighbour_refusals_say_what_was_wrong_in_full()
    {
        float[] six = new float[6];
        Assert.Equal("6 values are not whole rows of 4 (Parameter 'rows')", Assert.Throws<ArgumentException>(() => ExactNeighbors.Find(six, 4, 1)).Message);
        Assert.Equal("k = 6 neighbours needs 1 <= k < rows (6) (Parameter 'k')", Assert.Throws<ArgumentOutOfRangeException>(() => ExactNeighbors.Find(six, 1, 6)).Message);
        Assert.Equal("rows", Assert.Throws<ArgumentNullException>(() => ExactNeighbors.Find(null, 1, 1)).ParamName);
    }

    // ---------- the symmetric graph ----------

    [Fact]
    public void Symmetric_graph_holds_each_neighbour_pair_once_per_row_combined_when_mutual()
    {
        int n = 15, k = 4;
        float[] rows = IntegerRows(n, 2, 7, seed: 5);
        NeighborLists lists = ExactNeighbors.Find(rows, 2, k);
        double[] directed = Enumerable.Range(0, n * k).Select(e => 1.0 + e % 5).ToArray();
        var expected = new Dictionary<(int, int), List<double>>();
        for (int i = 0; i < n; i++)
            for (int m = 0; m < k; m++)
            {
                int j = lists.Indices[i * k + m];
                foreach (var key in new[] { (i, j), (j, i) })
                {
                    if (!expected.TryGetValue(key, out var weights)) expected[key] = weights = new List<double>();
                    weights.Add(directed[i * k + m]);
                }
            }
        SymmetricNeighborGraph graph = SymmetricNeighborGraph.Of(lists, directed, (a, b) => 10 * a + b, maxThreads: 1);
        Assert.Equal(n, graph.Count);
        Assert.Equal(expected.Count, graph.Columns.Length);
        for (int i = 0; i < n; i++)
        {
            int[] columns = graph.Columns[graph.RowStart[i]..graph.RowStart[i + 1]];
            Assert.Equal(expected.Keys.Where(key => key.Item1 == i).Select(key => key.Item2).OrderBy(j => j), columns);
            for (int e = graph.RowStart[i]; e < graph.RowStart[i + 1]; e++)
            {
                List<double> weights = expected[(i, graph.Columns[e])];
                // A mutual pair is met twice; the rule gets the two weights in the order of the rows they came from.
                double want = weights.Count == 1 ? weights[0] : i < graph.Columns[e] ? 10 * weights[0] + weights[1] : 10 * weights[1] + weights[0];
                Assert.True(weights.Count == 1 || Math.Abs(graph.Values[e] - (10 * weights[0] + weights[1])) < 1e-12 || Math.Abs(graph.Values[e] - (10 * weights[1] + weights[0])) < 1e-12,
                    $"edge ({i}, {graph.Columns[e]}): {graph.Values[e]} from {string.Join(", ", weights)}");
                if (weights.Count == 1) Assert.Equal(want, graph.Values[e]);
            }
        }
        Assert.Equal(graph.Values, SymmetricNeighborGraph.Of(lists, directed, (a, b) => 10 * a + b).Values);
    }

    [Fact]
    public void Symmetric_graph_refusals_name_what_is_missing()
    {
        var lists = new NeighborLists(2, 1, [1, 0], [1f, 1f]);
        Assert.Equal("neighbors", Assert.Throws<ArgumentNullException>(() => SymmetricNeighborGraph.Of(null, [1, 1], (a, b) => a)).ParamName);
        Assert.Equal("combineMutual", Assert.Throws<ArgumentNullException>(() => SymmetricNeighborGraph.Of(lists, [1, 1], null)).ParamName);
        Assert.Equal("0 directed weights for 2 points of 1 neighbours each (Parameter 'directed')",
            Assert.Throws<ArgumentException>(() => SymmetricNeighborGraph.Of(lists, null, (a, b) => a)).Message);
    }

    // ---------- PCA ----------

    // Variance 4.5 along x and 0.5 along y (n - 1 = 4): shares 0.9 and 0.1, exactly as doubles compute them.
    static readonly float[] Cross = { 3, 0, -3, 0, 0, 1, 0, -1, 0, 0 };

    [Fact]
    public void Pca_counts_components_up_to_a_share_reached_exactly()
    {
        var pca = Pca.Fit(Cross, 2);
        Assert.Equal(new[] { 4.5, 0.5 }, pca.ExplainedVariance);
        Assert.Equal(new[] { 0.9, 0.1 }, pca.ExplainedVarianceRatio);
        Assert.Equal(1, pca.ComponentsExplaining(0.9));
        Assert.Equal(2, pca.ComponentsExplaining(0.95));
        Assert.Equal(2, pca.ComponentsExplaining(2));
        Assert.Equal(1, pca.ComponentsExplaining(0));
    }

    [Fact]
    public void Pca_describes_itself_with_the_first_share_and_that_of_50_components()
    {
        var pca = Pca.Fit(Cross, 2);
        Assert.Equal($"PCA of 5 rows x 2: first component explains {0.9.ToString("P1", CultureInfo.CurrentCulture)}, 50 components {1.0.ToString("P1", CultureInfo.CurrentCulture)}",
            pca.ToString());
        Assert.Equal(5, pca.SampleCount);
        Assert.Equal(2, pca.Dimensions);
    }

    [Fact]
    public void Pca_of_identical_rows_explains_no_share()
    {
        var pca = Pca.Fit(new float[] { 1, 2, 1, 2, 1, 2 }, 2);
        Assert.Equal(new[] { 0.0, 0.0 }, pca.ExplainedVarianceRatio);
        Assert.Equal(new[] { 1f, 2f }, pca.Mean);
    }

    [Fact]
    public void Each_component_has_its_largest_entry_positive()
    {
        var random = new Random(3);
        for (int trial = 0; trial < 4; trial++)
        {
            float[] rows = Enumerable.Range(0, 40 * 4).Select(v => (float)((random.NextDouble() - 0.5) * (1 + v % 4) * (v % 3 == 0 ? -1 : 1))).ToArray();
            var pca = Pca.Fit(rows, 4);
            for (int c = 0; c < 4; c++)
            {
                float[] component = pca.Component(c);
                Assert.True(component.MaxBy(Math.Abs) > 0, $"trial {trial}, component {c}: {string.Join(", ", component)}");
                Assert.Equal(1.0, component.Sum(v => (double)v * v), 5);
            }
        }
    }

    [Fact]
    public void Pca_projects_onto_and_back_from_its_components()
    {
        var pca = Pca.Fit(Cross, 2);
        Assert.Equal(new[] { 1f, 0f }, pca.Component(0));
        Assert.Equal(new[] { 0f, 1f }, pca.Component(1));
        Assert.Equal(new[] { 5f, 7f, -1f, 0f }, pca.Transform(new float[] { 5, 7, -1, 0 }, 2));
        Assert.Equal(new[] { 5f, -1f }, pca.Transform(new float[] { 5, 7, -1, 0 }, 1));
        Assert.Equal(new[] { 5f, 0f, -1f, 0f }, pca.InverseTransform(new float[] { 5, -1 }, 1));
        Assert.Equal(new[] { 5f, 0f }, pca.Reconstruct(new float[] { 5, 7 }, 1));
    }

    [Fact]
    public void Pca_refusals_say_what_was_wrong_in_full()
    {
        var pca = Pca.Fit(Cross, 2);
        Assert.Equal("asked for 3 components; this PCA has 1 to 2 (Parameter 'count')", Assert.Throws<ArgumentOutOfRangeException>(() => pca.Component(2)).Message);
        Assert.Equal("asked for 0 components; this PCA has 1 to 2 (Parameter 'count')", Assert.Throws<ArgumentOutOfRangeException>(() => pca.Component(-1)).Message);
        Assert.Equal("asked for 3 components; this PCA has 1 to 2 (Parameter 'count')", Assert.Throws<ArgumentOutOfRangeException>(() => pca.InverseTransform(new float[3], 3)).Message);
        Assert.Equal("3 values are not whole rows of 2 (Parameter 'projected')", Assert.Throws<ArgumentException>(() => pca.InverseTransform(new float[3], 2)).Message);
        Assert.Equal("3 values are not whole rows of 2 (Parameter 'rows')", Assert.Throws<ArgumentException>(() => pca.Transform(new float[3], 1)).Message);
        Assert.Equal("rows", Assert.Throws<ArgumentNullException>(() => pca.Transform(null, 1)).ParamName);
        Assert.Equal("projected", Assert.Throws<ArgumentNullException>(() => pca.InverseTransform(null, 1)).ParamName);
        Assert.Equal("rows", Assert.Throws<ArgumentNullException>(() => Pca.Fit(null, 1)).ParamName);
        Assert.Equal("dimensions must be positive, got -1 (Parameter 'dimensions')", Assert.Throws<ArgumentException>(() => Pca.Fit(Cross, -1)).Message);
        Assert.Equal("10 values are not whole rows of 3 (Parameter 'rows')", Assert.Throws<ArgumentException>(() => Pca.Fit(Cross, 3)).Message);
        Assert.Equal("PCA needs at least 2 rows, got 1 (Parameter 'rows')", Assert.Throws<ArgumentException>(() => Pca.Fit(Cross, 10)).Message);
        Assert.Equal(2, Pca.Fit(new float[] { 0, 1 }, 1).SampleCount);
    }

    // ---------- the map picture ----------

    const int Gap = 12;

    static (int Caption, int LegendRow) Heights(float captionSize)
    {
        using var font = new SKFont(SKTypeface.Default, captionSize);
        using var legendFont = new SKFont(SKTypeface.Default, captionSize - 2);
        return ((int)Math.Ceiling(font.Spacing) + 4, (int)Math.Ceiling(legendFont.Spacing) + 4);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(5, 1)]
    [InlineData(6, 2)]
    [InlineData(11, 3)]
    public void Picture_is_the_panels_side_by_side_over_five_legend_columns(int classes, int legendRows)
    {
        var (caption, legendRow) = Heights(14);
        string[] names = Enumerable.Range(0, classes).Select(c => $"class {c}").ToArray();
        PngImage picture = new MapPicture { PanelSize = 80 }.Render([("a", [0, 0, 1, 1]), ("b", [0, 0, 1, 1])], [0, 0], names);
        Assert.Equal(2 * 80 + 3 * Gap, picture.Width);
        Assert.Equal(Gap + caption + 80 + Gap + legendRows * legendRow + Gap, picture.Height);
    }

    [Fact]
    public void Dots_sit_where_the_map_scaled_to_its_square_puts_them()
    {
        // Span 10 along x, 5 along y: scale (100 - 2 x 6) / 10 = 8.8, y centred in the square.
        float[] map = { -2, 1, 8, 6, 3, 1 };
        var (caption, _) = Heights(14);
        var picture = new MapPicture { PanelSize = 100, DotRadius = 2 };
        PngImage png = picture.Render([("first", map), ("second", map)], [0, 1, 2], ["a", "b", "c"]);
        using var bitmap = SKBitmap.Decode(png.Bytes);
        const double margin = 2 + 4, room = 100 - 2 * margin, scale = room / 10;
        for (int m = 0; m < 2; m++)
        {
            double left = Gap + m * (100 + Gap), top = Gap + caption;
            double offsetY = top + margin + (room - 5 * scale) / 2;
            for (int i = 0; i < 3; i++)
            {
                double x = left + margin + (map[2 * i] + 2) * scale, y = offsetY + (6 - map[2 * i + 1]) * scale;
                Assert.Equal(SKColor.Parse(Charts.ClassColors[i]), bitmap.GetPixel((int)x, (int)y));
            }
        }
    }

    [Fact]
    public void A_map_of_one_place_draws_its_dots_in_the_middle_of_the_square()
    {
        var (caption, _) = Heights(14);
        PngImage png = new MapPicture { PanelSize = 100, DotRadius = 3 }.Render([("still", [4, 4, 4, 4])], [1, 1], ["a", "b"]);
        using var bitmap = SKBitmap.Decode(png.Bytes);
        Assert.Equal(SKColor.Parse(Charts.ClassColors[1]), bitmap.GetPixel(Gap + 50, Gap + caption + 50));
    }

    [Fact]
    public void Classes_beyond_the_palette_take_its_colours_again()
    {
        string[] names = Enumerable.Range(0, 12).Select(c => $"c{c}").ToArray();
        var (caption, _) = Heights(14);
        PngImage png = new MapPicture { PanelSize = 100, DotRadius = 3 }.Render([("m", [0, 0])], [11], names);
        using var bitmap = SKBitmap.Decode(png.Bytes);
        Assert.Equal(SKColor.Parse(Charts.ClassColors[11 % Charts.ClassColors.Length]), bitmap.GetPixel(Gap + 50, Gap + caption + 50));
    }

    [Fact]
    public void Legend_dots_stand_in_five_columns_under_the_maps()
    {
        var (caption, legendRow) = Heights(14);
        string[] names = Enumerable.Range(0, 7).Select(c => $"c{c}").ToArray();
        PngImage png = new MapPicture { PanelSize = 150 }.Render([("m", [0, 0, 1, 1]), ("n", [0, 0, 1, 1])], [0, 1], names);
        using var bitmap = SKBitmap.Decode(png.Bytes);
        float legendTop = Gap + caption + 150 + Gap, columnWidth = (png.Width - 2f * Gap) / 5;
        for (int c = 0; c < 7; c++)
        {
            float x = Gap + c % 5 * columnWidth + 6, y = legendTop + c / 5 * legendRow + 12 / 2 + 1;
            Assert.Equal(SKColor.Parse(Charts.ClassColors[c]), bitmap.GetPixel((int)x, (int)y));
        }
    }

    // Ink (dark pixels) in a part of the picture.
    static int Ink(SKBitmap bitmap, int left, int top, int right, int bottom)
    {
        int count = 0;
        for (int y = top; y < bottom; y++)
            for (int x = left; x < right; x++)
            {
                SKColor c = bitmap.GetPixel(x, y);
                if (c.Red < 100 && c.Green < 100 && c.Blue < 100) count++;
            }
        return count;
    }

    [Fact]
    public void Captions_stand_centred_over_their_maps_and_names_beside_their_legend_dots()
    {
        var (caption, legendRow) = Heights(14);
        PngImage png = new MapPicture { PanelSize = 200 }.Render([("WWW", [0, 0, 1, 1]), ("", [0, 0, 1, 1])], [0, 1], ["MMMM", ""]);
        using var bitmap = SKBitmap.Decode(png.Bytes);
        Assert.True(Ink(bitmap, Gap + 70, 0, Gap + 130, Gap + caption) > 20, "the first caption");
        Assert.Equal(0, Ink(bitmap, Gap, 0, Gap + 70, Gap + caption));   // centred: nothing near the panel's left edge
        Assert.Equal(0, Ink(bitmap, 2 * Gap + 200, 0, png.Width, Gap + caption));   // the second caption is empty
        int legendTop = Gap + caption + 200 + Gap;
        Assert.True(Ink(bitmap, Gap + 16, legendTop, Gap + 80, legendTop + legendRow) > 20, "the first class's name");
        int secondColumn = Gap + (png.Width - 2 * Gap) / 5;
        Assert.Equal(0, Ink(bitmap, secondColumn + 16, legendTop, secondColumn + 80, legendTop + legendRow));
    }

    [Fact]
    public void Each_map_has_a_light_grey_frame()
    {
        var (caption, _) = Heights(14);
        PngImage png = new MapPicture { PanelSize = 100 }.Render([("m", [0, 0, 1, 1])], [0, 0], ["a"]);
        using var bitmap = SKBitmap.Decode(png.Bytes);
        var grey = new SKColor(220, 220, 220);
        int top = Gap + caption;
        Assert.True(bitmap.GetPixel(Gap, top + 50) == grey || bitmap.GetPixel(Gap - 1, top + 50) == grey, "the left side");
        Assert.True(bitmap.GetPixel(Gap + 50, top) == grey || bitmap.GetPixel(Gap + 50, top - 1) == grey, "the top side");
        Assert.Equal(SKColors.White, bitmap.GetPixel(Gap + 50, top + 50));
    }

    [Fact]
    public void Picture_refusals_say_what_was_wrong_in_full()
    {
        string[] names = ["a", "b"];
        Assert.Equal("no maps to draw (Parameter 'maps')", Assert.Throws<ArgumentException>(() => new MapPicture().Render([], [0], names)).Message);
        Assert.Equal("no points to draw (Parameter 'labels')", Assert.Throws<ArgumentException>(() => new MapPicture().Render([("m", [])], [], names)).Message);
        Assert.Equal("point 1 has class 2, but there are 2 class names (Parameter 'labels')",
            Assert.Throws<ArgumentException>(() => new MapPicture().Render([("m", [0, 0, 1, 1])], [1, 2], names)).Message);
        Assert.Equal("map 'm' has 0 coordinates for 1 points (2 each) (Parameter 'maps')",
            Assert.Throws<ArgumentException>(() => new MapPicture().Render([("m", null)], [0], names)).Message);
        Assert.Equal("map 'm': point 1 has a coordinate that is not a finite number (Parameter 'maps')",
            Assert.Throws<ArgumentException>(() => new MapPicture().Render([("m", [0, 0, 1, float.PositiveInfinity])], [0, 1], names)).Message);
        Assert.Equal("maps", Assert.Throws<ArgumentNullException>(() => new MapPicture().Render(null, [0], names)).ParamName);
        Assert.Equal("labels", Assert.Throws<ArgumentNullException>(() => new MapPicture().Render([("m", [0, 0])], null, names)).ParamName);
        Assert.Equal("classNames", Assert.Throws<ArgumentNullException>(() => new MapPicture().Render([("m", [0, 0])], [0], null)).ParamName);
        Assert.Equal(2 * 12 + 360, new MapPicture().Render([("m", [0, 0, 1, 1])], [0, 1], names).Width);   // labels up to the last name are drawn
    }

    [Fact]
    public void Picture_settings_default_to_360_pixel_squares()
    {
        var picture = new MapPicture();
        Assert.Equal((360, 1.6f, 14f), (picture.PanelSize, picture.DotRadius, picture.CaptionSize));
    }

    // ---------- settings, threads and tensors ----------

    [Fact]
    public void Tsne_settings_default_to_the_reference_implementations()
    {
        var o = new TsneOptions();
        Assert.Equal((30.0, 1000, TsneRepulsion.Auto, 0.5, 12.0, 250, 0.0, true, 0, -1, 50),
            (o.Perplexity, o.Iterations, o.Repulsion, o.Theta, o.EarlyExaggeration, o.ExaggerationIterations, o.LearningRate, o.PcaInitialization, o.Seed, o.MaxThreads, o.ReportEvery));
        Assert.Null(o.Progress);
        Assert.Null(o.Snapshot);
        Assert.Equal(50_000, TsneOptions.FftFromPoints);
    }

    [Fact]
    public void Umap_settings_default_to_umap_learns()
    {
        var o = new UmapOptions();
        Assert.Equal((15, 0.1, 1.0, 0, 1.0, 5, 1.0, true, 0, -1, 50),
            (o.NeighborCount, o.MinDistance, o.Spread, o.Epochs, o.LearningRate, o.NegativeSampleRate, o.RepulsionStrength, o.SpectralInitialization, o.Seed, o.MaxThreads, o.ReportEvery));
        Assert.Null(o.Progress);
    }

    [Fact]
    public void Torch_thread_runs_under_the_name_it_was_given()
    {
        using var thread = new TorchThread("FFT helper");
        Assert.Equal("FFT helper", thread.Run(() => Thread.CurrentThread.Name).Result);
        Assert.True(thread.Run(() => Thread.CurrentThread.IsBackground).Result);
    }

    [Fact]
    public void Tensor_copy_refuses_a_shape_it_does_not_fill_naming_the_values()
    {
        var error = Assert.Throws<ArgumentException>(() => TensorMemory.Copy(new float[7], 2, 3));
        Assert.Equal("7 values do not fill a tensor of shape [2, 3] (Parameter 'values')", error.Message);
        using torch.Tensor ints = torch.zeros(2, torch.ScalarType.Int32);
        Assert.Equal("needs a single-precision tensor, got Int32 (Parameter 'tensor')", Assert.Throws<ArgumentException>(() => TensorMemory.FloatsOf(ints)).Message);
    }
}
