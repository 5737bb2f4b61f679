using System.Text.RegularExpressions;
using Xunit;

/// <summary>What notebook 02-visualization.ipynb must show its reader.</summary>
public partial class NotebookTests
{
    static void Expect02Visualization(ExecutedNotebook notebook)
    {
        var sprite = new PngImage(notebook.PngImages[0], 0, 0).DecodeGray();
        Assert.Equal(File.ReadAllBytes(Sprite.ReadmePicturePath), notebook.PngImages[0]);
        Assert.Equal(30 * 28 * 30 * 28, sprite.Length);
        Assert.True(notebook.PngImages.Count >= 15, "sprite, ten galleries, means, deviations, pairs and mosaic are pictures");
        Assert.True(notebook.PlotlyCharts >= 3, "intensities, the pixel heatmap and the distance matrix are Plotly charts");
        Assert.Contains("Pullover · Coat", notebook.Text);
        Assert.Contains("T-shirt/top · Shirt", notebook.Text);
        Assert.Contains("10,000 images as a 2800x2800 mosaic", notebook.Text);
    }
}
