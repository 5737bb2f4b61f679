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
        AtomicFile.Write(path, file =>
        {
            using var writer = new BinaryWriter(file, System.Text.Encoding.UTF8, leaveOpen: true);
            writer.Write(FileMagic);
            writer.Write(LatentSize);
            writer.Write(ClassCount);
            writer.Write(Width);
            writer.Write(AverageUpdates);
            Generator.save(writer);
            AverageGenerator.save(writer);
            Discriminator.save(writer);
        });
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
        $"{CnnModels.ParameterCount(Generator):N0} generator and {CnnModels.ParameterCount(Discriminator):N0} discriminator parameters";

    public void Dispose()
    {
        Generator.Dispose();
        AverageGenerator.Dispose();
        Discriminator.Dispose();
    }
}
