// FamilyChoices: the honest comparison with the paper, family by family. For each scikit-learn family of the
// paper's Table 3, the configuration of ours (among all our families that stand in for it) with the best
// VALIDATION accuracy is chosen; that one configuration is then trained on all 60,000 training images and scored
// once on the test set, and its test accuracy is set beside the paper's best test accuracy of the family (which
// the paper picked by that same test accuracy, so a little flattering). The grid `choices` of the classical
// benchmark's console program runs them (data/benchmark/choices.jsonl holds our run); notebook 04 shows the table.

using System;
using System.Collections.Generic;
using System.Linq;

/// <summary>One paper family: what validation chose, what it scored on the test set (null until run), and the paper's best.</summary>
public sealed record FamilyChoice(string PaperFamily, BenchmarkResult Chosen, BenchmarkResult Test, double? PaperBest)
{
    /// <summary>Our test accuracy minus the paper's best; null until the choice has a test result or without a paper figure.</summary>
    public double? Difference => Test is null || PaperBest is null ? null : Test.MeanAccuracy - PaperBest;
}

public static class FamilyChoices
{
    /// <summary>For each paper family, the validation result with the highest mean accuracy (ties: the first in file order).</summary>
    public static List<BenchmarkResult> Choose(IEnumerable<BenchmarkResult> validationResults)
    {
        var results = validationResults.ToList();
        var notValidation = results.FirstOrDefault(r => r.ScoredOn != BenchmarkResult.Validation);
        if (notValidation is not null)
            throw new ArgumentException($"{notValidation.Key} was scored on the {notValidation.ScoredOn} set: choose on validation results only", nameof(validationResults));
        return results.GroupBy(r => r.PaperFamily).Select(g => g.MaxBy(r => r.MeanAccuracy)).OrderByDescending(r => r.MeanAccuracy).ToList();
    }

    /// <summary>The chosen configurations, found by key in the grid they came from (an error names any key the grid lacks).</summary>
    public static List<BenchmarkConfiguration> ConfigurationsOf(IEnumerable<BenchmarkResult> chosen, IEnumerable<BenchmarkConfiguration> grid)
    {
        var byKey = grid.ToDictionary(c => c.Key);
        return chosen.Select(r => byKey.TryGetValue(r.Key, out var c) ? c
            : throw new KeyNotFoundException($"the chosen configuration {r.Key} is not in the grid: the results file comes from another grid")).ToList();
    }

    /// <summary>One row per paper family, best validation first: the choice, its test result where <paramref name="testResults"/> has it, the paper's best.</summary>
    /// <param name="mnist">the results are MNIST's: compare with the paper's MNIST column.</param>
    public static List<FamilyChoice> Table(IEnumerable<BenchmarkResult> validationResults, IEnumerable<BenchmarkResult> testResults,
        IReadOnlyList<PaperTableRow> paperTable, bool mnist = false)
    {
        var tests = testResults.Where(r => r.ScoredOn == BenchmarkResult.Test).GroupBy(r => r.Key).ToDictionary(g => g.Key, g => g.Last());
        var paperBest = paperTable.GroupBy(r => r.Family).ToDictionary(g => g.Key, g => g.Max(r => mnist ? r.MnistAccuracy : r.FashionAccuracy));
        return Choose(validationResults).Select(chosen => new FamilyChoice(chosen.PaperFamily, chosen, tests.GetValueOrDefault(chosen.Key),
            paperBest.TryGetValue(chosen.PaperFamily, out double best) ? best : null)).ToList();
    }

    /// <summary>The table as fixed-width text (for consoles and logs; notebook 04 shows it as an HTML table).</summary>
    public static string Format(IReadOnlyList<FamilyChoice> table, bool mnist = false)
    {
        var text = new System.Text.StringBuilder();
        text.AppendLine($"{"paper family",-28} {"validation",10} {"test",7} {(mnist ? "paper MNIST" : "paper"),11} {"diff",7} {"fit s",7}   our choice");
        foreach (var row in table)
        {
            string test = row.Test is null ? "" : row.Test.MeanAccuracy.ToString("0.0000");
            string paper = row.PaperBest is double p ? p.ToString("0.000") : "";
            string difference = row.Difference is double d ? d.ToString("+0.000;-0.000;0.000") : "";
            string fit = row.Test is null ? "" : row.Test.MeanTrainSeconds.ToString("0.0");
            text.AppendLine($"{row.PaperFamily,-28} {row.Chosen.MeanAccuracy,10:0.0000} {test,7} {paper,11} {difference,7} {fit,7}   {row.Chosen.Key}");
        }
        return text.ToString();
    }
}
