using System.Globalization;
using System.Text.RegularExpressions;
using Xunit;

/// <summary>What notebook 04-classical-benchmark.ipynb must show its reader.</summary>
public partial class NotebookTests
{
    static void Expect04ClassicalBenchmark(ExecutedNotebook notebook)
    {
        // Floors for the quick mode (2,000 training, 1,000 validation, 1,000 test images), each set from what a run
        // reaches minus a margin for the randomness of threads and row order: the written-out logistic regression
        // reached 0.809 on the validation set (floor 0.77); the grid's best (LightGBM) 0.827 on the validation set
        // and 0.838 on the test set (floors 0.78). The written-out pipeline and lib's wrapper of the same trainer
        // differed by 0.001 (one image): they may differ by five images of the thousand.
        // A row of the grid trained again on the same images with the same seeds may differ by threads' order: five images.
        const double QuickPipelineFloor = 0.77, QuickBestFloor = 0.78, PipelineAndLibMaxDifference = 0.005, RerunMaxDifference = 0.005;
        static double Figure(Group group) => double.Parse(group.Value, CultureInfo.InvariantCulture);
        string text = notebook.Text;
        var quickGrid = BenchmarkCatalog.QuickGrid();

        // The pipeline is written in the cells, not hidden in lib (read from the notebook itself: a file-based app's
        // outputs carry no sources).
        string code = string.Join("\n", Cells("04-classical-benchmark.ipynb")
            .Where(c => c.GetProperty("cell_type").GetString() == "code").Select(Source));
        foreach (string step in new[] { "new MLContext(seed: 0)", "[VectorType(784)]", "LoadFromEnumerable", "Transforms.Conversion.MapValueToKey",
            "NormalizeMeanVariance", "AppendCacheCheckpoint", "MulticlassClassification.Trainers.LbfgsMaximumEntropy", "Transforms.Conversion.MapKeyToValue",
            "pipeline.Fit(", "model.Transform(", "MulticlassClassification.Evaluate(", "ValidationSplit.Of(fashion.Train)" })
            Assert.True(code.Contains(step), $"no code cell writes out {step}");

        // Its steps, shown: the key dictionary of the ten classes, the scaled pixels, the validation metrics.
        foreach (string name in FashionMnist.ClassNames)
            Assert.Matches($@"\d+ = {Regex.Escape(name)}\b", text);
        Assert.Matches(@"the centre pixel +before: mean +0\.\d{3}, deviation 0\.\d{3} +after: mean +-?0\.0\d{2}, deviation [01]\.\d{3}", text);
        var metrics = Regex.Match(text, @"on 1,000 validation images: micro accuracy (0\.\d{4}) \(macro 0\.\d{4}\), log-loss (\d+\.\d{3}) \(a tenth for every class would give 2\.303\)");
        Assert.True(metrics.Success, "the written-out pipeline's validation metrics are printed");
        double pipelineAccuracy = Figure(metrics.Groups[1]);
        Assert.InRange(pipelineAccuracy, QuickPipelineFloor, 1.0);
        Assert.InRange(Figure(metrics.Groups[2]), 0.1, Math.Log(10));

        // The short version and lib agree: the same trainer through MlNetClassifier, on the same images.
        var agree = Regex.Match(text, @"validation accuracy, the pipeline written out: (0\.\d{4}); lib's LbfgsMaximumEntropy l1=1, l2=1: (0\.\d{4}) \(difference (0\.\d{4})\)");
        Assert.True(agree.Success, "the pipeline and lib's version print their validation accuracies side by side");
        Assert.Equal(pipelineAccuracy, Figure(agree.Groups[1]));
        Assert.True(Math.Abs(Figure(agree.Groups[1]) - Figure(agree.Groups[2])) <= PipelineAndLibMaxDifference,
            $"the written-out pipeline and lib disagree: {agree.Value}");

        // Every family of the grid named, with its sentence.
        foreach (string family in quickGrid.Select(c => c.Family).Distinct())
            Assert.Contains($"{family} (stands in for {BenchmarkCatalog.PaperFamilyOf[family]}; 1 configuration(s) in this run): {BenchmarkCatalog.WhatItDoes[family]}", text);

        // The best is chosen on the validation set...
        var chosen = Regex.Match(text, @"(\d+) configurations of (\d+) families, scored on 1,000 validation images; chosen: (.+) at (0\.\d{4}) validation accuracy");
        Assert.True(chosen.Success, "the grid says what it chose, on the validation set");
        Assert.Equal(quickGrid.Count, int.Parse(chosen.Groups[1].Value));
        Assert.Equal(quickGrid.Select(c => c.Family).Distinct().Count(), int.Parse(chosen.Groups[2].Value));
        string chosenKey = chosen.Groups[3].Value;
        Assert.Contains(chosenKey, quickGrid.Select(c => c.Key));
        Assert.InRange(Figure(chosen.Groups[4]), QuickBestFloor, 1.0);
        Assert.Matches(@"training and predicting took \d+\.\d minutes in all", text); // the grid's cost is printed, not typed

        // The cheapest rows, trained again here, agree with the grid's figures (read from data/benchmark/ in a full run).
        var again = Regex.Matches(text, @"(\w+) [^\n]*? here: (0\.\d{4})   the grid: (0\.\d{4})   difference (0\.\d{4})");
        Assert.Equal(new[] { "AveragedPerceptron", "GaussianNaiveBayes", "LinearSvm", "SdcaMaximumEntropy" }, again.Select(m => m.Groups[1].Value).Order());
        Assert.All(again, m => Assert.True(Math.Abs(Figure(m.Groups[2]) - Figure(m.Groups[3])) <= RerunMaxDifference, $"a row trained again disagrees with the grid: {m.Value}"));

        // ...and only it is scored on the test set, once, after training on all the training images of the run.
        var tested = Regex.Matches(text, @"(.+), trained on ([\d,]+) images in \d+ s, scored once on ([\d,]+) test images: test accuracy (0\.\d{4}) \(validation accuracy (0\.\d{4})\)");
        Assert.Single(tested);
        Assert.Equal(chosenKey, tested[0].Groups[1].Value);
        Assert.Equal("3,000", tested[0].Groups[2].Value);
        Assert.Equal("1,000", tested[0].Groups[3].Value);
        Assert.InRange(Figure(tested[0].Groups[4]), QuickBestFloor, 1.0);
        Assert.Equal(chosen.Groups[4].Value, tested[0].Groups[5].Value);
        Assert.Contains("the paper's best classical model, SVC: 0.897", text);

        // The Try it cell trains its one model on the split.
        Assert.Matches(@"KNearestNeighbors k=5, metric=Euclidean, weights=distance: validation accuracy 0\.\d{4} in \d+\.\d s", text);

        // Family by family: the validation choice of each of the paper's 13 families, scored on the test set beside the paper's best.
        var tables = notebook.HtmlTables;
        var choices = tables.Single(t => t.Headers.Contains("Our choice (on validation)"));
        var paperTable = PaperGrid.LoadTable();
        Assert.Equal(paperTable.Select(r => r.Family).Distinct().Order(), choices.Rows.Select(r => r[0]).Order());
        int column(string[] headers, string name) => Array.IndexOf(headers, name);
        // The choice is the leaderboard's best validation accuracy among the families standing in for the paper family.
        var leaderboard = tables.Single(t => t.Headers.Contains("Validation accuracy") && t.Headers.Contains("Paper family") && !t.Headers.Contains("Test accuracy"));
        double ValidationOf(string[] r) => double.Parse(r[column(leaderboard.Headers, "Validation accuracy")], CultureInfo.InvariantCulture);
        var bestOnValidation = leaderboard.Rows.GroupBy(r => r[column(leaderboard.Headers, "Paper family")]).ToDictionary(g => g.Key, g => g.Max(ValidationOf));
        foreach (var row in choices.Rows)
        {
            string family = row[0], key = row[1];
            Assert.Equal(BenchmarkCatalog.PaperFamilyOf[key.Split(' ')[0]], family);
            Assert.Equal(bestOnValidation[family], ValidationOf(leaderboard.Rows.Single(r => r[1] == key))); // ties may go either way
            Assert.Equal(bestOnValidation[family], double.Parse(row[column(choices.Headers, "Validation accuracy")], CultureInfo.InvariantCulture));
            double testAccuracy = double.Parse(row[column(choices.Headers, "Test accuracy")], CultureInfo.InvariantCulture);
            double paperBest = double.Parse(row[column(choices.Headers, "Paper's best (test)")], CultureInfo.InvariantCulture);
            Assert.Equal(paperTable.Where(r => r.Family == family).Max(r => r.FashionAccuracy), paperBest);
            Assert.Equal(Math.Round(testAccuracy - paperBest, 4), double.Parse(row[column(choices.Headers, "Difference")], CultureInfo.InvariantCulture), 9);
            // Quick mode: 3,000 training and 1,000 test images, so well below the full data's figures but far above chance.
            Assert.InRange(testAccuracy, family == "GaussianNB" ? 0.40 : 0.60, 1.0);
        }
        Assert.Matches(@"\d+ of the 13 families at or above the paper's best test accuracy, each trained on 3,000 images and scored on 1,000 test images", text);

        // Every row of the paper's table, with our figure where our committed run of the paper grid has it.
        var rows = tables.Single(t => t.Headers.Contains("Paper's parameters"));
        Assert.Equal(126, rows.Rows.Count);
        Assert.Equal(paperTable.Select(r => (r.Family, r.ParameterText)).Order(), rows.Rows.Select(r => (r[0], r[1])).Order());
        // The notebook reads the committed run and any run in build/benchmark/ (a developer's own), as this does.
        var committed = new[] { BenchmarkRunner.CommittedFolder, BenchmarkRunner.DefaultFolder }
            .SelectMany(folder => BenchmarkRunner.Load(Path.Combine(folder, "paper.jsonl"))).Where(r => r.TrainCount == 60_000).ToList();
        int ours = column(rows.Headers, "Ours: Fashion-MNIST");
        var comparison = PaperGrid.Compare(PaperGrid.Entries(), committed, []);
        Assert.Equal(comparison.Count(c => c.Fashion is not null), rows.Rows.Count(r => r[ours].Length > 0));
        Assert.Matches($@"{comparison.Count(c => c.Fashion is not null)} of the table's 126 rows measured on Fashion-MNIST, \d+ of them at or above the paper's figure for the same row", text);
        Assert.Contains("LinearSVC: LinearSvc (liblinear's solvers)", text); // the mapping notes

        Assert.True(notebook.PlotlyCharts >= 5, "time/accuracy, paper comparison, confusion matrix, precision/recall and the family choices are Plotly charts");
        Assert.Single(notebook.PngImages);
    }
}
