// The classical-model benchmark: runs the quick or default grid of BenchmarkCatalog on Fashion-MNIST,
// appending results to build/benchmark/<grid>.jsonl (rerun to resume), then prints the leaderboard beside
// the paper's scikit-learn figures and an estimate of the whole grid's time from the measured times.
//   dotnet run -c Release -- [quick|default] [--train N] [--test N] [--repeats R] [--only Family,Family] [--keys "key;key"] [--results path] [--validation]
// --validation trains on the 50,000 images of ValidationSplit.Of(train) and scores its 10,000 validation images
// (scoredOn "validation", into build/benchmark/<grid>-validation.jsonl): what notebook 04 chooses from.
// --estimate-from measured.jsonl runs nothing: it adds up the grid's time (all repeats) from the per-repeat times
// measured in that file, using a family's measured configuration for its unmeasured ones.

string grid = args.FirstOrDefault(a => !a.StartsWith("--")) ?? "quick";
string Option(string name, string fallback) { int i = Array.IndexOf(args, name); return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback; }
bool quick = grid == "quick";
if (grid is not ("quick" or "default")) { Console.Error.WriteLine($"unknown grid {grid}: use quick or default"); return 2; }
int trainCount = int.Parse(Option("--train", quick ? "2000" : "60000"));
int testCount = int.Parse(Option("--test", quick ? "1000" : "10000"));
int repeats = int.Parse(Option("--repeats", quick ? "1" : "2"));
string[] only = Option("--only", "").Split(',', StringSplitOptions.RemoveEmptyEntries);
string[] keys = Option("--keys", "").Split(';', StringSplitOptions.RemoveEmptyEntries);
bool onValidation = args.Contains("--validation");
string resultsPath = Option("--results", Path.Combine(BenchmarkRunner.DefaultFolder, onValidation ? $"{grid}-validation.jsonl" : $"{grid}.jsonl"));

string estimateFrom = Option("--estimate-from", null);
var configurations = (quick ? BenchmarkCatalog.QuickGrid() : BenchmarkCatalog.DefaultGrid())
    .Where(c => only.Length == 0 || only.Contains(c.Family))
    .Where(c => keys.Length == 0 || keys.Contains(c.Key)).ToList();
// --keys runs the named configurations in the order given (to measure the most telling ones first).
if (keys.Length > 0) configurations = configurations.OrderBy(c => Array.IndexOf(keys, c.Key)).ToList();
if (estimateFrom is not null) return Estimate(configurations, BenchmarkRunner.Load(estimateFrom), repeats);
var data = FashionMnist.Load();
var split = onValidation ? ValidationSplit.Of(data.Train) : null;
var (trainPool, heldOutPool) = onValidation ? (split.Train, split.Validation) : (data.Train, data.Test);
var train = trainCount < trainPool.Count ? trainPool.Subset(trainCount, seed: 0) : trainPool;
var test = testCount < heldOutPool.Count ? heldOutPool.Subset(testCount, seed: 0) : heldOutPool;
Console.WriteLine($"{configurations.Count} configurations of the {grid} grid; train {train.Count}, test {test.Count}, " +
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

var runner = new BenchmarkRunner(resultsPath, repeats, onValidation ? BenchmarkResult.Validation : BenchmarkResult.Test);
var results = runner.Run(configurations, train, test, progress => Console.WriteLine(progress));

// What ran, when and where, beside the results (data/benchmark/ commits both for the notebook to read).
string commit = GitCommit();
BenchmarkRunDescription.Of(results, "tests/benchmarks/classical/run.sh " + string.Join(" ", args), commit, grid, repeats)
    .Write(BenchmarkRunDescription.PathFor(resultsPath));

Console.WriteLine();
Console.WriteLine(PaperResults.Format(PaperResults.Leaderboard(results, PaperResults.Load())));
double total = results.Sum(r => (r.MeanTrainSeconds + r.MeanPredictSeconds) * r.Accuracies.Length);
Console.WriteLine($"Measured time of these {results.Count} configurations: {total / 60:0.0} min (train + predict, all repeats) on {Environment.ProcessorCount} cores.");
foreach (var family in results.GroupBy(r => r.Family))
    Console.WriteLine($"  {family.Key,-22} {family.Sum(r => (r.MeanTrainSeconds + r.MeanPredictSeconds) * r.Accuracies.Length) / 60,6:0.0} min over {family.Count()} configuration(s)");
return 0;

// The commit the project is at, "+changes" when the working tree differs from it; "unknown" outside git.
static string GitCommit()
{
    string Git(string arguments)
    {
        try
        {
            var start = new System.Diagnostics.ProcessStartInfo("git", arguments) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = ProjectFolders.Root };
            using var git = System.Diagnostics.Process.Start(start);
            string output = git.StandardOutput.ReadToEnd().Trim();
            git.WaitForExit();
            return git.ExitCode == 0 ? output : null;
        }
        catch (System.ComponentModel.Win32Exception) { return null; }
    }
    string head = Git("rev-parse HEAD");
    if (head is null) return "unknown";
    return string.IsNullOrEmpty(Git("status --porcelain --untracked-files=no")) ? head : head + "+changes";
}

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
