using Xunit;

/// <summary>The classical grid's results committed in data/benchmark/: our own run of the default grid, which notebook 04 reads.</summary>
public class CommittedResultsTests
{
    static string Committed => Path.Combine(BenchmarkRunner.CommittedFolder, "default-validation.jsonl");

    [Fact]
    public void Committed_default_grid_covers_every_configuration_on_the_validation_split()
    {
        var results = BenchmarkRunner.Load(Committed);

        Assert.Equal(BenchmarkCatalog.DefaultGrid().Select(c => c.Key).Order(), results.Select(r => r.Key).Order());
        Assert.All(results, r =>
        {
            Assert.Equal((BenchmarkResult.Validation, 50_000, 10_000), (r.ScoredOn, r.TrainCount, r.TestCount));
            Assert.InRange(r.MeanAccuracy, 0.5, 1.0);
        });
    }

    [Fact]
    public void Committed_results_say_what_ran_where_and_when()
    {
        var results = BenchmarkRunner.Load(Committed);
        var about = BenchmarkRunDescription.Load(BenchmarkRunDescription.PathFor(Committed));

        Assert.Equal(results.Count, about.Configurations);
        Assert.Equal(("default", BenchmarkResult.Validation, 50_000, 10_000), (about.Grid, about.ScoredOn, about.TrainCount, about.HeldOutCount));
        Assert.StartsWith("tests/benchmarks/classical/run.sh default", about.Command);
        Assert.Contains("--validation", about.Command);
        Assert.Equal(results.Min(r => r.FinishedUtc), about.FirstFinishedUtc);
        Assert.Equal(results.Max(r => r.FinishedUtc), about.LastFinishedUtc);
        Assert.Matches("^[0-9a-f]{40}", about.Commit);
        Assert.True(about.ProcessorCount > 0 && about.MemoryGiB > 0 && about.Processor.Length > 0);
    }
}

/// <summary>The committed test-set runs: each paper family's validation choice (choices.jsonl) and the paper grid (paper.jsonl).</summary>
public class CommittedTestResultsTests
{
    static string Committed(string name) => Path.Combine(BenchmarkRunner.CommittedFolder, name);

    [Fact]
    public void Every_paper_family_has_its_validation_choice_scored_on_the_test_set_at_or_above_the_papers_best()
    {
        var validation = BenchmarkRunner.Load(Committed("default-validation.jsonl"));
        var choices = BenchmarkRunner.Load(Committed("choices.jsonl"));

        var table = FamilyChoices.Table(validation, choices, PaperGrid.LoadTable());

        Assert.Equal(13, table.Count);
        Assert.All(table, row =>
        {
            Assert.NotNull(row.Test); // the committed run covers today's choice of every family
            Assert.Equal((BenchmarkResult.Test, 60_000, 10_000), (row.Test.ScoredOn, row.Test.TrainCount, row.Test.TestCount));
            Assert.True(row.Difference >= 0, $"{row.PaperFamily}: our choice {row.Chosen.Key} scores {row.Test.MeanAccuracy:0.0000} on the test set, below the paper's {row.PaperBest:0.000}");
        });
        var about = BenchmarkRunDescription.Load(BenchmarkRunDescription.PathFor(Committed("choices.jsonl")));
        Assert.Equal(("choices", BenchmarkResult.Test, 60_000, 10_000), (about.Grid, about.ScoredOn, about.TrainCount, about.HeldOutCount));
        Assert.StartsWith("tests/benchmarks/classical/run.sh choices", about.Command);
    }

    [Fact]
    public void The_paper_grid_run_holds_only_configurations_of_the_paper_grid_trained_on_all_images_and_scored_on_the_test_set()
    {
        var results = BenchmarkRunner.Load(Committed("paper.jsonl"));
        var keys = PaperGrid.Entries().Select(e => e.Configuration.Key).ToHashSet();

        Assert.NotEmpty(results);
        Assert.All(results, r =>
        {
            Assert.Contains(r.Key, keys);
            Assert.Equal((BenchmarkResult.Test, 60_000, 10_000), (r.ScoredOn, r.TrainCount, r.TestCount));
        });
        Assert.Equal(results.Count, results.Select(r => r.Key).Distinct().Count());
        var about = BenchmarkRunDescription.Load(BenchmarkRunDescription.PathFor(Committed("paper.jsonl")));
        Assert.Equal(("paper", results.Count), (about.Grid, about.Configurations));
        Assert.Equal(results.Max(r => r.FinishedUtc), about.LastFinishedUtc);
    }
}
