/// <summary>Test data for the maps (t-SNE, UMAP): clusters far apart, which any good map must keep apart.</summary>
static class GaussianClusters
{
    /// <summary>Well-separated Gaussian clusters: cluster c is centred at 20 * e_c (needs dims >= clusters), unit spread, seeded.</summary>
    public static float[] Of(int clusters, int perCluster, int dims, int seed, out int[] labels)
    {
        var random = new Random(seed);
        var rows = new float[clusters * perCluster * dims];
        labels = new int[clusters * perCluster];
        for (int c = 0; c < clusters; c++)
            for (int m = 0; m < perCluster; m++)
            {
                int i = c * perCluster + m;
                labels[i] = c;
                for (int d = 0; d < dims; d++)
                {
                    double gaussian = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
                    rows[i * dims + d] = (float)(gaussian + (d == c ? 20 : 0));
                }
            }
        return rows;
    }
}
