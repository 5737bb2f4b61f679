// The classical-model benchmark: runs a grid of BenchmarkCatalog on Fashion-MNIST (or MNIST), appending results to
// build/benchmark/<grid>.jsonl (rerun to resume), then prints the leaderboard beside the paper's scikit-learn figures
// and an estimate of the whole grid's time from the measured times.
//   dotnet run -c Release -- [quick|default|paper|choices] [--train N] [--test N] [--repeats R] [--only Family,Family] [--keys "key;key"]
//                            [--results path] [--validation] [--dataset fashion|mnist] [--from validation.jsonl]
// Grids: quick (one small configuration per family), default (a few settings per family), paper (every row of the
// paper's Table 3, PaperGrid), choices (FamilyChoices: per paper family, the configuration with the best validation
// accuracy in --from, by default data/benchmark/default-validation.jsonl (or build/benchmark's where none is committed), trained on all training images and scored on the test set).
// --validation trains on the 50,000 images of ValidationSplit.Of(train) and scores its 10,000 validation images
// (scoredOn "validation", into build/benchmark/<grid>-validation.jsonl): what the choices are made on.
// --dataset mnist runs on the original MNIST digits in data/mnist (environment/prepare fetches them), into <grid>[-validation]-mnist.jsonl.
// --estimate-from measured.jsonl runs nothing: it adds up the grid's time (all repeats) from the per-repeat times
// measured in that file, using a family's measured configuration for its unmeasured ones.

// A missing or malformed input file (the data, a results file to choose from) is the user's to fix: its message, not a stack trace.
AppDomain.CurrentDomain.UnhandledException += (_, e) =>
{
    if (e.ExceptionObject is not (FileNotFoundException or FormatException)) return;
    Console.Error.WriteLine(((Exception)e.ExceptionObject).Message);
    Environment.Exit(1);
};

string grid = args.FirstOrDefault(a => !a.StartsWith("--") && !IsOptionValue(a)) ?? "quick";
string Option(string name, string fallback) { int i = Array.IndexOf(args, name); return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback; }
bool IsOptionValue(string a) { int i = Array.IndexOf(args, a); return i > 0 && args[i - 1].StartsWith("--") && args[i - 1] != "--validation"; }
bool quick = grid == "quick";
if (grid is not ("quick" or "default" or "paper" or "choices")) { Console.Error.WriteLine($"unknown grid {grid}: use quick, default, paper or choices"); return 2; }
string dataset = Option("--dataset", "fashion");
if (dataset is not ("fashion" or "mnist")) { Console.Error.WriteLine($"unknown dataset {dataset}: use fashion or mnist"); return 2; }
string suffix = dataset == "mnist" ? "-mnist" : "";
int trainCount = int.Parse(Option("--train", quick ? "2000" : "60000"));
int testCount = int.Parse(Option("--test", quick ? "1000" : "10000"));
// The paper grid and the choices run once per configuration: each is a single model of the paper's table.
int repeats = int.Parse(Option("--repeats", quick || grid is "paper" or "choices" ? "1" : "2"));
string[] only = Option("--only", "").Split(',', StringSplitOptions.RemoveEmptyEntries);
string[] keys = Option("--keys", "").Split(';', StringSplitOptions.RemoveEmptyEntries);
bool onValidation = args.Contains("--validation");
if (onValidation && grid == "choices") { Console.Error.WriteLine("the choices are scored on the test set: --validation makes no sense with them"); return 2; }
string resultsPath = Option("--results", Path.Combine(BenchmarkRunner.DefaultFolder, $"{grid}{(onValidation ? "-validation" : "")}{suffix}.jsonl"));

string estimateFrom = Option("--estimate-from", null);
// The choices are made on the committed validation run, or on your own in build/benchmark/ where none is committed (MNIST's, say).
string chosenFrom = Option("--from", new[] { BenchmarkRunner.CommittedFolder, BenchmarkRunner.DefaultFolder }
    .Select(folder => Path.Combine(folder, $"default-validation{suffix}.jsonl")).FirstOrDefault(File.Exists)
    ?? Path.Combine(BenchmarkRunner.CommittedFolder, $"default-validation{suffix}.jsonl"));
var validationResults = grid == "choices" ? LoadChosenFrom(chosenFrom) : null;
var paperEntries = grid == "paper" ? PaperGrid.Entries() : null;
var configurations = (grid switch
    {
        "quick" => BenchmarkCatalog.QuickGrid(),
        "default" => BenchmarkCatalog.DefaultGrid(),
        "paper" => paperEntries.Select(e => e.Configuration).ToList(),
        _ => FamilyChoices.ConfigurationsOf(FamilyChoices.Choose(validationResults), BenchmarkCatalog.DefaultGrid()),
    })
    .Where(c => only.Length == 0 || only.Contains(c.Family))
    .Where(c => keys.Length == 0 || keys.Contains(c.Key)).ToList();
// --keys runs the named configurations in the order given (to measure the most telling ones first).
if (keys.Length > 0) configurations = configurations.OrderBy(c => Array.IndexOf(keys, c.Key)).ToList();
if (estimateFrom is not null) return Estimate(configurations, BenchmarkRunner.Load(estimateFrom), repeats);
var data = dataset == "mnist" ? FashionMnist.LoadFolder(Path.Combine(ProjectFolders.Data, "mnist")) : FashionMnist.Load();
var split = onValidation ? ValidationSplit.Of(data.Train) : null;
var (trainPool, heldOutPool) = onValidation ? (split.Train, split.Validation) : (data.Train, data.Test);
var train = trainCount < trainPool.Count ? trainPool.Subset(trainCount, seed: 0) : trainPool;
var test = testCount < heldOutPool.Count ? heldOutPool.Subset(testCount, seed: 0) : heldOutPool;
Console.WriteLine($"{configurations.Count} configurations of the {grid} grid on {(dataset == "mnist" ? "MNIST" : "Fashion-MNIST")}; train {train.Count}, test {test.Count}, " +
    $"{repeats} repeat(s); {Environment.ProcessorCount} cores; results in {resultsPath}");

// The exact images of a subset, for the scikit-learn peer (peer.py) to run on the same ones.
string subsetFolder = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(resultsPath)), $"{grid}-subset");
bool writeSubset = !onValidation && train.Count < data.Train.Count;
if (writeSubset) Directory.CreateDirectory(subsetFolder);
foreach (var (name, set) in writeSubset ? new[] { ("train", train), ("t10k", test) } : [])
{
    Idx.Write(Path.Combine(subsetFolder, $"{name}-images-idx3-ubyte"), IdxArray.Of(set.Pixels, set.Count, set.Rows, set.Columns), gzip: false);
    Idx.Write(Path.Combine(subsetFolder, $"{name}-labels-idx1-ubyte"), IdxArray.Of(set.Labels, set.Count), gzip: false);
}

// The commit is read before the run: a long run outlives the commits made beside it.
string commit = Provenance.Commit();
var runner = new BenchmarkRunner(resultsPath, repeats, onValidation ? BenchmarkResult.Validation : BenchmarkResult.Test);
// What ran, when and where, beside the results (data/benchmark/ commits both for the notebook to read): written after
// each finished configuration, so that a long run stopped part of the way is described as far as it went.
void Describe(IReadOnlyList<BenchmarkResult> sofar) =>
    BenchmarkRunDescription.Of(sofar, "tests/benchmarks/classical/run.sh " + string.Join(" ", args), commit, grid, repeats)
        .Write(BenchmarkRunDescription.PathFor(resultsPath));
var sofar = new List<BenchmarkResult>();
var results = runner.Run(configurations, train, test, progress =>
{
    Console.WriteLine(progress);
    if (progress.Result is null) return;
    sofar.Add(progress.Result);
    if (progress.Stage == "Finished") Describe(sofar);
});
if (results.Count > 0) Describe(results);

Console.WriteLine();
Console.WriteLine(grid == "paper" ? PaperGrid.Format(PaperGrid.Compare(paperEntries, dataset == "mnist" ? [] : results, dataset == "mnist" ? results : []))
    : grid == "choices" ? FamilyChoices.Format(FamilyChoices.Table(validationResults, results, PaperGrid.LoadTable()), mnist: dataset == "mnist")
    : PaperResults.Format(PaperResults.Leaderboard(results, PaperResults.Load())));
double total = results.Sum(r => (r.MeanTrainSeconds + r.MeanPredictSeconds) * r.Accuracies.Length);
Console.WriteLine($"Measured time of these {results.Count} configurations: {total / 60:0.0} min (train + predict, all repeats) on {Environment.ProcessorCount} cores.");
foreach (var family in results.GroupBy(r => r.Family))
    Console.WriteLine($"  {family.Key,-22} {family.Sum(r => (r.MeanTrainSeconds + r.MeanPredictSeconds) * r.Accuracies.Length) / 60,6:0.0} min over {family.Count()} configuration(s)");
return 0;

static List<BenchmarkResult> LoadChosenFrom(string path) =>
    File.Exists(path) ? BenchmarkRunner.Load(path) : throw new FileNotFoundException($"the choices are made on the validation results in {path}, which does not exist: run the default grid with --validation first", path);

// Wall-clock time swells with other people's load on a shared machine; processor seconds do not. Unloaded, the
// run would take between cpu / cores (everything in parallel) and cpu (nothing in parallel).
static int Estimate(List<BenchmarkConfiguration> configurations, List<BenchmarkResult> measured, int repeats)
{
    double wall = 0, cpu = 0;
    Console.WriteLine($"{"configuration",-66} {"repeats",7} {"wall s",8} {"cpu s",8}  source");
    foreach (var c in configurations)
    {
        var own = measured.LastOrDefault(r => r.Key == c.Key);
        var stand = own ?? measured.Where(r => r.Family == c.Family).OrderByDescending(r => r.MeanTrainSeconds).FirstOrDefault();
        int n = c.ShuffleInvariant ? 1 : repeats;
        if (stand is null) { Console.WriteLine($"{c.Key,-66} {n,7} {"?",8} {"?",8}  nothing measured for {c.Family}"); continue; }
        double w = (stand.MeanTrainSeconds + stand.MeanPredictSeconds) * n, p = (stand.CpuSeconds?.Average() ?? double.NaN) * n;
        wall += w; cpu += p;
        Console.WriteLine($"{c.Key,-66} {n,7} {w,8:0} {p,8:0}  {(own is null ? "slowest measured of family: " + stand.Key : "measured")}");
    }
    int cores = Environment.ProcessorCount;
    Console.WriteLine($"Total: wall {wall / 3600:0.00} h as measured (under the load of the time); processor {cpu / 3600:0.00} h, " +
        $"i.e. {cpu / cores / 3600:0.00}-{cpu / 3600:0.00} h on {cores} unloaded cores.");
    return 0;
}
