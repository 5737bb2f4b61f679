// Renders all 70,000 Fashion-MNIST images as one mosaic PNG (train then test), N times; prints the median.
using System.Diagnostics;

var data = FashionMnist.Load();
var all = new LabeledImages([.. data.Train.Pixels, .. data.Test.Pixels], [.. data.Train.Labels, .. data.Test.Labels], 28, 28);
int repeats = args.Length > 0 ? int.Parse(args[0]) : 3;
var indices = Enumerable.Range(0, all.Count).ToArray();
int columns = (int)Math.Ceiling(Math.Sqrt(all.Count));
PngImage picture = ImageGrid.Tiles(all, indices, columns, compression: 1); // warm-up
var seconds = new List<double>();
for (int i = 0; i < repeats; i++)
{
    var watch = Stopwatch.StartNew();
    picture = ImageGrid.Tiles(all, indices, columns, compression: 1);
    seconds.Add(watch.Elapsed.TotalSeconds);
}
seconds.Sort();
Console.WriteLine($"mosaic of {all.Count} images, {picture.Width}x{picture.Height} px, {picture.Bytes.Length / 1e6:F1} MB PNG: median {seconds[repeats / 2]:F2} s of {repeats} runs");
