// Charts: the few Plotly.NET helpers the notebooks share, so that a chart cell reads as what it shows: a title,
// axis titles, named lines and columns, a confusion matrix as shares of each true class (counts on hover),
// scatter plots coloured by class with the class and the item's index on hover, and a map that changes with a
// slider (an animation a static page can play without a kernel).
using System;
using System.Collections.Generic;
using System.Linq;
using Plotly.NET;
using Plotly.NET.CSharp;

public static class Charts
{
    /// <summary>Plotly's default ten colours (D3's category10), one per class.</summary>
    public static readonly string[] ClassColors =
        ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"];

    /// <summary>The chart with a title above it.</summary>
    public static GenericChart Titled(GenericChart chart, string title)
    {
        var heading = new Title();
        heading.SetProperty("text", title);
        return WithLayout(chart, "title", heading);
    }

    /// <summary>
    /// The chart with axis titles; a log scale on either axis on request; the y axis from yMin to yMax when both are
    /// given (say 0 to 1 for a share).
    /// </summary>
    public static GenericChart Axes(GenericChart chart, string x = null, string y = null, bool logX = false, bool logY = false,
        double? yMin = null, double? yMax = null)
    {
        // The axis type is set only for a log scale: Plotly infers the rest (numbers, or categories such as class names).
        chart = logX
            ? chart.WithXAxisStyle<double, double, double>(TitleText: x, AxisType: StyleParam.AxisType.Log)
            : chart.WithXAxisStyle<double, double, double>(TitleText: x);
        var range = yMin is double low && yMax is double high ? Tuple.Create(low, high) : null;
        return (logY, range) switch
        {
            (true, null) => chart.WithYAxisStyle<double, double, double>(TitleText: y, AxisType: StyleParam.AxisType.Log),
            (true, _) => chart.WithYAxisStyle<double, double, double>(TitleText: y, AxisType: StyleParam.AxisType.Log, MinMax: range),
            (false, null) => chart.WithYAxisStyle<double, double, double>(TitleText: y),
            (false, _) => chart.WithYAxisStyle<double, double, double>(TitleText: y, MinMax: range),
        };
    }

    /// <summary>One named line per series, over the same x values: <c>Charts.Lines(epochs, ("train", a), ("validation", b))</c>.</summary>
    public static GenericChart Lines<TX>(IReadOnlyList<TX> x, params (string Name, IReadOnlyList<double> Values)[] series) where TX : IConvertible =>
        Plotly.NET.CSharp.Chart.Combine(series.Select(s =>
        {
            if (s.Values.Count != x.Count) throw new ArgumentException($"series '{s.Name}' has {s.Values.Count} values for {x.Count} x values");
            return Plotly.NET.CSharp.Chart.Line<TX, double, string>(x, s.Values, Name: s.Name);
        }));

    /// <summary>Grouped columns, one named series each, over the same keys (class names, say).</summary>
    public static GenericChart Columns(IReadOnlyList<string> keys, params (string Name, IReadOnlyList<double> Values)[] series) =>
        Plotly.NET.CSharp.Chart.Combine(series.Select(s =>
        {
            if (s.Values.Count != keys.Count) throw new ArgumentException($"series '{s.Name}' has {s.Values.Count} values for {keys.Count} keys");
            return Plotly.NET.CSharp.Chart.Column<double, string, string>(s.Values, Keys: keys.ToArray(), Name: s.Name);
        }));

    /// <summary>
    /// A confusion matrix as a heatmap of shares: each true class's row sums to 1, so mistakes of a few percent show
    /// beside a diagonal near 1 (raw counts would be ~900 against ~10). Hovering a cell gives its count.
    /// Rows are true classes (top to bottom), columns predicted ones.
    /// </summary>
    public static GenericChart ConfusionMatrix(int[,] counts, IReadOnlyList<string> classNames)
    {
        int n = classNames.Count;
        if (counts.GetLength(0) != n || counts.GetLength(1) != n)
            throw new ArgumentException($"a {counts.GetLength(0)}x{counts.GetLength(1)} confusion matrix for {n} classes");
        var shares = new double[n][];
        var hover = new string[n][];
        for (int t = 0; t < n; t++)
        {
            int total = Enumerable.Range(0, n).Sum(p => counts[t, p]);
            shares[t] = Enumerable.Range(0, n).Select(p => total == 0 ? 0 : (double)counts[t, p] / total).ToArray();
            hover[t] = Enumerable.Range(0, n).Select(p => $"true {classNames[t]}, predicted {classNames[p]}: {counts[t, p]} of {total} ({shares[t][p]:P1})").ToArray();
        }
        var heatmap = Plotly.NET.CSharp.Chart.Heatmap<double, string, string, string>(shares, X: classNames.ToArray(), Y: classNames.ToArray(),
            ColorScale: StyleParam.Colorscale.Viridis, ReverseYAxis: true);
        heatmap = GenericChart.mapTrace(Microsoft.FSharp.Core.FSharpFunc<Trace, Trace>.FromConverter(trace =>
        {
            trace.SetProperty("text", hover);
            trace.SetProperty("hoverinfo", "text");
            trace.SetProperty("zmin", 0.0);
            trace.SetProperty("zmax", 1.0);
            return trace;
        }), heatmap);
        return Axes(heatmap, "predicted", "true").WithSize(680, 600);
    }

    /// <summary>Points (x[i], y[i]) in one colour per class; hovering names the class and the item's index.</summary>
    public static GenericChart ScatterByClass(float[] x, float[] y, byte[] labels, string[] classNames, int[] indices = null, double markerSize = 4)
    {
        var traces = Enumerable.Range(0, classNames.Length).Select(c =>
        {
            int[] members = Enumerable.Range(0, labels.Length).Where(i => labels[i] == c).ToArray();
            return Plotly.NET.CSharp.Chart.Point<float, float, string>(
                members.Select(i => x[i]), members.Select(i => y[i]), Name: classNames[c],
                MultiText: members.Select(i => $"{classNames[c]} #{(indices is null ? i : indices[i])}").ToArray(),
                Marker: Marker(ClassColors[c % ClassColors.Length], markerSize));
        });
        return HoverTextOnly(Plotly.NET.CSharp.Chart.Combine(traces));
    }

    /// <summary>The same in three dimensions.</summary>
    public static GenericChart Scatter3DByClass(float[] x, float[] y, float[] z, byte[] labels, string[] classNames, double markerSize = 2)
    {
        var traces = Enumerable.Range(0, classNames.Length).Select(c =>
        {
            int[] members = Enumerable.Range(0, labels.Length).Where(i => labels[i] == c).ToArray();
            return Plotly.NET.CSharp.Chart.Point3D<float, float, float, string>(
                members.Select(i => x[i]), members.Select(i => y[i]), members.Select(i => z[i]), Name: classNames[c],
                Marker: Marker(ClassColors[c % ClassColors.Length], markerSize));
        });
        return Plotly.NET.CSharp.Chart.Combine(traces);
    }

    /// <summary>
    /// One map per frame, coloured by class, shown one at a time under a slider: how an embedding forms.
    /// Frames are (label, x0 y0 x1 y1 ...) pairs of the same points.
    /// </summary>
    public static GenericChart SliderOfMaps(IReadOnlyList<(string Label, float[] Points)> frames, byte[] labels)
    {
        string[] colors = labels.Select(l => ClassColors[l % ClassColors.Length]).ToArray();
        var traces = frames.Select((frame, f) =>
        {
            var trace = Plotly.NET.CSharp.Chart.Point<float, float, string>(
                Enumerable.Range(0, labels.Length).Select(i => frame.Points[2 * i]),
                Enumerable.Range(0, labels.Length).Select(i => frame.Points[2 * i + 1]),
                Name: frame.Label, ShowLegend: false, Marker: Marker(colors, 4));
            return f == frames.Count - 1 ? trace : GenericChart.mapTrace(Hidden, trace);
        }).ToList();
        var steps = frames.Select((frame, f) =>
        {
            var step = new DynamicObj.DynamicObj();
            step.SetProperty("label", frame.Label);
            step.SetProperty("method", "restyle");
            step.SetProperty("args", new object[] { "visible", Enumerable.Range(0, frames.Count).Select(t => t == f).ToArray() });
            return step;
        }).ToArray();
        var slider = new DynamicObj.DynamicObj();
        slider.SetProperty("active", frames.Count - 1);
        slider.SetProperty("currentvalue", new Dictionary<string, object> { ["prefix"] = "iteration " });
        slider.SetProperty("steps", steps);
        return WithLayout(Plotly.NET.CSharp.Chart.Combine(traces), "sliders", new[] { slider });
    }

    static readonly Microsoft.FSharp.Core.FSharpFunc<Trace, Trace> Hidden =
        Microsoft.FSharp.Core.FSharpFunc<Trace, Trace>.FromConverter(trace => { trace.SetProperty("visible", false); return trace; });

    static Plotly.NET.TraceObjects.Marker Marker(object color, double size)
    {
        var marker = new Plotly.NET.TraceObjects.Marker();
        marker.SetProperty("color", color);
        marker.SetProperty("size", size);
        return marker;
    }

    static GenericChart HoverTextOnly(GenericChart chart) =>
        GenericChart.mapTrace(Microsoft.FSharp.Core.FSharpFunc<Trace, Trace>.FromConverter(trace => { trace.SetProperty("hoverinfo", "text"); return trace; }), chart);

    static GenericChart WithLayout(GenericChart chart, string property, object value)
    {
        var layout = new Layout();
        layout.SetProperty(property, value);
        return GenericChart.addLayout(layout, chart);
    }
}
