// Parallelism: how many threads lib's parallel loops use (t-SNE, the exact neighbour lists, trustworthiness).
// At most one per core unless told otherwise: a notebook kernel's thread pool grows far beyond the cores, and
// letting Parallel.For use all of its threads made small work items fight for two cores, spinning in the kernel.
using System;
using System.Threading.Tasks;

public static class Parallelism
{
    /// <summary>At most <paramref name="maxThreads"/> threads, or one per core when it is not positive.</summary>
    public static ParallelOptions Options(int maxThreads) =>
        new() { MaxDegreeOfParallelism = maxThreads > 0 ? maxThreads : Environment.ProcessorCount };
}
