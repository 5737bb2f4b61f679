using System.Text.RegularExpressions;
using Xunit;

/// <summary>
/// Notebook 03's last step draws MNIST's PCA and t-SNE maps beside Fashion-MNIST's when MNIST's four files are in
/// data/mnist. MNIST cannot be fetched on the test machine, so the step runs here, in the real kernel, on small
/// MNIST-format files made by code (ten classes of bright bands), in a project folder of its own: the notebook's
/// own cells (its package references, its #load, and the MNIST cell itself, read from the notebook), with lib/
/// linked in.
/// </summary>
[Collection(KernelCollection.Name)]
public class Notebook03MnistTests : IDisposable
{
    readonly string _project = Directory.CreateTempSubdirectory("mnist-project-").FullName;

    public void Dispose()
    {
        foreach (string link in new[] { "lib", "nuget.config" })
            if (Path.Exists(Path.Combine(_project, link))) File.Delete(Path.Combine(_project, link));   // the links, not what they point to
        Directory.Delete(_project, recursive: true);
    }

    static void WriteSet(string folder, string prefix, LabeledImages images)
    {
        Idx.Write(Path.Combine(folder, $"{prefix}-images-idx3-ubyte"), IdxArray.Of(images.Pixels, images.Count, 28, 28), gzip: false);
        Idx.Write(Path.Combine(folder, $"{prefix}-labels-idx1-ubyte"), IdxArray.Of(images.Labels, images.Count), gzip: false);
    }

    // Each trace of a Plotly chart's HTML: its points' x and y.
    static List<(double[] X, double[] Y)> Traces(string chart)
    {
        double[] Numbers(Match m) => m.Groups[1].Value.Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Select(v => double.Parse(v, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        var xs = Regex.Matches(chart, "\"x\":\\[([^\\]]*)\\]").Select(Numbers).ToList();
        var ys = Regex.Matches(chart, "\"y\":\\[([^\\]]*)\\]").Select(Numbers).ToList();
        Assert.Equal(xs.Count, ys.Count);
        return xs.Zip(ys).ToList();
    }

    // The project folder: lib/ and nuget.config linked from this checkout, notebooks/ with the throwaway notebook;
    // runs notebook 03's package references, its #load, a size setting and its MNIST cell in the real kernel.
    ExecutedNotebook RunMnistStep()
    {
        Directory.CreateSymbolicLink(Path.Combine(_project, "lib"), Path.Combine(ProjectFolders.Root, "lib"));
        File.CreateSymbolicLink(Path.Combine(_project, "nuget.config"), Path.Combine(ProjectFolders.Root, "nuget.config"));
        string notebooks = Directory.CreateDirectory(Path.Combine(_project, "notebooks")).FullName;
        List<string> cells = NotebookLessonTests.Code("03-pca-tsne.ipynb");
        string[] lesson = { cells[0], cells[1], "using System.IO;\nvar size = new { Iterations = 300, MnistImages = 500 };", cells.Single(c => c.Contains("\"mnist\"")) };
        var run = NotebookRunner.Execute(NotebookRunner.WriteNotebook(notebooks, "mnist-maps.ipynb", lesson),
            environment: new Dictionary<string, string> { [ProjectFolders.RootVariable] = _project });
        Assert.True(run.ExitCode == 0 && run.Notebook is not null, run.Log);
        Assert.Empty(run.Notebook.Errors);
        return run.Notebook;
    }

    [Fact]
    public void With_mnist_files_in_data_mnist_its_pca_and_tsne_maps_are_drawn()
    {
        string mnist = Directory.CreateDirectory(Path.Combine(_project, "data", "mnist")).FullName;
        WriteSet(mnist, "train", SyntheticImages.Bands(100, firstRow: 4, height: 2, noise: 40, seed: 1));
        WriteSet(mnist, "t10k", SyntheticImages.Bands(600, firstRow: 4, height: 2, noise: 40, seed: 2));
        ExecutedNotebook notebook = RunMnistStep();

        Assert.DoesNotContain("No MNIST files", notebook.Text);
        var charts = notebook.Data("text/html").Where(h => h.Contains("renderPlotly")).ToList();
        Assert.Equal(2, charts.Count);
        Assert.Contains("MNIST: PCA", charts[0]);
        Assert.Contains("MNIST: t-SNE", charts[1]);
        foreach (string chart in charts)
        {
            var traces = Traces(chart);
            Assert.Equal(10, traces.Count);                                   // one trace per digit
            Assert.Equal(500, traces.Sum(t => t.X.Length));                    // every image of the subset, once
            Assert.All(traces, t => Assert.InRange(t.X.Length, 30, 70));
        }
        // The bands are ten clearly different pictures: t-SNE puts each class in a clump of its own, the clumps'
        // centres farther apart than twice any clump's spread (root-mean-square distance from its centre).
        var map = Traces(charts[1]);
        var centres = map.Select(t => (X: t.X.Average(), Y: t.Y.Average())).ToList();
        double spread = map.Zip(centres).Max(p => Math.Sqrt(p.First.X.Zip(p.First.Y).Average(q =>
            (q.First - p.Second.X) * (q.First - p.Second.X) + (q.Second - p.Second.Y) * (q.Second - p.Second.Y))));
        double closest = centres.SelectMany((a, i) => centres.Skip(i + 1).Select(b => Math.Sqrt((a.X - b.X) * (a.X - b.X) + (a.Y - b.Y) * (a.Y - b.Y)))).Min();
        Assert.True(closest > 2 * spread, $"the t-SNE map's classes: closest centres {closest:F2} apart, largest spread {spread:F2}");
    }

    // Without the files the step says where to put them, and draws nothing.
    [Fact]
    public void Without_mnist_files_the_step_says_where_they_go()
    {
        ExecutedNotebook notebook = RunMnistStep();
        Assert.Contains($"No MNIST files in {Path.Combine(_project, "data", "mnist")}", notebook.Text);
        Assert.Equal(0, notebook.PlotlyCharts);
    }
}
