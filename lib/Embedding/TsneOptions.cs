// TsneOptions: the settings of a t-SNE run (lib/Embedding/Tsne.cs): perplexity, iterations, learning rate,
// exaggeration, how the repulsion is computed (Barnes-Hut or FFT interpolation) and the Barnes-Hut accuracy, seed
// and threads, each with the default of the reference implementations.
using System;

/// <summary>How t-SNE sums the repulsive forces of all pairs.</summary>
public enum TsneRepulsion
{
    /// <summary>Barnes-Hut below <see cref="TsneOptions.FftFromPoints"/> points, FFT interpolation from there on.</summary>
    Auto,
    /// <summary>A QuadTree (van der Maaten 2014): accuracy set by <see cref="TsneOptions.Theta"/>, cost N log N.</summary>
    BarnesHut,
    /// <summary>Interpolation on a grid and FFT convolution (FIt-SNE, Linderman et al. 2019): cost N plus the grid's FFT.</summary>
    Fft,
}

public sealed class TsneOptions
{
    public double Perplexity { get; set; } = 30;
    public int Iterations { get; set; } = 1000;
    /// <summary>Barnes-Hut or FFT interpolation (lib/Embedding/InterpolatedRepulsion.cs); Auto picks by N.</summary>
    public TsneRepulsion Repulsion { get; set; } = TsneRepulsion.Auto;
    /// <summary>Where Auto switches to FFT: from this many points on.</summary>
    // Measured with tests/benchmarks/pca-tsne (both methods on the same Fashion-MNIST PCA-50 points, 1000 iterations,
    // 2 cores, 2026-12-07, after the FFT's kernels were split between a fine and a coarse grid; KL exact over all
    // pairs, Tsne.ExactKlDivergence; trustworthiness k = 10 on the first 2,000, 5,000 from 40,000 on):
    //   N       Barnes-Hut s   FFT s   BH / FFT   KL BH    KL FFT   FFT over BH   trustworthiness BH, FFT
    //   10,000      4.5          3.0     1.52     1.4941   1.5577     +4.3%         0.9883, 0.9883
    //   40,000     21.2         10.1     2.11     2.1798   2.2292     +2.3%         0.9907, 0.9905
    //   70,000     38.7         19.0     2.04     2.5034   2.5389     +1.4%         0.9904, 0.9904
    // (70,000 in two other runs within the hour: 41.6 against 17.3 s, 2.40x; 44.6 against 16.6 s, 2.69x. About
    // 7 s of each run, the exact neighbours and P, is the same for both methods.) The FFT's cost follows the grid,
    // whose side follows the map's extent, not N; Barnes-Hut's grows as N log N. The FFT is faster from about 10,000
    // points, but its grid smooths the closest pairs' forces, which costs KL on small maps; from about 50,000 points
    // its KL is within 2% of Barnes-Hut's. So Auto switches there.
    public const int FftFromPoints = 50_000;
    /// <summary>Barnes-Hut accuracy: a cell acts as one point when side / distance &lt; Theta (0 is not supported; 0.5 is usual).</summary>
    public double Theta { get; set; } = 0.5;
    public double EarlyExaggeration { get; set; } = 12;
    public int ExaggerationIterations { get; set; } = 250;
    /// <summary>Step size; 0 means sklearn's 'auto': max(N / EarlyExaggeration / 4, 50).</summary>
    public double LearningRate { get; set; } = 0;
    /// <summary>Start from the first two principal components (as sklearn's init='pca'), or from seeded random noise.</summary>
    public bool PcaInitialization { get; set; } = true;
    public int Seed { get; set; } = 0;
    /// <summary>Threads to use; -1 means all cores. The result does not depend on it.</summary>
    public int MaxThreads { get; set; } = -1;
    /// <summary>Called every <see cref="ReportEvery"/> iterations and at the end with (iteration, KL divergence).</summary>
    public Action<int, double> Progress { get; set; }
    /// <summary>Called at the same moments with (iteration, a copy of the map so far): frames for an animation.</summary>
    public Action<int, float[]> Snapshot { get; set; }
    public int ReportEvery { get; set; } = 50;
}
