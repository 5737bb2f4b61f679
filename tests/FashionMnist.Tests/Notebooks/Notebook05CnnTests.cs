using System.Globalization;
using System.Text.RegularExpressions;
using Xunit;

/// <summary>What notebook 05-cnn.ipynb must show its reader.</summary>
public partial class NotebookTests
{
    /// <summary>
    /// The validation accuracy the network written in the cells reaches in quick mode (3,000 images, 2 epochs):
    /// 75.3 % when measured, on 2 cores; the floor leaves ten points for other machines' arithmetic.
    /// </summary>
    const double QuickValidationFloor = 65;

    /// <summary>The largest difference, in percentage points, allowed between the cells' loop and lib's trainer (the text states it).</summary>
    const double LoopAgreementMargin = 1.0;

    static double Percent(Match match, int group = 1) => double.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture);

    static void Expect05Cnn(ExecutedNotebook notebook)
    {
        string text = notebook.Text;

        // The network written in the cells is the project's small network: the same size, the same start.
        var weights = Regex.Match(text, @"SmallNet, written above: ([\d,]+) weights; lib's SmallConvNet: ([\d,]+); same starting weights: (\w+)");
        Assert.True(weights.Success, "the cell network's weight count is printed beside lib's");
        using (var small = CnnModels.Create("small"))
        {
            string expected = CnnModels.ParameterCount(small).ToString("N0", CultureInfo.InvariantCulture);
            Assert.Equal(expected, weights.Groups[1].Value);
            Assert.Equal(expected, weights.Groups[2].Value);
        }
        Assert.Equal("True", weights.Groups[3].Value);

        // Cross-entropy by hand equals TorchSharp's.
        var crossEntropy = Regex.Match(text, @"cross-entropy by hand (\d+\.\d+), functional\.cross_entropy (\d+\.\d+)");
        Assert.True(crossEntropy.Success, "the loss is computed by hand and by cross_entropy");
        Assert.Equal(crossEntropy.Groups[1].Value, crossEntropy.Groups[2].Value);

        // Trained live above a floor, and lib's trainer agrees within the stated margin.
        var trained = Regex.Match(text, @"SmallNet trained in the cells: validation accuracy (\d+\.\d+) ?%");
        Assert.True(trained.Success, "the cells' training reports its validation accuracy");
        Assert.True(Percent(trained) >= QuickValidationFloor, $"the network trained in the cells reached {Percent(trained)} %, below the floor of {QuickValidationFloor} %");
        var agreement = Regex.Match(text, @"the cells' loop (\d+\.\d+) ?%, lib's CnnTrainer (\d+\.\d+) ?%; difference (\d+\.\d+) points \(margin (\d+\.\d+)\)");
        Assert.True(agreement.Success, "the cells' loop and lib's trainer are compared");
        Assert.True(Math.Abs(Percent(agreement, 1) - Percent(agreement, 2)) <= LoopAgreementMargin,
            $"the cells' loop ({Percent(agreement, 1)} %) and lib's trainer ({Percent(agreement, 2)} %) differ by more than {LoopAgreementMargin} point");
        Assert.Equal(LoopAgreementMargin, Percent(agreement, 4));

        // Mixed precision: bfloat16's rounding shown, the CPU's flags read, both precisions trained and timed.
        Assert.Contains("1/3 in float32: 0.33333334; in bfloat16: 0.333984375 (exactly)", text);
        Assert.Contains("a bfloat16 weight of 0.5 plus a step of 0.0001: 0.5 (the step is lost; a float32 master weight keeps it: 0.5001)", text);
        Assert.Contains($"lib's MixedPrecision.CpuHasBFloat16: {MixedPrecision.CpuHasBFloat16}", text);
        var rates = Regex.Match(text, @"CompactConvNet \(([\d,]+) weights\), one epoch on ([\d,]+) images: float32 ([\d,]+) images/s, bfloat16 ([\d,]+) images/s, (\d+\.\d+)x");
        Assert.True(rates.Success, "both precisions are timed");
        using (var compact = CnnModels.Create("compact"))
        {
            long compactWeights = CnnModels.ParameterCount(compact);
            Assert.Equal(compactWeights.ToString("N0", CultureInfo.InvariantCulture), rates.Groups[1].Value);
            Assert.True(compactWeights < 100_000, "the text calls the compact network under 100,000 weights");
        }
        double float32Rate = double.Parse(rates.Groups[3].Value, NumberStyles.Number, CultureInfo.InvariantCulture);
        double bfloat16Rate = double.Parse(rates.Groups[4].Value, NumberStyles.Number, CultureInfo.InvariantCulture);
        Assert.True(float32Rate > 0 && bfloat16Rate > 0, rates.Value);
        Assert.InRange(double.Parse(rates.Groups[5].Value, CultureInfo.InvariantCulture), bfloat16Rate / float32Rate * 0.98 - 0.01, bfloat16Rate / float32Rate * 1.02 + 0.01);

        // Overfitting made visible: without augmentation the big network's train accuracy runs ahead of validation.
        var gaps = Regex.Match(text, @"after \d+ epochs: (-?\d+\.\d) points without augmentation, (-?\d+\.\d) with");
        Assert.True(gaps.Success, "the train-validation gaps without and with augmentation are printed");
        Assert.True(Percent(gaps, 1) > 3, $"no overfitting to see: train runs only {Percent(gaps, 1)} points ahead of validation");
        Assert.True(Percent(gaps, 1) > Percent(gaps, 2), "augmentation narrows the gap");

        // Using the network: probability bars, the reload, a picture from a file.
        var charts = notebook.Data("text/html").Where(h => h.Contains("renderPlotly")).ToList();
        Assert.Contains(charts, c => c.Contains("Test image") && c.Contains("the network trained here says") && c.Contains("\"type\":\"bar\""));
        Assert.Matches(@"the same scores on all [\d,]+ validation images: True, the same predictions: True", text);
        Assert.Contains("my-item.png: 420x336 pixels", text);
        Assert.Contains(charts, c => c.Contains("my-item.png as 28x28 grey: the network trained here says") && c.Contains("\"type\":\"bar\""));
        Assert.Contains(charts, c => c.Contains("my-item.png: the best network says Ankle boot"));

        // The best network, scored once on the test set; the confusion pairs checked against notebook 02's claim.
        var best = Regex.Match(text, @"the test set, scored once: the best network accuracy (\d+\.\d+) ?% on (\d+) items");
        Assert.True(best.Success, "the best network's test accuracy is shown");
        Assert.InRange(Percent(best), 90, 100);
        // How it was trained is read from the record beside the checkpoint, not typed: the notebook prints the record,
        // and on the whole test set it scores what the benchmark scored when it trained the network.
        var record = CnnTrainingRecord.ReadBeside(CnnModels.BestCheckpoint);
        Assert.Contains($"loaded data/models/best-convnet.bin: {record}", text);
        Assert.Contains($"its recipe: {record.Recipe}", text);
        Assert.Equal("best", record.Model);
        if (best.Groups[2].Value == "10000")
            Assert.Equal(record.TestAccuracyWithFlips * 100, Percent(best), 2);
        else
            Assert.InRange(Percent(best), record.TestAccuracyWithFlips * 100 - 2.5, record.TestAccuracyWithFlips * 100 + 2.5);
        Assert.Matches(@"[0-5] of the 5 most confused pairs are among the 5 pairs with the closest class means", text);

        Assert.True(charts.Count >= 9, $"{charts.Count} Plotly charts: expected the loss, the accuracies, overfitting twice, two probability bars, confusion, precision and recall, the best on the picture");
        Assert.True(notebook.PngImages.Count >= 3, "the augmented batch, the conversion's steps and the mistakes are pictures");
    }
}
