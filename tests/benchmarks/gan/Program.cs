// Trains lib/Gan/DcGan.cs (conditional by default) on Fashion-MNIST and measures it with lib/Gan/GanQuality.cs.
// The judge is a CNN of notebook 05's best design, frozen (data/models/judge-convnet.bin, lib/Cnn/CnnJudge.cs): its logits classify,
// its penultimate layer (256 features) gives the Fréchet distance. See run.sh for the arguments.
using System.Diagnostics;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

int epochs = args.Length > 0 && !args[0].StartsWith("--") ? int.Parse(args[0]) : 5;
string Option(string name, string fallback) { int i = Array.IndexOf(args, name); return i >= 0 ? args[i + 1] : fallback; }
int width = int.Parse(Option("--width", "32"));
int trainCount = int.Parse(Option("--train-count", "60000"));
string judgeCheckpoint = Option("--judge", null);
string save = Option("--save", null), load = Option("--load", null);
// --pictures FOLDER: the ghost wardrobe and a latent walk saved as PNG, to look at.
bool conditional = !args.Contains("--unconditional");
int threads = int.Parse(Option("--threads", "0"));
// One thread can beat two on a machine shared with other jobs: OpenMP's threads wait for each other.
if (threads > 0) set_num_threads(threads);
int timeSteps = int.Parse(Option("--time-steps", "0"));
// --measure-every N: measure the GAN after every N epochs too (a learning curve; measuring is not training time).
int measureEvery = int.Parse(Option("--measure-every", "0"));

var fashion = FashionMnist.Load();
LabeledImages train = trainCount < fashion.Train.Count ? fashion.Train.Subset(trainCount, seed: 0) : fashion.Train;
Console.WriteLine($"threads {get_num_threads()}, {Environment.ProcessorCount} cores; GAN training set {train}");

var watch = Stopwatch.StartNew();
if (timeSteps > 0)
{
    using var timed = GanRecipe.NewGan(width, conditional);
    using var timer = new GanTrainer(timed, train, batchSize: 64, seed: 0);
    timer.TrainSteps(3); // warm-up
    var warm = timer.TrainingTime;
    timer.TrainSteps(timeSteps);
    Console.WriteLine($"{(timer.TrainingTime - warm).TotalMilliseconds / timeSteps:F1} ms per step (width {width}, {get_num_threads()} threads)");
    return;
}
using var judge = CnnJudge.Load(judgeCheckpoint);
if (args.Contains("--calibrate"))
{
    var points = FrechetCalibration.Measure(judge.Features, fashion.Train, fashion.Test, count: 10_000, seed: 0);
    foreach (var point in points)
        Console.WriteLine($"CALIBRATION {point.Change,-44} fd={point.FrechetDistance:F3} fd_ratio={point.FrechetDistance / points[0].FrechetDistance:F1}");
    return;
}
GanQualityReport Measure(DcGan measured, int count = 10_000, int perClass = 1000) =>
    GanQuality.Measure(measured, judge.Classify, judge.Features, fashion.Train, fashion.Test, count, perClass, seed: 0);
DcGan gan;
TimeSpan trainingTime = TimeSpan.Zero;
if (load is not null)
{
    gan = DcGan.Load(load);
    Console.WriteLine($"loaded {gan} from {load}");
}
else
{
    gan = GanRecipe.NewGan(width, conditional);
    Console.WriteLine($"training {gan} for {epochs} epochs");
    GanTrainingSummary summary = GanRecipe.Train(gan, train, epochs, saveTo: save, progress: p => Console.WriteLine(p),
        afterEpoch: (epoch, time) =>
        {
            if (measureEvery <= 0 || epoch % measureEvery != 0) return;
            var point = Measure(gan);
            Console.WriteLine($"CURVE epoch={epoch} training_minutes={time.TotalMinutes:F1} conditional_accuracy={point.MeanAccuracy:F4} " +
                $"fd={point.FrechetDistance:F3} fd_floor={point.FrechetFloor:F3} fd_ratio={point.FloorRatio:F1}");
        });
    trainingTime = summary.Time;
    Console.WriteLine($"GAN training: {summary}");
}
double judgeAccuracy = judge.Accuracy(fashion.Test);
Console.WriteLine($"judge: a frozen BestConvNet ({judgeCheckpoint ?? CnnJudge.Checkpoint}), {judgeAccuracy:P2} test accuracy");

if (save is not null) { gan.Save(save); Console.WriteLine($"saved {save} ({new FileInfo(save).Length / 1e6:F1} MB)"); }

watch.Restart();
var report = Measure(gan);
Console.WriteLine($"measured in {watch.Elapsed.TotalSeconds:F0} s");
// The field's other measures, each beside real images unchanged (the floor), shifted one pixel and half blurred.
watch.Restart();
var measures = GanMeasures.Beside(gan, judge.Features, fashion.Train, fashion.Test, count: 10_000, seed: 0);
Console.WriteLine($"Fréchet distance, KID (100 subsets of 1,000) and precision/recall (k = 3) against 10,000 test images, in {watch.Elapsed.TotalSeconds:F0} s:");
foreach (var set in measures) Console.WriteLine("  " + set);
var generator = measures.Single(m => m.Set == GanMeasures.Generator);
if (gan.IsConditional)
{
    int[,] confusion = GanQuality.ConditionalConfusion(gan, judge.Classify, perClass: 1000, seed: 2);
    for (int c = 0; c < 10; c++)
    {
        int other = Enumerable.Range(0, 10).Where(j => j != c).MaxBy(j => confusion[c, j]);
        Console.WriteLine($"  {FashionMnist.ClassNames[c],-12} conditional accuracy {report.AccuracyPerClass[c]:P1}" +
            (confusion[c, other] > 0 ? $"; most often judged {FashionMnist.ClassNames[other]} ({confusion[c, other] / 1000.0:P1})" : ""));
    }
}
// --sample-sizes 1000,2000,5000: the distance and its floor on smaller sets too. The floor is sampling noise
// and shrinks as the sets grow; the generator's distance barely does, so their ratio depends on the set size.
foreach (int size in Option("--sample-sizes", "").Split(',', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse))
{
    var sized = Measure(gan, size, perClass: 100);
    Console.WriteLine($"SAMPLE_SIZE {size}: fd={sized.FrechetDistance:F3} fd_floor={sized.FrechetFloor:F3} fd_ratio={sized.FloorRatio:F2}");
}
string pictures = Option("--pictures", null);
if (pictures is not null)
{
    Directory.CreateDirectory(pictures);
    GanSamples.Wardrobe(gan, perClass: 10, seed: 0, classNames: FashionMnist.ClassNames).Picture(scale: 2).Save(Path.Combine(pictures, "wardrobe.png"));
    GanSamples.Interpolation(gan, steps: 10, classNames: FashionMnist.ClassNames).Picture(scale: 2).Save(Path.Combine(pictures, "interpolation.png"));
    Console.WriteLine($"pictures in {pictures}");
}
Console.WriteLine(report);
Console.WriteLine($"RESULT epochs={(load is null ? epochs : "loaded")} width={width} conditional={gan.IsConditional} judge_accuracy={judgeAccuracy:F4} " +
    $"conditional_accuracy={report.MeanAccuracy:F4} fd={report.FrechetDistance:F4} fd_floor={report.FrechetFloor:F4} " +
    $"fd_ratio={report.FloorRatio:F2} kid={generator.Kid.Mean:F5} kid_std={generator.Kid.StandardDeviation:F5} " +
    $"precision={generator.PrecisionRecall.Precision:F4} recall={generator.PrecisionRecall.Recall:F4} training_minutes={trainingTime.TotalMinutes:F1}");
