using System.Text.RegularExpressions;
using Xunit;

/// <summary>What notebook 02-visualization.ipynb must show its reader.</summary>
public partial class NotebookTests
{
    static void Expect02Visualization(ExecutedNotebook notebook)
    {
        var train = FashionMnist.Load().Train;

        // The first picture is the sprite, the one the code makes from the training set with seed 0 (made here, not
        // read from a file the notebook could have written).
        var expectedSprite = Sprite.Render(train, rowsPerClass: 3, columns: 30, seed: 0);
        var shownSprite = new PngImage(notebook.PngImages[0], 0, 0).DecodeGray();
        Assert.Equal(30 * 28 * 30 * 28, shownSprite.Length);
        Assert.True(expectedSprite.DecodeGray().AsSpan().SequenceEqual(shownSprite), "the notebook's sprite is not Sprite.Render(train, 3, 30, seed 0)");

        Assert.True(notebook.PngImages.Count >= 16, "sprite, ten galleries, the class by hand, means, deviations, pairs and mosaic are pictures");
        Assert.True(notebook.PlotlyCharts >= 3, "intensities, the pixel heatmap and the distance matrix are Plotly charts");

        // The mean and deviation written in cells agree with lib's; the distance by hand with MeanDistances.
        Assert.Matches(@"by hand and ClassStatistics\.Of agree on Shirt: the largest difference between their mean and deviation images is [\d.E+-]+ ", notebook.Text);
        Assert.Matches(@"Trouser · Dress: (\d+\.\d{4}) by hand, \1 by MeanDistances", notebook.Text);

        // The pairs drawn side by side are the closest pairs computed from the data, in order.
        var stats = ClassStatistics.Of(train);
        var names = FashionMnist.ClassNames;
        var closest = stats.ClosestPairs().Take(2).ToList();
        Assert.Contains("shown: " + string.Join(", ", closest.Select(p => $"{names[p.A]} · {names[p.B]} ({p.Distance:F2})")), notebook.Text);
        foreach (var pair in stats.ClosestPairs().Take(5))
            Assert.Contains($"{names[pair.A] + " · " + names[pair.B],-24} {pair.Distance:F2}", notebook.Text);

        Assert.Contains("10,000 images as a 2800x2800 mosaic", notebook.Text);
    }
}
