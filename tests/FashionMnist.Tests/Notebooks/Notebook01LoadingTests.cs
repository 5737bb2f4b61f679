using System.Text.RegularExpressions;
using Xunit;

/// <summary>What notebook 01-loading.ipynb must show its reader.</summary>
public partial class NotebookTests
{
    static void Expect01Loading(ExecutedNotebook notebook)
    {
        // The header read by hand, byte by byte, and what it says.
        Assert.Contains("00 00 08 03 00 00 EA 60 00 00 00 1C 00 00 00 1C", notebook.Text);
        Assert.Contains("60,000 images of 28 rows by 28 columns", notebook.Text);
        // The hand-written parser checked against Idx.Read on every byte of the training images and every label.
        Assert.Contains($"the hand-written parser and Idx.Read agree on all {60_000 * 28 * 28:N0} bytes, shape [60000, 28, 28]", notebook.Text);
        Assert.Contains("and on all 60,000 labels", notebook.Text);
        Assert.DoesNotContain("DIFFER", notebook.Text);
        Assert.Contains("at byte offset 16: the header declares UnsignedByte [60000 x 28 x 28]", notebook.Text);

        Assert.Contains("60,000 training and 10,000 test images of 28x28", notebook.Text);
        foreach (string name in FashionMnist.ClassNames)
            Assert.Contains($"{name} 6000", notebook.Text);

        // The validation split the later notebooks use: the one ValidationSplit.Of makes, written out by hand too.
        Assert.Contains("50,000 images to train on, 10,000 to validate on", notebook.Text);
        Assert.Contains("the split by hand and ValidationSplit.Of pick the same 10,000 validation images", notebook.Text);
        Assert.Contains("images on both sides of the split: 0", notebook.Text);
        Assert.Contains("validation: " + string.Join(", ", FashionMnist.ClassNames.Select(n => $"{n} 1000")), notebook.Text);
        Assert.Contains("train: " + string.Join(", ", FashionMnist.ClassNames.Select(n => $"{n} 5000")), notebook.Text);

        // Sizes are printed, not typed: bytes and floats of the training set.
        Assert.Contains("the training images take 47.0 MB as bytes, 188.2 MB as floats", notebook.Text);
        Assert.Matches(@"T-shirt/top: 6,000 images, mean brightness 0\.\d{3}, background", notebook.Text);
        Assert.Contains("epoch 1: 500 batches of 100, 50,000 different images of 50,000", notebook.Text);

        Assert.True(notebook.PlotlyCharts >= 2, "the class balance and the batch's labels are Plotly charts");
        Assert.True(notebook.PngImages.Count >= 4, "the first image read by hand, the sample grid, the class mean and the batch are pictures");
    }
}
