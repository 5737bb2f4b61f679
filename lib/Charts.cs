// Charts: the few Plotly.NET helpers the C# bindings lack, shared by every notebook: a chart title and
// a plain layout look. Plotly.NET.CSharp has no WithTitle, and F#'s optional arguments are awkward from C#.
using Plotly.NET;

public static class Charts
{
    /// <summary>The chart with a title above it.</summary>
    public static GenericChart Titled(GenericChart chart, string title)
    {
        var heading = new Title();
        heading.SetProperty("text", title);
        var layout = new Layout();
        layout.SetProperty("title", heading);
        return GenericChart.addLayout(layout, chart);
    }
}
