using Xunit;

public class PaperResultsTests
{
    static string PaperFile()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "data", "paper-results.json"))) return Path.Combine(dir.FullName, "data", "paper-results.json");
        throw new FileNotFoundException("data/paper-results.json above the test folder");
    }

    static BenchmarkResult Result(string family, string paperFamily, double accuracy, string parameter) =>
        new(BenchmarkResult.CurrentSchemaVersion, $"{family} p={parameter}", family, paperFamily,
            new SortedDictionary<string, string> { ["p"] = parameter }, 100, 10, [accuracy], accuracy, 0, [1], [0.1], 1, 0.1, [1.1], 2, DateTime.UtcNow);

    [Fact]
    public void Paper_file_holds_the_best_svc_and_every_family_our_catalog_stands_in_for()
    {
        var paper = PaperResults.Load(PaperFile());

        Assert.Equal(0.897, paper.Single(p => p.Family == "SVC").FashionAccuracy);
        Assert.All(BenchmarkCatalog.PaperFamilyOf.Values.Distinct(), f => Assert.Contains(paper, p => p.Family == f));
    }

    [Fact]
    public void Leaderboard_keeps_each_familys_best_beside_the_paper_figure()
    {
        var paper = new List<PaperResult> { new("SVC", "C=10", 0.897, 0.973, true) };
        var results = new[]
        {
            Result("RbfSvmRandomFeatures", "SVC", 0.88, "a"),
            Result("RbfSvmRandomFeatures", "SVC", 0.91, "b"),
            Result("GaussianNaiveBayes", "GaussianNB", 0.55, "c"),
        };

        var rows = PaperResults.Leaderboard(results, paper);

        Assert.Equal(new[] { "RbfSvmRandomFeatures", "GaussianNaiveBayes" }, rows.Select(r => r.Family));
        Assert.Equal("RbfSvmRandomFeatures p=b", rows[0].Best.Key);
        Assert.Equal(0.91 - 0.897, rows[0].Difference.Value, 9);
        Assert.Null(rows[1].Paper);
        Assert.Contains("+0.013", PaperResults.Format(rows));
    }

    [Fact]
    public void Missing_paper_file_is_named()
    {
        var error = Assert.Throws<FileNotFoundException>(() => PaperResults.Load("/nonexistent/paper.json"));
        Assert.Contains("/nonexistent/paper.json", error.Message);
    }
}
