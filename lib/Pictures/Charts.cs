// Charts: the few Plotly.NET helpers the notebooks share and the C# bindings lack: a chart title, scatter
// plots coloured by class with the class and the item's index on hover, and a map that changes with a slider
// (an animation a static page can play without a kernel).
using System.Collections.Generic;
using System.Linq;
using Plotly.NET;

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
