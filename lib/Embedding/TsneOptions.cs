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
    /// <summary>Where Auto switches to FFT: from this many points on (for now never; see the measurement below).</summary>
    // Measured with tests/benchmarks/pca-tsne (both methods on the same Fashion-MNIST PCA-50 points, 1000
    // iterations, 2 cores shared with a load average of about 12, 2026-12-01):
    //   N      Barnes-Hut: s, CPU s, KL, trust.    FFT: s, CPU s, KL, trust.     largest |coordinate|
    //   2,000  5.2, 3.2, 0.868, 0.9919              35.0, 21.6, 0.892, 0.9916     63
    //   5,000  16.3, 7.8, 1.203, 0.9898             189, 40.6, 1.246, 0.9896      75
    // The FFT's cost follows the grid, whose side follows the map's extent (here about N^0.19), while Barnes-Hut's
    // follows N log N: extrapolated, their CPU seconds cross near N = 40,000, and in wall time later (the FFT runs
    // on one thread). So Auto keeps Barnes-Hut at every size measured; lower this when the 70,000-point run
    // (run.sh --tsne-n 70000 --no-peer-tsne, which times both) shows the FFT ahead on quiet cores.
    public const int FftFromPoints = int.MaxValue;
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
