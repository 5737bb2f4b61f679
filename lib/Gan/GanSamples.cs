// GanSamples: the pictures a trained DcGan is for. The "ghost wardrobe" (one row per class, every item
// imagined), a walk through latent space between two noise vectors, and one noise vector dressed as every
// class (what the noise holds beyond the class: pose, thickness, brightness).
using System;
using System.Collections.Generic;
using System.Linq;
using static TorchSharp.torch;

/// <summary>Generated 28x28 images (bytes 0-255) laid out in rows, with an optional caption under each.</summary>
public sealed record GeneratedGrid(List<byte[]> Images, int Columns, IReadOnlyList<string> Captions = null)
{
    public int Rows => Images.Count / Columns;

    public PngImage Picture(int scale = 2) =>
        new ImageGrid { Columns = Columns, Scale = scale, Gap = 1 }.Render(Images, 28, 28, Captions);
}

public static class GanSamples
{
    /// <summary>The ghost wardrobe: <paramref name="perClass"/> generated items per class, one row per class, the class name under each row's first item.</summary>
    public static GeneratedGrid Wardrobe(DcGan gan, int perClass = 10, int seed = 0, IReadOnlyList<string> classNames = null)
    {
        RequireConditional(gan);
        int[] labels = Enumerable.Range(0, gan.ClassCount * perClass).Select(i => i / perClass).ToArray();
        using Tensor noise = gan.Noise(labels.Length, seed);
        return new GeneratedGrid(Images(gan, noise, labels), perClass, RowCaptions(classNames, gan.ClassCount, perClass));
    }

    /// <summary>
    /// A straight walk from one noise vector to another in <paramref name="steps"/> images, one row per class
    /// (classes 0..ClassCount-1, or one row if unconditional). Smooth change means the generator has learned a
    /// continuous space, not a lookup table of training images.
    /// </summary>
    public static GeneratedGrid Interpolation(DcGan gan, int steps = 10, int seedFrom = 1, int seedTo = 2, IReadOnlyList<string> classNames = null)
    {
        if (steps < 2) throw new ArgumentOutOfRangeException(nameof(steps), steps, "an interpolation needs at least 2 steps");
        using Tensor from = gan.Noise(1, seedFrom), to = gan.Noise(1, seedTo);
        using Tensor t = linspace(0, 1, steps).unsqueeze(1);
        using Tensor walk = from * (1 - t) + to * t; // steps x latent
        int rows = gan.IsConditional ? gan.ClassCount : 1;
        using Tensor noise = walk.repeat(rows, 1);
        int[] labels = gan.IsConditional ? Enumerable.Range(0, rows * steps).Select(i => i / steps).ToArray() : null;
        return new GeneratedGrid(Images(gan, noise, labels), steps, RowCaptions(classNames, rows, steps));
    }

    /// <summary>The same <paramref name="noiseCount"/> noise vectors (one per row) drawn as every class (one per column).</summary>
    public static GeneratedGrid SameNoiseAcrossClasses(DcGan gan, int noiseCount = 5, int seed = 3, IReadOnlyList<string> classNames = null)
    {
        RequireConditional(gan);
        if (noiseCount <= 0) throw new ArgumentOutOfRangeException(nameof(noiseCount), noiseCount, "ask for at least one noise vector");
        using Tensor vectors = gan.Noise(noiseCount, seed);
        using Tensor noise = vectors.repeat_interleave(gan.ClassCount, 0); // row r: vector r, ClassCount times
        int[] labels = Enumerable.Range(0, noiseCount * gan.ClassCount).Select(i => i % gan.ClassCount).ToArray();
        IReadOnlyList<string> captions = classNames is null ? null
            : Enumerable.Range(0, labels.Length).Select(i => i < gan.ClassCount ? classNames[i] : "").ToList();
        return new GeneratedGrid(Images(gan, noise, labels), gan.ClassCount, captions);
    }

    static List<byte[]> Images(DcGan gan, Tensor noise, int[] labels)
    {
        using Tensor images = gan.Generate(noise, labels);
        return DcGan.ToBytes(images);
    }

    // A caption under the first image of each row only: the row's class, like a label on a shelf.
    static IReadOnlyList<string> RowCaptions(IReadOnlyList<string> classNames, int rows, int columns)
    {
        if (classNames is null) return null;
        if (classNames.Count < rows) throw new ArgumentException($"{classNames.Count} class names for {rows} rows");
        return Enumerable.Range(0, rows * columns).Select(i => i % columns == 0 ? classNames[i / columns] : "").ToList();
    }

    static void RequireConditional(DcGan gan)
    {
        if (!gan.IsConditional) throw new ArgumentException("this picture needs a class-conditional GAN (classCount > 0)");
    }
}
