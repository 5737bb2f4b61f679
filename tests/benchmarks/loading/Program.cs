// Loads all four Fashion-MNIST files (train and test, images and labels) N times; prints the median.
using System.Diagnostics;

string folder = args.Length > 0 ? args[0] : Path.Combine(ProjectFolders.Data, "fashion");
int repeats = args.Length > 1 ? int.Parse(args[1]) : 7;
FashionMnist.LoadFolder(folder); // warm-up: JIT, file cache
var seconds = new List<double>();
for (int i = 0; i < repeats; i++)
{
    var watch = Stopwatch.StartNew();
    var data = FashionMnist.LoadFolder(folder);
    seconds.Add(watch.Elapsed.TotalSeconds);
    if (data.Train.Count != 60000 || data.Test.Count != 10000) throw new InvalidDataException("wrong counts");
}
seconds.Sort();
Console.WriteLine($"{seconds[repeats / 2]:F4}");
