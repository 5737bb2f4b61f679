// TensorMemory: moving numbers between .NET arrays and libtorch tensors at memory speed, and running libtorch work
// on one thread. TorchSharp's TensorAccessor CopyTo and CopyFrom go element by element: 40 times as slow as a plain
// copy for a grid of 1,250 x 626 complex numbers (12 ms against 0.3 ms), which mattered in the FFT t-SNE's every
// iteration and in the neighbour search's every block. Used by lib/Embedding/InterpolatedRepulsion.cs and
// lib/Embedding/ExactNeighbors.cs.
using System;
using System.Runtime.InteropServices;
using TorchSharp;
using static TorchSharp.torch;

public static class TensorMemory
{
    /// <summary>A contiguous single-precision tensor's values, in libtorch's memory: no copy.</summary>
    public static Span<float> FloatsOf(Tensor tensor)
    {
        if (tensor.dtype != ScalarType.Float32)
            throw new ArgumentException($"needs a single-precision tensor, got {tensor.dtype}", nameof(tensor));
        return MemoryMarshal.Cast<byte, float>(tensor.bytes);
    }

    /// <summary>A new single-precision tensor of the given shape holding <paramref name="values"/>, copied into libtorch's memory.</summary>
    public static Tensor Copy(ReadOnlySpan<float> values, params long[] shape)
    {
        Tensor tensor = torch.empty(shape, ScalarType.Float32);
        Span<float> target = FloatsOf(tensor);
        if (values.Length != target.Length)
            throw new ArgumentException($"{values.Length} values do not fill a tensor of shape [{string.Join(", ", shape)}]", nameof(values));
        values.CopyTo(target);
        return tensor;
    }

    /// <summary>
    /// Runs <paramref name="work"/> with libtorch on one thread (a setting of the calling thread, put back after):
    /// its OpenMP workers spin for a while after each parallel region and would take the CPU from .NET threads
    /// working meanwhile on a machine of few cores; and one thread's results do not depend on the core count.
    /// </summary>
    public static T OnOneThread<T>(Func<T> work)
    {
        int threads = torch.get_num_threads();
        torch.set_num_threads(1);
        try { return work(); }
        finally { torch.set_num_threads(threads); }
    }
}
