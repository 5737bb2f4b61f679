using Xunit;

/// <summary>The paper's Table 3 (data/paper-table3.tsv), every row mapped to a configuration of ours.</summary>
public class PaperGridTests
{
    [Fact]
    public void Table_holds_every_row_of_the_paper_13_families_126_rows()
    {
        var rows = PaperGrid.LoadTable();

        Assert.Equal(126, rows.Count);
        Assert.Equal(13, rows.Select(r => r.Family).Distinct().Count());
        Assert.Equal(18, rows.Count(r => r.Family == "RandomForestClassifier"));
        var best = rows.MaxBy(r => r.FashionAccuracy);
        Assert.Equal(("SVC", "C=10 kernel=rbf", 0.897, 0.973), (best.Family, best.ParameterText, best.FashionAccuracy, best.MnistAccuracy));
        Assert.Equal("[100, 10]", rows.First(r => r.Family == "MLPClassifier" && r.ParameterText.Contains("100, 10")).Parameters["hidden_layer_sizes"]);
    }

    [Fact]
    public void Every_row_maps_to_a_configuration_of_our_catalog_and_keeps_its_figures()
    {
        var rows = PaperGrid.LoadTable();
        var entries = PaperGrid.Entries();

        Assert.Equal(rows.Count, entries.Sum(e => e.PaperRows.Count));
        Assert.Equal(entries.Count, entries.Select(e => e.Configuration.Key).Distinct().Count());
        Assert.All(entries, e => Assert.All(e.PaperRows, r => Assert.Equal(BenchmarkCatalog.PaperFamilyOf[e.Configuration.Family], r.Family)));
        // Only liblinear's Crammer-Singer rows share a model (it ignores loss and penalty): 12 rows, 3 models.
        var shared = entries.Where(e => e.PaperRows.Count > 1).ToList();
        Assert.Equal(3, shared.Count);
        Assert.All(shared, e => Assert.Equal(4, e.PaperRows.Count));
        Assert.All(shared, e => Assert.Contains("multiClass=crammer_singer", e.Configuration.Key));
        Assert.Equal(126 - 9, entries.Count);
        // Each configuration can be made (its parameters parse).
        Assert.All(entries, e => Assert.NotNull(e.Configuration.Create(0)));
    }

    [Theory]
    [InlineData("KNeighborsClassifier", "weights=distance n_neighbors=5 p=1", "KNearestNeighbors k=5, metric=Manhattan, weights=distance")]
    [InlineData("SVC", "C=10 kernel=poly", "KernelSvm C=10, kernel=polynomial")]
    [InlineData("GradientBoostingClassifier", "n_estimators=100 loss=deviance max_depth=3", "LightGbm depth=3, iterations=100, leaves=8")]
    [InlineData("GradientBoostingClassifier", "n_estimators=10 loss=deviance max_depth=50", "LightGbm depth=50, iterations=10, leaves=1024")]
    [InlineData("LogisticRegression", "C=10 multi_class=ovr penalty=l1", "LbfgsMaximumEntropy l1=0.1, l2=0")]
    [InlineData("MLPClassifier", "activation=tanh hidden_layer_sizes=[100, 10]", "MlpClassifier activation=tanh, epochs=30, hidden=100-10")]
    [InlineData("DecisionTreeClassifier", "criterion=gini max_depth=50 splitter=random", "DecisionTree criterion=gini, depth=50, splitter=random")]
    [InlineData("LinearSVC", "loss=hinge C=1 multi_class=ovr penalty=l2", "LinearSvc C=1, loss=hinge, multiClass=ovr, penalty=l2")]
    public void A_row_maps_to_the_same_family_with_the_same_values(string family, string parameters, string key)
    {
        var entry = PaperGrid.Entries().Single(e => e.PaperRows.Any(r => r.Family == family && r.ParameterText == parameters));
        Assert.Equal(key, entry.Configuration.Key);
    }

    [Fact]
    public void A_family_that_is_not_one_to_one_says_how_it_is_mapped()
    {
        foreach (string family in new[] { "ExtraTreeClassifier", "GradientBoostingClassifier", "LinearSVC", "LogisticRegression", "MLPClassifier", "Perceptron", "SVC" })
            Assert.True(PaperGrid.MappingNotes.ContainsKey(family), $"{family} has no mapping note");
    }

    [Fact]
    public void The_papers_family_figures_are_the_best_rows_of_its_table()
    {
        var best = PaperGrid.LoadTable().GroupBy(r => r.Family).ToDictionary(g => g.Key, g => g.MaxBy(r => r.FashionAccuracy));
        var families = PaperResults.Load();

        Assert.Equal(best.Keys.Order(), families.Select(f => f.Family).Order());
        Assert.All(families, f => Assert.Equal((best[f.Family].FashionAccuracy, best[f.Family].MnistAccuracy, true), (f.FashionAccuracy, f.MnistAccuracy.Value, f.Checked)));
    }

    [Fact]
    public void A_malformed_row_is_refused_naming_the_file_and_line()
    {
        string path = Path.Combine(Directory.CreateTempSubdirectory("paper-table-").FullName, "table.tsv");
        File.WriteAllLines(path, ["# comment", "family\tparameters\tfashion\tmnist", "SVC\tC=1\t0.8\t0.9", "SVC\tC=2\tlots"]);

        var error = Assert.Throws<FormatException>(() => PaperGrid.LoadTable(path));
        Assert.Contains($"{path}:4", error.Message);
    }
}
