using System.Text.Json;
using System.Text.RegularExpressions;
using Plotly.NET;
using Xunit;

/// <summary>lib/Pictures/Charts.cs: what the chart helpers put into the page, read back from Plotly's JSON.</summary>
public class ChartsTests
{
    /// <summary>The traces of a chart, as the page's JavaScript receives them.</summary>
    internal static JsonElement Traces(GenericChart chart)
    {
        string html = GenericChart.toChartHTML(chart);
        var data = Regex.Match(html, @"var data = (\[.*?\]);\s*var layout", RegexOptions.Singleline);
        Assert.True(data.Success, "the chart's HTML has its data");
        return JsonDocument.Parse(data.Groups[1].Value).RootElement;
    }

    [Fact]
    public void Confusion_matrix_shows_each_true_class_as_shares_that_sum_to_one_with_the_counts_on_hover()
    {
        var counts = new int[3, 3] { { 90, 10, 0 }, { 5, 45, 0 }, { 0, 0, 1 } };
        var trace = Traces(Charts.ConfusionMatrix(counts, ["a", "b", "c"]))[0];

        var z = trace.GetProperty("z").EnumerateArray().Select(r => r.EnumerateArray().Select(v => v.GetDouble()).ToArray()).ToArray();
        Assert.Equal([0.9, 0.1, 0.0], z[0]);
        Assert.Equal([0.1, 0.9, 0.0], z[1].Select(v => Math.Round(v, 10)));
        Assert.Equal([0.0, 0.0, 1.0], z[2]);
        string hover = trace.GetProperty("text")[1][0].GetString();
        Assert.Equal("true b, predicted a: 5 of 50 (10.0%)", hover.Replace(" %", "%"));
        Assert.Equal(0, trace.GetProperty("zmin").GetDouble());
        Assert.Equal(1, trace.GetProperty("zmax").GetDouble());
    }

    internal static JsonElement Layout(GenericChart chart)
    {
        var layout = Regex.Match(GenericChart.toChartHTML(chart), @"var layout = (\{.*?\});\s*var config", RegexOptions.Singleline);
        Assert.True(layout.Success, "the chart's HTML has its layout");
        return JsonDocument.Parse(layout.Groups[1].Value).RootElement;
    }

    [Fact]
    public void Axes_set_titles_and_a_log_scale_only_when_asked_so_class_names_stay_categories()
    {
        var columns = Charts.Columns(["Trouser", "Bag"], ("share", new[] { 0.5, 0.7 }));
        var plain = Layout(Charts.Axes(columns, x: "class", y: "share"));
        Assert.Equal("class", plain.GetProperty("xaxis").GetProperty("title").GetProperty("text").GetString());
        Assert.False(plain.GetProperty("xaxis").TryGetProperty("type", out _), "a linear type on class names would hide the bars");
        Assert.False(plain.GetProperty("yaxis").TryGetProperty("type", out _));

        var log = Layout(Charts.Axes(columns, x: "class", y: "share", logY: true, yMin: -2, yMax: 0));
        Assert.Equal("log", log.GetProperty("yaxis").GetProperty("type").GetString());
        Assert.Equal([-2.0, 0.0], log.GetProperty("yaxis").GetProperty("range").EnumerateArray().Select(v => v.GetDouble()));
        Assert.False(log.GetProperty("xaxis").TryGetProperty("type", out _));
    }

    [Fact]
    public void Confusion_matrix_of_the_wrong_size_names_both_sizes()
    {
        var error = Assert.Throws<ArgumentException>(() => Charts.ConfusionMatrix(new int[2, 2], ["a", "b", "c"]));
        Assert.Contains("2x2 confusion matrix for 3 classes", error.Message);
    }

    [Fact]
    public void Lines_and_columns_are_one_named_trace_per_series_and_refuse_a_series_of_the_wrong_length()
    {
        var lines = Traces(Charts.Lines(new[] { 1, 2, 3 }, ("train", new[] { 0.5, 0.6, 0.7 }), ("validation", new[] { 0.4, 0.5, 0.55 })));
        Assert.Equal(["train", "validation"], lines.EnumerateArray().Select(t => t.GetProperty("name").GetString()));
        Assert.Equal([0.4, 0.5, 0.55], lines[1].GetProperty("y").EnumerateArray().Select(v => v.GetDouble()));

        var columns = Traces(Charts.Columns(["a", "b"], ("precision", new[] { 0.9, 0.8 })));
        Assert.Equal(["a", "b"], columns[0].GetProperty("x").EnumerateArray().Select(v => v.GetString()));

        var error = Assert.Throws<ArgumentException>(() => Charts.Lines(new[] { 1, 2 }, ("train", new[] { 0.5 })));
        Assert.Contains("'train' has 1 values for 2 x values", error.Message);
    }

    [Fact]
    public void Class_colours_are_ten_distinct_hex_colours_starting_with_plotly_s_blue()
    {
        Assert.Equal(10, Charts.ClassColors.Length);
        Assert.All(Charts.ClassColors, color => Assert.Matches("^#[0-9a-f]{6}$", color));
        Assert.Equal(10, Charts.ClassColors.Distinct().Count());
        Assert.Equal("#1f77b4", Charts.ClassColors[0]);
    }

    [Fact]
    public void Title_and_a_log_x_axis_reach_the_layout()
    {
        var chart = Charts.Lines(new[] { 1, 10, 100 }, ("time", new[] { 1.0, 2.0, 3.0 }));
        var layout = Layout(Charts.Axes(Charts.Titled(chart, "Fit <time>"), x: "images", logX: true));
        Assert.Equal("Fit <time>", layout.GetProperty("title").GetProperty("text").GetString());
        Assert.Equal("log", layout.GetProperty("xaxis").GetProperty("type").GetString());
        Assert.Equal("images", layout.GetProperty("xaxis").GetProperty("title").GetProperty("text").GetString());
        Assert.False(layout.GetProperty("yaxis").TryGetProperty("type", out _));

        // Plotly.NET's layouts are mutable objects shared by a chart's copies: each case starts from a new chart.
        GenericChart Fresh() => Charts.Lines(new[] { 1, 2 }, ("share", new[] { 0.5, 0.6 }));
        var range = Layout(Charts.Axes(Fresh(), y: "share", yMin: 0, yMax: 1)).GetProperty("yaxis");
        Assert.Equal([0.0, 1.0], range.GetProperty("range").EnumerateArray().Select(v => v.GetDouble()));
        Assert.False(range.TryGetProperty("type", out _));
        Assert.False(Layout(Charts.Axes(Fresh(), y: "share", yMin: 0)).GetProperty("yaxis").TryGetProperty("range", out _), "one bound alone is no range");
    }

    [Fact]
    public void Confusion_matrix_has_true_classes_top_down_titled_axes_text_hover_and_zero_rows_as_zero()
    {
        var counts = new int[2, 2] { { 3, 1 }, { 0, 0 } };
        var chart = Charts.ConfusionMatrix(counts, ["a", "b"]);
        var trace = Traces(chart)[0];
        Assert.Equal("text", trace.GetProperty("hoverinfo").GetString());
        Assert.Equal([0.0, 0.0], trace.GetProperty("z")[1].EnumerateArray().Select(v => v.GetDouble()));
        Assert.Equal("true b, predicted b: 0 of 0 (0.0%)", trace.GetProperty("text")[1][1].GetString().Replace(" %", "%"));
        var layout = Layout(chart);
        Assert.Equal("reversed", layout.GetProperty("yaxis").GetProperty("autorange").GetString());
        Assert.Equal("predicted", layout.GetProperty("xaxis").GetProperty("title").GetProperty("text").GetString());
        Assert.Equal("true", layout.GetProperty("yaxis").GetProperty("title").GetProperty("text").GetString());
        Assert.Equal(680, layout.GetProperty("width").GetInt32());
        Assert.Equal(600, layout.GetProperty("height").GetInt32());
        Assert.Contains("3x2 confusion matrix for 3 classes",
            Assert.Throws<ArgumentException>(() => Charts.ConfusionMatrix(new int[3, 2], ["a", "b", "c"])).Message);
    }

    [Fact]
    public void Scatter_by_class_is_one_trace_per_class_in_its_colour_with_the_class_and_index_on_hover()
    {
        float[] x = [0, 1, 2, 3], y = [10, 11, 12, 13];
        byte[] labels = [1, 0, 1, 11];
        string[] names = Enumerable.Range(0, 12).Select(c => $"c{c}").ToArray();
        var traces = Traces(Charts.ScatterByClass(x, y, labels, names, indices: [40, 41, 42, 43], markerSize: 6));
        Assert.Equal(12, traces.GetArrayLength());
        var second = traces[1];
        Assert.Equal("c1", second.GetProperty("name").GetString());
        Assert.Equal([0.0, 2.0], second.GetProperty("x").EnumerateArray().Select(v => v.GetDouble()));
        Assert.Equal([10.0, 12.0], second.GetProperty("y").EnumerateArray().Select(v => v.GetDouble()));
        Assert.Equal(["c1 #40", "c1 #42"], second.GetProperty("text").EnumerateArray().Select(v => v.GetString()));
        Assert.Equal("text", second.GetProperty("hoverinfo").GetString());
        Assert.Equal(Charts.ClassColors[1], second.GetProperty("marker").GetProperty("color").GetString());
        Assert.Equal(6, second.GetProperty("marker").GetProperty("size").GetDouble());
        Assert.Equal(Charts.ClassColors[1], traces[11].GetProperty("marker").GetProperty("color").GetString());
        Assert.Equal(["c11 #43"], traces[11].GetProperty("text").EnumerateArray().Select(v => v.GetString()));

        var own = Traces(Charts.ScatterByClass(x, y, labels, names));
        Assert.Equal(["c0 #1"], own[0].GetProperty("text").EnumerateArray().Select(v => v.GetString()));
    }

    [Fact]
    public void Scatter_in_three_dimensions_is_one_coloured_trace_per_class()
    {
        var traces = Traces(Charts.Scatter3DByClass([0, 1, 2], [3, 4, 5], [6, 7, 8], [0, 1, 0], ["a", "b"], markerSize: 3));
        Assert.Equal(2, traces.GetArrayLength());
        Assert.Equal("scatter3d", traces[0].GetProperty("type").GetString());
        Assert.Equal([6.0, 8.0], traces[0].GetProperty("z").EnumerateArray().Select(v => v.GetDouble()));
        Assert.Equal([1.0], traces[1].GetProperty("x").EnumerateArray().Select(v => v.GetDouble()));
        Assert.Equal("b", traces[1].GetProperty("name").GetString());
        Assert.Equal(Charts.ClassColors[1], traces[1].GetProperty("marker").GetProperty("color").GetString());
        Assert.Equal(3, traces[1].GetProperty("marker").GetProperty("size").GetDouble());
    }

    [Fact]
    public void Slider_of_maps_shows_the_last_frame_and_each_step_shows_its_own_frame_alone()
    {
        byte[] labels = [0, 11];
        var frames = new List<(string, float[])> { ("10", [0, 1, 2, 3]), ("20", [4, 5, 6, 7]), ("30", [8, 9, 10, 11]) };
        var chart = Charts.SliderOfMaps(frames, labels);
        var traces = Traces(chart);
        Assert.Equal(3, traces.GetArrayLength());
        Assert.Equal([4.0, 6.0], traces[1].GetProperty("x").EnumerateArray().Select(v => v.GetDouble()));
        Assert.Equal([5.0, 7.0], traces[1].GetProperty("y").EnumerateArray().Select(v => v.GetDouble()));
        Assert.False(traces[0].GetProperty("visible").GetBoolean());
        Assert.False(traces[1].GetProperty("visible").GetBoolean());
        Assert.False(traces[2].TryGetProperty("visible", out _), "the last frame is shown");
        Assert.False(traces[2].GetProperty("showlegend").GetBoolean());
        Assert.Equal("30", traces[2].GetProperty("name").GetString());
        Assert.Equal([Charts.ClassColors[0], Charts.ClassColors[1]],
            traces[2].GetProperty("marker").GetProperty("color").EnumerateArray().Select(v => v.GetString()));

        var slider = Layout(chart).GetProperty("sliders")[0];
        Assert.Equal(2, slider.GetProperty("active").GetInt32());
        Assert.Equal("iteration ", slider.GetProperty("currentvalue").GetProperty("prefix").GetString());
        var steps = slider.GetProperty("steps");
        Assert.Equal(["10", "20", "30"], steps.EnumerateArray().Select(s => s.GetProperty("label").GetString()));
        Assert.All(steps.EnumerateArray(), s => Assert.Equal("restyle", s.GetProperty("method").GetString()));
        Assert.Equal("visible", steps[1].GetProperty("args")[0].GetString());
        Assert.Equal([false, true, false], steps[1].GetProperty("args")[1].EnumerateArray().Select(v => v.GetBoolean()));
    }
}
