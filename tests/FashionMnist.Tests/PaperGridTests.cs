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

/// <summary>The paper grid's results set beside the paper's rows, on Fashion-MNIST and on MNIST.</summary>
public class PaperGridComparisonTests
{
    static BenchmarkResult Result(BenchmarkConfiguration c, double accuracy) =>
        new(BenchmarkResult.CurrentSchemaVersion, c.Key, c.Family, c.PaperFamily, c.Parameters, 60_000, 10_000, [accuracy], accuracy, 0,
            [3], [1], 3, 1, [4], 2, DateTime.UtcNow);

    [Fact]
    public void Every_row_of_the_table_gets_our_figure_for_its_configuration_and_shared_models_count_for_each_of_their_rows()
    {
        var entries = PaperGrid.Entries();
        var svc = entries.Single(e => e.Configuration.Key == "KernelSvm C=10, kernel=rbf").Configuration;
        var crammerSinger = entries.Single(e => e.Configuration.Key == "LinearSvc C=1, multiClass=crammer_singer").Configuration;

        var rows = PaperGrid.Compare(entries, [Result(svc, 0.8986), Result(crammerSinger, 0.84)], []);

        Assert.Equal(126, rows.Count);
        Assert.Equal(0.897, rows[0].Row.FashionAccuracy); // best of the paper first
        Assert.Equal(0.8986 - 0.897, rows[0].FashionDifference.Value, 9);
        Assert.Null(rows[0].Mnist);
        Assert.Equal(4, rows.Count(r => r.Fashion?.Key == crammerSinger.Key)); // its four rows of loss and penalty
        Assert.Equal(5, rows.Count(r => r.Fashion is not null));
        string text = PaperGrid.Format(rows);
        Assert.Contains("5 of the table's 126 rows run on Fashion-MNIST, 0 on MNIST; ours at or above the paper in 5 of 5.", text);
    }

    [Fact]
    public void The_same_grid_runs_on_MNIST_format_files_and_fills_the_MNIST_column()
    {
        // Small synthetic files in MNIST's layout and names, in a folder of their own, as data/mnist holds the real ones.
        string folder = Path.Combine(Path.GetTempPath(), $"synthetic-mnist-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        try
        {
            foreach (var (name, set) in new[] { ("train", SyntheticImages.Bands(600, 2, 3, 60, seed: 1)), ("t10k", SyntheticImages.Bands(200, 2, 3, 60, seed: 2)) })
            {
                Idx.Write(Path.Combine(folder, $"{name}-images-idx3-ubyte.gz"), IdxArray.Of(set.Pixels, set.Count, 28, 28), gzip: true);
                Idx.Write(Path.Combine(folder, $"{name}-labels-idx1-ubyte.gz"), IdxArray.Of(set.Labels, set.Count), gzip: true);
            }
            Assert.True(FashionMnist.FolderHasAllFiles(folder));
            var mnist = FashionMnist.LoadFolder(folder);
            var entries = PaperGrid.Entries();
            var cheap = entries.Where(e => e.Configuration.Family is "GaussianNaiveBayes" or "PassiveAggressive").Select(e => e.Configuration).ToList();

            var results = new BenchmarkRunner(Path.Combine(folder, "paper-mnist.jsonl"), repeats: 1).Run(cheap, mnist.Train, mnist.Test);
            var rows = PaperGrid.Compare(entries, [], results);

            Assert.Equal(4, rows.Count(r => r.Mnist is not null)); // Gaussian naive Bayes and the three passive-aggressive rows
            Assert.All(rows.Where(r => r.Mnist is not null), r =>
            {
                Assert.Null(r.Fashion);
                Assert.Equal((600, 200), (r.Mnist.TrainCount, r.Mnist.TestCount));
                Assert.InRange(r.Mnist.MeanAccuracy, 0.95, 1.0); // the bands are easy to tell apart
                Assert.Equal(r.Mnist.MeanAccuracy - r.Row.MnistAccuracy, r.MnistDifference.Value, 9);
            });
            Assert.Contains("0 of the table's 126 rows run on Fashion-MNIST, 4 on MNIST", PaperGrid.Format(rows));
        }
        finally { Directory.Delete(folder, recursive: true); }
    }
}
