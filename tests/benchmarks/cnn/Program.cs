// Command-line runs of our CNN code on the real Fashion-MNIST:
//   throughput <model> [batchSize] [images] [float32|bfloat16|auto]   training images per second (compare with
//                                            peer.py), peak memory
//   train <model> [minutes|-] [checkpoint.bin|-] [epochs|-] [label smoothing|-] [split|all]  train with the
//                                            model's recipe, or these settings of it ("-": the recipe's): a time
//                                            budget in minutes (the schedule follows it; epochs: the most it runs)
//   precision <model> [epochs]               the model's recipe in float32, then in bfloat16: images per second
//                                            and test accuracy of each (see precision.sh)
//   batch <model>                            the batch size the model trains with
using System.Diagnostics;
using System.Globalization;

CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
string mode = args.ElementAtOrDefault(0) ?? "throughput";
string modelName = args.ElementAtOrDefault(1) ?? "tensorflow";
var data = FashionMnist.Load();
CnnTrainer.UseAllCores();
Console.WriteLine($"TorchSharp threads {TorchSharp.torch.get_num_threads()}, {Environment.ProcessorCount} cores");

if (mode == "throughput")
{
    int batchSize = int.Parse(args.ElementAtOrDefault(2) ?? "100");
    int images = int.Parse(args.ElementAtOrDefault(3) ?? "6000");
    var precision = Enum.Parse<TrainingPrecision>(args.ElementAtOrDefault(4) ?? "Float32", ignoreCase: true);
    var model = CnnModels.Create(modelName, seed: 0);
    var options = new CnnTrainingOptions { Epochs = 1, BatchSize = batchSize, Precision = precision };
    // Warm-up: the first batches pay for allocations and kernel selection.
    new CnnTrainer(model, options).Train(data.Train.Subset(5 * batchSize, seed: 1));
    var subset = data.Train.Subset(images, seed: 2);
    var clock = Stopwatch.StartNew();
    var report = new CnnTrainer(model, options).Train(subset).Single();
    double perSecond = images / clock.Elapsed.TotalSeconds;
    Console.WriteLine($"ours: model {modelName}, batch {batchSize}, {MixedPrecision.TypeFor(precision)}, {images} images in {clock.Elapsed.TotalSeconds:F2} s, loss {report.Loss:F3}");
    Console.WriteLine($"RESULT images_per_second={perSecond:F1} peak_rss_mb={PeakMegabytes():F0}");
}
else if (mode == "train")
{
    string checkpoint = args.ElementAtOrDefault(3);
    var model = CnnModels.Create(modelName, seed: 0);
    var options = CnnModels.TrainingOptions(modelName);
    // "-" keeps the recipe's own setting.
    string Given(int index) => args.ElementAtOrDefault(index) is { } value and not "-" ? value : null;
    if (Given(2) is { } minutes) options = options with { TimeBudget = TimeSpan.FromMinutes(double.Parse(minutes)) };
    if (Given(4) is { } epochs) options = options with { Epochs = int.Parse(epochs) };
    if (Given(5) is { } smoothing) options = options with { LabelSmoothing = double.Parse(smoothing) };
    Console.WriteLine($"model {modelName}: {CnnModels.ParameterCount(model):N0} parameters, time budget {options.TimeBudget?.TotalMinutes.ToString() ?? "none"} min");
    bool allImages = args.ElementAtOrDefault(6) == "all";
    Console.WriteLine(options);
    var clock = Stopwatch.StartNew();
    double cpuBefore = CpuSeconds();
    // Epochs are watched on the validation set carved from the training set; the test set is scored once, at the
    // end. With "all", a recipe chosen that way trains on all 60,000 training images (no validation).
    var split = ValidationSplit.Of(data.Train);
    var (trainOn, validateOn) = allImages ? (data.Train, null) : (split.Train, split.Validation);
    Console.WriteLine(allImages ? $"all {data.Train.Count:N0} training images, no validation" : split);
    var reports = new CnnTrainer(model, options).Train(trainOn, validateOn, r => Console.WriteLine($"{r}  (total {clock.Elapsed.TotalMinutes:F1} min, CPU {CpuSeconds():F0} s, memory {CurrentMegabytes():F0} MB, load {LoadAverage()})"));
    double processorMinutes = (CpuSeconds() - cpuBefore) / 60;
    var singleView = new CnnTrainer(model, options with { TestTimeFlips = false }).Accuracy(data.Test);
    Console.WriteLine($"test accuracy from single views: {singleView:F4} ({MixedPrecision.TypeFor(options.Precision)} training)");
    var (predicted, confidence) = new CnnTrainer(model, options with { TestTimeFlips = true }).Predict(data.Test);
    var evaluation = new Evaluation(predicted, data.Test.Labels.Select(l => (int)l).ToArray(), 10, confidence);
    Console.WriteLine($"final: {evaluation} with mirror views, after {reports.Count} epochs, {clock.Elapsed.TotalMinutes:F1} min (CPU {CpuSeconds():F0} s); peak memory {PeakMegabytes():F0} MB");
    Console.WriteLine(evaluation.PerClassTable(FashionMnist.ClassNames));
    if (checkpoint is not null and not "-")
    {
        CnnTrainer.SaveCheckpoint(model, checkpoint);
        var record = CnnTrainingRecord.Of(modelName, CnnModels.ParameterCount(model), options,
            trainOn.Count, validateOn?.Count ?? 0, reports, processorMinutes, singleView, evaluation.Accuracy,
            "dotnet tests/benchmarks/cnn/bin/Release/net10.0/CnnBenchmark.dll " + string.Join(' ', args));
        record.WriteBeside(checkpoint);
        Console.WriteLine($"saved {checkpoint} ({new FileInfo(checkpoint).Length / 1024} KB) and {CnnTrainingRecord.PathFor(checkpoint)}: {record}");
    }
}
else if (mode == "precision")
{
    // The same model, recipe and seed trained twice, in float32 and in bfloat16 (float32 master weights), on the
    // 50,000 training images of the validation split; training images per second and the test accuracy of each.
    int epochs = int.Parse(args.ElementAtOrDefault(2) ?? "3");
    var split = ValidationSplit.Of(data.Train);
    Console.WriteLine($"model {modelName}, {epochs} epochs on {split.Train.Count:N0} images; this CPU has bfloat16: {MixedPrecision.CpuHasBFloat16} " +
        $"(flags {string.Join(' ', MixedPrecision.CpuFlags().Intersect(MixedPrecision.BFloat16Flags).DefaultIfEmpty("none"))})");
    foreach (var precision in new[] { TrainingPrecision.Float32, TrainingPrecision.BFloat16 })
    {
        var model = CnnModels.Create(modelName, seed: 0);
        var options = CnnModels.TrainingOptions(modelName) with { Epochs = epochs, Precision = precision, TimeBudget = null };
        double cpuBefore = CpuSeconds();
        var clock = Stopwatch.StartNew();
        var reports = new CnnTrainer(model, options).Train(split.Train, onEpoch: r => Console.WriteLine($"  {precision}: {r}"));
        double seconds = clock.Elapsed.TotalSeconds, cpu = CpuSeconds() - cpuBefore;
        double accuracy = new CnnTrainer(model, options with { TestTimeFlips = false }).Accuracy(data.Test);
        Console.WriteLine($"RESULT precision={precision} images_per_second={split.Train.Count * (double)epochs / seconds:F1} " +
            $"train_seconds={seconds:F1} cpu_seconds={cpu:F0} loss={reports[^1].Loss:F4} test_accuracy={accuracy:F4}");
    }
}
else if (mode == "batch") Console.WriteLine(CnnModels.TrainingOptions(modelName).BatchSize);
else throw new ArgumentException($"unknown mode '{mode}': expected throughput, train, precision or batch");

// CPU time of this process: on a shared machine, wall-clock time says little, CPU time over cores more.
static double CpuSeconds() => Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;
static string LoadAverage() => string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));

static double CurrentMegabytes() => Process.GetCurrentProcess().WorkingSet64 / 1048576.0;

// The most memory the process has held (VmHWM in /proc), in MB.
static double PeakMegabytes()
{
    string line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("VmHWM:"));
    return line is null ? double.NaN : double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) / 1024;
}
