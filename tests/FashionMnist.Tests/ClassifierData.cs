using System.Collections.Concurrent;

/// <summary>Data for the classifier tests, made in one place: seeded blobs, and slices of the real data.</summary>
public static class ClassifierData
{
    static readonly ConcurrentDictionary<(int Train, int Test), Lazy<(float[] Train, byte[] TrainLabels, float[] Test, byte[] TestLabels)>> Slices = new();

    /// <summary>
    /// The first <paramref name="trainCount"/> training and <paramref name="testCount"/> test images of seeded stratified
    /// subsets (Subset(count, seed: 0)), standardized with the training slice's statistics, as the benchmark does; each
    /// size is loaded once per test run. These are the images the scikit-learn figures in the tests were measured on.
    /// </summary>
    public static (float[] Train, byte[] TrainLabels, float[] Test, byte[] TestLabels) RealSlice(int trainCount, int testCount) =>
        Slices.GetOrAdd((trainCount, testCount), sizes => new(() =>
        {
            var fashion = FashionMnist.Load();
            var train = fashion.Train.Subset(sizes.Train, seed: 0);
            var test = fashion.Test.Subset(sizes.Test, seed: 0);
            var scaler = StandardScaler.Fit(train.PixelsAsFloats(), train.PixelsPerImage);
            return (scaler.Transform(train.PixelsAsFloats()), train.Labels, scaler.Transform(test.PixelsAsFloats()), test.Labels);
        })).Value;

    /// <summary>countPerClass points per class around the given centres (any dimension), with a normal spread of sd.</summary>
    public static (float[] Rows, byte[] Labels) Blobs(double[][] centres, int countPerClass, double sd, int seed)
    {
        var random = new Random(seed);
        var rows = new List<float>();
        var labels = new List<byte>();
        for (int i = 0; i < countPerClass; i++)
            for (int c = 0; c < centres.Length; c++)
            {
                foreach (double centre in centres[c]) rows.Add((float)(centre + sd * Normal(random)));
                labels.Add((byte)c);
            }
        return (rows.ToArray(), labels.ToArray());
    }

    /// <summary>A standard normal draw (Box-Muller).</summary>
    public static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
