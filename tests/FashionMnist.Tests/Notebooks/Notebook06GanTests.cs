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

        // KID written out in a cell equals lib's on the same subset.
        Assert.Matches(@"KID of one subset of 500: in the cell -?[\d.]+, lib's KernelInceptionDistance -?[\d.]+; the same to 9 decimals: True", text);
        // Every measure beside real images: a table of four sets, and relations that hold for any sensible generator and judge.
        var measuresTable = notebook.HtmlTables.Single(t => t.Headers.Length > 0 && t.Headers[0] == "images, against the real test images");
        Assert.Equal(["the generator", "real, unchanged (the floor)", "real, 3x3 box blur mixed in at 50 %", "real, shifted one pixel to the right"],
            measuresTable.Rows.Select(r => r[0]).ToArray());
        var measures = Regex.Match(text, @"(\d+) KID subsets of ([\d,]+), ([\d,]+) images per set\. KID: the generator (-?[\d.]+) ± ([\d.]+), " +
            @"real images shifted by one pixel (-?[\d.]+) ± ([\d.]+), the floor (-?[\d.]+) ± ([\d.]+); " +
            @"precision and recall: the generator ([\d.]+) and ([\d.]+), the floor ([\d.]+) and ([\d.]+)");
        Assert.True(measures.Success, "KID, precision and recall of the generator, the shift and the floor are printed");
        double M(int group) => GanFigure(measures.Groups[group].Value);
        Assert.Equal(100, M(1));
        double kid = M(4), kidSpread = M(5), shiftKid = M(6), floorKid = M(8), floorKidSpread = M(9);
        double precision = M(10), recall = M(11), floorPrecision = M(12), floorRecall = M(13);
        Assert.True(Math.Abs(floorKid) < 3 * floorKidSpread + 5e-4, $"KID is unbiased: real against real is near 0 ({floorKid} ± {floorKidSpread})");
        Assert.True(floorKid < shiftKid && floorKid < kid, $"the floor's KID {floorKid} is below the shift's {shiftKid} and the generator's {kid}");
        Assert.True(kidSpread > 0, "KID's spread over subsets is shown");
        Assert.True(floorPrecision > 0.8 && floorRecall > 0.8, $"real images cover each other: precision {floorPrecision}, recall {floorRecall}");
        // What the text says of the generator: it loses far more recall than precision against the floor.
        Assert.True(floorRecall - recall > 2 * (floorPrecision - precision),
            $"recall falls {floorRecall - recall:F3} below the floor's, precision {floorPrecision - precision:F3}");

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
        // KID, precision and recall of the committed checkpoint: 0.0036, 0.841, 0.577 quick (1,000 per set, subsets of 500);
        // 0.0059, 0.718, 0.371 full (10,000 per set, subsets of 1,000).
        Assert.InRange(kid, quick ? 0.0024 : 0.0045, quick ? 0.0050 : 0.0075);
        Assert.InRange(precision, quick ? 0.79 : 0.67, quick ? 0.89 : 0.77);
        Assert.InRange(recall, quick ? 0.52 : 0.32, quick ? 0.63 : 0.42);
    }

    /// <summary>Weights of the recipe's generator and discriminator (latent 64, width 32, ten classes).</summary>
    public const long GanRecipeGeneratorWeights = 293_825, GanRecipeDiscriminatorWeights = 45_042;

    static long GanCount(string digits) => long.Parse(digits.Replace(",", ""), CultureInfo.InvariantCulture);
    static double GanFigure(string value) => double.Parse(value, CultureInfo.InvariantCulture);
}
