// PaperResults: the scikit-learn results published with Fashion-MNIST (arXiv:1708.07747, Table 3: the best
// configuration of each family), read from data/paper-results.json, and a leaderboard that puts our best
// configuration of each family beside the paper's figure for the family it stands in for.

using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using System.Text;
using System.Text.Json;

public sealed record PaperResult(string Family, string Parameters, double FashionAccuracy, double? MnistAccuracy, bool Checked);

/// <summary>One family's best configuration, with the paper's figure for the matching scikit-learn family (null when the paper has none).</summary>
public sealed record LeaderboardRow(string Family, string PaperFamily, BenchmarkResult Best, PaperResult Paper)
{
    /// <summary>Our mean accuracy minus the paper's; null without a paper figure.</summary>
    public double? Difference => Paper is null ? null : Best.MeanAccuracy - Paper.FashionAccuracy;
}

public static class PaperResults
{
    public static string DefaultPath => Path.Combine(ProjectFolders.Data, "paper-results.json");

    public static List<PaperResult> Load(string path = null)
    {
        path ??= DefaultPath;
        if (!File.Exists(path)) throw new FileNotFoundException($"the paper's results file {path} is missing", path);
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        if (!document.RootElement.TryGetProperty("families", out var families))
            throw new FormatException($"{path}: no \"families\" array");
        return families.EnumerateArray().Select(f => new PaperResult(
            f.GetProperty("family").GetString(),
            f.GetProperty("parameters").GetString(),
            f.GetProperty("fashionAccuracy").GetDouble(),
            f.TryGetProperty("mnistAccuracy", out var mnist) ? mnist.GetDouble() : null,
            f.TryGetProperty("checked", out var check) && check.GetBoolean())).ToList();
    }

    /// <summary>The best result (highest mean accuracy) of each of our families, best family first, each beside the paper's figure.</summary>
    public static List<LeaderboardRow> Leaderboard(IEnumerable<BenchmarkResult> results, IReadOnlyList<PaperResult> paper)
    {
        var byFamily = paper.ToDictionary(p => p.Family);
        return results.GroupBy(r => r.Family)
            .Select(g => g.OrderByDescending(r => r.MeanAccuracy).First())
            .OrderByDescending(r => r.MeanAccuracy)
            .Select(best => new LeaderboardRow(best.Family, best.PaperFamily, best, byFamily.GetValueOrDefault(best.PaperFamily)))
            .ToList();
    }

    /// <summary>The leaderboard as a fixed-width text table (for consoles and logs; notebooks chart it).</summary>
    public static string Format(IReadOnlyList<LeaderboardRow> rows)
    {
        var text = new StringBuilder();
        text.AppendLine($"{"family",-22} {"accuracy",8} {"±2σ",6} {"train s",8} {"pred s",7}   {"paper family",-27} {"paper",6} {"diff",7}   best parameters");
        foreach (var row in rows)
        {
            var b = row.Best;
            string paperAccuracy = row.Paper is null ? "" : row.Paper.FashionAccuracy.ToString("0.000");
            string difference = row.Difference is double d ? d.ToString("+0.000;-0.000;0.000") : "";
            string parameters = b.Key.Length > b.Family.Length ? b.Key[(b.Family.Length + 1)..] : "";
            text.AppendLine($"{row.Family,-22} {b.MeanAccuracy,8:0.0000} {b.AccuracyTwoStd,6:0.000} {b.MeanTrainSeconds,8:0.0} {b.MeanPredictSeconds,7:0.0}   {row.PaperFamily,-27} {paperAccuracy,6} {difference,7}   {parameters}");
        }
        return text.ToString();
    }
}
