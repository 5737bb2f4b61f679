using Xunit;
using static Refusal;

/// <summary>
/// What the classical benchmark shows a reader, read whole: the quick grid's configurations, the text tables (the
/// paper's rows beside ours, the leaderboard, the families chosen on validation), the description of a run, and
/// the typed reads of a grid point. A table's every column and every empty cell is part of the text asserted.
/// </summary>
public class BenchmarkReportsTests
{
    static readonly DateTime Start = new(2026, 12, 1, 10, 0, 0, DateTimeKind.Utc);

    /// <summary>A result of two repeats, finished trainSeconds minutes after Start; a Sgd result has no processor times.</summary>
    static BenchmarkResult Result(BenchmarkConfiguration c, double accuracy, double trainSeconds, string scoredOn = BenchmarkResult.Test) =>
        new(BenchmarkResult.CurrentSchemaVersion, c.Key, c.Family, c.PaperFamily, c.Parameters, 60_000, 10_000, [accuracy, accuracy], accuracy, 0.004,
            [trainSeconds, trainSeconds], [0.5, 0.5], trainSeconds, 0.5, c.Family == "Sgd" ? null : [2 * trainSeconds, 2 * trainSeconds], 2,
            Start.AddMinutes(trainSeconds), scoredOn);

    // The paper's table, read and mapped once for all the tests here.
    static readonly Lazy<List<PaperGridEntry>> PaperEntries = new(() => PaperGrid.Entries());
    static PaperGridEntry Entry(string family) => PaperEntries.Value.First(e => e.Configuration.Family == family);

    [Fact]
    public void Quick_grid_is_one_small_configuration_of_each_family_and_each_builds_the_classifier_it_names()
    {
        string[] expected =
        [
            "LbfgsMaximumEntropy l1=1, l2=1 | LogisticRegression | ML.NET LbfgsMaximumEntropy",
            "SdcaMaximumEntropy l2=0.001 | SGDClassifier | ML.NET SdcaMaximumEntropy",
            "AveragedPerceptron iterations=10 | Perceptron | ML.NET AveragedPerceptron",
            "LinearSvm lambda=0.001 | LinearSVC | ML.NET LinearSvm",
            "FastTree leaves=15, trees=20 | GradientBoostingClassifier | ML.NET FastTree",
            "FastForest leaves=31, trees=20 | RandomForestClassifier | ML.NET FastForest",
            "LightGbm iterations=50, leaves=15, threads=1 | GradientBoostingClassifier | ML.NET LightGbm",
            "KNearestNeighbors k=5, metric=Euclidean, weights=distance | KNeighborsClassifier | 5-nearest neighbours, Euclidean, distance-weighted votes",
            "GaussianNaiveBayes priors=uniform | GaussianNB | Gaussian naive Bayes",
            "MlpClassifier activation=relu, epochs=10, hidden=100 | MLPClassifier | MLP 0-100-out, relu, 10 epochs of Adam",
            "RbfSvmRandomFeatures features=500, gamma=0.00128 | SVC | linear classifier on 500 random Fourier features",
            "KernelSvm C=10, kernel=rbf | SVC | kernel SVM (C-SVC, one versus one), C = 10, rbf kernel",
            "Perceptron penalty=l1 | Perceptron | Perceptron (L1 penalty, alpha 0.0001)",
            "PassiveAggressive C=1 | PassiveAggressiveClassifier | Passive-aggressive (PA-I, C = 1, 5 epochs)",
            "Sgd loss=hinge, penalty=l2 | SGDClassifier | SGD (Hinge loss, L2 penalty, alpha 0.0001)",
            "LinearSvc C=1, loss=hinge, multiClass=ovr, penalty=l2 | LinearSVC | Linear SVM (one versus the rest, hinge, C=1)",
            "DecisionTree criterion=entropy, depth=10, splitter=best | DecisionTreeClassifier | Decision tree (entropy, best splits, max depth 10)",
            "ExtraTree criterion=gini, depth=10, splitter=best | ExtraTreeClassifier | Decision tree (gini, best splits, max depth 10, 28 features per node)",
            "RandomForest criterion=entropy, depth=100, trees=20 | RandomForestClassifier | Random forest (20 trees, entropy, max depth 100, √n features per node)",
        ];
        Assert.Equal(expected, BenchmarkCatalog.QuickGrid().Select(c => $"{c.Key} | {c.PaperFamily} | {c.Create(0)}"));
        // A family without parameters is keyed by its name alone.
        var bare = BenchmarkCatalog.Grid("GaussianNaiveBayes", [], (point, seed) => new GaussianNaiveBayes()).Single();
        Assert.Equal(("GaussianNaiveBayes", ""), (bare.Key, bare.ParameterText));
        string refusal = MessageOf<ArgumentException>(() => BenchmarkCatalog.Family("Nope", []));
        Assert.StartsWith("unknown family Nope; known: GaussianNaiveBayes, ", refusal);
        Assert.All(BenchmarkCatalog.PaperFamilyOf.Keys, family => Assert.Contains(family, refusal));
    }

    [Fact]
    public void Paper_comparison_sets_each_row_beside_ours_on_both_data_sets_with_empty_cells_where_nothing_ran()
    {
        // Naive Bayes ran on Fashion-MNIST only, the kernel SVM on MNIST only; SGD on both, exactly at the paper's figure.
        var (bayes, sgd, svm) = (Entry("GaussianNaiveBayes"), Entry("Sgd"), Entry("KernelSvm"));
        var sgdRow = sgd.PaperRows.Single();
        var rows = PaperGrid.Compare([bayes, sgd, svm],
            [Result(bayes.Configuration, 0.5561, 1.25), Result(sgd.Configuration, sgdRow.FashionAccuracy, 12)],
            [Result(sgd.Configuration, 0.92, 13), Result(svm.Configuration, 0.99, 100), Result(svm.Configuration, 0.5, 1, BenchmarkResult.Validation)]);

        Assert.Equal(
            """
            paper family                  paper    ours    diff  MNIST    ours    diff   fit s   paper's parameters
            SVC                           0.897                  0.973  0.9900  +0.017   100.0   C=10 kernel=rbf
            SGDClassifier                 0.819  0.8190   0.000  0.914  0.9200  +0.006    12.0   loss=hinge penalty=l2
            GaussianNB                    0.511  0.5561  +0.045  0.524                     1.3   priors=[0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1]
            2 of the table's 3 rows run on Fashion-MNIST, 2 on MNIST; ours at or above the paper in 2 of 2.

            """.ReplaceLineEndings("\n"), PaperGrid.Format(rows).ReplaceLineEndings("\n"));
        Assert.Equal(0.897, svm.PaperFashionAccuracy);
        Assert.Equal("SVC C=10 kernel=rbf: 0.897 (MNIST 0.973)", svm.PaperRows.Single().ToString());
        Assert.Contains("the paper's SVC row \"C=10 kernel=rbf\" has no parameter gamma",
            MessageOf<KeyNotFoundException>(() => _ = svm.PaperRows.Single()["gamma"]));
    }

    [Fact]
    public void Leaderboard_text_has_a_row_per_family_best_first_with_the_papers_figure_where_it_has_one()
    {
        var (bayes, sgd) = (Entry("GaussianNaiveBayes").Configuration, Entry("Sgd").Configuration);
        var rows = PaperResults.Leaderboard([Result(bayes, 0.5561, 1.25), Result(sgd, 0.80, 12), Result(sgd, 0.70, 3)],
            [new PaperResult("GaussianNB", "priors", 0.511, 0.524, true)]);

        Assert.Equal(
            """
            family                 accuracy    ±2σ  train s  pred s   paper family                 paper    diff   best parameters
            Sgd                      0.8000  0.004     12.0     0.5   SGDClassifier                                loss=hinge, penalty=l2
            GaussianNaiveBayes       0.5561  0.004      1.3     0.5   GaussianNB                   0.511  +0.045   priors=uniform

            """.ReplaceLineEndings("\n"), PaperResults.Format(rows).ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Paper_results_file_says_which_figures_were_checked_and_a_file_without_families_is_named()
    {
        string folder = Directory.CreateTempSubdirectory("paper-results-").FullName;
        try
        {
            string good = Path.Combine(folder, "good.json"), bad = Path.Combine(folder, "bad.json");
            File.WriteAllText(good, """
                {"families": [
                  {"family": "SVC", "parameters": "C=10", "fashionAccuracy": 0.897, "mnistAccuracy": 0.973, "checked": true},
                  {"family": "GaussianNB", "parameters": "priors", "fashionAccuracy": 0.511, "checked": false},
                  {"family": "Perceptron", "parameters": "penalty=l1", "fashionAccuracy": 0.782}
                ]}
                """);
            File.WriteAllText(bad, """{"rows": []}""");

            Assert.Equal(
                [new("SVC", "C=10", 0.897, 0.973, true), new("GaussianNB", "priors", 0.511, null, false), new PaperResult("Perceptron", "penalty=l1", 0.782, null, false)],
                PaperResults.Load(good));
            Assert.Equal($"{bad}: no \"families\" array", MessageOf<FormatException>(() => PaperResults.Load(bad)));
        }
        finally { Directory.Delete(folder, recursive: true); }
    }

    [Theory]
    [InlineData(false, "paper")]
    [InlineData(true, "paper MNIST")]
    public void Family_choices_text_sets_the_choice_its_test_result_and_the_papers_best_side_by_side(bool mnist, string paperColumn)
    {
        var (bayes, sgd) = (Entry("GaussianNaiveBayes").Configuration, Entry("Sgd").Configuration);
        var table = FamilyChoices.Table([Result(bayes, 0.56, 1.25, BenchmarkResult.Validation), Result(sgd, 0.81, 12, BenchmarkResult.Validation)],
            [Result(sgd, 0.75, 9), Result(sgd, 0.80, 12)], PaperGrid.LoadTable(), mnist);
        string paper = mnist ? "0.914" : "0.819", difference = mnist ? "-0.114" : "-0.019";

        Assert.Equal(
            $"""
            paper family                 validation    test {paperColumn,11}    diff   fit s   our choice
            SGDClassifier                    0.8100  0.8000       {paper}  {difference}    12.0   Sgd loss=hinge, penalty=l2
            GaussianNB                       0.5600               {(mnist ? "0.524" : "0.511")}                   GaussianNaiveBayes priors=uniform

            """.ReplaceLineEndings("\n"), FamilyChoices.Format(table, mnist).ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Run_description_sums_the_runs_time_and_reads_back_what_it_wrote()
    {
        var (bayes, sgd) = (Entry("GaussianNaiveBayes").Configuration, Entry("Sgd").Configuration);
        // Two repeats each: (45 + 0.5) x 2 + (12 + 0.5) x 2 = 116 s measured; processor time 4 x 45 s for naive Bayes, none kept for SGD.
        var description = BenchmarkRunDescription.Of([Result(sgd, 0.8, 12), Result(bayes, 0.56, 45)], "run paper", "0123456789abcdef", "paper", 2);

        Assert.Equal((Start.AddMinutes(12), Start.AddMinutes(45)), (description.FirstFinishedUtc, description.LastFinishedUtc));
        Assert.Equal(116 / 60.0, description.MeasuredMinutes, 12);
        Assert.Equal(3, description.ProcessorMinutes, 12);
        Assert.Equal(("test", 60_000, 10_000, 2, 2), (description.ScoredOn, description.TrainCount, description.HeldOutCount, description.Repeats, description.Configurations));
        Assert.Equal(
            "2 configurations of the paper grid, trained on 60,000 images and scored on 10,000 test images, 2 repeat(s); run by `run paper` " +
            "at commit 0123456, finished 2026-12-01 10:12 to 2026-12-01 10:45 UTC (2 minutes of training and predicting, 3 processor minutes) " +
            $"on {description.ProcessorCount} cores of {description.Processor}, {description.MemoryGiB:0} GiB", description.ToString());
        Assert.Contains("no results to describe", MessageOf<ArgumentException>(() => BenchmarkRunDescription.Of([], "x", "y", "z", 1)));

        string folder = Directory.CreateTempSubdirectory("run-description-").FullName;
        try
        {
            string path = BenchmarkRunDescription.PathFor(Path.Combine(folder, "paper-test.jsonl"));
            Assert.Equal(Path.Combine(folder, "paper-test.about.json"), path);
            description.Write(path);
            string json = File.ReadAllText(path);
            Assert.StartsWith("{\n  \"command\": \"run paper\",\n  \"commit\": \"0123456789abcdef\",", json.ReplaceLineEndings("\n")); // indented, camelCase
            Assert.EndsWith("}\n", json);
            Assert.Equal(description, BenchmarkRunDescription.Load(path));

            File.WriteAllText(path, "{ not json");
            Assert.StartsWith($"{path}: not a benchmark run description: ", MessageOf<FormatException>(() => BenchmarkRunDescription.Load(path)));
        }
        finally { Directory.Delete(folder, recursive: true); }
    }

    [Fact]
    public void Grid_point_reads_depths_enums_and_layer_sizes_and_names_what_it_lacks()
    {
        var point = new GridPoint(new SortedDictionary<string, string>
        {
            ["a"] = "none", ["b"] = "None", ["c"] = "12", ["loss"] = "squared_hinge", ["bad"] = "cubic", ["hidden"] = "256-128", ["rate"] = "0.5",
        });

        Assert.Equal(((int?)null, (int?)null, (int?)12), (point.Depth("a"), point.Depth("b"), point.Depth("c")));
        Assert.Equal(LinearSvcLoss.SquaredHinge, point.Enum<LinearSvcLoss>("loss"));
        Assert.Equal("bad=cubic is not one of Hinge, SquaredHinge", MessageOf<ArgumentException>(() => point.Enum<LinearSvcLoss>("bad")));
        Assert.Equal([256, 128], point.Ints("hidden"));
        Assert.Equal(0.5f, point.Float("rate"));
        Assert.True(point.Has("rate"));
        Assert.False(point.Has("missing"));
        Assert.Equal("the grid has no parameter missing", MessageOf<KeyNotFoundException>(() => _ = point["missing"]));
    }
}
