using System.Text.Json;
using System.Text.RegularExpressions;
using Xunit;

/// <summary>Every notebook in notebooks/, executed top to bottom in the real kernel (quick mode), and what it shows.</summary>
[Collection(KernelCollection.Name)]
public class NotebookTests(ExecutedSite site)
{
    public static TheoryData<string> Notebooks()
    {
        var data = new TheoryData<string>();
        foreach (string path in Directory.GetFiles(ProjectFolders.Notebooks, "*.ipynb").Order())
            data.Add(Path.GetFileName(path));
        return data;
    }

    /// <summary>What each notebook must show a reader, beyond running without an error.</summary>
    static readonly Dictionary<string, Action<ExecutedNotebook>> Expectations = new()
    {
        ["01-loading.ipynb"] = notebook =>
        {
            Assert.True(notebook.PlotlyCharts >= 2, "the class balance and the batch's labels are Plotly charts");
            foreach (string name in FashionMnist.ClassNames)
                Assert.Contains($"{name} 6000", notebook.Text);
            Assert.Contains("60,000 training and 10,000 test images of 28x28", notebook.Text);
            Assert.Contains("00 00 08 03 00 00 EA 60 00 00 00 1C 00 00 00 1C", notebook.Text);
            Assert.True(notebook.PngImages.Count >= 2, "the sample grid and the batch are pictures");
        },
        ["02-visualization.ipynb"] = notebook =>
        {
            var sprite = new PngImage(notebook.PngImages[0], 0, 0).DecodeGray();
            Assert.Equal(File.ReadAllBytes(Sprite.ReadmePicturePath), notebook.PngImages[0]);
            Assert.Equal(30 * 28 * 30 * 28, sprite.Length);
            Assert.True(notebook.PngImages.Count >= 15, "sprite, ten galleries, means, deviations, pairs and mosaic are pictures");
            Assert.True(notebook.PlotlyCharts >= 3, "intensities, the pixel heatmap and the distance matrix are Plotly charts");
            Assert.Contains("Pullover · Coat", notebook.Text);
            Assert.Contains("T-shirt/top · Shirt", notebook.Text);
            Assert.Contains("10,000 images as a 2800x2800 mosaic", notebook.Text);
        },
        ["03-pca-tsne.ipynb"] = notebook =>
        {
            Assert.Matches(@"50 components explain 8\d\.\d ?% of the variance", notebook.Text);
            Assert.True(notebook.PngImages.Count >= 2, "the components and the reconstructions are pictures");
            Assert.True(notebook.PlotlyCharts >= 5, "variance curve, 2-D and 3-D PCA, the t-SNE map and its slider are Plotly charts");
            Assert.Matches(@"t-SNE of 3,000 images in \d+ s: final KL divergence \d\.\d{3}", notebook.Text);
            Assert.Matches(@"t-SNE of 3,000 images: iteration 500, KL divergence \d\.\d{3}", notebook.Text); // the live progress, at its last update
            double trust = double.Parse(Regex.Match(notebook.Text, @"trustworthiness \(k = 10\) of the first 3,000 points: ([0-9.]+)").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            Assert.InRange(trust, 0.95, 1.0);
        },
        ["04-classical-benchmark.ipynb"] = notebook =>
        {
            var best = Regex.Match(notebook.Text, @"(\d+) configurations; best: (.+) at (0\.\d{4}) test accuracy");
            Assert.True(best.Success, "the run names its best configuration");
            Assert.Equal(BenchmarkCatalog.QuickGrid().Count, int.Parse(best.Groups[1].Value));
            Assert.InRange(double.Parse(best.Groups[3].Value, System.Globalization.CultureInfo.InvariantCulture), 0.7, 1.0);
            foreach (string family in BenchmarkCatalog.QuickGrid().Select(c => c.Family).Distinct())
                Assert.Contains(family, notebook.Text);
            Assert.True(notebook.PlotlyCharts >= 4, "time/accuracy, paper comparison, confusion matrix and per-class accuracy are Plotly charts");
            Assert.Single(notebook.PngImages);
        },
        ["05-cnn.ipynb"] = notebook =>
        {
            var accuracy = Regex.Match(notebook.Text, @"best model, [^:]+: accuracy (\d+\.\d+) ?% on 1000 items");
            Assert.True(accuracy.Success, "the best model's test accuracy is shown");
            Assert.InRange(double.Parse(accuracy.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), 50, 100);
            Assert.True(notebook.PlotlyCharts >= 3, "learning curves, confusion matrix and precision/recall are Plotly charts");
            Assert.NotEmpty(notebook.PngImages);
        },
        ["06-gan.ipynb"] = notebook =>
        {
            Assert.True(notebook.PngImages.Count >= 6, "untrained wardrobe, live picture, trained picture, wardrobe, walk and same-noise grid are pictures");
            Assert.True(notebook.PlotlyCharts >= 3, "the losses, the conditional accuracy per class and the distances beside changed real images are Plotly charts");
            Assert.Contains("conditional DCGAN (10 classes)", notebook.Text);
            Assert.Matches(@"mean conditional accuracy \d+(\.\d)? %; the judge on real test images: \d+(\.\d)? %", notebook.Text);
            Assert.Matches(@"Fréchet distance [\d.,]+ to real test images; floor \(real train vs real test\) [\d.,]+", notebook.Text);
            // The distance is shown beside real images changed a little, the floor's among them.
            Assert.Matches(@"the generator [\d.,]+; real images shifted by one pixel [\d.,]+; the floor [\d.,]+", notebook.Text);
            // The committed checkpoint draws what it is asked for.
            if (notebook.Text.Contains("loaded "))
            {
                double accuracy = double.Parse(Regex.Match(notebook.Text, @"mean conditional accuracy (\d+(\.\d)?) %").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
                Assert.True(accuracy >= 60, $"the trained generator's items are recognized {accuracy} % of the time");
            }
        },
    };

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void Notebook_runs_in_the_real_kernel_and_shows_its_results(string name)
    {
        ExecutedNotebook notebook = site.Notebook(name);

        Assert.True(notebook is not null, $"{name} was not executed:\n{site.Log}");
        Assert.True(site.FailuresOf(name) == "" && !notebook.Errors.Any(), $"{name} failed in the kernel:\n{site.FailuresOf(name)}");
        Assert.True(Expectations.ContainsKey(name), $"{name} has no expectations in NotebookTests: say what it must show");
        Assert.DoesNotContain("starting…", notebook.Text); // every live progress display shows its last report
        Expectations[name](notebook);
    }

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void Committed_notebook_has_no_outputs(string name)
    {
        var cells = Cells(name);
        Assert.All(cells.Where(c => c.GetProperty("cell_type").GetString() == "code"), cell =>
        {
            Assert.Empty(cell.GetProperty("outputs").EnumerateArray());
            Assert.Equal(JsonValueKind.Null, cell.GetProperty("execution_count").ValueKind);
        });
    }

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void Notebook_opens_with_what_you_will_learn_then_its_package_references_and_the_optimized_kernel(string name)
    {
        var cells = Cells(name);
        Assert.Equal("markdown", cells[0].GetProperty("cell_type").GetString());
        Assert.Contains("In this notebook you will learn", Source(cells[0]));
        var firstCode = cells.First(c => c.GetProperty("cell_type").GetString() == "code");
        var lines = Source(firstCode).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.All(lines[..^1], line => Assert.StartsWith("#r \"nuget: ", line));
        // In its own cell before any lib code, so that lib compiles optimized (KernelTrapTests proves the effect).
        Assert.Equal("#load \"../lib/OptimizedKernel.csx\"", lines[^1]);
        Assert.Equal(".net-csharp", Json(name).GetProperty("metadata").GetProperty("kernelspec").GetProperty("name").GetString());
    }

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void Notebook_reaches_lib_through_its_topic_manifest_alone(string name)
    {
        // Besides the #r cell: the optimized-kernel line and, in the next code cell, the topic's manifest (01
        // also names Data.csx beside Pictures.csx): at most three reference lines, and no lib file by hand.
        var code = Cells(name).Where(c => c.GetProperty("cell_type").GetString() == "code").Select(Source).ToList();
        var loads = code[1].Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.InRange(loads.Length, 1, 2);
        foreach (string load in loads)
        {
            var manifest = Regex.Match(load, @"^#load ""\.\./lib/([A-Za-z]+)\.csx""$");
            Assert.True(manifest.Success, $"{name}: '{load}' is not a #load of a lib/ manifest");
            Assert.True(File.Exists(Path.Combine(ProjectFolders.Root, "lib", manifest.Groups[1].Value + ".csx")), load);
        }
        Assert.All(code.Skip(2), cell => Assert.DoesNotContain("#load", cell));
    }

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void Notebook_package_versions_are_the_pinned_ones(string name)
    {
        var pinned = PinnedVersions.FromPackagesProps();
        var references = Regex.Matches(string.Join("\n", Cells(name).Select(Source)), @"#r ""nuget:\s*([^,""]+),\s*([^""]+)""");
        Assert.NotEmpty(references);
        foreach (Match reference in references)
        {
            string package = reference.Groups[1].Value.Trim(), version = reference.Groups[2].Value.Trim();
            Assert.True(pinned.ContainsKey(package), $"{name} references {package}, which Directory.Packages.props does not pin");
            Assert.True(pinned[package] == version, $"{name} references {package} {version}, Directory.Packages.props pins {pinned[package]}");
        }
    }

    static JsonElement Json(string name) => JsonDocument.Parse(File.ReadAllText(Path.Combine(ProjectFolders.Notebooks, name))).RootElement;
    static List<JsonElement> Cells(string name) => Json(name).GetProperty("cells").EnumerateArray().ToList();
    static string Source(JsonElement cell) =>
        cell.GetProperty("source") is var s && s.ValueKind == JsonValueKind.Array ? string.Concat(s.EnumerateArray().Select(l => l.GetString())) : s.GetString();
}
