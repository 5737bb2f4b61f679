using System.Text.RegularExpressions;
using Xunit;

/// <summary>What notebook 06-gan.ipynb must show its reader.</summary>
public partial class NotebookTests
{
    static void Expect06Gan(ExecutedNotebook notebook)
    {
        Assert.True(notebook.PngImages.Count >= 6, "untrained wardrobe, live picture, trained picture, wardrobe, walk and same-noise grid are pictures");
        Assert.True(notebook.PlotlyCharts >= 3, "the losses, the conditional accuracy per class and the distances beside changed real images are Plotly charts");
        Assert.Contains("conditional DCGAN (10 classes)", notebook.Text);
        Assert.Matches(@"mean conditional accuracy \d+(\.\d)? %; the judge on real test images: \d+(\.\d)? %", notebook.Text);
        Assert.Matches(@"Fréchet distance [\d.,]+ to real test images; floor \(real train vs real test\) [\d.,]+", notebook.Text);
        // The distance is shown beside real images changed a little, the floor's among them.
        Assert.Matches(@"the generator [\d.,]+; real images shifted by one pixel [\d.,]+; the floor [\d.,]+", notebook.Text);
        // The committed checkpoint draws what it is asked for.
        if (notebook.Text.Contains("loaded "))
        {
            double accuracy = double.Parse(Regex.Match(notebook.Text, @"mean conditional accuracy (\d+(\.\d)?) %").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            Assert.True(accuracy >= 60, $"the trained generator's items are recognized {accuracy} % of the time");
        }
    }
}
