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
