// BenchmarkRunner: runs benchmark configurations the way the original Fashion-MNIST benchmark does:
// features scaled by a StandardScaler fitted on the training set; each configuration trained on seeded
// shuffles of the training set and scored on held-out images; mean accuracy, its spread, training and
// prediction time. The held-out images are the test set (the paper's way, tests/benchmarks/classical) or the
// validation set (notebook 04, which chooses its best configuration there and scores only that one on the
// test set); each result says which (scoredOn). Each finished configuration is appended to a JSON-lines file
// at once, so an interrupted run resumes where it stopped: configurations already in the file (same key, same
// data sizes, scored on the same kind of set) are skipped. A committed results file (data/benchmark/, our own full
// run of a grid) can stand beside it: read, never written; what it holds counts as done too.
//
// The results file: one JSON object per line (BenchmarkResult, camelCase), schemaVersion 1:
//   schemaVersion      1
//   key                family and parameters, e.g. "KNearestNeighbors k=5, metric=Manhattan, weights=distance"
//   family             our family name, e.g. "LightGbm"
//   paperFamily        the scikit-learn family of the paper it stands in for, e.g. "GradientBoostingClassifier"
//   parameters         object of parameter name -> value (strings)
//   trainCount         training rows used; testCount: held-out rows scored (test or validation, see scoredOn)
//   accuracies         accuracy on the held-out rows of each repeat (fraction correct, 0-1)
//   meanAccuracy       their mean
//   accuracyTwoStd     2 x their population standard deviation (the original's "std_accuracy"); 0 for one repeat
//   trainSeconds       wall-clock seconds of each repeat's Fit; predictSeconds: of each repeat's Predict
//   meanTrainSeconds, meanPredictSeconds   their means
//   cpuSeconds         processor seconds the whole process used during each repeat's Fit and Predict (all threads):
//                      on a shared machine wall-clock time swells with the load, this much less so
//   processorCount     Environment.ProcessorCount of the machine that ran it
//   finishedUtc        when the configuration finished (ISO 8601)
//   scoredOn           "test" or "validation": what the held-out rows were; lines written before it existed read as "test"
// data/benchmark/README.md says the same for readers of the files.

using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using System.Diagnostics;
using System.Text.Json;

public sealed record BenchmarkResult(
    int SchemaVersion, string Key, string Family, string PaperFamily, SortedDictionary<string, string> Parameters,
    int TrainCount, int TestCount, double[] Accuracies, double MeanAccuracy, double AccuracyTwoStd,
    double[] TrainSeconds, double[] PredictSeconds, double MeanTrainSeconds, double MeanPredictSeconds,
    double[] CpuSeconds, int ProcessorCount, DateTime FinishedUtc, string ScoredOn = BenchmarkResult.Test)
{
    /// <summary>The two kinds of held-out images a result can be scored on.</summary>
    public const string Test = "test", Validation = "validation";

    public const int CurrentSchemaVersion = 1;
    static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public string ToJsonLine() => JsonSerializer.Serialize(this, Json);

    public static BenchmarkResult FromJsonLine(string line)
    {
        var result = JsonSerializer.Deserialize<BenchmarkResult>(line, Json) ?? throw new FormatException("an empty results line");
        if (result.SchemaVersion != CurrentSchemaVersion)
            throw new FormatException($"results line has schema version {result.SchemaVersion}, this code reads version {CurrentSchemaVersion}: {line}");
        return result;
    }

    public override string ToString() =>
        $"{Key}: {MeanAccuracy:0.0000} ± {AccuracyTwoStd:0.0000} {ScoredOn} accuracy ({Accuracies.Length}x, train {MeanTrainSeconds:0.0} s, predict {MeanPredictSeconds:0.0} s)";
}

/// <summary>What the runner is doing: Skipped (already in the file), Started, Repeated (one repeat done), Finished.</summary>
public sealed record BenchmarkProgress(
    string Stage, int Index, int Total, BenchmarkConfiguration Configuration, int Repeat, double? Accuracy, BenchmarkResult Result)
{
    public override string ToString() => Stage switch
    {
        "Repeated" => $"[{Index + 1}/{Total}] {Configuration.Key}: repeat {Repeat + 1} accuracy {Accuracy:0.0000}",
        "Finished" or "Skipped" => $"[{Index + 1}/{Total}] {Stage.ToLowerInvariant()} {Result}",
        _ => $"[{Index + 1}/{Total}] {Stage.ToLowerInvariant()} {Configuration.Key}",
    };
}

public sealed class BenchmarkRunner
{
    /// <summary>build/benchmark under the project folder: where the scripts and notebooks keep results.</summary>
    public static string DefaultFolder => Path.Combine(ProjectFolders.Root, "build", "benchmark");

    /// <summary>data/benchmark under the project folder: the committed results of our own full runs, with an .about.json each.</summary>
    public static string CommittedFolder => Path.Combine(ProjectFolders.Data, "benchmark");

    public string ResultsPath { get; }
    public int Repeats { get; }
    /// <summary>What the held-out images given to Run are: BenchmarkResult.Test or BenchmarkResult.Validation.</summary>
    public string ScoredOn { get; }
    /// <summary>A results file that is read, never written (null: none): its configurations count as done.</summary>
    public string CommittedResultsPath { get; }

    public BenchmarkRunner(string resultsPath, int repeats = 2, string scoredOn = BenchmarkResult.Test, string committedResultsPath = null)
    {
        if (string.IsNullOrWhiteSpace(resultsPath)) throw new ArgumentException("give a results file path", nameof(resultsPath));
        if (repeats <= 0) throw new ArgumentOutOfRangeException(nameof(repeats), repeats, "at least one repeat");
        if (scoredOn is not (BenchmarkResult.Test or BenchmarkResult.Validation))
            throw new ArgumentException($"scoredOn is \"{scoredOn}\": say \"{BenchmarkResult.Test}\" or \"{BenchmarkResult.Validation}\"", nameof(scoredOn));
        ResultsPath = Path.GetFullPath(resultsPath);
        Repeats = repeats;
        ScoredOn = scoredOn;
        CommittedResultsPath = committedResultsPath is null ? null : Path.GetFullPath(committedResultsPath);
        if (CommittedResultsPath == ResultsPath)
            throw new ArgumentException($"{committedResultsPath} is both the results file and the committed one: the committed file is never written", nameof(committedResultsPath));
        if (CommittedResultsPath is not null && !File.Exists(CommittedResultsPath))
            throw new FileNotFoundException($"the committed results file {CommittedResultsPath} does not exist", CommittedResultsPath);
    }

    /// <summary>Every result in a results file, in file order; none if the file does not exist.</summary>
    public static List<BenchmarkResult> Load(string resultsPath)
    {
        if (!File.Exists(resultsPath)) return new List<BenchmarkResult>();
        var results = new List<BenchmarkResult>();
        int lineNumber = 0;
        foreach (string line in File.ReadLines(resultsPath))
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            try { results.Add(BenchmarkResult.FromJsonLine(line)); }
            catch (Exception e) when (e is JsonException or FormatException)
            {
                throw new FormatException($"{resultsPath}:{lineNumber}: not a benchmark result: {e.Message}", e);
            }
        }
        return results;
    }

    /// <summary>
    /// Scales the images, runs each configuration not yet in the results file (trained on <paramref name="train"/>, scored on
    /// <paramref name="heldOut"/>: the test or the validation set, as ScoredOn says), and returns all results for these configurations.
    /// </summary>
    public List<BenchmarkResult> Run(IReadOnlyList<BenchmarkConfiguration> configurations, LabeledImages train, LabeledImages heldOut,
        Action<BenchmarkProgress> progress = null)
    {
        var scaler = StandardScaler.Fit(train.PixelsAsFloats(), train.PixelsPerImage);
        return Run(configurations, scaler.Transform(train.PixelsAsFloats()), train.Labels, scaler.Transform(heldOut.PixelsAsFloats()), heldOut.Labels,
            train.PixelsPerImage, progress);
    }

    /// <summary>The same on features that are already prepared (row-major, featureCount per row).</summary>
    public List<BenchmarkResult> Run(IReadOnlyList<BenchmarkConfiguration> configurations, float[] trainFeatures, byte[] trainLabels,
        float[] testFeatures, byte[] testLabels, int featureCount, Action<BenchmarkProgress> progress = null)
    {
        var duplicate = configurations.GroupBy(c => c.Key).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new ArgumentException($"configuration {duplicate.Key} appears twice", nameof(configurations));
        var done = (CommittedResultsPath is null ? [] : Load(CommittedResultsPath)).Concat(Load(ResultsPath))
            .Where(r => r.TrainCount == trainLabels.Length && r.TestCount == testLabels.Length && r.ScoredOn == ScoredOn)
            .GroupBy(r => r.Key).ToDictionary(g => g.Key, g => g.Last());
        var results = new List<BenchmarkResult>();
        for (int i = 0; i < configurations.Count; i++)
        {
            var configuration = configurations[i];
            if (done.TryGetValue(configuration.Key, out var previous))
            {
                results.Add(previous);
                progress?.Invoke(new BenchmarkProgress("Skipped", i, configurations.Count, configuration, 0, null, previous));
                continue;
            }
            progress?.Invoke(new BenchmarkProgress("Started", i, configurations.Count, configuration, 0, null, null));
            var result = RunOne(configuration, trainFeatures, trainLabels, testFeatures, testLabels, featureCount,
                (repeat, accuracy) => progress?.Invoke(new BenchmarkProgress("Repeated", i, configurations.Count, configuration, repeat, accuracy, null)));
            Append(result);
            results.Add(result);
            progress?.Invoke(new BenchmarkProgress("Finished", i, configurations.Count, configuration, Repeats, result.MeanAccuracy, result));
        }
        return results;
    }

    BenchmarkResult RunOne(BenchmarkConfiguration configuration, float[] trainFeatures, byte[] trainLabels,
        float[] testFeatures, byte[] testLabels, int featureCount, Action<int, double> repeated)
    {
        // A model that ignores the order of its training rows gives the same answer on every shuffle: once is enough.
        int repeats = configuration.ShuffleInvariant ? 1 : Repeats;
        var accuracies = new double[repeats];
        var trainSeconds = new double[repeats];
        var predictSeconds = new double[repeats];
        var cpuSeconds = new double[repeats];
        using var process = Process.GetCurrentProcess();
        for (int repeat = 0; repeat < repeats; repeat++)
        {
            var (features, labels) = Shuffled(trainFeatures, trainLabels, featureCount, seed: repeat);
            var classifier = configuration.Create(repeat);
            process.Refresh();
            var cpuBefore = process.TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            classifier.Fit(features, labels, featureCount);
            trainSeconds[repeat] = clock.Elapsed.TotalSeconds;
            clock.Restart();
            byte[] predicted = classifier.Predict(testFeatures);
            predictSeconds[repeat] = clock.Elapsed.TotalSeconds;
            process.Refresh();
            cpuSeconds[repeat] = (process.TotalProcessorTime - cpuBefore).TotalSeconds;
            accuracies[repeat] = Evaluation.AccuracyOf(predicted, testLabels);
            repeated(repeat, accuracies[repeat]);
        }
        double mean = accuracies.Average();
        double std = Math.Sqrt(accuracies.Select(a => (a - mean) * (a - mean)).Average());
        return new BenchmarkResult(BenchmarkResult.CurrentSchemaVersion, configuration.Key, configuration.Family, configuration.PaperFamily,
            configuration.Parameters, trainLabels.Length, testLabels.Length, accuracies, mean, 2 * std,
            trainSeconds, predictSeconds, trainSeconds.Average(), predictSeconds.Average(), cpuSeconds, Environment.ProcessorCount, DateTime.UtcNow, ScoredOn);
    }

    static (float[] Features, byte[] Labels) Shuffled(float[] features, byte[] labels, int featureCount, int seed)
    {
        var order = Enumerable.Range(0, labels.Length).ToArray();
        new Random(seed).Shuffle(order);
        var shuffledFeatures = new float[features.Length];
        var shuffledLabels = new byte[labels.Length];
        for (int i = 0; i < order.Length; i++)
        {
            features.AsSpan(order[i] * featureCount, featureCount).CopyTo(shuffledFeatures.AsSpan(i * featureCount));
            shuffledLabels[i] = labels[order[i]];
        }
        return (shuffledFeatures, shuffledLabels);
    }

    // Written whole to a temporary file, then renamed over the old one: a crash never leaves half a line.
    void Append(BenchmarkResult result)
    {
        var lines = File.Exists(ResultsPath) ? File.ReadAllLines(ResultsPath).Where(l => !string.IsNullOrWhiteSpace(l)).ToList() : new List<string>();
        lines.Add(result.ToJsonLine());
        AtomicFile.WriteAllLines(ResultsPath, lines);
    }
}
