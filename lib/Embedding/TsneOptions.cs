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
    /// <summary>
    /// Where Auto switches to FFT: the smallest N at which it was faster on this project's 2-core machine
    /// (see <see cref="TsneOptions.FftFromPoints"/>'s measurement in the code).
    /// </summary>
    public const int FftFromPoints = 20_000;
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
