// UmapOptions: the settings of a UMAP run (lib/Embedding/Umap.cs): neighbourhood size, how tightly the map packs
// points, epochs, learning rate, negative sampling, start, seed and threads, each with umap-learn's default.
using System;

public sealed class UmapOptions
{
    /// <summary>Neighbourhood size, counting the point itself as umap-learn's n_neighbors does (15: the 14 nearest others).</summary>
    public int NeighborCount { get; set; } = 15;
    /// <summary>How close points may sit in the map: the distance below which the map's similarity stays 1.</summary>
    public double MinDistance { get; set; } = 0.1;
    /// <summary>The scale over which the map's similarity falls off beyond <see cref="MinDistance"/>.</summary>
    public double Spread { get; set; } = 1.0;
    /// <summary>Passes over the graph; 0 means umap-learn's choice: 500 for up to 10,000 points, 200 above.</summary>
    public int Epochs { get; set; } = 0;
    /// <summary>The first epoch's step size; it falls linearly to 0 over the epochs.</summary>
    public double LearningRate { get; set; } = 1.0;
    /// <summary>Random points pushed away for each sampled edge.</summary>
    public int NegativeSampleRate { get; set; } = 5;
    /// <summary>Weight of the push relative to the pull (umap-learn's repulsion_strength, gamma).</summary>
    public double RepulsionStrength { get; set; } = 1.0;
    /// <summary>Start from the graph's spectral embedding (umap-learn's init='spectral'), or from seeded uniform noise.</summary>
    public bool SpectralInitialization { get; set; } = true;
    public int Seed { get; set; } = 0;
    /// <summary>Threads for the neighbours and the graph; -1 means all cores. The layout itself runs on one thread,
    /// so the result does not depend on it.</summary>
    public int MaxThreads { get; set; } = -1;
    /// <summary>Called every <see cref="ReportEvery"/> epochs and at the end with (epochs done, a copy of the map so far).</summary>
    public Action<int, float[]> Progress { get; set; }
    public int ReportEvery { get; set; } = 50;
}
