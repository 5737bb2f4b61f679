using System.Text.RegularExpressions;
using Xunit;

/// <summary>What notebook 04-classical-benchmark.ipynb must show its reader.</summary>
public partial class NotebookTests
{
    static void Expect04ClassicalBenchmark(ExecutedNotebook notebook)
    {
        var best = Regex.Match(notebook.Text, @"(\d+) configurations; best: (.+) at (0\.\d{4}) test accuracy");
        Assert.True(best.Success, "the run names its best configuration");
        Assert.Equal(BenchmarkCatalog.QuickGrid().Count, int.Parse(best.Groups[1].Value));
        Assert.InRange(double.Parse(best.Groups[3].Value, System.Globalization.CultureInfo.InvariantCulture), 0.7, 1.0);
        foreach (string family in BenchmarkCatalog.QuickGrid().Select(c => c.Family).Distinct())
            Assert.Contains(family, notebook.Text);
        Assert.True(notebook.PlotlyCharts >= 4, "time/accuracy, paper comparison, confusion matrix and per-class accuracy are Plotly charts");
        Assert.Single(notebook.PngImages);
    }
}
