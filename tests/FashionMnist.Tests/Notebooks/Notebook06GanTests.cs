using System.Globalization;
using System.Text.RegularExpressions;
using Xunit;

/// <summary>What notebook 06-gan.ipynb must show its reader.</summary>
public partial class NotebookTests
{
    static void Expect06Gan(ExecutedNotebook notebook)
    {
        string text = notebook.Text;
        Assert.True(notebook.PngImages.Count >= 8, "untrained fog, a real batch, the live picture (updated and final), the trained wardrobe, " +
            $"the collapsed wardrobe, the walk and the same-noise grid are pictures; found {notebook.PngImages.Count}");
        Assert.True(notebook.PlotlyCharts >= 3, "the losses, the conditional accuracy per class and the distances beside changed real images are Plotly charts");

        // The networks written in the cells are lib's: the same weight counts, the same starting weights.
        var counts = Regex.Match(text, @"generator: ([\d,]+) weights in the cell, ([\d,]+) in lib's GanGenerator; " +
            @"discriminator: ([\d,]+) in the cell, ([\d,]+) in lib's GanDiscriminator; same starting weights: (\w+)");
        Assert.True(counts.Success, "the cell networks' weight counts are printed beside lib's");
        // (GanTests.Recipe_networks_have_the_weight_counts_notebook_06_shows holds lib's counts to the same figures.)
        Assert.Equal(new[] { GanRecipeGeneratorWeights, GanRecipeGeneratorWeights, GanRecipeDiscriminatorWeights, GanRecipeDiscriminatorWeights },
            new[] { 1, 2, 3, 4 }.Select(g => GanCount(counts.Groups[g].Value)).ToArray());
        Assert.Equal("True", counts.Groups[5].Value);

        // One training step, written in cells, gives finite losses, and lib's GanTrainer gives the same ones.
        var step = Regex.Match(text, @"one training step: discriminator loss (\S+), generator loss (\S+); D\(real\) (\S+), D\(fake\) (\S+)");
        Assert.True(step.Success, "the one training step prints its losses");
        double discriminatorLoss = GanFigure(step.Groups[1].Value), generatorLoss = GanFigure(step.Groups[2].Value);
        Assert.True(double.IsFinite(discriminatorLoss) && discriminatorLoss > 0, $"discriminator loss {discriminatorLoss}");
        Assert.True(double.IsFinite(generatorLoss) && generatorLoss > 0, $"generator loss {generatorLoss}");
        // An untrained discriminator is undecided: its two losses are near 2 ln 2, the generator's near ln 2.
        Assert.InRange(discriminatorLoss, 1.0, 2.0);
        Assert.InRange(generatorLoss, 0.4, 1.0);
        Assert.Contains("the same as the cells' to 5 decimals: True", text);
        Assert.Matches(@"step \d+ \(epoch [\d.]+\): D loss [\d.]+, G loss [\d.]+", text); // the live run's last report

        Assert.Contains("conditional DCGAN (10 classes)", text);
        Assert.Matches(@"mean conditional accuracy \d+(\.\d)? %; the judge on real test images: \d+(\.\d)? %", text);
        Assert.Matches(@"Fréchet distance [\d.,]+ to real test images; floor \(real train vs real test\) [\d.,]+", text);
        // The distance is shown beside real images changed a little, the floor's among them.
        Assert.Matches(@"the generator [\d.,]+; real images shifted by one pixel [\d.,]+; the floor [\d.,]+", text);

        // Mode collapse, made on purpose: the same item along each row, by the numbers.
        var collapse = Regex.Match(text, @"after \d+ steps against a frozen discriminator: variety within a row ([\d.]+) \(the trained generator ([\d.]+), real images ([\d.]+)\)");
        Assert.True(collapse.Success, "the collapsed generator's variety is printed beside the trained generator's and real images'");
        double collapsed = GanFigure(collapse.Groups[1].Value), trainedVariety = GanFigure(collapse.Groups[2].Value), real = GanFigure(collapse.Groups[3].Value);
        Assert.True(collapsed < trainedVariety / 2, $"the collapsed rows ({collapsed}) vary far less than the trained generator's ({trainedVariety})");
        Assert.True(Regex.IsMatch(text, @"draws lib's images: largest pixel difference (0|\d(\.\d+)?E-0[5-9])\b"),
            "the cell's GeneratorNet with the checkpoint's weights draws lib's images");

        if (!text.Contains("loaded ")) return;
        // The committed checkpoint, held near the figures it gives (a change to it or to the measures shows here).
        // Quick mode measures 1,000 images per set, the full run 10,000: the floor depends on the size (about halving
        // as the sets double), the generator's distance hardly; the margins cover rounding and other machines' arithmetic.
        bool quick = text.Contains("the live training uses 2,000");
        var steps = Regex.Match(text, @"trained for ([\d,]+) steps of 64 images: ([\d.]+) epochs of 60,000 images");
        Assert.True(steps.Success, "the checkpoint's steps and epochs are printed");
        Assert.Equal(GanRecipe.Epochs * 938L, GanCount(steps.Groups[1].Value)); // 60,000 images in batches of 64: 938 steps per epoch
        Assert.Equal(GanRecipe.Epochs, GanFigure(steps.Groups[2].Value));
        Assert.InRange(trainedVariety, 0.85 * real, 1.15 * real); // the trained generator varies about as much as real items do

        double accuracy = GanFigure(Regex.Match(text, @"mean conditional accuracy (\d+(\.\d)?) %").Groups[1].Value);
        Assert.InRange(accuracy, quick ? 88.6 : 90.6, quick ? 94.6 : 94.6); // 91.6 % quick, 92.6 % full, within 3 (2) points
        var frechet = Regex.Match(text, @"Fréchet distance ([\d.]+) to real test images; floor \(real train vs real test\) ([\d.]+)");
        double distance = GanFigure(frechet.Groups[1].Value), floor = GanFigure(frechet.Groups[2].Value);
        Assert.InRange(distance, quick ? 2.77 : 2.47, quick ? 3.37 : 3.03);  // 3.07 quick, 2.75 full, within 10 %
        Assert.InRange(floor, quick ? 0.98 : 0.09, quick ? 1.20 : 0.13);     // 1.09 quick, 0.111 full
        Assert.True(distance > floor, "no generator beats real images");
    }

    /// <summary>Weights of the recipe's generator and discriminator (latent 64, width 32, ten classes).</summary>
    public const long GanRecipeGeneratorWeights = 293_825, GanRecipeDiscriminatorWeights = 45_042;

    static long GanCount(string digits) => long.Parse(digits.Replace(",", ""), CultureInfo.InvariantCulture);
    static double GanFigure(string value) => double.Parse(value, CultureInfo.InvariantCulture);
}
