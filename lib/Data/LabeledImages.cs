// LabeledImages: a set of same-sized grayscale images with one class label each, as IDX files store them.
// Pixels stay bytes (47 MB for all of Fashion-MNIST's training set); floats in [0, 1] are made on request.
using System;
using System.Collections.Generic;
using System.Linq;

public sealed class LabeledImages
{
    /// <summary>All pixels, image after image, row-major: Count x Rows x Columns bytes.</summary>
    public byte[] Pixels { get; }
    public byte[] Labels { get; }
    public int Count => Labels.Length;
    public int Rows { get; }
    public int Columns { get; }
    public int PixelsPerImage => Rows * Columns;
    public int ClassCount { get; }

    public LabeledImages(byte[] pixels, byte[] labels, int rows, int columns, int classCount = 10)
    {
        if (rows <= 0 || columns <= 0) throw new ArgumentException($"image size {rows}x{columns} is not positive");
        if (pixels.LongLength != (long)labels.Length * rows * columns)
            throw new ArgumentException($"{pixels.LongLength} pixels do not make {labels.Length} images of {rows}x{columns}");
        Pixels = pixels;
        Labels = labels;
        Rows = rows;
        Columns = columns;
        ClassCount = classCount;
    }

    /// <summary>Reads an images file and its labels file (IDX, gzip or raw) and checks that they belong together.</summary>
    public static LabeledImages Load(string imagesPath, string labelsPath, int classCount = 10)
    {
        IdxArray images = Idx.Read(imagesPath);
        IdxArray labels = Idx.Read(labelsPath);
        const long firstLabelOffset = 8; // magic (4) + one dimension (4)
        if (images.ElementType != IdxElementType.UnsignedByte || images.Rank != 3)
            throw new IdxFormatException(imagesPath, 2, $"expected images as unsigned bytes of rank 3 (count x rows x columns), found {images}");
        if (labels.ElementType != IdxElementType.UnsignedByte || labels.Rank != 1)
            throw new IdxFormatException(labelsPath, 2, $"expected labels as unsigned bytes of rank 1, found {labels}");
        if (images.Shape[0] != labels.Shape[0])
            throw new IdxFormatException(labelsPath, 4,
                $"{labels.Shape[0]} labels, but the images file {imagesPath} holds {images.Shape[0]} images: expected one label per image");
        byte[] labelBytes = labels.AsBytes();
        int bad = Array.FindIndex(labelBytes, l => l >= classCount);
        if (bad >= 0)
            throw new IdxFormatException(labelsPath, firstLabelOffset + bad,
                $"label {labelBytes[bad]} of item {bad} is outside 0-{classCount - 1}");
        return new LabeledImages(images.AsBytes(), labelBytes, images.Shape[1], images.Shape[2], classCount);
    }

    public ReadOnlySpan<byte> Image(int index) => Pixels.AsSpan(index * PixelsPerImage, PixelsPerImage);

    /// <summary>One image's pixels scaled to [0, 1] (divided by 255, so that white is exactly 1).</summary>
    public float[] ImageAsFloats(int index) => ToUnitFloats(Image(index));

    /// <summary>All pixels scaled to [0, 1], Count x Rows x Columns floats.</summary>
    public float[] PixelsAsFloats() => ToUnitFloats(Pixels);

    /// <summary>Pixels 0-255 as floats in [0, 1]: the one place in lib/ that turns pixel bytes into numbers.</summary>
    public static float[] ToUnitFloats(ReadOnlySpan<byte> bytes)
    {
        var floats = new float[bytes.Length];
        ToUnitFloats(bytes, floats);
        return floats;
    }

    /// <summary>Pixels 0-255 as floats in [0, 1], written into <paramref name="floats"/> (as long as the bytes).</summary>
    public static void ToUnitFloats(ReadOnlySpan<byte> bytes, Span<float> floats)
    {
        for (int i = 0; i < bytes.Length; i++) floats[i] = bytes[i] / 255f;
    }

    public int[] CountPerClass()
    {
        var counts = new int[ClassCount];
        foreach (byte label in Labels) counts[label]++;
        return counts;
    }

    /// <summary>The images at the given indices, in that order.</summary>
    public LabeledImages Select(IReadOnlyList<int> indices)
    {
        var pixels = new byte[indices.Count * PixelsPerImage];
        var labels = new byte[indices.Count];
        for (int i = 0; i < indices.Count; i++)
        {
            Image(indices[i]).CopyTo(pixels.AsSpan(i * PixelsPerImage));
            labels[i] = Labels[indices[i]];
        }
        return new LabeledImages(pixels, labels, Rows, Columns, ClassCount);
    }

    /// <summary>A seeded random subset with every class in the same share as the whole (quick mode, small demos).</summary>
    public LabeledImages Subset(int count, int seed = 0) => Select(StratifiedSample(count, seed));

    /// <summary>
    /// <paramref name="count"/> distinct indices, ascending, drawn by a seeded shuffle with every class in the same
    /// share as the whole: each class gets its share of <paramref name="count"/> rounded down, the images left over go
    /// to the classes with the largest remainders (the lower label first on a tie), so every class is within one
    /// image of its exact share; within a class, the first ones of the shuffled order are taken.
    /// </summary>
    public int[] StratifiedSample(int count, int seed = 0)
    {
        if (count <= 0 || count > Count) throw new ArgumentOutOfRangeException(nameof(count), count, $"a subset needs 1 to {Count} images");
        int[] quotas = StratifiedQuotas(CountPerClass(), count);
        var order = Enumerable.Range(0, Count).ToArray();
        new Random(seed).Shuffle(order);
        var taken = new int[ClassCount];
        var chosen = new List<int>(count);
        foreach (int i in order)
            if (taken[Labels[i]] < quotas[Labels[i]])
            {
                taken[Labels[i]]++;
                chosen.Add(i);
            }
        chosen.Sort();
        return chosen.ToArray();
    }

    /// <summary>How many of <paramref name="count"/> images each class gets so that every class keeps its share (largest remainders).</summary>
    public static int[] StratifiedQuotas(int[] classCounts, int count)
    {
        long total = classCounts.Sum(n => (long)n);
        if (count < 0 || count > total) throw new ArgumentOutOfRangeException(nameof(count), count, $"a share of {total} images needs 0 to {total} of them");
        var quotas = classCounts.Select(n => (int)((long)count * n / total)).ToArray();
        var byRemainder = Enumerable.Range(0, classCounts.Length).OrderByDescending(c => (long)count * classCounts[c] % total).ThenBy(c => c);
        foreach (int c in byRemainder.Take(count - quotas.Sum())) quotas[c]++;
        return quotas;
    }

    /// <summary>The first index of each class, after a seeded shuffle: examples for a picture.</summary>
    public int[] ExamplesOfClass(int label, int count, int seed = 0)
    {
        var order = Enumerable.Range(0, Count).Where(i => Labels[i] == label).ToArray();
        new Random(seed).Shuffle(order);
        return order.Take(count).ToArray();
    }

    public override string ToString() => $"{Count} images of {Rows}x{Columns}, {ClassCount} classes";
}
