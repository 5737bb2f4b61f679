// BenchmarkCatalog: the classical-model families of the Fashion-MNIST benchmark and their parameter grids,
// the .NET counterpart of the original's benchmark/baselines.json (14 scikit-learn families, ~130
// configurations). ML.NET trainers where ML.NET has the family; ours (kNN, Gaussian naive Bayes, MLP, RBF
// SVM via random Fourier features, the exact kernel SVM, CART trees and forests, SGD, passive-aggressive and
// liblinear's linear SVM) where it does not. Each family names the paper family it stands in for, so results can be
// shown beside the paper's Table 3 (PaperGrid.cs maps every row of it). The default grid is a few settings per
// family (its run time: data/benchmark/default-validation.about.json); the quick grid is one small configuration per family. WhatItDoes says
// what each family does in one plain sentence, for the notebook's readers.

using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.ML;
using Microsoft.ML.Trainers;
using Microsoft.ML.Trainers.LightGbm;

/// <summary>One model with fixed parameters. Create(seed) gives a fresh, untrained classifier.</summary>
public sealed record BenchmarkConfiguration(
    string Family, string PaperFamily, SortedDictionary<string, string> Parameters, Func<int, IClassifier> Create,
    bool ShuffleInvariant = false)
{
    /// <summary>Family and parameters, e.g. "KNearestNeighbors k=5, metric=Manhattan, weights=distance": the resume key.</summary>
    public string Key => Parameters.Count == 0 ? Family : $"{Family} {ParameterText}";
    public string ParameterText => string.Join(", ", Parameters.Select(p => $"{p.Key}={p.Value}"));
    public override string ToString() => Key;
}

public static class BenchmarkCatalog
{
    /// <summary>Our family name to the scikit-learn family of the paper that it stands in for.</summary>
    public static readonly IReadOnlyDictionary<string, string> PaperFamilyOf = new Dictionary<string, string>
    {
        ["LbfgsMaximumEntropy"] = "LogisticRegression",
        ["SdcaMaximumEntropy"] = "SGDClassifier",
        ["AveragedPerceptron"] = "Perceptron",
        ["LinearSvm"] = "LinearSVC",
        ["FastTree"] = "GradientBoostingClassifier",
        ["LightGbm"] = "GradientBoostingClassifier",
        ["FastForest"] = "RandomForestClassifier",
        ["KNearestNeighbors"] = "KNeighborsClassifier",
        ["GaussianNaiveBayes"] = "GaussianNB",
        ["MlpClassifier"] = "MLPClassifier",
        ["RbfSvmRandomFeatures"] = "SVC",
        ["KernelSvm"] = "SVC",
        ["DecisionTree"] = "DecisionTreeClassifier",
        ["ExtraTree"] = "ExtraTreeClassifier",
        ["RandomForest"] = "RandomForestClassifier",
        ["PassiveAggressive"] = "PassiveAggressiveClassifier",
        ["Sgd"] = "SGDClassifier",
        ["Perceptron"] = "Perceptron",
        ["LinearSvc"] = "LinearSVC",
    };

    /// <summary>What each family does, in one plain sentence (notebook 04 prints them beside the grid).</summary>
    public static readonly IReadOnlyDictionary<string, string> WhatItDoes = new Dictionary<string, string>
    {
        ["LbfgsMaximumEntropy"] = "Logistic regression: one weight per pixel and class; each class scores the weighted sum of the pixels, " +
            "the softmax turns the ten scores into probabilities, and L-BFGS adjusts the weights until the true classes are as probable as it can make them.",
        ["SdcaMaximumEntropy"] = "The same logistic regression, trained by stochastic dual coordinate ascent: it revisits the training images " +
            "one at a time, pass after pass, as the paper's SGDClassifier does.",
        ["AveragedPerceptron"] = "A perceptron per class (this class against the rest): a weighted sum of the pixels that is nudged toward " +
            "every image it gets wrong, its weights averaged over all the nudges.",
        ["LinearSvm"] = "A linear support-vector machine per class: the straight boundary between this class and the rest " +
            "that keeps the widest margin to the images on either side.",
        ["FastTree"] = "Boosted decision trees: a tree asks yes/no questions about single pixels down to a leaf that gives an answer, " +
            "and boosting adds tree after tree, each one correcting the mistakes of those before it (one model per class against the rest).",
        ["LightGbm"] = "Boosted decision trees too, by the LightGBM library: the trees grow leaf by leaf, " +
            "and one model scores all ten classes at once.",
        ["FastForest"] = "A random forest: many decision trees, each grown on a random sample of the images and the pixels, " +
            "that vote on the answer (one forest per class against the rest).",
        ["KNearestNeighbors"] = "k nearest neighbours: nothing is learned; an image gets the class that wins the vote of the k training images " +
            "closest to it pixel by pixel, the closer ones counting more.",
        ["GaussianNaiveBayes"] = "Gaussian naive Bayes: each pixel's mean and spread within each class, and the class under which " +
            "the image's pixels are most likely, as if pixels were independent of each other (the naive part: they are not).",
        ["MlpClassifier"] = "A multilayer perceptron, the smallest neural network: layers of weighted sums, each followed by a bend " +
            "(ReLU or tanh), trained by gradient descent on the log-loss.",
        ["RbfSvmRandomFeatures"] = "A kernel support-vector machine, approximated: each image becomes many random cosine features " +
            "in which images close pixel by pixel look alike (the RBF kernel), and a linear model is fitted on those.",
        ["KernelSvm"] = "A kernel support-vector machine, exact: for each pair of classes, the boundary with the widest margin in the space " +
            "where the kernel measures how alike two images are; it rests on the training images nearest to it (the support vectors), " +
            "and the pairs' votes decide.",
        ["DecisionTree"] = "A decision tree: yes/no questions about single pixels (is this pixel brighter than a threshold?), each chosen to " +
            "split the images into purer groups of classes, down to a leaf that names the class most of its training images have.",
        ["ExtraTree"] = "An extremely randomized tree: the same questions, but each node looks at a few pixels drawn at random " +
            "(and, with the random splitter, at one random threshold each) instead of searching them all.",
        ["RandomForest"] = "A random forest of deep trees: each tree grown on a bootstrap sample of the images, looking at a few random " +
            "pixels per question; the trees' class shares are averaged.",
        ["PassiveAggressive"] = "The passive-aggressive classifier: a linear model per class that stays put on images it already gets right " +
            "by a margin and, on the others, moves just enough to get them right (at most C).",
        ["Sgd"] = "A linear model per class trained by stochastic gradient descent: one image at a time, a small step down the gradient of " +
            "the loss (the hinge, the logistic or another) plus a penalty on the weights, the steps shrinking as training goes on.",
        ["Perceptron"] = "The classic perceptron, one per class against the rest: a weighted sum of the pixels, nudged by the whole image " +
            "whenever it gets one wrong.",
        ["LinearSvc"] = "A linear support-vector machine solved as liblinear does: the widest-margin straight boundary per class against the rest, " +
            "or, Crammer-Singer, all ten classes' weights at once with one margin between the true class and every other.",
    };

    /// <summary>How each family makes a classifier from a point of its grid and a seed, and whether row order can matter to it.</summary>
    static readonly Dictionary<string, (Func<GridPoint, int, IClassifier> Create, bool ShuffleInvariant)> Makers = new()
    {
        ["GaussianNaiveBayes"] = ((p, seed) => new GaussianNaiveBayes(Enumerable.Repeat(0.1, 10).ToArray()), true),
        ["AveragedPerceptron"] = ((p, seed) => MlNet("AveragedPerceptron", ml => ml.MulticlassClassification.Trainers.OneVersusAll(
            ml.BinaryClassification.Trainers.AveragedPerceptron(numberOfIterations: p.Int("iterations"))), seed), false),
        ["LinearSvm"] = ((p, seed) => MlNet("LinearSvm", ml => ml.MulticlassClassification.Trainers.OneVersusAll(
            ml.BinaryClassification.Trainers.LinearSvm(new LinearSvmTrainer.Options { Lambda = p.Float("lambda"), NumberOfIterations = 10 })), seed), false),
        ["SdcaMaximumEntropy"] = ((p, seed) => MlNet("SdcaMaximumEntropy", ml => ml.MulticlassClassification.Trainers.SdcaMaximumEntropy(
            l2Regularization: p.Float("l2"), maximumNumberOfIterations: 30), seed), false),
        ["LbfgsMaximumEntropy"] = ((p, seed) => MlNet("LbfgsMaximumEntropy", ml => ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(
            l1Regularization: p.Float("l1"), l2Regularization: p.Float("l2")), seed), false),
        ["MlpClassifier"] = ((p, seed) => new MlpClassifier(p.Ints("hidden"), p["activation"], p.Int("epochs"), seed: seed), false),
        ["RbfSvmRandomFeatures"] = ((p, seed) => RbfSvm(p.Int("features"), p.Float("gamma"), seed), false),
        // γ by the rule of the paper's scikit-learn ('auto': 1 / 784). The solution does not depend on the order of the rows.
        ["KernelSvm"] = ((p, seed) => new KernelSvm(Enum.Parse<KernelKind>(p["kernel"], ignoreCase: true), p.Float("C"), gammaRule: GammaRule.Auto), true),
        ["KNearestNeighbors"] = ((p, seed) => new KNearestNeighbors(p.Int("k"), p["weights"] == "distance", Enum.Parse<NeighborMetric>(p["metric"])), true),
        ["LightGbm"] = ((p, seed) => LightGbm(p.Int("iterations"), p.Int("leaves"), p.Has("threads") ? p.Int("threads") : null, seed,
            p.Has("depth") ? p.Int("depth") : 0), false),
        ["DecisionTree"] = ((p, seed) => new DecisionTree(p.Enum<SplitCriterion>("criterion"), p.Depth("depth"), p.Enum<TreeSplitter>("splitter"), seed: seed), false),
        // scikit-learn's ExtraTreeClassifier draws √(features) of them per node: √784 = 28 for these images.
        ["ExtraTree"] = ((p, seed) => new DecisionTree(p.Enum<SplitCriterion>("criterion"), p.Depth("depth"), p.Enum<TreeSplitter>("splitter"),
            maxFeatures: RandomForest.SquareRootFeatures(784), seed: seed), false),
        ["RandomForest"] = ((p, seed) => new RandomForest(p.Int("trees"), p.Enum<SplitCriterion>("criterion"), p.Depth("depth"), seed: seed), false),
        ["PassiveAggressive"] = ((p, seed) => new PassiveAggressiveClassifier(p.Float("C"), seed: seed), false),
        ["Sgd"] = ((p, seed) => new SgdClassifier(p.Enum<SgdLoss>("loss"), p.Enum<SgdPenalty>("penalty"), seed: seed), false),
        ["Perceptron"] = ((p, seed) => SgdClassifier.Perceptron(p.Enum<SgdPenalty>("penalty"), seed: seed), false),
        ["LinearSvc"] = ((p, seed) => new LinearSvc(p.Float("C"), p.Has("loss") ? p.Enum<LinearSvcLoss>("loss") : LinearSvcLoss.SquaredHinge,
            p.Has("penalty") ? p.Enum<LinearSvcPenalty>("penalty") : LinearSvcPenalty.L2,
            p["multiClass"] == "ovr" ? LinearSvcMultiClass.OneVersusRest : p.Enum<LinearSvcMultiClass>("multiClass"), seed: seed), false),
        ["FastTree"] = ((p, seed) => MlNet("FastTree", ml => ml.MulticlassClassification.Trainers.OneVersusAll(
            ml.BinaryClassification.Trainers.FastTree(numberOfLeaves: p.Int("leaves"), numberOfTrees: p.Int("trees"))), seed), false),
        ["FastForest"] = ((p, seed) => MlNet("FastForest", ml => ml.MulticlassClassification.Trainers.OneVersusAll(
            ml.BinaryClassification.Trainers.FastForest(numberOfLeaves: p.Int("leaves"), numberOfTrees: p.Int("trees"))), seed), false),
    };

    /// <summary>The full grid: every family, several parameter settings each; cheap families first, so results arrive early.</summary>
    public static List<BenchmarkConfiguration> DefaultGrid() =>
    [
        .. Family("GaussianNaiveBayes", new() { ["priors"] = ["uniform"] }),
        .. Family("AveragedPerceptron", new() { ["iterations"] = ["10", "30"] }),
        .. Family("LinearSvm", new() { ["lambda"] = ["0.0001", "0.001"] }),
        .. Family("SdcaMaximumEntropy", new() { ["l2"] = ["0.00001", "0.001"] }),
        .. Family("LbfgsMaximumEntropy", new() { ["l1"] = ["0", "1"], ["l2"] = ["1"] }),
        // Stronger L2 (the penalty's weight is on the sum of the losses, as scikit-learn's 1/C is): C = 0.1, 0.01 and 0.001.
        .. Family("LbfgsMaximumEntropy", new() { ["l1"] = ["0"], ["l2"] = ["10", "100", "1000"] }),
        .. Family("MlpClassifier", new() { ["hidden"] = ["100", "100-10", "256-128"], ["activation"] = ["relu", "tanh"], ["epochs"] = ["30"] }),
        .. Family("RbfSvmRandomFeatures", new() { ["features"] = ["2000", "6000"], ["gamma"] = ["0.00128"] }),
        .. Family("KernelSvm", new() { ["kernel"] = ["rbf"], ["C"] = ["10"] }),
        .. PaperBestOfOurOwnFamilies(forestTrees: "100"),
        // Distance weighting only: the paper's best kNN weights by distance, and with k = 1 the two weightings coincide.
        // Deepest k first: the shallower ones take the first k of its neighbour lists (KNearestNeighbors keeps its last search).
        .. Family("KNearestNeighbors", new() { ["k"] = ["9", "5", "1"], ["weights"] = ["distance"], ["metric"] = ["Euclidean", "Manhattan"] }),
        // 100 iterations: 400 cost four times the training time (over 20 minutes a repeat on two busy cores); the paper grid has its deeper settings.
        .. Family("LightGbm", new() { ["iterations"] = ["100"], ["leaves"] = ["31"] }),
        .. Family("FastTree", new() { ["trees"] = ["100"], ["leaves"] = ["31"] }),
        .. Family("FastForest", new() { ["trees"] = ["100"], ["leaves"] = ["64"] }),
    ];

    /// <summary>One small configuration per family: for notebook tests and a first look (use it on a subset).</summary>
    public static List<BenchmarkConfiguration> QuickGrid() =>
    [
        .. Family("LbfgsMaximumEntropy", new() { ["l1"] = ["1"], ["l2"] = ["1"] }),
        .. Family("SdcaMaximumEntropy", new() { ["l2"] = ["0.001"] }),
        .. Family("AveragedPerceptron", new() { ["iterations"] = ["10"] }),
        .. Family("LinearSvm", new() { ["lambda"] = ["0.001"] }),
        .. Family("FastTree", new() { ["trees"] = ["20"], ["leaves"] = ["15"] }),
        .. Family("FastForest", new() { ["trees"] = ["20"], ["leaves"] = ["31"] }),
        // One thread: LightGBM's threads wait for each other by spinning, which on a busy machine (the tests beside other
        // work) made this small model 7 times slower (191 s against 26 s, the same accuracy); on big data the threads pay.
        .. Family("LightGbm", new() { ["iterations"] = ["50"], ["leaves"] = ["15"], ["threads"] = ["1"] }),
        .. Family("KNearestNeighbors", new() { ["k"] = ["5"], ["weights"] = ["distance"], ["metric"] = ["Euclidean"] }),
        .. Family("GaussianNaiveBayes", new() { ["priors"] = ["uniform"] }),
        .. Family("MlpClassifier", new() { ["hidden"] = ["100"], ["activation"] = ["relu"], ["epochs"] = ["10"] }),
        .. Family("RbfSvmRandomFeatures", new() { ["features"] = ["500"], ["gamma"] = ["0.00128"] }),
        .. Family("KernelSvm", new() { ["kernel"] = ["rbf"], ["C"] = ["10"] }),
        .. PaperBestOfOurOwnFamilies(forestTrees: "20"),
    ];

    /// <summary>The paper's best row of each family that only our own code has, in both grids (the paper grid has all their rows).</summary>
    static IEnumerable<BenchmarkConfiguration> PaperBestOfOurOwnFamilies(string forestTrees) =>
    [
        .. Family("Perceptron", new() { ["penalty"] = ["l1"] }),
        .. Family("PassiveAggressive", new() { ["C"] = ["1"] }),
        .. Family("Sgd", new() { ["loss"] = ["hinge"], ["penalty"] = ["l2"] }),
        .. Family("LinearSvc", new() { ["C"] = ["1"], ["loss"] = ["hinge"], ["multiClass"] = ["ovr"], ["penalty"] = ["l2"] }),
        .. Family("DecisionTree", new() { ["criterion"] = ["entropy"], ["depth"] = ["10"], ["splitter"] = ["best"] }),
        .. Family("ExtraTree", new() { ["criterion"] = ["gini"], ["depth"] = ["10"], ["splitter"] = ["best"] }),
        .. Family("RandomForest", new() { ["trees"] = [forestTrees], ["criterion"] = ["entropy"], ["depth"] = ["100"] }),
    ];

    /// <summary>The configurations of one of the catalog's families for every combination of the given values.</summary>
    public static IEnumerable<BenchmarkConfiguration> Family(string family, Dictionary<string, string[]> values) =>
        Makers.TryGetValue(family, out var maker)
            ? Grid(family, values, maker.Create, maker.ShuffleInvariant)
            : throw new ArgumentException($"unknown family {family}; known: {string.Join(", ", Makers.Keys)}", nameof(family));

    /// <summary>Every combination of the given parameter values (a Cartesian product, as baselines.json means it).</summary>
    public static IEnumerable<BenchmarkConfiguration> Grid(string family, Dictionary<string, string[]> values,
        Func<GridPoint, int, IClassifier> create, bool shuffleInvariant = false)
    {
        if (!PaperFamilyOf.TryGetValue(family, out string paperFamily))
            throw new ArgumentException($"unknown family {family}; known: {string.Join(", ", PaperFamilyOf.Keys)}", nameof(family));
        IEnumerable<SortedDictionary<string, string>> points = [new SortedDictionary<string, string>()];
        foreach (var (name, options) in values)
            points = points.SelectMany(point => options.Select(option => new SortedDictionary<string, string>(point) { [name] = option })).ToList();
        foreach (var point in points)
        {
            var fixedPoint = new GridPoint(point);
            yield return new BenchmarkConfiguration(family, paperFamily, point, seed => create(fixedPoint, seed), shuffleInvariant);
        }
    }

    static IClassifier MlNet(string name, Func<MLContext, IEstimator<ITransformer>> trainer, int seed) => new MlNetClassifier(name, trainer, seed);

    /// <param name="threads">null: LightGBM's default, one per core.</param>
    /// <param name="depth">the trees' maximum depth; 0: no limit but the leaves'.</param>
    static IClassifier LightGbm(int iterations, int leaves, int? threads, int seed, int depth = 0) =>
        new MlNetClassifier("LightGbm", ml =>
        {
            var options = new LightGbmMulticlassTrainer.Options
            {
                NumberOfIterations = iterations,
                NumberOfLeaves = leaves,
                LearningRate = 0.1,
                Seed = seed,
                NumberOfThreads = threads,
            };
            if (depth > 0) options.Booster = new GradientBooster.Options { MaximumTreeDepth = depth };
            return ml.MulticlassClassification.Trainers.LightGbm(options);
        }, seed);

    // The linear part: SDCA logistic regression; C of the kernel SVM corresponds to 1 / (rows × l2).
    static IClassifier RbfSvm(int features, double gamma, int seed) =>
        new RandomFeatureSvm(features, gamma,
            () => new MlNetClassifier("SdcaMaximumEntropy", ml => ml.MulticlassClassification.Trainers.SdcaMaximumEntropy(
                l2Regularization: 1e-6f, maximumNumberOfIterations: 30), seed), seed);
}

/// <summary>One point of a parameter grid, with typed reads of its values.</summary>
public sealed class GridPoint
{
    readonly SortedDictionary<string, string> _values;
    public GridPoint(SortedDictionary<string, string> values) => _values = values;
    public string this[string name] => _values.TryGetValue(name, out string v) ? v : throw new KeyNotFoundException($"the grid has no parameter {name}");
    /// <summary>Whether this point sets the parameter (for settings that only some configurations of a family give).</summary>
    public bool Has(string name) => _values.ContainsKey(name);
    public int Int(string name) => int.Parse(this[name], System.Globalization.CultureInfo.InvariantCulture);
    public float Float(string name) => float.Parse(this[name], System.Globalization.CultureInfo.InvariantCulture);
    /// <summary>A depth limit: "none" (scikit-learn's None) is no limit.</summary>
    public int? Depth(string name) => this[name] is "none" or "None" ? null : Int(name);
    /// <summary>An enum value written as scikit-learn writes it: "squared_hinge" is SquaredHinge, "entropy" Entropy.</summary>
    public T Enum<T>(string name) where T : struct, System.Enum =>
        System.Enum.TryParse<T>(this[name].Replace("_", ""), ignoreCase: true, out T value) ? value
            : throw new ArgumentException($"{name}={this[name]} is not one of {string.Join(", ", System.Enum.GetNames<T>())}");
    /// <summary>"256-128" as [256, 128] (hidden layer sizes).</summary>
    public int[] Ints(string name) => this[name].Split('-').Select(s => int.Parse(s, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
}
