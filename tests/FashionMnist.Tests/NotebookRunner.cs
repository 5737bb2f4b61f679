using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;

/// <summary>An executed notebook as the reader sees it: its outputs, cell by cell.</summary>
public sealed class ExecutedNotebook
{
    public string Name { get; }
    public JsonElement Root { get; }
    public ExecutedNotebook(string name, string json) { Name = name; Root = JsonDocument.Parse(json).RootElement; }

    public IEnumerable<JsonElement> Outputs =>
        Root.GetProperty("cells").EnumerateArray()
            .Where(c => c.TryGetProperty("outputs", out _))
            .SelectMany(c => c.GetProperty("outputs").EnumerateArray());

    /// <summary>Every output's data of one MIME type, in order, each as one string.</summary>
    public IEnumerable<string> Data(string mimeType) =>
        Outputs.Where(o => o.TryGetProperty("data", out var d) && d.TryGetProperty(mimeType, out _))
               .Select(o => Joined(o.GetProperty("data").GetProperty(mimeType)));

    static string Joined(JsonElement text) =>
        text.ValueKind == JsonValueKind.Array ? string.Concat(text.EnumerateArray().Select(t => t.GetString())) : text.GetString();

    public int PlotlyCharts => Data("text/html").Count(h => h.Contains("renderPlotly"));
    public IReadOnlyList<byte[]> PngImages => Data("image/png").Select(Convert.FromBase64String).ToList();

    /// <summary>Everything shown as text: plain text, HTML without tags, and printed streams.</summary>
    public string Text => string.Join("\n",
        Data("text/plain")
            .Concat(Data("text/html").Where(h => !h.Contains("<script")).Select(h => System.Net.WebUtility.HtmlDecode(Regex.Replace(h, "<[^>]+>", " "))))
            .Concat(Outputs.Where(o => o.GetProperty("output_type").GetString() == "stream").Select(o => Joined(o.GetProperty("text")))));

    /// <summary>Every HTML table shown (HtmlTable's, scripts and all), in order: its header cells and the text of each row's cells.</summary>
    public IReadOnlyList<(string[] Headers, List<string[]> Rows)> HtmlTables =>
        Data("text/html").SelectMany(h => Regex.Matches(h, "<table[^>]*>(.*?)</table>", RegexOptions.Singleline)).Select(table =>
        {
            static string[] Cells(string row, string tag) => Regex.Matches(row, $"<{tag}[^>]*>(.*?)</{tag}>", RegexOptions.Singleline)
                .Select(c => System.Net.WebUtility.HtmlDecode(c.Groups[1].Value)).ToArray();
            string head = Regex.Match(table.Groups[1].Value, "<thead>(.*?)</thead>", RegexOptions.Singleline).Groups[1].Value;
            string body = Regex.Match(table.Groups[1].Value, "<tbody>(.*?)</tbody>", RegexOptions.Singleline).Groups[1].Value;
            return (Cells(head, "th"), Regex.Matches(body, "<tr>(.*?)</tr>", RegexOptions.Singleline).Select(r => Cells(r.Groups[1].Value, "td")).ToList());
        }).ToList();

    public IEnumerable<string> Errors =>
        Outputs.Where(o => o.GetProperty("output_type").GetString() == "error")
               .Select(o => $"{o.GetProperty("ename").GetString()}: {o.GetProperty("evalue").GetString()}");
}

/// <summary>Runs notebooks in the real Jupyter kernel through environment/execute_notebooks.py, as the main command does.</summary>
public static class NotebookRunner
{
    public static string Python => Environment.GetEnvironmentVariable("FASHION_MNIST_PYTHON") is { Length: > 0 } p ? p : "/usr/bin/python3";

    public sealed record Run(int ExitCode, string Log, ExecutedNotebook Notebook);

    /// <summary>The HTTP ports of the kernels the tests start: apart from the kernel spec's 2048-3000, which every other kernel uses.</summary>
    public const string KernelPorts = "3100-3999";

    public static Run Execute(string notebookPath, bool quick = true, string workingDirectory = null,
        IReadOnlyDictionary<string, string> environment = null)
    {
        string output = Directory.CreateTempSubdirectory("executed-").FullName;
        try
        {
            var arguments = new List<string> { "--output-dir", output, "--timeout", "1800", "--kernel-ports", KernelPorts, Path.GetFullPath(notebookPath) };
            if (quick) arguments.Insert(0, "--quick");
            var run = RunScript("execute_notebooks.py", arguments, workingDirectory, environment);
            string executed = Path.Combine(output, Path.GetFileName(notebookPath));
            var notebook = File.Exists(executed) ? new ExecutedNotebook(Path.GetFileName(notebookPath), File.ReadAllText(executed)) : null;
            return run with { Notebook = notebook };
        }
        finally { Directory.Delete(output, recursive: true); }
    }

    /// <summary>Runs one of environment/'s Python scripts; returns its exit code and everything it printed.</summary>
    public static Run RunScript(string script, IEnumerable<string> arguments, string workingDirectory = null,
        IReadOnlyDictionary<string, string> environment = null) =>
        RunProcess(Python, [Path.Combine(ProjectFolders.Root, "environment", script), .. arguments], workingDirectory, environment);

    /// <summary>Runs a program (in the temp folder unless told); returns its exit code and everything it printed.</summary>
    public static Run RunProcess(string file, IEnumerable<string> arguments, string workingDirectory = null,
        IReadOnlyDictionary<string, string> environment = null)
    {
        var start = new ProcessStartInfo(file, arguments)
        {
            WorkingDirectory = workingDirectory ?? Path.GetTempPath(),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) start.Environment[name] = value;
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        string stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return new Run(process.ExitCode, stdout + stderr.Result, null);
    }

    /// <summary>Writes a throwaway notebook of C# cells into <paramref name="folder"/>.</summary>
    public static string WriteNotebook(string folder, string name, params string[] cells)
    {
        var notebook = new
        {
            cells = cells.Select(source => new { cell_type = "code", execution_count = (int?)null, metadata = new { }, outputs = Array.Empty<object>(), source }),
            metadata = new { kernelspec = new { name = ".net-csharp", display_name = ".NET (C#)", language = "C#" } },
            nbformat = 4,
            nbformat_minor = 4,
        };
        string path = Path.Combine(folder, name);
        File.WriteAllText(path, JsonSerializer.Serialize(notebook));
        return path;
    }
}

/// <summary>Tests that start kernels run one at a time: two kernels starting together can race for the same HTTP port.</summary>
[Xunit.CollectionDefinition(Name, DisableParallelization = true)]
public sealed class KernelCollection : Xunit.ICollectionFixture<ExecutedSite>
{
    public const string Name = "real kernel";
}

/// <summary>
/// Every notebook in notebooks/, executed once in quick mode by the main command's own scripts
/// (execute_notebooks.py --html, then build_site.py), shared by the notebook and browser tests.
/// </summary>
public sealed class ExecutedSite : IDisposable
{
    public string Folder { get; } = Directory.CreateTempSubdirectory("site-").FullName;
    public string Log { get; }
    /// <summary>What `git status` says of the checkout before and after the notebooks ran: running them must change nothing.</summary>
    public string StatusBefore { get; }
    public string StatusAfter { get; }

    /// <summary>
    /// The notebooks this run executes: all of notebooks/, or only those named (comma-separated file names) in
    /// FASHION_MNIST_TEST_NOTEBOOKS, for a quick look at one notebook while writing it.
    /// </summary>
    public static IReadOnlyList<string> Selected =>
        Environment.GetEnvironmentVariable("FASHION_MNIST_TEST_NOTEBOOKS") is { Length: > 0 } names
            ? names.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(n => Path.Combine(ProjectFolders.Notebooks, n)).ToList()
            : Directory.GetFiles(ProjectFolders.Notebooks, "*.ipynb").Order().ToList();

    public ExecutedSite()
    {
        StatusBefore = GitStatus();
        Log = NotebookRunner.RunScript("execute_notebooks.py", ["--quick", "--html", "--timeout", "1800", "--kernel-ports", NotebookRunner.KernelPorts, "--output-dir", Folder, .. Selected]).Log;
        var site = NotebookRunner.RunScript("build_site.py", [Folder, Path.Combine(Folder, "no-results")]);
        Log += site.Log;
        StatusAfter = GitStatus();
    }

    /// <summary>`git status --porcelain --untracked-files=all` of the checkout: tracked files changed and untracked files added.</summary>
    static string GitStatus()
    {
        var git = NotebookRunner.RunProcess("git", ["-C", ProjectFolders.Root, "status", "--porcelain", "--untracked-files=all"]);
        return git.ExitCode == 0 ? git.Log : $"git status failed ({git.ExitCode}): {git.Log}";
    }

    public ExecutedNotebook Notebook(string name) =>
        File.Exists(Path.Combine(Folder, name)) ? new ExecutedNotebook(name, File.ReadAllText(Path.Combine(Folder, name))) : null;

    /// <summary>The failures the executor named for one notebook.</summary>
    public string FailuresOf(string name) => string.Join("\n", Log.Split('\n').Where(l => l.StartsWith("- ") && l.Contains(name)));

    public void Dispose() => Directory.Delete(Folder, recursive: true);
}
