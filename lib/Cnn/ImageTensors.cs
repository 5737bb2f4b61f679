// ImageTensors: labeled images as the tensors a network takes: N x 1 x rows x columns floats, either in [0, 1]
// (what the GAN draws and the judge measures) or normalized with Fashion-MNIST's pixel mean and deviation
// (what the CNNs train on), and the labels as int64 class indices; and back to pixel bytes, to show them.
// The one home of pixels-to-tensors.
using System;
using System.Collections.Generic;
using System.Linq;
using TorchSharp;
using static TorchSharp.torch;

public static class ImageTensors
{
    /// <summary>Pixels / 255: N x 1 x rows x columns in [0, 1].</summary>
    public static Tensor Unit(LabeledImages data)
    {
        using var scope = NewDisposeScope();
        var bytes = tensor(data.Pixels, new long[] { data.Count, 1, data.Rows, data.Columns });
        return (bytes.to_type(ScalarType.Float32) / 255f).MoveToOuterDisposeScope();
    }

    /// <summary>Images in [0, 1] normalized with Fashion-MNIST's pixel mean and standard deviation.</summary>
    public static Tensor Normalize(Tensor unitImages) =>
        (unitImages - FashionMnist.PixelMean) / FashionMnist.PixelStandardDeviation;

    /// <summary>Pixels / 255, normalized: the CNNs' input.</summary>
    public static Tensor Normalized(LabeledImages data)
    {
        using var scope = NewDisposeScope();
        return Normalize(Unit(data)).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// The way back, to show what a network is given: normalized images N x 1 x rows x columns as N arrays of
    /// rows x columns pixel bytes (0-255, rounded, clamped).
    /// </summary>
    public static List<byte[]> PixelsOf(Tensor normalizedImages)
    {
        using var scope = NewDisposeScope();
        var bytes = (normalizedImages * FashionMnist.PixelStandardDeviation + FashionMnist.PixelMean).mul(255f).round().clamp(0, 255)
            .to_type(ScalarType.Byte).contiguous();
        long count = bytes.shape[0], size = bytes.numel() / Math.Max(1, count);
        byte[] all = bytes.data<byte>().ToArray();
        return Enumerable.Range(0, (int)count).Select(i => all.AsSpan((int)(i * size), (int)size).ToArray()).ToList();
    }

    /// <summary>The labels as an int64 tensor of class indices.</summary>
    public static Tensor Labels(LabeledImages data) => tensor(data.Labels.Select(l => (long)l).ToArray(), ScalarType.Int64);

    /// <summary>
    /// A function of a batch of images (a network, its features) applied to all of them, <paramref name="batchSize"/>
    /// at a time and without gradients, the outputs flattened per image and stacked: N x whatever it returns.
    /// </summary>
    public static Tensor InBatches(Func<Tensor, Tensor> function, Tensor images, int batchSize = 500)
    {
        using var _ = no_grad();
        var outputs = new List<Tensor>();
        for (long start = 0; start < images.shape[0]; start += batchSize)
            using (var scope = NewDisposeScope())
                outputs.Add(function(images.narrow(0, start, Math.Min(batchSize, images.shape[0] - start))).flatten(1).MoveToOuterDisposeScope());
        Tensor all = cat(outputs, 0);
        outputs.ForEach(o => o.Dispose());
        return all;
    }
}
