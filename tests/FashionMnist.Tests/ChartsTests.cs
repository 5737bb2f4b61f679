using System.Text.Json;
using System.Text.RegularExpressions;
using Plotly.NET;
using Xunit;

/// <summary>lib/Pictures/Charts.cs: what the chart helpers put into the page, read back from Plotly's JSON.</summary>
public class ChartsTests
{
    /// <summary>The traces of a chart, as the page's JavaScript receives them.</summary>
    static JsonElement Traces(GenericChart chart)
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

    static JsonElement Layout(GenericChart chart)
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
}
