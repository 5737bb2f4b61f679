// For run.sh: UMAP (lib/Embedding/Umap.cs) and our t-SNE (lib/Embedding/Tsne.cs) on the same input, the PCA-50
// coordinates of the first N Fashion-MNIST images (PCA fitted on all 70,000, train then test, pixels / 255, as
// notebook 03 and tests/benchmarks/pca-tsne do), each with its defaults. Prints, for each map: wall and CPU
// seconds, trustworthiness (k = 10, on the first M points) and the leave-one-out 10-NN accuracy of the classes in
// the 2-D map; the same accuracy in the 50-D input is the reference a map can at best keep.
// Usage: dotnet UmapBenchmark.dll [--n N (default 70000)] [--trust-n M (default 10000)] [--threads T] [--data FOLDER] [--out FOLDER (figures as JSON, both maps as a PNG)] [--no-tsne]
using System.Diagnostics;
using System.Text.Json;

int n = Option("--n", 70000), trustN = Option("--trust-n", 10000), threads = Option("--threads", -1);
string dataFolder = TextOption("--data"), outFolder = TextOption("--out");

var data = dataFolder == null ? FashionMnist.Load() : FashionMnist.LoadFolder(dataFolder);
float[] pixels = data.Train.PixelsAsFloats().Concat(data.Test.PixelsAsFloats()).ToArray();
byte[] allLabels = data.Train.Labels.Concat(data.Test.Labels).ToArray();
int total = allLabels.Length;
if (n < 100 || n > total) throw new ArgumentException($"--n {n}: choose 100 to {total} points");
float[] input = Pca.Fit(pixels, 784).Transform(pixels, 50).AsSpan(0, n * 50).ToArray();
int[] labels = allLabels.Take(n).Select(l => (int)l).ToArray();
int m = Math.Min(trustN, n);   // trustworthiness costs N^2: on the first M points, the maps restricted to them
Console.WriteLine($"machine: {Environment.ProcessorCount} cores; N = {n} points of PCA-50, trustworthiness on the first {m}");

var figures = new Dictionary<string, object> { ["n"] = n, ["trust_n"] = m };
var maps = new List<(string Caption, float[] Points)>();
var clockInput = Stopwatch.StartNew();
figures["input_pca50_knn10_accuracy"] = MapNeighborAccuracy.LeaveOneOut(input, 50, labels, k: 10, maxThreads: threads);
figures["input_knn_seconds"] = clockInput.Elapsed.TotalSeconds;

Measure("umap", () =>
{
    UmapResult map = Umap.Embed(input, 50, new UmapOptions { MaxThreads = threads });
    figures["umap_initialization"] = map.Initialization;
    figures["umap_epochs"] = map.Epochs;
    figures["umap_a"] = map.A;
    figures["umap_b"] = map.B;
    foreach (var (step, seconds) in map.Steps) figures[$"umap_seconds_{step.Replace(' ', '_')}"] = seconds;
    return map.Embedding;
});
if (!args.Contains("--no-tsne")) Measure("tsne", () =>
{
    TsneResult map = Tsne.Embed(input, 50, new TsneOptions { MaxThreads = threads });
    figures["tsne_kl"] = map.KlDivergence;
    return map.Embedding;
});

string json = JsonSerializer.Serialize(figures, new JsonSerializerOptions { WriteIndented = true });
Console.WriteLine(json);
if (outFolder != null)
{
    Directory.CreateDirectory(outFolder);
    File.WriteAllText(Path.Combine(outFolder, "umap-tsne.json"), json);
    PngImage picture = new MapPicture().Render(maps, labels.Select(l => (byte)l).ToArray(), FashionMnist.ClassNames);
    File.WriteAllBytes(Path.Combine(outFolder, "umap-tsne.png"), picture.Bytes);
}
Console.WriteLine();
Console.WriteLine($"| N = {n} | seconds | CPU seconds | trustworthiness k=10 (first {m}) | 10-NN accuracy in the map |");
Console.WriteLine("|---|---|---|---|---|");
foreach (string name in new[] { "umap", "tsne" }.Where(name => figures.ContainsKey(name + "_seconds")))
    Console.WriteLine($"| {name} | {figures[name + "_seconds"]:F1} | {figures[name + "_cpu_seconds"]:F1} | " +
        $"{figures[name + "_trustworthiness_k10"]:F4} | {figures[name + "_knn10_accuracy"]:F4} |");
Console.WriteLine($"| PCA-50 input | | | | {figures["input_pca50_knn10_accuracy"]:F4} |");

// Runs one method, times it (wall and CPU of all threads), and scores its map.
void Measure(string name, Func<float[]> embed)
{
    Console.Error.WriteLine($"  {name} ...");
    var clock = Stopwatch.StartNew();
    TimeSpan cpu = Process.GetCurrentProcess().TotalProcessorTime;
    float[] map = embed();
    maps.Add(($"{name}, N = {n}", map));
    figures[name + "_seconds"] = clock.Elapsed.TotalSeconds;
    figures[name + "_cpu_seconds"] = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
    figures[name + "_trustworthiness_k10"] = Trustworthiness.Of(input.AsSpan(0, m * 50).ToArray(), 50, map.AsSpan(0, m * 2).ToArray(), 2, k: 10, maxThreads: threads);
    figures[name + "_knn10_accuracy"] = MapNeighborAccuracy.LeaveOneOut(map, 2, labels, k: 10, maxThreads: threads);
    Console.Error.WriteLine($"  {name}: {figures[name + "_seconds"]:F1} s");
}

int Option(string name, int fallback)
{
    int at = Array.IndexOf(args, name);
    return at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1]) : fallback;
}

string TextOption(string name)
{
    int at = Array.IndexOf(args, name);
    return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
}
