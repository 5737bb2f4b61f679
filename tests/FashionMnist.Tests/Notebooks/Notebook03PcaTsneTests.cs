using System.Globalization;
using System.Text.RegularExpressions;
using Xunit;

/// <summary>What notebook 03-pca-tsne.ipynb must show its reader (quick mode: 3,000 images, 1,000 in the exact t-SNE).</summary>
public partial class NotebookTests
{
    static void Expect03PcaTsne(ExecutedNotebook notebook)
    {
        string text = notebook.Text;

        // PCA written in the cells (covariance matrix, eigh) is lib's Pca.Fit: components up to sign, and ratios.
        var pca = Regex.Match(text, @"largest difference from lib's PCA over the first 50 components: (\S+) \(explained-variance ratios: (\S+)\)");
        Assert.True(pca.Success, "the cell PCA is compared with lib's");
        Assert.True(Notebook03Figures.Number(pca, 1) < 1e-4, $"the cells' components differ from lib's by {pca.Groups[1].Value}");
        Assert.True(Notebook03Figures.Number(pca, 2) < 1e-4, $"the cells' explained-variance ratios differ from lib's by {pca.Groups[2].Value}");
        double totalVariance = Notebook03Figures.Number(Regex.Match(text, @"sum of the 784 pixel variances\): (\S+)"), 1);
        double eigenvalueSum = Notebook03Figures.Number(Regex.Match(text, @"the 784 eigenvalues sum to (\S+), the total variance of step 1"), 1);
        Assert.InRange(totalVariance, 60, 75);   // 68.21 in quick mode
        Assert.InRange(eigenvalueSum, totalVariance - 0.02, totalVariance + 0.02);
        Assert.Matches(@"50 components explain 8\d\.\d ?% of the variance", text);

        // One point's sigma, found by bisection, reaches the perplexity asked; lib's calibration gives the same p(j|i).
        var sigma = Regex.Match(text, @"after 50 steps: sigma (\S+) gives perplexity (\S+) \(asked: 30\)");
        Assert.True(sigma.Success, "the one-point search prints its sigma and perplexity");
        Assert.InRange(Notebook03Figures.Number(sigma, 2), 29.99, 30.01);
        Assert.InRange(Notebook03Figures.Number(sigma, 1), 0.3, 5.0);   // 1.17 in quick mode
        Assert.True(Notebook03Figures.Number(Regex.Match(text, @"Tsne.ConditionalProbabilities on the same distances: largest difference (\S+)"), 1) < 1e-5);
        var all = Regex.Match(text, @"sums to (\S+); perplexities (\S+) to (\S+);");
        Assert.InRange(Notebook03Figures.Number(all, 1), 0.999, 1.001);
        Assert.InRange(Notebook03Figures.Number(all, 2), 29.9, 30.1);
        Assert.InRange(Notebook03Figures.Number(all, 3), 29.9, 30.1);

        // The gradient formula is autograd's gradient of the KL code.
        var gradient = Regex.Match(text, @"differs from autograd's by at most (\S+), its largest entry being (\S+)");
        Assert.True(Notebook03Figures.Number(gradient, 1) < 1e-6 * Notebook03Figures.Number(gradient, 2), $"formula vs autograd: {gradient.Value}");

        // The exact t-SNE of the cells and lib's Barnes-Hut t-SNE agree on the same points (0.650 and 0.654,
        // trustworthiness 0.989 both, in quick mode): KL within 0.05 of each other, trustworthiness within 0.005.
        Assert.Matches(@"exact t-SNE of 1,000 images: iteration 500, KL divergence \d\.\d{3}", text);
        var kl = Regex.Match(text, @"KL divergence \(exact P and Q\): the cells' map (\S+), lib's map (\S+)");
        Assert.True(kl.Success, "both maps' KL divergences are printed");
        Assert.InRange(Notebook03Figures.Number(kl, 1), 0.55, 0.75);
        Assert.InRange(Notebook03Figures.Number(kl, 2), 0.55, 0.75);
        Assert.True(Math.Abs(Notebook03Figures.Number(kl, 1) - Notebook03Figures.Number(kl, 2)) < 0.05, kl.Value);
        var trustBoth = Regex.Match(text, @"trustworthiness \(k = 10\): the cells' map (\S+), lib's map (\S+)");
        Assert.InRange(Notebook03Figures.Number(trustBoth, 1), 0.98, 1.0);
        Assert.InRange(Notebook03Figures.Number(trustBoth, 2), 0.98, 1.0);
        Assert.True(Math.Abs(Notebook03Figures.Number(trustBoth, 1) - Notebook03Figures.Number(trustBoth, 2)) < 0.005, trustBoth.Value);

        // The push on lib's map summed three ways: the quadtree and the grid both near the exact sum (0.4% and 1.0% off
        // in quick mode); Auto keeps Barnes-Hut for the quick run's 3,000 images.
        var push = Regex.Match(text, @"repulsion of 1,000 points: exact \d+ ms; Barnes-Hut [\d.]+ ms, off by (\S+)%; FFT grid [\d.]+ ms, off by (\S+)%");
        Assert.True(push.Success, "the three sums of the push are printed");
        Assert.InRange(Notebook03Figures.Number(push, 1), 0.01, 3.0);
        Assert.InRange(Notebook03Figures.Number(push, 2), 0.01, 3.0);
        Assert.Matches(@"lib's t-SNE sums by FFT from [\d,]+ points on: for this run's 3,000 images, Barnes-Hut", text);

        // lib's t-SNE of all the run's images, with its live progress at its last update (KL 1.148 in quick mode).
        var run = Regex.Match(text, @"t-SNE of 3,000 images in \d+ s \(Barnes-Hut\): final KL divergence (\d\.\d{3})");
        Assert.True(run.Success, "the full t-SNE reports its KL divergence");
        Assert.InRange(Notebook03Figures.Number(run, 1), 1.0, 1.3);
        Assert.Matches(@"t-SNE of 3,000 images: iteration 500, KL divergence \d\.\d{3}", text);
        var trust = Regex.Match(text, @"trustworthiness \(k = 10\) of the first 3,000 points: (\S+)");
        Assert.InRange(Notebook03Figures.Number(trust, 1), 0.985, 1.0);   // 0.992 in quick mode

        // UMAP's ingredients written out agree with lib's: one point's rho and sigma (its memberships add up to log2 15),
        // one edge's fuzzy union, the fitted curve (umap-learn's a and b for min_dist 0.1, spread 1).
        var scale = Regex.Match(text, @"first image: ρ = (\S+), σ = (\S+), memberships adding up to (\S+) \(log₂ 15 = 3\.9069\); lib's Umap\.LocalScale: ρ = (\S+), σ = (\S+)");
        Assert.True(scale.Success, "the one-point rho and sigma are printed beside lib's");
        Assert.Equal((scale.Groups[1].Value, scale.Groups[2].Value), (scale.Groups[4].Value, scale.Groups[5].Value));
        Assert.InRange(Notebook03Figures.Number(scale, 3), 3.9068, 3.9070);
        Assert.InRange(Notebook03Figures.Number(scale, 2), 0.05, 5.0);   // 0.420 in quick mode
        var union = Regex.Match(text, @"edge to its 10th neighbour \(image \d+\): (\S+) one way, (\S+) back; fuzzy union (\S+); lib's graph: (\S+)");
        Assert.True(union.Success, "one edge's fuzzy union is printed beside lib's graph");
        double there = Notebook03Figures.Number(union, 1), back = Notebook03Figures.Number(union, 2);
        Assert.InRange(Notebook03Figures.Number(union, 3), there + back - there * back - 1e-4, there + back - there * back + 1e-4);
        Assert.Equal(union.Groups[3].Value, union.Groups[4].Value);
        Assert.Contains("fitted: a = 1.5769, b = 0.8951", text);

        // UMAP beside t-SNE on the same 3,000 images, scored the same two ways: bands around the quick mode's values
        // (trustworthiness 0.992 t-SNE and 0.986 UMAP; 10-NN accuracy on the map 0.753 and 0.736).
        Assert.Matches(@"UMAP of 3,000 images in \d+ s \(neighbours [\d.]+ s, graph and start [\d.]+ s, layout [\d.]+ s\); start: spectral \(\d+ graph products\); 500 epochs", text);
        var umapTrust = Regex.Match(text, @"trustworthiness \(k = 10\), the same first 3,000 points: t-SNE (\S+), UMAP (\S+)");
        Assert.Equal(trust.Groups[1].Value, umapTrust.Groups[1].Value);   // the same t-SNE map
        Assert.InRange(Notebook03Figures.Number(umapTrust, 2), 0.975, 1.0);
        var mapAccuracy = Regex.Match(text, @"10-NN accuracy on the map: t-SNE (\S+), UMAP (\S+)");
        Assert.InRange(Notebook03Figures.Number(mapAccuracy, 1), 0.69, 0.82);
        Assert.InRange(Notebook03Figures.Number(mapAccuracy, 2), 0.67, 0.80);

        // Perplexity 5, 30 and 100: a trustworthiness each and the three maps side by side in one picture.
        foreach (string perplexity in new[] { "5", "30", "100" })
            Assert.InRange(Notebook03Figures.Number(Regex.Match(text, $@"perplexity {perplexity}: trustworthiness \(k = 10\) (\S+)"), 1), 0.97, 1.0);
        Assert.Contains(notebook.PngImages, png => Notebook03Figures.Width(png) > 2.3 * Notebook03Figures.Height(png));

        Assert.True(notebook.PngImages.Count >= 7, "mean and variance, covariance rows, components, reconstructions, the two exact maps, t-SNE and UMAP, the three perplexities");
        Assert.True(notebook.PlotlyCharts >= 10, "variance curve, 2-D and 3-D PCA, perplexity vs sigma, Gaussian vs Student-t, the exact map, the full map, its slider, UMAP's curve, the Try it map");
    }
}

/// <summary>Figures as notebook 03 prints them, read back for its assertions.</summary>
static class Notebook03Figures
{
    public static double Number(Match match, int group)
    {
        Assert.True(match.Success, "a printed figure is missing");
        return double.Parse(match.Groups[group].Value.TrimEnd('.', ','), NumberStyles.Float, CultureInfo.InvariantCulture);
    }

    // A PNG's size from its header (IHDR: width and height, big-endian, at bytes 16 and 20).
    public static int Width(byte[] png) => System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16, 4));
    public static int Height(byte[] png) => System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20, 4));
}
