using System.Text.Json;
using System.Text.RegularExpressions;
using Xunit;

/// <summary>Every notebook in notebooks/, executed top to bottom in the real kernel (quick mode), and what it shows.</summary>
[Collection(KernelCollection.Name)]
public partial class NotebookTests(ExecutedSite site)
{
    public static TheoryData<string> Notebooks()
    {
        var data = new TheoryData<string>();
        foreach (string path in Directory.GetFiles(ProjectFolders.Notebooks, "*.ipynb").Order())
            data.Add(Path.GetFileName(path));
        return data;
    }

    /// <summary>What each notebook must show a reader, beyond running without an error (one file each in Notebooks/).</summary>
    internal static readonly Dictionary<string, Action<ExecutedNotebook>> Expectations = new()
    {
        ["01-loading.ipynb"] = Expect01Loading,
        ["02-visualization.ipynb"] = Expect02Visualization,
        ["03-pca-tsne.ipynb"] = Expect03PcaTsne,
        ["04-classical-benchmark.ipynb"] = Expect04ClassicalBenchmark,
        ["05-cnn.ipynb"] = Expect05Cnn,
        ["06-gan.ipynb"] = Expect06Gan,
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
