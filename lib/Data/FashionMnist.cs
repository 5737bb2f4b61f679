// FashionMnist: the data set as a reader meets it: train and test sets, the ten class names, and where
// the files live. Load() finds the project's data/ folder, fetching and verifying the files when missing.
using System.IO;
using System.Linq;
using System.Threading.Tasks;

public sealed class FashionMnist
{
    public static readonly string[] ClassNames =
    [
        "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
        "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot",
    ];

    /// <summary>The mean and standard deviation of all training pixels in [0, 1]: what networks normalize with.</summary>
    public const float PixelMean = 0.2860f, PixelStandardDeviation = 0.3530f;

    public LabeledImages Train { get; }
    public LabeledImages Test { get; }
    public string Folder { get; }

    FashionMnist(LabeledImages train, LabeledImages test, string folder)
    {
        Train = train;
        Test = test;
        Folder = folder;
    }

    /// <summary>Loads Fashion-MNIST from <paramref name="folder"/> (default: data/fashion), getting the files first if they are missing.</summary>
    public static FashionMnist Load(string folder = null)
    {
        folder ??= Path.Combine(ProjectFolders.Data, "fashion");
        if (!DatasetFiles.FashionMnist.Files.All(f => File.Exists(Path.Combine(folder, f.Name))))
            DatasetFiles.Ensure(DatasetFiles.FashionMnist, folder);
        return LoadFolder(folder);
    }

    /// <summary>Loads any MNIST-layout folder (the four files under their usual names), e.g. the original MNIST in data/mnist.</summary>
    public static FashionMnist LoadFolder(string folder)
    {
        string File(string prefix) => FindFile(folder, prefix);
        var train = Task.Run(() => LabeledImages.Load(File("train-images-idx3-ubyte"), File("train-labels-idx1-ubyte")));
        var test = LabeledImages.Load(File("t10k-images-idx3-ubyte"), File("t10k-labels-idx1-ubyte"));
        return new FashionMnist(train.GetAwaiter().GetResult(), test, folder);
    }

    /// <summary>True when an MNIST-layout folder holds all four files (gzip or raw).</summary>
    public static bool FolderHasAllFiles(string folder) =>
        new[] { "train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte" }
            .All(prefix => TryFindFile(folder, prefix) is not null);

    static string FindFile(string folder, string prefix) =>
        TryFindFile(folder, prefix) ?? throw new FileNotFoundException($"{folder}: no {prefix} or {prefix}.gz file", Path.Combine(folder, prefix + ".gz"));

    static string TryFindFile(string folder, string prefix)
    {
        foreach (string name in new[] { prefix + ".gz", prefix })
            if (System.IO.File.Exists(Path.Combine(folder, name))) return Path.Combine(folder, name);
        return null;
    }

    public override string ToString() => $"Fashion-MNIST in {Folder}: train {Train}; test {Test}";
}
