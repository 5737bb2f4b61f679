// Ours, for run.sh: times PCA on all 70,000 Fashion-MNIST images and t-SNE on the PCA-50 coordinates of the first
// N of them, once with each repulsion method (Barnes-Hut and FFT interpolation, on the same points), and writes what
// the peer (peer.py) needs to compare: the explained-variance ratios, the PCA-50 input, our embeddings, and our
// figures as JSON.
// Usage: dotnet run -c Release -- <out folder> [--tsne-n N] [--iterations I] [--threads T] [--trust-n M]
//        [--methods barnes-hut,fft (the default; either alone)]
using System.Diagnostics;
using System.Text.Json;

string outFolder = args.Length > 0 ? args[0] : "out";
int tsneN = Option("--tsne-n", 10000), iterations = Option("--iterations", 1000), threads = Option("--threads", -1);
int trustN = Option("--trust-n", 10000);
Directory.CreateDirectory(outFolder);
var figures = new Dictionary<string, object>();

var data = FashionMnist.Load();
float[] pixels = data.Train.PixelsAsFloats().Concat(data.Test.PixelsAsFloats()).ToArray();   // train then test, /255
int n = pixels.Length / 784;

Pca.Fit(pixels.AsSpan(0, 784 * 100).ToArray(), 784);   // load libtorch and warm up before timing
var runs = new List<(double Wall, double Cpu)>();
Pca pca = null;
for (int run = 0; run < 3; run++)
{
    var clock = Stopwatch.StartNew();
    TimeSpan cpu = Process.GetCurrentProcess().TotalProcessorTime;
    pca = Pca.Fit(pixels, 784);
    runs.Add((clock.Elapsed.TotalSeconds, (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds));
}
figures["pca_rows"] = n;
figures["pca_fit_seconds_best_of_3"] = runs.Min(r => r.Wall);
figures["pca_fit_cpu_seconds_best_of_3"] = runs.Min(r => r.Cpu);
figures["pca_first_ratios"] = pca.ExplainedVarianceRatio.Take(5).ToArray();
figures["pca_50_components_explain"] = pca.ExplainedVarianceRatio.Take(50).Sum();
File.WriteAllBytes(Path.Combine(outFolder, "ours_ratios.f64"), Bytes(pca.ExplainedVarianceRatio));
var clockTransform = Stopwatch.StartNew();
float[] pca50 = pca.Transform(pixels, 50);
figures["pca_transform_50_seconds"] = clockTransform.Elapsed.TotalSeconds;
foreach (int k in new[] { 1, 10, 50, 200 })
{
    float[] back = pca.Reconstruct(pixels, k);
    double squared = 0;
    for (int i = 0; i < back.Length; i++) squared += (double)(back[i] - pixels[i]) * (back[i] - pixels[i]);
    figures[$"reconstruction_mse_k{k}"] = squared / back.Length;
}

float[] input = pca50.AsSpan(0, tsneN * 50).ToArray();
File.WriteAllBytes(Path.Combine(outFolder, "pca50.f32"), Bytes(input));
string[] methods = (At("--methods") ?? "barnes-hut,fft").Split(',');
int m = Math.Min(trustN, tsneN);   // trustworthiness costs N^2: on the first M points (embedding restricted to them)
figures["trust_n"] = m;
figures["tsne_n"] = tsneN;
figures["tsne_iterations"] = iterations;
figures["tsne_methods"] = methods;
foreach (string method in methods)
{
    TsneRepulsion repulsion = method switch
    {
        "barnes-hut" => TsneRepulsion.BarnesHut,
        "fft" => TsneRepulsion.Fft,
        _ => throw new ArgumentException($"--methods takes barnes-hut and fft, got '{method}'"),
    };
    string key = method.Replace('-', '_');   // figures as tsne_<key>_seconds and so on, the map as ours_embedding_<key>.f32
    var clockTsne = Stopwatch.StartNew();
    var options = new TsneOptions
    {
        Iterations = iterations, MaxThreads = threads, Repulsion = repulsion,
        Progress = (iteration, kl) => Console.Error.WriteLine($"  ours ({method}): iteration {iteration}, KL {kl:F4}, {clockTsne.Elapsed.TotalSeconds:F1} s"),
    };
    clockTsne.Restart();
    TimeSpan cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
    long allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
    TsneResult map = Tsne.Embed(input, 50, options);
    // Every managed byte t-SNE asked for (its arrays are made once, reused every iteration): how memory grows with N.
    figures[$"tsne_{key}_allocated_mb"] = (GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore) / 1e6;
    // CPU seconds of all threads: on a shared machine wall time says more about the neighbours than about us.
    figures[$"tsne_{key}_cpu_seconds_all_threads"] = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds;
    figures[$"tsne_{key}_seconds"] = clockTsne.Elapsed.TotalSeconds;
    figures[$"tsne_{key}_kl"] = map.KlDivergence;
    // The reported KL uses each method's own approximate Z; the exact one (all N^2 pairs) judges both maps alike.
    var clockExact = Stopwatch.StartNew();
    figures[$"tsne_{key}_exact_kl"] = Tsne.ExactKlDivergence(input, 50, map.Embedding);
    figures[$"tsne_{key}_exact_kl_seconds"] = clockExact.Elapsed.TotalSeconds;
    float extent = 0;
    for (int i = 0; i < map.Embedding.Length; i++) extent = Math.Max(extent, Math.Abs(map.Embedding[i]));
    figures[$"tsne_{key}_largest_coordinate"] = extent;   // the FFT grid's size follows the map's extent
    File.WriteAllBytes(Path.Combine(outFolder, $"ours_embedding_{key}.f32"), Bytes(map.Embedding));
    var clockTrust = Stopwatch.StartNew();
    figures[$"tsne_{key}_trustworthiness_k10"] = Trustworthiness.Of(input.AsSpan(0, m * 50).ToArray(), 50, map.Embedding.AsSpan(0, m * 2).ToArray(), 2, k: 10);
    figures[$"tsne_{key}_trustworthiness_seconds"] = clockTrust.Elapsed.TotalSeconds;
}
figures["peak_working_set_mb"] = Process.GetCurrentProcess().PeakWorkingSet64 / 1e6;
File.WriteAllText(Path.Combine(outFolder, "ours.json"), JsonSerializer.Serialize(figures, new JsonSerializerOptions { WriteIndented = true }));
Console.WriteLine(JsonSerializer.Serialize(figures, new JsonSerializerOptions { WriteIndented = true }));

int Option(string name, int fallback) => At(name) is string value ? int.Parse(value) : fallback;

string At(string name)
{
    int at = Array.IndexOf(args, name);
    return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
}

static byte[] Bytes<T>(T[] values) where T : struct =>
    System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan()).ToArray();
