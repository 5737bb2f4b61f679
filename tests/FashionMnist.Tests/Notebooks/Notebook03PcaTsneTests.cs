using System.Text.RegularExpressions;
using Xunit;

/// <summary>What notebook 03-pca-tsne.ipynb must show its reader.</summary>
public partial class NotebookTests
{
    static void Expect03PcaTsne(ExecutedNotebook notebook)
    {
        Assert.Matches(@"50 components explain 8\d\.\d ?% of the variance", notebook.Text);
        Assert.True(notebook.PngImages.Count >= 2, "the components and the reconstructions are pictures");
        Assert.True(notebook.PlotlyCharts >= 5, "variance curve, 2-D and 3-D PCA, the t-SNE map and its slider are Plotly charts");
        Assert.Matches(@"t-SNE of 3,000 images in \d+ s: final KL divergence \d\.\d{3}", notebook.Text);
        Assert.Matches(@"t-SNE of 3,000 images: iteration 500, KL divergence \d\.\d{3}", notebook.Text); // the live progress, at its last update
        double trust = double.Parse(Regex.Match(notebook.Text, @"trustworthiness \(k = 10\) of the first 3,000 points: ([0-9.]+)").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(trust, 0.95, 1.0);
    }
}
