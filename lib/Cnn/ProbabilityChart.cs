// ProbabilityChart: one image beside a network's probability for each class, as one Plotly figure: the picture
// on the left (grey, the right way up, square pixels), one horizontal bar per class on the right, the most
// probable class in orange. How notebook 05 shows what a network thinks of a test image or of a learner's picture.
using System;
using System.Collections.Generic;
using System.Linq;
using Plotly.NET;

public static class ProbabilityChart
{
    /// <summary>
    /// The image (<paramref name="rows"/> x <paramref name="columns"/> bytes, 0 black to 255 white) beside the bars of
    /// <paramref name="probabilities"/>, one per name in <paramref name="classNames"/>, under <paramref name="title"/>.
    /// </summary>
    public static GenericChart Of(IReadOnlyList<byte> pixels, int rows, int columns, IReadOnlyList<float> probabilities,
        IReadOnlyList<string> classNames, string title)
    {
        if (pixels.Count != rows * columns) throw new ArgumentException($"{pixels.Count} pixels do not make an image of {rows}x{columns}", nameof(pixels));
        if (probabilities.Count != classNames.Count) throw new ArgumentException($"{probabilities.Count} probabilities for {classNames.Count} classes", nameof(probabilities));
        // Plotly draws a heatmap's first row at the bottom: give it the rows from the last to the first.
        var image = Enumerable.Range(0, rows).Reverse().Select(r => Enumerable.Range(0, columns).Select(c => (int)pixels[r * columns + c]).ToArray()).ToArray();
        var picture = Plotly.NET.CSharp.Chart.Heatmap<int, int, int, string>(image, ColorScale: StyleParam.Colorscale.Greys, ShowScale: false);
        int top = Enumerable.Range(0, probabilities.Count).MaxBy(c => probabilities[c]);
        var bars = Plotly.NET.CSharp.Chart.Bar<double, string, string>(probabilities.Select(p => (double)p), Keys: classNames.ToArray(),
            MultiText: probabilities.Select(p => p.ToString("P1")).ToArray());
        bars = GenericChart.mapTrace(Trace(t =>
        {
            t.SetProperty("xaxis", "x2");
            t.SetProperty("yaxis", "y2");
            t.SetProperty("marker", new Dictionary<string, object> { ["color"] = classNames.Select((_, c) => c == top ? "#ff7f0e" : "#1f77b4").ToArray() });
            t.SetProperty("textposition", "outside");
            t.SetProperty("showlegend", false);
        }), bars);
        picture = GenericChart.mapTrace(Trace(t => { t.SetProperty("showlegend", false); t.SetProperty("hoverinfo", "z"); }), picture);

        var layout = new Layout();
        layout.SetProperty("title", new Dictionary<string, object> { ["text"] = title });
        layout.SetProperty("xaxis", new Dictionary<string, object> { ["domain"] = new[] { 0.0, 0.36 }, ["visible"] = false, ["constrain"] = "domain" });
        layout.SetProperty("yaxis", new Dictionary<string, object> { ["visible"] = false, ["scaleanchor"] = "x", ["constrain"] = "domain" });
        layout.SetProperty("xaxis2", new Dictionary<string, object>
        {
            ["domain"] = new[] { 0.52, 1.0 }, ["range"] = new[] { 0.0, 1.15 }, ["title"] = new Dictionary<string, object> { ["text"] = "probability" },
            ["tickformat"] = ".0%", ["anchor"] = "y2",
        });
        layout.SetProperty("yaxis2", new Dictionary<string, object> { ["anchor"] = "x2", ["autorange"] = "reversed", ["type"] = "category" });
        layout.SetProperty("width", 820);
        layout.SetProperty("height", 380);
        layout.SetProperty("margin", new Dictionary<string, object> { ["l"] = 20, ["r"] = 20, ["t"] = 60, ["b"] = 50 });
        return GenericChart.setLayout(layout, Plotly.NET.CSharp.Chart.Combine(new[] { picture, bars }));
    }

    static Microsoft.FSharp.Core.FSharpFunc<Trace, Trace> Trace(Action<Trace> change) =>
        Microsoft.FSharp.Core.FSharpFunc<Trace, Trace>.FromConverter(trace => { change(trace); return trace; });
}
