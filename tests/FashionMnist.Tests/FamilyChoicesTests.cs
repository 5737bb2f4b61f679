using Xunit;

/// <summary>Each paper family's configuration chosen on validation, its test result, and the paper's best beside it.</summary>
public class FamilyChoicesTests
{
    static BenchmarkResult Result(string family, string parameter, double accuracy, string scoredOn, int trainCount = 50_000) =>
        new(BenchmarkResult.CurrentSchemaVersion, $"{family} p={parameter}", family, BenchmarkCatalog.PaperFamilyOf[family],
            new SortedDictionary<string, string> { ["p"] = parameter }, trainCount, 10_000, [accuracy], accuracy, 0, [12.5], [0.5], 12.5, 0.5, [13], 2,
            DateTime.UtcNow, scoredOn);

    static readonly List<PaperTableRow> Paper =
    [
        new("SVC", new Dictionary<string, string>(), "C=10 kernel=rbf", 0.897, 0.973),
        new("SVC", new Dictionary<string, string>(), "C=1 kernel=rbf", 0.879, 0.966),
        new("GaussianNB", new Dictionary<string, string>(), "priors", 0.511, 0.524),
    ];

    [Fact]
    public void The_choice_of_a_paper_family_is_its_best_validation_result_across_all_our_families_standing_in_for_it()
    {
        var validation = new[]
        {
            Result("RbfSvmRandomFeatures", "a", 0.89, BenchmarkResult.Validation),
            Result("KernelSvm", "b", 0.90, BenchmarkResult.Validation),
            Result("KernelSvm", "c", 0.88, BenchmarkResult.Validation),
            Result("GaussianNaiveBayes", "d", 0.56, BenchmarkResult.Validation),
        };

        var chosen = FamilyChoices.Choose(validation);

        Assert.Equal(new[] { "KernelSvm p=b", "GaussianNaiveBayes p=d" }, chosen.Select(r => r.Key));
    }

    [Fact]
    public void Choosing_on_test_results_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => FamilyChoices.Choose([Result("KernelSvm", "b", 0.90, BenchmarkResult.Test)]));
        Assert.Contains("KernelSvm p=b was scored on the test set", error.Message);
    }

    [Fact]
    public void The_table_sets_the_choices_test_accuracy_beside_the_papers_best_of_the_family_not_the_best_test_result()
    {
        var validation = new[] { Result("KernelSvm", "b", 0.90, BenchmarkResult.Validation), Result("KernelSvm", "c", 0.88, BenchmarkResult.Validation),
            Result("GaussianNaiveBayes", "d", 0.56, BenchmarkResult.Validation) };
        // On the test set c does better than b; the table still reports b, the one validation chose.
        var test = new[] { Result("KernelSvm", "b", 0.899, BenchmarkResult.Test, 60_000), Result("KernelSvm", "c", 0.905, BenchmarkResult.Test, 60_000) };

        var table = FamilyChoices.Table(validation, test, Paper);

        Assert.Equal(2, table.Count);
        Assert.Equal(("SVC", "KernelSvm p=b", 0.899, 0.897), (table[0].PaperFamily, table[0].Chosen.Key, table[0].Test.MeanAccuracy, table[0].PaperBest.Value));
        Assert.Equal(0.002, table[0].Difference.Value, 9);
        Assert.Null(table[1].Test); // GaussianNaiveBayes p=d was not run on the test set
        Assert.Null(table[1].Difference);
        Assert.Equal(0.973, FamilyChoices.Table(validation, test, Paper, mnist: true)[0].PaperBest.Value);

        // A difference that rounds to zero reads 0.000, not "-+0.000" (.NET's two-section format does that).
        var nearlyEqual = FamilyChoices.Table(validation, [Result("KernelSvm", "b", 0.8968, BenchmarkResult.Test, 60_000)], Paper);
        Assert.Matches(@"SVC\s+0\.9000\s+0\.8968\s+0\.897\s+0\.000\s", FamilyChoices.Format(nearlyEqual));

        string text = FamilyChoices.Format(table);
        Assert.Contains("SVC", text);
        Assert.Matches(@"SVC\s+0\.9000\s+0\.8990\s+0\.897\s+\+0\.002\s+12\.5\s+KernelSvm p=b", text);
    }

    [Fact]
    public void Choices_are_found_in_the_grid_by_key_and_a_key_from_another_grid_is_named()
    {
        var grid = BenchmarkCatalog.DefaultGrid();
        var fromGrid = BenchmarkRunner.Load(Path.Combine(BenchmarkRunner.CommittedFolder, "default-validation.jsonl"));

        var configurations = FamilyChoices.ConfigurationsOf(FamilyChoices.Choose(fromGrid), grid);

        Assert.Equal(13, configurations.Count); // every paper family of Table 3 has a choice
        Assert.Equal(PaperGrid.LoadTable().Select(r => r.Family).Distinct().Order(), configurations.Select(c => c.PaperFamily).Order());
        var error = Assert.Throws<KeyNotFoundException>(() => FamilyChoices.ConfigurationsOf([Result("KernelSvm", "zz", 0.9, BenchmarkResult.Validation)], grid));
        Assert.Contains("KernelSvm p=zz is not in the grid", error.Message);
    }
}
