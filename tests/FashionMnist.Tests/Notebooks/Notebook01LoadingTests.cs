using System.Text.RegularExpressions;
using Xunit;

/// <summary>What notebook 01-loading.ipynb must show its reader.</summary>
public partial class NotebookTests
{
    static void Expect01Loading(ExecutedNotebook notebook)
    {
        Assert.True(notebook.PlotlyCharts >= 2, "the class balance and the batch's labels are Plotly charts");
        foreach (string name in FashionMnist.ClassNames)
            Assert.Contains($"{name} 6000", notebook.Text);
        Assert.Contains("60,000 training and 10,000 test images of 28x28", notebook.Text);
        Assert.Contains("00 00 08 03 00 00 EA 60 00 00 00 1C 00 00 00 1C", notebook.Text);
        Assert.True(notebook.PngImages.Count >= 2, "the sample grid and the batch are pictures");
    }
}
