// DcGan: a deep convolutional GAN (Radford et al., 2015) for 28x28 grayscale images, small enough to train
// on two CPU cores. With classCount > 0 it is class-conditional (Mirza & Osindero, 2014): the generator
// reads a class embedding beside its noise, and the discriminator reads a learned 28x28 plane for the class
// beside the image, so its convolutions judge "real for this class". (A projection discriminator, Miyato &
// Koyama 2018, collapsed every class to one item here: without spectral normalization its linear class
// term rewards one best image per class.) With classCount 0 it is the plain DCGAN.
// Samples come from a running average of the generator's weights (Yazıcı et al., 2019): the trained generator
// wanders around a good solution from step to step, its average sits nearer the middle and draws cleaner,
// more varied items for one weighted sum per step.
// Images inside the networks are in [-1, 1] (the generator ends in tanh); everything handed out
// (Generate) is in [0, 1], N x 1 x 28 x 28, like pixels / 255.
using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using TorchSharp.Modules;
using static TorchSharp.torch;

/// <summary>Noise (and a class) to a 28x28 image: project to 7x7, then two transposed convolutions up to 28x28.</summary>
public sealed class GanGenerator : nn.Module<Tensor, Tensor, Tensor>
{
    readonly Embedding classEmbedding; // null in the unconditional DCGAN
    readonly Linear project;
    readonly BatchNorm1d projectNorm;
    readonly ConvTranspose2d up14;
    readonly BatchNorm2d norm14;
    readonly ConvTranspose2d up28;
    readonly int channels7;

    public GanGenerator(int latentSize, int classCount, int width) : base(nameof(GanGenerator))
    {
        channels7 = 2 * width;
        // A short class code beside the long noise, as in the classic conditional GANs (10 beside 100):
        // a class code as long as the noise drowned it, and each class came out as one item.
        int embedding = classCount > 0 ? 16 : 0;
        classEmbedding = classCount > 0 ? nn.Embedding(classCount, embedding) : null;
        project = nn.Linear(latentSize + embedding, channels7 * 7 * 7);
        projectNorm = nn.BatchNorm1d(channels7 * 7 * 7);
        up14 = nn.ConvTranspose2d(channels7, width, 4, stride: 2, padding: 1);
        norm14 = nn.BatchNorm2d(width);
        up28 = nn.ConvTranspose2d(width, 1, 4, stride: 2, padding: 1);
        RegisterComponents();
    }

    /// <param name="labels">Class of each image (int64), or null for the unconditional DCGAN.</param>
    public override Tensor forward(Tensor noise, Tensor labels)
    {
        Tensor input = classEmbedding is null ? noise : cat([noise, classEmbedding.call(labels)], 1);
        Tensor x = nn.functional.relu(projectNorm.call(project.call(input))).view(-1, channels7, 7, 7);
        x = nn.functional.relu(norm14.call(up14.call(x)));       // 7x7 -> 14x14
        return tanh(up28.call(x));                            // 14x14 -> 28x28, in [-1, 1]
    }
}

/// <summary>An image (and its class, as a second plane) to one logit, "real": two strided convolutions, then a linear score.</summary>
public sealed class GanDiscriminator : nn.Module<Tensor, Tensor, Tensor>
{
    readonly Embedding classPlane; // null in the unconditional DCGAN
    readonly Conv2d down14;
    readonly Conv2d down7;
    readonly BatchNorm2d norm7;
    readonly Linear score;

    public GanDiscriminator(int classCount, int width) : base(nameof(GanDiscriminator))
    {
        classPlane = classCount > 0 ? nn.Embedding(classCount, 28 * 28) : null;
        down14 = nn.Conv2d(classCount > 0 ? 2 : 1, width, 4, stride: 2, padding: 1);
        down7 = nn.Conv2d(width, 2 * width, 4, stride: 2, padding: 1);
        // Batch norm, as in the DCGAN paper. Real and generated batches go through separately, so a batch
        // of look-alike fakes has tell-tale statistics: that is what keeps the generator from drawing one
        // item per class whatever its noise (without it, this generator collapsed that way).
        norm7 = nn.BatchNorm2d(2 * width);
        score = nn.Linear((2 * width + 1) * 7 * 7, 1); // + the variety plane
        RegisterComponents();
    }

    /// <param name="images">N x 1 x 28 x 28 in [-1, 1].</param>
    /// <param name="labels">Class of each image (int64), or null for the unconditional DCGAN.</param>
    public override Tensor forward(Tensor images, Tensor labels)
    {
        Tensor input = classPlane is null ? images : cat([images, classPlane.call(labels).view(-1, 1, 28, 28)], 1);
        Tensor h = nn.functional.leaky_relu(down14.call(input), 0.2);                 // 28x28 -> 14x14
        h = nn.functional.leaky_relu(norm7.call(down7.call(h)), 0.2);                 // 14x14 -> 7x7
        return score.call(cat([h, Variety(h)], 1).flatten(1)).squeeze(1);
    }

    // Minibatch standard deviation (Karras et al., 2018): how much the batch's features vary, as one more
    // 7x7 plane, so that a batch of look-alikes gives itself away.
    static Tensor Variety(Tensor h)
    {
        Tensor spread = (h.var(0, unbiased: false) + 1e-8).sqrt().mean();
        return spread.expand(h.shape[0], 1, h.shape[2], h.shape[3]);
    }
}

/// <summary>A generator and its discriminator, their sizes, and how to sample, save and load them.</summary>
public sealed class DcGan : IDisposable
{
    const string FileMagic = "FashionMnist.DcGan/6";

    public int LatentSize { get; }
    /// <summary>Number of classes it is conditioned on; 0 for the unconditional DCGAN.</summary>
    public int ClassCount { get; }
    /// <summary>Channels of the first discriminator layer and of the generator's 14x14 layer (twice as many at 7x7).</summary>
    public int Width { get; }
    public bool IsConditional => ClassCount > 0;
    /// <summary>The generator being trained.</summary>
    public GanGenerator Generator { get; }
    /// <summary>The running average of <see cref="Generator"/>'s weights: the one that draws (see <see cref="UpdateAverage"/>).</summary>
    public GanGenerator AverageGenerator { get; }
    public GanDiscriminator Discriminator { get; }
    /// <summary>How many times <see cref="UpdateAverage"/> has run.</summary>
    public long AverageUpdates { get; private set; }

    /// <summary>A new, untrained GAN; <paramref name="seed"/> fixes its initial weights.</summary>
    public DcGan(int classCount = 10, int latentSize = 64, int width = 32, int seed = 0)
    {
        if (classCount < 0) throw new ArgumentOutOfRangeException(nameof(classCount), classCount, "the class count is 0 (unconditional) or more");
        if (latentSize <= 0) throw new ArgumentOutOfRangeException(nameof(latentSize), latentSize, "the latent size must be positive");
        if (width <= 0) throw new ArgumentOutOfRangeException(nameof(width), width, "the width must be positive");
        LatentSize = latentSize;
        ClassCount = classCount;
        Width = width;
        manual_seed(seed);
        Generator = new GanGenerator(latentSize, classCount, width);
        Discriminator = new GanDiscriminator(classCount, width);
        AverageGenerator = new GanGenerator(latentSize, classCount, width);
        CopyInto(AverageGenerator, Generator, 1);
        AverageGenerator.eval();
    }

    /// <summary>
    /// Moves the average a step towards the current generator: average = decay x average + (1 - decay) x weights.
    /// The decay starts low and rises to <paramref name="decay"/> (as in TensorFlow's ExponentialMovingAverage
    /// with num_updates), so that a short training is not dominated by the untrained start.
    /// </summary>
    public void UpdateAverage(double decay = 0.999)
    {
        AverageUpdates++;
        double effective = Math.Min(decay, (1.0 + AverageUpdates) / (10.0 + AverageUpdates));
        CopyInto(AverageGenerator, Generator, 1 - effective);
    }

    // target += share x (source - target) for the weights; batch norm's running statistics are copied as they are.
    static void CopyInto(GanGenerator target, GanGenerator source, double share)
    {
        using var _ = no_grad();
        foreach (var (to, from) in target.parameters().Zip(source.parameters()))
            to.lerp_(from, share);
        foreach (var (to, from) in target.buffers().Zip(source.buffers()))
            to.copy_(from);
    }

    /// <summary>Standard normal noise, count x LatentSize, the same for the same seed.</summary>
    public Tensor Noise(int count, int seed)
    {
        if (count <= 0) throw new ArgumentOutOfRangeException(nameof(count), count, "ask for at least one noise vector");
        using var generator = new Generator((ulong)seed);
        return randn([count, LatentSize], generator: generator);
    }

    /// <summary>Images for the given noise (and classes), N x 1 x 28 x 28 in [0, 1], drawn by the average generator in evaluation mode.</summary>
    public Tensor Generate(Tensor noise, IReadOnlyList<int> labels = null)
    {
        if (noise.dim() != 2 || noise.shape[1] != LatentSize)
            throw new ArgumentException($"noise of shape [{string.Join(", ", noise.shape)}] is not N x {LatentSize}");
        if (IsConditional && labels is null) throw new ArgumentException("a conditional GAN needs a class for each noise vector");
        if (labels is not null && labels.Count != noise.shape[0])
            throw new ArgumentException($"{labels.Count} classes for {noise.shape[0]} noise vectors");
        if (labels is not null && labels.Any(l => l < 0 || l >= ClassCount))
            throw new ArgumentOutOfRangeException(nameof(labels), $"classes must be in 0-{ClassCount - 1}");
        using var _ = no_grad();
        using Tensor classes = IsConditional ? LabelTensor(labels) : null;
        using Tensor images = AverageGenerator.call(noise, classes);
        return ((images + 1) / 2).clamp(0, 1);
    }

    /// <summary>Images in [0, 1] (N x 1 x 28 x 28) as bytes 0-255, one array per image, ready for ImageGrid.</summary>
    public static List<byte[]> ToBytes(Tensor images)
    {
        using Tensor bytes = (images * 255).round().clamp(0, 255).to(ScalarType.Byte).reshape(images.shape[0], -1);
        byte[] all = bytes.data<byte>().ToArray();
        int size = (int)bytes.shape[1];
        return Enumerable.Range(0, (int)bytes.shape[0]).Select(i => all.AsSpan(i * size, size).ToArray()).ToList();
    }

    public static Tensor LabelTensor(IReadOnlyList<int> labels) => tensor(labels.Select(l => (long)l).ToArray());

    /// <summary>Saves both networks and their sizes in one file (written to a temporary file, then renamed).</summary>
    public void Save(string path)
    {
        string folder = Path.GetDirectoryName(Path.GetFullPath(path));
        Directory.CreateDirectory(folder);
        string temporary = path + ".partial";
        using (var writer = new BinaryWriter(File.Create(temporary)))
        {
            writer.Write(FileMagic);
            writer.Write(LatentSize);
            writer.Write(ClassCount);
            writer.Write(Width);
            writer.Write(AverageUpdates);
            Generator.save(writer);
            AverageGenerator.save(writer);
            Discriminator.save(writer);
        }
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>A GAN saved by <see cref="Save"/>.</summary>
    public static DcGan Load(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"no GAN checkpoint at {path}", path);
        using var reader = new BinaryReader(File.OpenRead(path));
        string magic;
        try { magic = reader.ReadString(); }
        catch (Exception e) when (e is EndOfStreamException or IOException) { magic = null; }
        if (magic is not null && magic != FileMagic && magic.StartsWith("FashionMnist.DcGan/"))
            throw new InvalidDataException($"{path} is a GAN checkpoint of an older format ({magic}, expected {FileMagic}): train it again");
        if (magic != FileMagic) throw new InvalidDataException($"{path} is not a GAN checkpoint (expected the header {FileMagic})");
        int latentSize = reader.ReadInt32(), classCount = reader.ReadInt32(), width = reader.ReadInt32();
        var gan = new DcGan(classCount, latentSize, width) { AverageUpdates = reader.ReadInt64() };
        gan.Generator.load(reader);
        gan.AverageGenerator.load(reader);
        gan.Discriminator.load(reader);
        return gan;
    }

    public override string ToString() =>
        $"{(IsConditional ? $"conditional DCGAN ({ClassCount} classes)" : "DCGAN")}, latent {LatentSize}, width {Width}, " +
        $"{Parameters(Generator):N0} generator and {Parameters(Discriminator):N0} discriminator parameters";

    static long Parameters(nn.Module module) => module.parameters().Sum(p => p.numel());

    public void Dispose()
    {
        Generator.Dispose();
        AverageGenerator.Dispose();
        Discriminator.Dispose();
    }
}
