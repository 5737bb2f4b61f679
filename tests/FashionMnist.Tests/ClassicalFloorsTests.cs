using Xunit;
using Xunit.Abstractions;

/// <summary>
/// Every classifier family of the quick grid, fitted on a small slice of the real data (2,000 training images,
/// scored on 1,000 test images, pixels standardized as the benchmark does) and held to a floor of its own, set
/// from what it really reaches there minus a stated margin. A family that learns nothing (say a pipeline that
/// parts features from labels) falls far below its floor; guessing scores 0.10.
/// </summary>
public class ClassicalFloorsTests(ITestOutputHelper output)
{
    /// <summary>What each family reached on this slice (one run, 2026-12-01); its floor is this minus the margin below.</summary>
    static readonly Dictionary<string, double> Reached = new()
    {
        ["LbfgsMaximumEntropy"] = 0.796,
        ["SdcaMaximumEntropy"] = 0.807,
        ["AveragedPerceptron"] = 0.789,
        ["LinearSvm"] = 0.786,
        ["FastTree"] = 0.812,
        ["FastForest"] = 0.803,
        ["LightGbm"] = 0.835,
        ["KNearestNeighbors"] = 0.772,
        ["GaussianNaiveBayes"] = 0.489,
        ["MlpClassifier"] = 0.834,
        ["RbfSvmRandomFeatures"] = 0.810,
        ["KernelSvm"] = 0.831,
        ["Perceptron"] = 0.682,
        ["PassiveAggressive"] = 0.748,
        ["Sgd"] = 0.794,
        ["LinearSvc"] = 0.722,
        ["DecisionTree"] = 0.708,
        ["ExtraTree"] = 0.688,
        ["RandomForest"] = 0.804,
    };

    /// <summary>Seeded models on fixed slices vary little; the margin covers threads and float rounding: 3 points.</summary>
    const double Margin = 0.03;


    public static TheoryData<string> Configurations()
    {
        var data = new TheoryData<string>();
        foreach (var configuration in BenchmarkCatalog.QuickGrid()) data.Add(configuration.Key);
        return data;
    }

    [Theory]
    [MemberData(nameof(Configurations))]
    public void Family_reaches_its_floor_on_a_slice_of_the_real_data(string key)
    {
        var configuration = BenchmarkCatalog.QuickGrid().Single(c => c.Key == key);
        var (train, trainLabels, test, testLabels) = ClassifierData.RealSlice(2_000, 1_000);
        var model = configuration.Create(0);
        model.Fit(train, trainLabels, 784);
        double accuracy = Evaluation.AccuracyOf(model.Predict(test), testLabels);
        output.WriteLine($"{configuration.Family}: {accuracy:F4}");
        Assert.True(Reached.ContainsKey(configuration.Family), $"{configuration.Family} has no floor: it reached {accuracy:F4}");
        double floor = Reached[configuration.Family] - Margin;
        Assert.True(accuracy >= floor, $"{key}: accuracy {accuracy:F4} on the slice, below its floor {floor:F4} (it reached {Reached[configuration.Family]:F4})");
    }

    [Theory]
    [InlineData("KNearestNeighbors")]
    [InlineData("GaussianNaiveBayes")]
    public void A_family_trained_on_labels_parted_from_their_images_falls_far_below_its_floor(string family)
    {
        // The broken variant the floors are there to catch: the same images, the labels shuffled away from them.
        var configuration = BenchmarkCatalog.QuickGrid().First(c => c.Family == family);
        var (train, trainLabels, test, testLabels) = ClassifierData.RealSlice(2_000, 1_000);
        byte[] parted = (byte[])trainLabels.Clone();
        new Random(1).Shuffle(parted);
        var model = configuration.Create(0);
        model.Fit(train, parted, 784);
        double accuracy = Evaluation.AccuracyOf(model.Predict(test), testLabels);
        Assert.True(accuracy < Reached[family] - Margin - 0.2, $"{family} on parted labels: {accuracy:F4}, not far below its floor");
    }
}
