using Xunit;

public class BenchmarkRunnerTests : IDisposable
{
    readonly string _folder = Directory.CreateTempSubdirectory("benchmark-runner-tests-").FullName;
    public void Dispose() => Directory.Delete(_folder, recursive: true);
    string ResultsPath => Path.Combine(_folder, "results.jsonl");

    // Two features; the class is whether the first feature is positive. The last test row is labelled
    // against that rule, so a sign classifier scores 3 of 4.
    static readonly float[] TrainX = [-1, 0, 1, 0, -2, 1, 2, 1, -3, 0, 3, 0];
    static readonly byte[] TrainY = [0, 1, 0, 1, 0, 1];
    static readonly float[] TestX = [-5, 0, 5, 0, 0.5f, 0, -0.5f, 0];
    static readonly byte[] TestY = [0, 1, 1, 1];

    /// <summary>Predicts by the sign of the first feature, or always class 0; counts its Fit calls.</summary>
    sealed class CountingClassifier(bool useSign, int[] fits) : IClassifier
    {
        public void Fit(float[] features, byte[] labels, int featureCount) => Interlocked.Increment(ref fits[0]);
        public byte[] Predict(float[] features) =>
            Enumerable.Range(0, features.Length / 2).Select(i => (byte)(useSign && features[i * 2] > 0 ? 1 : 0)).ToArray();
    }

    static BenchmarkConfiguration Configuration(string family, string value, int[] fits, bool useSign = true, bool invariant = false) =>
        new(family, "PaperFamily" + family, new SortedDictionary<string, string> { ["p"] = value },
            seed => new CountingClassifier(useSign, fits), invariant);

    List<BenchmarkResult> Run(int repeats, List<BenchmarkProgress> log, params BenchmarkConfiguration[] configurations) =>
        new BenchmarkRunner(ResultsPath, repeats).Run(configurations, TrainX, TrainY, TestX, TestY, 2, log.Add);

    [Fact]
    public void Rerun_skips_configurations_already_in_the_results_file()
    {
        int[] fitsA = [0], fitsB = [0];
        Run(1, new(), Configuration("A", "1", fitsA));

        var log = new List<BenchmarkProgress>();
        var results = Run(1, log, Configuration("A", "1", fitsA), Configuration("B", "1", fitsB));

        Assert.Equal(1, fitsA[0]);
        Assert.Equal(1, fitsB[0]);
        Assert.Equal(new[] { "A p=1", "B p=1" }, results.Select(r => r.Key));
        Assert.Contains(log, p => p.Stage == "Skipped" && p.Configuration.Key == "A p=1");
        Assert.Equal(2, BenchmarkRunner.Load(ResultsPath).Count);
    }

    [Fact]
    public void Committed_results_count_as_done_and_are_never_written()
    {
        string committed = Path.Combine(_folder, "committed.jsonl");
        int[] fitsA = [0], fitsB = [0];
        new BenchmarkRunner(committed, 1).Run([Configuration("A", "1", fitsA)], TrainX, TrainY, TestX, TestY, 2);
        string before = File.ReadAllText(committed);

        var log = new List<BenchmarkProgress>();
        var results = new BenchmarkRunner(ResultsPath, 1, committedResultsPath: committed)
            .Run([Configuration("A", "1", fitsA), Configuration("B", "1", fitsB)], TrainX, TrainY, TestX, TestY, 2, log.Add);

        Assert.Equal(1, fitsA[0]);
        Assert.Equal(1, fitsB[0]);
        Assert.Contains(log, p => p.Stage == "Skipped" && p.Configuration.Key == "A p=1");
        Assert.Equal(new[] { "A p=1", "B p=1" }, results.Select(r => r.Key));
        Assert.Equal(before, File.ReadAllText(committed));
        Assert.Equal(new[] { "B p=1" }, BenchmarkRunner.Load(ResultsPath).Select(r => r.Key));
    }

    [Fact]
    public void Committed_results_file_must_exist_and_differ_from_the_results_file()
    {
        var missing = Assert.Throws<FileNotFoundException>(() => new BenchmarkRunner(ResultsPath, 1, committedResultsPath: Path.Combine(_folder, "none.jsonl")));
        Assert.Contains("none.jsonl does not exist", missing.Message);

        var same = Assert.Throws<ArgumentException>(() => new BenchmarkRunner(ResultsPath, 1, committedResultsPath: ResultsPath));
        Assert.Contains("never written", same.Message);
    }

    [Fact]
    public void Results_for_other_data_sizes_are_not_taken_as_done()
    {
        int[] fits = [0];
        var configuration = Configuration("A", "1", fits);
        new BenchmarkRunner(ResultsPath, 1).Run([configuration], TrainX, TrainY, TestX, TestY, 2);

        new BenchmarkRunner(ResultsPath, 1).Run([configuration], TrainX[..8], TrainY[..4], TestX, TestY, 2);

        Assert.Equal(2, fits[0]);
    }

    [Fact]
    public void Accuracy_is_measured_on_the_test_set_and_repeated()
    {
        int[] fits = [0];

        var result = Run(3, new(), Configuration("A", "1", fits)).Single();

        Assert.Equal(3, fits[0]);
        Assert.Equal(new[] { 0.75, 0.75, 0.75 }, result.Accuracies);
        Assert.Equal(0.75, result.MeanAccuracy);
        Assert.Equal(0, result.AccuracyTwoStd);
        Assert.Equal(3, result.TrainSeconds.Length);
        Assert.Equal(6, result.TrainCount);
        Assert.Equal(4, result.TestCount);
    }

    [Fact]
    public void Shuffle_invariant_configuration_runs_once()
    {
        int[] fits = [0];

        var result = Run(3, new(), Configuration("A", "1", fits, invariant: true)).Single();

        Assert.Equal(1, fits[0]);
        Assert.Single(result.Accuracies);
    }

    [Fact]
    public void Progress_reports_start_each_repeat_and_finish()
    {
        var log = new List<BenchmarkProgress>();

        Run(2, log, Configuration("A", "1", [0]));

        Assert.Equal(new[] { "Started", "Repeated", "Repeated", "Finished" }, log.Select(p => p.Stage));
        Assert.Equal(0.75, log[^1].Result.MeanAccuracy);
    }

    [Fact]
    public void Result_survives_a_json_round_trip()
    {
        var result = Run(2, new(), Configuration("A", "x", [0])).Single();

        var read = BenchmarkResult.FromJsonLine(result.ToJsonLine());

        Assert.Equal(result.Key, read.Key);
        Assert.Equal(result.Parameters, read.Parameters);
        Assert.Equal(result.Accuracies, read.Accuracies);
        Assert.Equal(result.TrainSeconds, read.TrainSeconds);
        Assert.Equal(result.CpuSeconds, read.CpuSeconds);
        Assert.Equal(result.FinishedUtc, read.FinishedUtc);
        Assert.Equal(result with { Parameters = read.Parameters, Accuracies = read.Accuracies, TrainSeconds = read.TrainSeconds,
            PredictSeconds = read.PredictSeconds, CpuSeconds = read.CpuSeconds }, read);
    }

    [Fact]
    public void Results_line_uses_the_documented_field_names()
    {
        Run(1, new(), Configuration("A", "1", [0]));

        string line = File.ReadAllLines(ResultsPath).Single();

        foreach (string field in new[] { "schemaVersion", "key", "family", "paperFamily", "parameters", "trainCount", "testCount",
            "accuracies", "meanAccuracy", "accuracyTwoStd", "trainSeconds", "predictSeconds", "meanTrainSeconds", "meanPredictSeconds",
            "cpuSeconds", "processorCount", "finishedUtc", "scoredOn" })
            Assert.Contains($"\"{field}\":", line);
    }

    [Fact]
    public void Results_say_which_set_they_were_scored_on()
    {
        new BenchmarkRunner(ResultsPath, 1, scoredOn: BenchmarkResult.Validation).Run([Configuration("A", "1", [0])], TrainX, TrainY, TestX, TestY, 2);
        Run(1, new(), Configuration("B", "1", [0]));

        Assert.Equal(new[] { "validation", "test" }, BenchmarkRunner.Load(ResultsPath).Select(r => r.ScoredOn));
        Assert.Contains("\"scoredOn\":\"validation\"", File.ReadAllLines(ResultsPath)[0]);
    }

    [Fact]
    public void Validation_results_are_not_taken_as_done_for_a_test_run_of_the_same_sizes()
    {
        int[] fits = [0];
        var configuration = Configuration("A", "1", fits);
        new BenchmarkRunner(ResultsPath, 1, scoredOn: BenchmarkResult.Validation).Run([configuration], TrainX, TrainY, TestX, TestY, 2);

        var log = new List<BenchmarkProgress>();
        var result = Run(1, log, configuration).Single();

        Assert.Equal(2, fits[0]);
        Assert.DoesNotContain(log, p => p.Stage == "Skipped");
        Assert.Equal("test", result.ScoredOn);
    }

    [Fact]
    public void Line_written_before_scored_on_existed_reads_as_a_test_result()
    {
        string line = Run(1, new(), Configuration("A", "1", [0])).Single().ToJsonLine().Replace(",\"scoredOn\":\"test\"", "");
        Assert.DoesNotContain("scoredOn", line);

        Assert.Equal("test", BenchmarkResult.FromJsonLine(line).ScoredOn);
    }

    [Fact]
    public void Unknown_scored_on_is_refused_naming_the_two_kinds()
    {
        var error = Assert.Throws<ArgumentException>(() => new BenchmarkRunner(ResultsPath, 1, scoredOn: "train"));

        Assert.Contains("scoredOn is \"train\"", error.Message);
        Assert.Contains("\"test\" or \"validation\"", error.Message);
    }

    [Fact]
    public void Line_of_another_schema_version_is_refused_with_its_line_number()
    {
        File.WriteAllText(ResultsPath, "\n{\"schemaVersion\":99,\"key\":\"A\"}\n");

        var error = Assert.Throws<FormatException>(() => BenchmarkRunner.Load(ResultsPath));

        Assert.Contains("results.jsonl:2", error.Message);
        Assert.Contains("schema version 99", error.Message);
    }

    [Fact]
    public void Same_configuration_twice_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => Run(1, new(), Configuration("A", "1", [0]), Configuration("A", "1", [0])));
        Assert.Contains("A p=1 appears twice", error.Message);
    }
    /// <summary>Remembers the labels in the order Fit got them; in repeat r it spins r x 60 ms of processor time, then predicts 1 for the last r + 1 test rows.</summary>
    sealed class RecordingClassifier(int repeat, List<byte[]> orders) : IClassifier
    {
        public void Fit(float[] features, byte[] labels, int featureCount)
        {
            lock (orders) orders.Add(labels);
            var clock = System.Diagnostics.Stopwatch.StartNew();
            while (clock.ElapsedMilliseconds < 60 * repeat) { }
        }
        public byte[] Predict(float[] features) => Enumerable.Range(0, features.Length / 2).Select(i => (byte)(i >= 3 - repeat ? 1 : 0)).ToArray();
    }

    [Fact]
    public void Repeats_train_on_shuffled_rows_and_the_result_holds_their_mean_spread_and_times()
    {
        var orders = new List<byte[]>();
        var configuration = new BenchmarkConfiguration("R", "PaperR", new SortedDictionary<string, string> { ["p"] = "1" },
            seed => new RecordingClassifier(seed, orders));
        var result = new BenchmarkRunner(ResultsPath, 3).Run([configuration], TrainX, TrainY, TestX, TestY, 2).Single();

        // Test labels 0 1 1 1: repeat r predicts 1 for the last r + 1 rows, so it scores 2, 3 and 4 of 4.
        Assert.Equal([0.5, 0.75, 1.0], result.Accuracies);
        Assert.Equal(0.75, result.MeanAccuracy, 12);
        Assert.Equal(2 * Math.Sqrt((0.0625 + 0 + 0.0625) / 3), result.AccuracyTwoStd, 12);
        Assert.Equal(result.TrainSeconds.Average(), result.MeanTrainSeconds, 12);
        Assert.Equal(result.PredictSeconds.Average(), result.MeanPredictSeconds, 12);
        Assert.True(result.TrainSeconds[2] > result.TrainSeconds[0] + 0.08, $"train seconds {string.Join(", ", result.TrainSeconds)}");
        // Processor time is measured afresh around each repeat: the spinning repeat used some (on a busy machine perhaps
        // far less than its 120 ms of wall time), and no repeat more than the process could have in its wall time.
        Assert.InRange(result.CpuSeconds[2], 0.01, (result.TrainSeconds[2] + result.PredictSeconds[2]) * Environment.ProcessorCount + 0.5);
        Assert.All(result.CpuSeconds, seconds => Assert.InRange(seconds, 0, 5));
        // Each repeat trains on the same labels in a new order (seeded by the repeat).
        Assert.Equal(3, orders.Count);
        Assert.All(orders, order => Assert.Equal(TrainY.Order(), order.Order()));
        Assert.Contains(orders, order => !order.SequenceEqual(TrainY));
        Assert.NotEqual(orders[0], orders[1]);
    }

    [Fact]
    public void Progress_lines_say_where_the_run_is()
    {
        var log = new List<BenchmarkProgress>();
        Run(2, log, Configuration("A", "1", [0]));
        Run(2, log, Configuration("A", "1", [0]));

        var result = log[3].Result;
        Assert.Equal(
        [
            "[1/1] started A p=1",
            "[1/1] A p=1: repeat 1 accuracy 0.7500",
            "[1/1] A p=1: repeat 2 accuracy 0.7500",
            $"[1/1] finished A p=1: 0.7500 ± 0.0000 test accuracy (2x, train {result.MeanTrainSeconds:0.0} s, predict {result.MeanPredictSeconds:0.0} s)",
            $"[1/1] skipped A p=1: 0.7500 ± 0.0000 test accuracy (2x, train {result.MeanTrainSeconds:0.0} s, predict {result.MeanPredictSeconds:0.0} s)",
        ], log.Select(p => p.ToString()));
    }

    [Fact]
    public void A_result_in_both_files_is_taken_from_the_results_file_the_later_one()
    {
        string committed = Path.Combine(_folder, "committed.jsonl");
        new BenchmarkRunner(committed, 1).Run([Configuration("A", "1", [0], useSign: false)], TrainX, TrainY, TestX, TestY, 2); // 0.25
        Run(1, new(), Configuration("A", "1", [0])); // 0.75, in the results file

        var results = new BenchmarkRunner(ResultsPath, 1, committedResultsPath: committed).Run([Configuration("A", "1", [0])], TrainX, TrainY, TestX, TestY, 2);

        Assert.Equal(0.75, results.Single().MeanAccuracy);
    }

    [Fact]
    public void A_runner_needs_a_results_path_and_a_repeat()
    {
        Assert.Contains("give a results file path", Assert.Throws<ArgumentException>(() => new BenchmarkRunner(" ")).Message);
        Assert.Contains("at least one repeat", Assert.Throws<ArgumentOutOfRangeException>(() => new BenchmarkRunner(ResultsPath, 0)).Message);
        Assert.Equal(1, new BenchmarkRunner(ResultsPath, 1).Repeats);
        Assert.Equal(Path.Combine(ProjectFolders.Root, "build", "benchmark"), BenchmarkRunner.DefaultFolder);
    }
}
