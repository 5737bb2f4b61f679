// BenchmarkRunDescription: what ran, when, where and how, beside a results file: <results>.about.json. The
// classical benchmark's console program writes it after each run; the committed results in data/benchmark/ carry
// one, so that notebook 04 can say whose figures it shows (our own run of the grid: the command, the commit, the
// machine, the span of time) without a word of it typed in.

using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Collections.Generic;

public sealed record BenchmarkRunDescription(
    string Command, string Commit, string Grid, string ScoredOn, int TrainCount, int HeldOutCount, int Repeats,
    int Configurations, DateTime FirstFinishedUtc, DateTime LastFinishedUtc, double MeasuredMinutes, double ProcessorMinutes,
    string Processor, int ProcessorCount, double MemoryGiB, string OperatingSystem, string Runtime)
{
    static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase, WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping, // "+changes", not "\u002Bchanges"
    };

    /// <summary>The description's file beside a results file: default-validation.jsonl → default-validation.about.json.</summary>
    public static string PathFor(string resultsPath) => Path.ChangeExtension(resultsPath, ".about.json");

    /// <summary>Describes a finished run from its results and this machine.</summary>
    public static BenchmarkRunDescription Of(IReadOnlyList<BenchmarkResult> results, string command, string commit, string grid, int repeats)
    {
        if (results.Count == 0) throw new ArgumentException("no results to describe", nameof(results));
        var first = results[0];
        return new BenchmarkRunDescription(command, commit, grid, first.ScoredOn, first.TrainCount, first.TestCount, repeats, results.Count,
            results.Min(r => r.FinishedUtc), results.Max(r => r.FinishedUtc),
            results.Sum(r => (r.MeanTrainSeconds + r.MeanPredictSeconds) * r.Accuracies.Length) / 60,
            results.Sum(r => r.CpuSeconds?.Sum() ?? 0) / 60,
            Provenance.Processor(), Environment.ProcessorCount, Provenance.MemoryGiB(), Provenance.OperatingSystem, Provenance.Runtime);
    }

    public void Write(string path) => AtomicFile.WriteFile(path, temporary => File.WriteAllText(temporary, JsonSerializer.Serialize(this, Json) + "\n"));

    public static BenchmarkRunDescription Load(string path)
    {
        try { return JsonSerializer.Deserialize<BenchmarkRunDescription>(File.ReadAllText(path), Json) ?? throw new FormatException("empty"); }
        catch (JsonException e) { throw new FormatException($"{path}: not a benchmark run description: {e.Message}", e); }
    }

    public override string ToString() =>
        $"{Configurations} configurations of the {Grid} grid, trained on {TrainCount:N0} images and scored on {HeldOutCount:N0} {ScoredOn} images, " +
        $"{Repeats} repeat(s); run by `{Command}` at commit {Provenance.ShortCommit(Commit)}, finished {FirstFinishedUtc:yyyy-MM-dd HH:mm} to {LastFinishedUtc:yyyy-MM-dd HH:mm} UTC " +
        $"({MeasuredMinutes:0} minutes of training and predicting, {ProcessorMinutes:0} processor minutes) on {ProcessorCount} cores of {Processor}, {MemoryGiB:0} GiB";
}
