using System.Text.RegularExpressions;
using Xunit;

/// <summary>What notebook 05-cnn.ipynb must show its reader.</summary>
public partial class NotebookTests
{
    static void Expect05Cnn(ExecutedNotebook notebook)
    {
        var accuracy = Regex.Match(notebook.Text, @"best model, [^:]+: accuracy (\d+\.\d+) ?% on 1000 items");
        Assert.True(accuracy.Success, "the best model's test accuracy is shown");
        Assert.InRange(double.Parse(accuracy.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), 50, 100);
        Assert.True(notebook.PlotlyCharts >= 3, "learning curves, confusion matrix and precision/recall are Plotly charts");
        Assert.NotEmpty(notebook.PngImages);
    }
}
