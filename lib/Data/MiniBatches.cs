// MiniBatches: seeded, shuffled mini-batches over labeled images, like the original's TensorFlow
// `mnist.train.next_batch(100)`: each epoch visits every image once, in a new order; a batch never
// straddles two epochs, so the last batch of an epoch may be smaller.
using System;
using System.Collections.Generic;
using System.Linq;

public sealed record MiniBatch(float[] Images, byte[] Labels, int[] Indices)
{
    public int Count => Labels.Length;
}

public sealed class MiniBatches
{
    readonly LabeledImages _data;
    readonly Random _random;
    readonly int[] _order;
    int _position;

    /// <summary>Completed passes over the data.</summary>
    public int Epoch { get; private set; }

    public MiniBatches(LabeledImages data, int seed = 0)
    {
        _data = data;
        _random = new Random(seed);
        _order = Enumerable.Range(0, data.Count).ToArray();
        _random.Shuffle(_order);
    }

    /// <summary>The next batch of up to <paramref name="size"/> images, pixels in [0, 1].</summary>
    public MiniBatch Next(int size = 100)
    {
        if (size <= 0) throw new ArgumentOutOfRangeException(nameof(size), size, "a batch needs at least one image");
        if (_position == _order.Length)
        {
            Epoch++;
            _position = 0;
            _random.Shuffle(_order);
        }
        int count = Math.Min(size, _order.Length - _position);
        var indices = _order.AsSpan(_position, count).ToArray();
        _position += count;

        int pixels = _data.PixelsPerImage;
        var images = new float[count * pixels];
        var labels = new byte[count];
        for (int i = 0; i < count; i++)
        {
            LabeledImages.ToUnitFloats(_data.Image(indices[i]), images.AsSpan(i * pixels, pixels));
            labels[i] = _data.Labels[indices[i]];
        }
        return new MiniBatch(images, labels, indices);
    }

    /// <summary>The batches of one whole epoch.</summary>
    public IEnumerable<MiniBatch> NextEpoch(int size = 100)
    {
        if (_position != 0 && _position != _order.Length)
            throw new InvalidOperationException("the current epoch is part-way through; finish it with Next() first");
        do yield return Next(size);
        while (_position < _order.Length);
    }
}
