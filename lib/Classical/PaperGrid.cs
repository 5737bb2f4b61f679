// PaperGrid: every row of the Fashion-MNIST paper's Table 3 (Xiao, Rasul & Vollgraf 2017, arXiv:1708.07747; 126
// scikit-learn configurations of 13 families, read from its PDF into data/paper-table3.tsv) mapped to the
// configuration of ours that runs the same family with the same parameter values. Where the mapping is not one to
// one, MappingNotes says how and why. Several rows can map to one configuration (liblinear's Crammer-Singer solver
// ignores loss and penalty, so 12 LinearSVC rows are 3 models); each configuration keeps all its rows, so results
// can be set beside the paper's figure for the same row.

using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;

/// <summary>One row of the paper's Table 3: a scikit-learn family, its parameters, and the mean test accuracies.</summary>
public sealed record PaperTableRow(string Family, IReadOnlyDictionary<string, string> Parameters, string ParameterText, double FashionAccuracy, double MnistAccuracy)
{
    public string this[string name] => Parameters.TryGetValue(name, out string value) ? value
        : throw new KeyNotFoundException($"the paper's {Family} row \"{ParameterText}\" has no parameter {name}");
    public override string ToString() => $"{Family} {ParameterText}: {FashionAccuracy:0.000} (MNIST {MnistAccuracy:0.000})";
}

/// <summary>One row of the paper's table beside our result for the configuration it maps to, on Fashion-MNIST and on MNIST (null: not run).</summary>
public sealed record PaperRowComparison(PaperTableRow Row, BenchmarkConfiguration Ours, BenchmarkResult Fashion, BenchmarkResult Mnist)
{
    public double? FashionDifference => Fashion is null ? null : Fashion.MeanAccuracy - Row.FashionAccuracy;
    public double? MnistDifference => Mnist is null ? null : Mnist.MeanAccuracy - Row.MnistAccuracy;
}

/// <summary>One of our configurations and the rows of the paper it stands for.</summary>
public sealed record PaperGridEntry(BenchmarkConfiguration Configuration, IReadOnlyList<PaperTableRow> PaperRows)
{
    /// <summary>The best Fashion-MNIST figure among its rows (the rows differ only in parameters our code does not have).</summary>
    public double PaperFashionAccuracy => PaperRows.Max(r => r.FashionAccuracy);
}

public static class PaperGrid
{
    public static string TablePath => Path.Combine(ProjectFolders.Data, "paper-table3.tsv");

    /// <summary>How each scikit-learn family maps onto ours where it is not one to one (those not listed map parameter for parameter).</summary>
    public static readonly IReadOnlyDictionary<string, string> MappingNotes = new Dictionary<string, string>
    {
        ["ExtraTreeClassifier"] = "DecisionTree with √784 = 28 features drawn per node (ExtraTreeClassifier's max_features='auto'); splitter as given.",
        ["GradientBoostingClassifier"] = "LightGBM: n_estimators → iterations, max_depth → maximum depth with up to 2^depth leaves (at most 1,024), " +
            "learning rate 0.1 as scikit-learn's; LightGBM fits one multinomial model, scikit-learn's deviance loss is the same multinomial log-loss.",
        ["LinearSVC"] = "LinearSvc (liblinear's solvers): one versus the rest by dual coordinate descent; Crammer-Singer by the sequential dual " +
            "method, which, as in liblinear, ignores loss and penalty: the 12 Crammer-Singer rows are 3 models (C = 1, 10, 100).",
        ["LogisticRegression"] = "ML.NET's L-BFGS maximum entropy with the penalty's weight 1/C (L1 or L2, the other 0): multinomial, where the paper's " +
            "liblinear fitted one versus the rest.",
        ["MLPClassifier"] = "MlpClassifier on TorchSharp with Adam, 30 epochs (scikit-learn: Adam up to 200 epochs, stopping when the loss stops improving).",
        ["Perceptron"] = "SgdClassifier.Perceptron: scikit-learn 0.19's Perceptron (perceptron loss, constant step 1, 5 epochs; its 'elasticnet' has l1_ratio 0).",
        ["SVC"] = "KernelSvm with γ = 1/784 (the paper's scikit-learn default 'auto'); 'poly' is the polynomial kernel of degree 3.",
        ["KNeighborsClassifier"] = "KNearestNeighbors: p = 1 is the Manhattan metric, p = 2 the Euclidean.",
    };

    /// <summary>Every row of the table, in its order.</summary>
    public static List<PaperTableRow> LoadTable(string path = null)
    {
        path ??= TablePath;
        if (!File.Exists(path)) throw new FileNotFoundException($"the paper's table {path} is missing", path);
        var rows = new List<PaperTableRow>();
        bool header = true;
        int lineNumber = 0;
        foreach (string line in File.ReadLines(path))
        {
            lineNumber++;
            if (line.StartsWith('#') || string.IsNullOrWhiteSpace(line)) continue;
            if (header) { header = false; continue; }
            string[] cells = line.Split('\t');
            if (cells.Length != 4 || !double.TryParse(cells[2], NumberStyles.Float, CultureInfo.InvariantCulture, out double fashion)
                || !double.TryParse(cells[3], NumberStyles.Float, CultureInfo.InvariantCulture, out double mnist))
                throw new FormatException($"{path}:{lineNumber}: not a row of family, parameters, Fashion-MNIST and MNIST accuracy: {line}");
            var parameters = Regex.Matches(cells[1], @"(\w+)=(\[[^\]]*\]|\S+)").ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);
            rows.Add(new PaperTableRow(cells[0], parameters, cells[1], fashion, mnist));
        }
        return rows;
    }

    /// <summary>Our family and parameter values for one row of the table.</summary>
    public static (string Family, SortedDictionary<string, string> Parameters) Map(PaperTableRow row)
    {
        SortedDictionary<string, string> P(params (string Name, string Value)[] values) => new(values.ToDictionary(v => v.Name, v => v.Value));
        return row.Family switch
        {
            "DecisionTreeClassifier" => ("DecisionTree", P(("criterion", row["criterion"]), ("depth", row["max_depth"]), ("splitter", row["splitter"]))),
            "ExtraTreeClassifier" => ("ExtraTree", P(("criterion", row["criterion"]), ("depth", row["max_depth"]), ("splitter", row["splitter"]))),
            "RandomForestClassifier" => ("RandomForest", P(("trees", row["n_estimators"]), ("criterion", row["criterion"]), ("depth", row["max_depth"]))),
            "GaussianNB" => ("GaussianNaiveBayes", P(("priors", "uniform"))),
            "GradientBoostingClassifier" => ("LightGbm", P(("iterations", row["n_estimators"]), ("depth", row["max_depth"]),
                ("leaves", Math.Min(1 << Math.Min(int.Parse(row["max_depth"], CultureInfo.InvariantCulture), 30), 1024).ToString(CultureInfo.InvariantCulture)))),
            "KNeighborsClassifier" => ("KNearestNeighbors", P(("k", row["n_neighbors"]), ("weights", row["weights"]),
                ("metric", row["p"] == "1" ? "Manhattan" : "Euclidean"))),
            "LinearSVC" => row["multi_class"] == "crammer_singer"
                ? ("LinearSvc", P(("C", row["C"]), ("multiClass", "crammer_singer")))
                : ("LinearSvc", P(("C", row["C"]), ("multiClass", "ovr"), ("loss", row["loss"]), ("penalty", row["penalty"]))),
            "LogisticRegression" => ("LbfgsMaximumEntropy", P(
                ("l1", row["penalty"] == "l1" ? Inverse(row["C"]) : "0"), ("l2", row["penalty"] == "l2" ? Inverse(row["C"]) : "0"))),
            "MLPClassifier" => ("MlpClassifier", P(("hidden", string.Join("-", Regex.Matches(row["hidden_layer_sizes"], @"\d+").Select(m => m.Value))),
                ("activation", row["activation"]), ("epochs", "30"))),
            "PassiveAggressiveClassifier" => ("PassiveAggressive", P(("C", row["C"]))),
            "Perceptron" => ("Perceptron", P(("penalty", row["penalty"]))),
            "SGDClassifier" => ("Sgd", P(("loss", row["loss"]), ("penalty", row["penalty"]))),
            "SVC" => ("KernelSvm", P(("kernel", row["kernel"] == "poly" ? "polynomial" : row["kernel"]), ("C", row["C"]))),
            _ => throw new ArgumentException($"the paper's family {row.Family} has no counterpart here", nameof(row)),
        };
    }

    /// <summary>The whole table as our configurations, cheap families first; rows that map to one configuration share it.</summary>
    public static List<PaperGridEntry> Entries(string path = null)
    {
        var entries = LoadTable(path).Select(row => (Row: row, Mapped: Map(row)))
            .GroupBy(m => (m.Mapped.Family, Text: string.Join(", ", m.Mapped.Parameters.Select(p => $"{p.Key}={p.Value}"))))
            .Select(g => new PaperGridEntry(
                BenchmarkCatalog.Family(g.Key.Family, g.First().Mapped.Parameters.ToDictionary(p => p.Key, p => new[] { p.Value })).Single(),
                g.Select(m => m.Row).ToList()))
            .ToList();
        // Crammer-Singer last: liblinear's solver runs up to 100,000 passes, the slowest rows of the table.
        return entries.OrderBy(e => e.Configuration.Parameters.GetValueOrDefault("multiClass") == "crammer_singer")
            .ThenBy(e => Array.IndexOf(CheapFirst, e.Configuration.Family))
            // Deepest k first: kNN keeps its last neighbour search, and shallower k of the same metric take the first k of its lists.
            .ThenByDescending(e => e.Configuration.Family == "KNearestNeighbors" ? int.Parse(e.Configuration.Parameters["k"], CultureInfo.InvariantCulture) : 0).ToList();
    }

    /// <summary>Every row of the table, in its order, beside our test results for its configuration (results of other configurations are ignored).</summary>
    public static List<PaperRowComparison> Compare(IReadOnlyList<PaperGridEntry> entries, IEnumerable<BenchmarkResult> fashionResults, IEnumerable<BenchmarkResult> mnistResults)
    {
        static Dictionary<string, BenchmarkResult> ByKey(IEnumerable<BenchmarkResult> results) =>
            results.Where(r => r.ScoredOn == BenchmarkResult.Test).GroupBy(r => r.Key).ToDictionary(g => g.Key, g => g.Last());
        var (fashion, mnist) = (ByKey(fashionResults), ByKey(mnistResults));
        return entries.SelectMany(e => e.PaperRows.Select(row => new PaperRowComparison(row, e.Configuration,
                fashion.GetValueOrDefault(e.Configuration.Key), mnist.GetValueOrDefault(e.Configuration.Key))))
            .OrderByDescending(c => c.Row.FashionAccuracy).ToList();
    }

    /// <summary>The comparison as fixed-width text: each row of the paper, its figures and ours.</summary>
    public static string Format(IReadOnlyList<PaperRowComparison> rows)
    {
        static string A(double? a) => a is double v ? v.ToString("0.0000") : "";
        static string D(double? d) => d is double v ? v.ToString("+0.000;-0.000;0.000") : "";
        var text = new StringBuilder();
        text.AppendLine($"{"paper family",-28} {"paper",6} {"ours",7} {"diff",7} {"MNIST",6} {"ours",7} {"diff",7} {"fit s",7}   paper's parameters");
        foreach (var c in rows)
            text.AppendLine($"{c.Row.Family,-28} {c.Row.FashionAccuracy,6:0.000} {A(c.Fashion?.MeanAccuracy),7} {D(c.FashionDifference),7} " +
                $"{c.Row.MnistAccuracy,6:0.000} {A(c.Mnist?.MeanAccuracy),7} {D(c.MnistDifference),7} {(c.Fashion ?? c.Mnist)?.MeanTrainSeconds.ToString("0.0") ?? "",7}   {c.Row.ParameterText}");
        int ran = rows.Count(c => c.Fashion is not null);
        text.AppendLine($"{ran} of the table's {rows.Count} rows run on Fashion-MNIST, {rows.Count(c => c.Mnist is not null)} on MNIST; " +
            $"ours at or above the paper in {rows.Count(c => c.FashionDifference >= 0)} of {ran}.");
        return text.ToString();
    }

    /// <summary>The order families run in: results of the cheap ones arrive first.</summary>
    static readonly string[] CheapFirst = ["GaussianNaiveBayes", "Perceptron", "PassiveAggressive", "Sgd", "LinearSvc", "LbfgsMaximumEntropy",
        "DecisionTree", "ExtraTree", "MlpClassifier", "KNearestNeighbors", "RandomForest", "KernelSvm", "LightGbm"];

    static string Inverse(string c) => (1 / double.Parse(c, CultureInfo.InvariantCulture)).ToString("0.####", CultureInfo.InvariantCulture);
}
