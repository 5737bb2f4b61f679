using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Text.Json;
using Xunit;

/// <summary>
/// The traps of this stack (DEVELOPERS.md), each proven fixed in the real kernel that environment/setup installs.
/// Each test fails when setup's fix is missing.
/// </summary>
[Collection(KernelCollection.Name)]
public class KernelTrapTests : IDisposable
{
    readonly string _scratch = Directory.CreateDirectory(Path.Combine(ProjectFolders.Root, "tests", $".scratch-{Guid.NewGuid():N}")).FullName;
    public void Dispose() => Directory.Delete(_scratch, recursive: true);

    static string Pinned(string package) => $"#r \"nuget: {package}, {PinnedVersions.FromPackagesProps()[package]}\"";
    static string KernelSpecPath => Path.Combine(ProjectFolders.Root, ".jupyter", "kernels", ".net-csharp", "kernel.json");
    static JsonElement KernelSpec => JsonDocument.Parse(File.ReadAllText(KernelSpecPath)).RootElement;

    static ExecutedNotebook RunCells(string folder, params string[] cells)
    {
        var run = NotebookRunner.Execute(NotebookRunner.WriteNotebook(folder, "check.ipynb", cells));
        Assert.True(run.ExitCode == 0, run.Log);
        return run.Notebook;
    }

    [Fact]
    public void Plotly_chart_renders_in_the_real_kernel()
    {
        var notebook = RunCells(_scratch,
            string.Join("\n", Pinned("Plotly.NET"), Pinned("Plotly.NET.Interactive"), Pinned("Plotly.NET.CSharp")),
            "Plotly.NET.CSharp.Chart.Column<int, string, string>(new[] { 1, 2 }, new[] { \"a\", \"b\" })");
        Assert.Equal(1, notebook.PlotlyCharts);
    }

    [Fact]
    public void Kernel_carries_the_FSharp_Core_that_Plotly_NET_was_built_against()
    {
        string toolFSharpCore = Directory.GetFiles(Path.Combine(ProjectFolders.Root, ".tools", ".store"), "FSharp.Core.dll", SearchOption.AllDirectories).Single();
        string plotly = Path.Combine(NuGetPackages, "plotly.net", PinnedVersions.FromPackagesProps()["Plotly.NET"], "lib", "netstandard2.0", "Plotly.NET.dll");
        Version needed = ReferencedVersion(plotly, "FSharp.Core");
        Version carried = AssemblyName.GetAssemblyName(toolFSharpCore).Version;
        Assert.True(carried >= needed, $"{toolFSharpCore} is FSharp.Core {carried}; Plotly.NET needs {needed}");
    }

    [Fact]
    public void TorchSharp_runs_in_the_real_kernel_on_its_own_libtorch()
    {
        var notebook = RunCells(_scratch,
            Pinned("TorchSharp-cpu"),
            "display((TorchSharp.torch.ones(3) * 2).sum().item<float>());\n" +
            "System.IO.File.ReadLines(\"/proc/self/maps\").Where(l => l.Contains(\"libtorch_cpu.so\")).Select(l => l.Split(' ').Last()).Distinct().ToList().ForEach(p => Console.WriteLine(\"loaded: \" + p));");
        Assert.Matches(@"(?m)^\s*6\s*$", notebook.Text);   // the sum of ones(3) * 2, shown alone: TorchSharp computed it
        AssertOwnLibtorch(notebook.Text.Split('\n').Where(l => l.StartsWith("loaded: ")).Select(l => l["loaded: ".Length..]).ToList());
    }

    [Fact]
    public void TorchSharp_runs_in_a_plain_dotnet_process_on_its_own_libtorch()
    {
        Assert.Equal(3f, TorchSharp.torch.ones(3).sum().item<float>());
        AssertOwnLibtorch(File.ReadLines("/proc/self/maps").Where(l => l.Contains("libtorch_cpu.so")).Select(l => l.Split(' ').Last()).Distinct().ToList());
    }

    static void AssertOwnLibtorch(IReadOnlyList<string> loaded)
    {
        // With Debian's libtorch installed (python3-torch), the loader would otherwise pick /usr/lib's copy.
        Assert.NotEmpty(loaded);
        Assert.All(loaded, path => Assert.DoesNotContain("/usr/lib", path));
    }

    [Fact]
    public void Kernel_spec_puts_TorchSharps_libtorch_first_on_the_loader_path()
    {
        string first = KernelSpec.GetProperty("env").GetProperty("LD_LIBRARY_PATH").GetString().Split(':')[0];
        Assert.True(File.Exists(Path.Combine(first, "libtorch_cpu.so")), $"{first} has no libtorch_cpu.so");
        Assert.StartsWith(NuGetPackages, first);
    }

    [Fact]
    public void Kernel_listens_on_loopback_only()
    {
        Assert.Contains("--http-local-only", KernelSpec.GetProperty("argv").EnumerateArray().Select(a => a.GetString()));
        var notebook = RunCells(_scratch, ListeningAddressesCell);
        var addresses = notebook.Text.Split('\n').Where(l => l.StartsWith("listening: ")).ToList();
        Assert.NotEmpty(addresses);
        Assert.All(addresses, a => Assert.Matches(@"^listening: (0100007F|00000000000000000000000001000000):", a));
        // Its web server, the one port the kernel chooses itself (Jupyter's channels take the connection file's), is in
        // the tests' own range (NotebookRunner.KernelPorts), and no port is in the kernel spec's 2048-3000 that other kernels use.
        int[] range = NotebookRunner.KernelPorts.Split('-').Select(int.Parse).ToArray();
        int[] ports = addresses.Select(a => Convert.ToInt32(a.Split(':').Last(), 16)).ToArray();
        Assert.Single(ports, p => p >= range[0] && p <= range[1]);
        Assert.DoesNotContain(ports, p => p >= 2048 && p <= 3000);
    }

    // Lists the TCP sockets this kernel process listens on, from /proc: local address in hex, then the port.
    const string ListeningAddressesCell = """
        var inodes = new System.IO.DirectoryInfo("/proc/self/fd").GetFiles().Select(f => f.LinkTarget ?? "")
            .Where(t => t.StartsWith("socket:[")).Select(t => t[8..^1]).ToHashSet();
        foreach (var table in new[] { "/proc/self/net/tcp", "/proc/self/net/tcp6" })
            foreach (var row in System.IO.File.ReadLines(table).Skip(1).Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)))
                if (row[3] == "0A" && inodes.Contains(row[9])) Console.WriteLine("listening: " + row[1]);
        """;

    [Fact]
    public void Load_paths_resolve_from_the_notebook_folder_whatever_the_callers_folder()
    {
        string notebook = NotebookRunner.WriteNotebook(_scratch, "relative.ipynb",
            "#load \"../../lib/Shared/QuickMode.cs\"",
            "Console.WriteLine($\"quick mode: {QuickMode.IsOn}\");");
        var run = NotebookRunner.Execute(notebook, quick: true, workingDirectory: "/");
        Assert.True(run.ExitCode == 0, run.Log);
        Assert.Contains("quick mode: True", run.Notebook.Text);
    }

    [Fact]
    public void Nested_loads_resolve_from_the_manifests_folder_and_a_file_reached_twice_compiles_once()
    {
        // As lib/Gan.csx loads Cnn.csx, which loads Pictures.csx, and notebook 01 loads Data.csx beside
        // Pictures.csx (which loads Data.csx again): Top.csx loads inner/Inner.csx and Common.csx, and
        // inner/Inner.csx loads "../Common.csx", relative to its own folder, not the notebook's.
        string manifests = Directory.CreateDirectory(Path.Combine(_scratch, "manifests", "inner")).Parent!.FullName;
        File.WriteAllText(Path.Combine(manifests, "Common.csx"),
            "Console.WriteLine(\"compiled Common.csx\");\npublic static class Common { public const int Answer = 42; }\n");
        File.WriteAllText(Path.Combine(manifests, "inner", "Inner.csx"),
            "#load \"../Common.csx\"\npublic static class Inner { public static int Twice => 2 * Common.Answer; }\n");
        File.WriteAllText(Path.Combine(manifests, "Top.csx"), "#load \"inner/Inner.csx\"\n#load \"Common.csx\"\n");
        string folder = Directory.CreateDirectory(Path.Combine(_scratch, "notebook")).FullName;
        var notebook = RunCells(folder, "#load \"../manifests/Top.csx\"", "Console.WriteLine($\"twice: {Inner.Twice}\");");
        Assert.Equal(1, System.Text.RegularExpressions.Regex.Count(notebook.Text, "compiled Common.csx"));
        Assert.Contains("twice: 84", notebook.Text);
    }

    [Fact]
    public void Lib_code_loaded_after_OptimizedKernel_is_compiled_optimized()
    {
        // Without OptimizedKernel.csx the kernel compiles #load'ed lib code as Debug (the control);
        // with it, as Release, which is what makes t-SNE of all 70,000 images fit in minutes.
        const string Flags = "Console.WriteLine(\"flags: \" + string.Join(\",\", typeof(QuickMode).Assembly.GetCustomAttributes(false).OfType<System.Diagnostics.DebuggableAttribute>().Select(a => a.DebuggingFlags)));";
        var plain = RunCells(_scratch, "#load \"../../lib/Shared/QuickMode.cs\"", Flags);
        Assert.Contains("DisableOptimizations", FlagsLine(plain));
        var optimized = RunCells(_scratch, "#load \"../../lib/OptimizedKernel.csx\"", "#load \"../../lib/Shared/QuickMode.cs\"", Flags);
        Assert.DoesNotContain("DisableOptimizations", FlagsLine(optimized));
        Assert.DoesNotContain("unoptimized", optimized.Text);
    }

    [Fact]
    public void Display_updates_reach_the_saved_notebook()
    {
        // The kernel sends each update under an id other than its display's; execute_notebooks.py pairs them,
        // each update with the earliest display of its kind (MIME types) in the cell.
        var notebook = RunCells(_scratch,
            "var status = display(\"starting\"); var other = display(\"other\"); status.Update(\"step 1\"); other.Update(\"other done\"); status.Update(\"step 2\");",
            "var picture = display(HTML(\"<b>first</b>\")); display(\"text between\"); picture.Update(HTML(\"<b>last</b>\"));");
        Assert.Equal(["step 2", "other done", "text between"], notebook.Data("text/plain"));
        Assert.Equal(["<b>last</b>"], notebook.Data("text/html"));
    }

    static string FlagsLine(ExecutedNotebook notebook) => notebook.Text.Split('\n').Single(l => l.StartsWith("flags: "));

    static string NuGetPackages =>
        Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } p ? p.TrimEnd('/')
        : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");

    static Version ReferencedVersion(string assemblyPath, string referenced)
    {
        using var pe = new PEReader(File.OpenRead(assemblyPath));
        var metadata = pe.GetMetadataReader();
        return metadata.AssemblyReferences.Select(metadata.GetAssemblyReference)
            .First(r => metadata.GetString(r.Name) == referenced).Version;
    }
}
