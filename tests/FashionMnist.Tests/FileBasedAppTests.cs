using Xunit;

/// <summary>
/// Every notebook as a .NET 10 file-based app (environment/make-apps): generated, compiled optimized by
/// `dotnet run -c Release`, run in quick mode, and held to the same expectations as the notebook in the kernel.
/// </summary>
// In the kernel tests' collection: one heavy run at a time (the apps build lib/ and train models as the kernel does).
[Collection(KernelCollection.Name)]
public class FileBasedAppTests
{
    public static TheoryData<string> Notebooks() => NotebookTests.Notebooks();

    static NotebookRunner.Run Run(string file, IEnumerable<string> arguments) =>
        NotebookRunner.RunProcess(file, arguments, ProjectFolders.Root, new Dictionary<string, string> { ["FASHION_MNIST_QUICK"] = "1" });

    static NotebookRunner.Run Generate(string notebook, string app) => NotebookRunner.RunScript("notebook_to_app.py", [notebook, app]);

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void Notebook_runs_as_a_file_based_app_and_shows_what_the_notebook_shows(string name)
    {
        string app = Path.Combine(ProjectFolders.Root, "build", "apps", Path.ChangeExtension(name, ".cs"));
        var generated = Run(Path.Combine(ProjectFolders.Root, "environment", "make-apps"), [Path.Combine(ProjectFolders.Notebooks, name)]);
        Assert.True(generated.ExitCode == 0, generated.Log);

        var run = Run("dotnet", ["run", "-c", "Release", app]);

        Assert.True(run.ExitCode == 0, $"dotnet run {app} failed:\n{run.Log}");
        string page = Path.ChangeExtension(app, ".html");
        Assert.True(File.Exists(page), $"{page} was not written");
        var shown = new ExecutedNotebook(name, File.ReadAllText(Path.ChangeExtension(app, ".ipynb")));
        NotebookTests.Expectations[name](shown);
        Assert.Contains("<img src=\"data:image/png;base64,", File.ReadAllText(page));
    }

    [Fact]
    public void The_generator_carries_over_results_usings_classes_and_tricky_literals()
    {
        string folder = Directory.CreateTempSubdirectory("app-").FullName;
        try
        {
            string notebook = NotebookRunner.WriteNotebook(folder, "tricky.ipynb",
                "#r \"nuget: Plotly.NET, 6.0.0\"\n#r \"nuget: Plotly.NET.Interactive, 6.0.0\"\n#load \"../lib/OptimizedKernel.csx\"",
                "#load \"../lib/Pictures.csx\"",
                "using System.Text;\nvar counter = new Counter { Start = 40 };\nstring braces = $\"{{not a block}} {counter.Start + 1}; \\\"quoted\\\"\";\n" +
                "var name = @\"C:\\ a \"\"verbatim\"\" one\";\nbraces // the cell's result, after a comment-free line",
                "foreach (var i in new[] { 1, 2 })\n{\n    display($\"item {i}\");\n}\nnew StringBuilder(\"built \").Append(counter.Next())\n    .ToString()",
                "public sealed class Counter\n{\n    public int Start { get; init; }\n    public int Next() => Start + 2;\n}",
                "var handle = display(\"first\");\nhandle.Update(\"replaced\");",
                "Console.WriteLine(\"printed by the cell\"); // a comment on the same line\nConsole.Write(\"and more\");");
            string app = Path.Combine(folder, "tricky.cs");
            var generated = Generate(notebook, app);
            Assert.True(generated.ExitCode == 0, generated.Log);
            string source = File.ReadAllText(app);
            Assert.DoesNotContain("Plotly.NET.Interactive", source); // kernel-only
            Assert.DoesNotContain("#load", source);
            Assert.Contains("#:package Plotly.NET@6.0.0", source);
            Assert.True(source.IndexOf("using System.Text;") < source.IndexOf("var counter"), "usings come first");
            Assert.True(source.IndexOf("public sealed class Counter") > source.IndexOf("handle.Update"), "types come after the statements");

            var run = Run("dotnet", ["run", "-c", "Release", app]);

            Assert.True(run.ExitCode == 0, run.Log);
            var shown = new ExecutedNotebook("tricky.ipynb", File.ReadAllText(Path.Combine(ProjectFolders.Root, "build", "apps", "tricky.ipynb")));
            string text = shown.Text;
            Assert.Contains("{not a block} 41; \"quoted\"", text);
            Assert.Contains("item 1", text);
            Assert.Contains("item 2", text);
            Assert.Contains("built 42", text);
            Assert.Contains("replaced", text);
            Assert.DoesNotContain("first", text);
            Assert.Contains("printed by the cell" + Environment.NewLine + "and more", text); // what Console prints shows under its cell
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
            foreach (string file in Directory.GetFiles(Path.Combine(ProjectFolders.Root, "build", "apps"), "tricky.*")) File.Delete(file);
        }
    }

    [Theory]
    [InlineData("#!time\n1 + 1", "cell 1: #!time: the app generator cannot carry this over")]
    [InlineData("#r \"/tmp/some.dll\"", "cell 1: #r \"/tmp/some.dll\": the app generator cannot carry this over")]
    [InlineData("#load \"../lib/Nowhere.csx\"", "cell 1: #load \"../lib/Nowhere.csx\": no such manifest in lib/")]
    public void The_generator_refuses_what_it_cannot_carry_over_naming_the_cell_and_the_line(string cell, string message)
    {
        string folder = Directory.CreateTempSubdirectory("app-").FullName;
        try
        {
            var generated = Generate(NotebookRunner.WriteNotebook(folder, "odd.ipynb", cell), Path.Combine(folder, "odd.cs"));
            Assert.Equal(1, generated.ExitCode);
            Assert.Contains("odd.ipynb: " + message, generated.Log);
            Assert.False(File.Exists(Path.Combine(folder, "odd.cs")), "nothing is written for a notebook that cannot be carried over");
        }
        finally { Directory.Delete(folder, recursive: true); }
    }

    [Fact]
    public void The_generator_refuses_a_variable_declared_again_in_a_later_cell()
    {
        string folder = Directory.CreateTempSubdirectory("app-").FullName;
        try
        {
            var generated = Generate(NotebookRunner.WriteNotebook(folder, "again.ipynb", "var watch = 1;", "var watch = 2;"), Path.Combine(folder, "again.cs"));
            Assert.Equal(1, generated.ExitCode);
            Assert.Contains("again.ipynb: cell 2 declares 'watch' again (first in cell 1)", generated.Log);
        }
        finally { Directory.Delete(folder, recursive: true); }
    }
}
