using System.Text.Json;
using Xunit;

/// <summary>
/// environment/write_results.py: the README's results table and pictures come from the executed notebooks of a
/// full run, never from a quick or failed one.
/// </summary>
public class ReadmeResultsTests : IDisposable
{
    readonly string _folder = Directory.CreateTempSubdirectory("readme-results-").FullName;

    const string Readme = "# Title\n\nbefore\n\n<!-- results:start -->\n| notebook | run | seconds | what it printed |\n| --- | --- | --- | --- |\n" +
                          "| [01 · Old](notebooks/01-a.ipynb) | old | 1.0 | old result |\n" +
                          "| [02 · Old](notebooks/02-b.ipynb) | old | 2.0 | kept result |\n<!-- results:end -->\n\nafter\n";

    static string Notebook(string title, bool quick, string printed, bool failed = false) => JsonSerializer.Serialize(new
    {
        cells = new object[]
        {
            new { cell_type = "markdown", metadata = new { }, source = $"# {title}\n\nIn this notebook you will learn" },
            new
            {
                cell_type = "code", metadata = new { tags = new[] { "readme-result" } }, source = "x",
                outputs = failed
                    ? new object[] { new { output_type = "error", ename = "Boom", evalue = "broken", traceback = Array.Empty<string>() } }
                    : new object[] { new { output_type = "execute_result", data = new Dictionary<string, string> { ["text/plain"] = printed }, metadata = new { } } },
            },
        },
        metadata = new { fashion_mnist = new { seconds = 12.5, quick } },
        nbformat = 4,
        nbformat_minor = 4,
    });

    (int ExitCode, string Log, string Readme) Write(params string[] names)
    {
        string readme = Path.Combine(_folder, "README.md");
        var run = NotebookRunner.RunScript("write_results.py", [_folder, readme, .. names]);
        return (run.ExitCode, run.Log, File.ReadAllText(readme));
    }

    [Fact]
    public void A_full_run_rewrites_its_notebooks_row_from_what_they_printed_and_keeps_the_others()
    {
        File.WriteAllText(Path.Combine(_folder, "README.md"), Readme);
        File.WriteAllText(Path.Combine(_folder, "01-a.ipynb"), Notebook("01 · Loading", quick: false, printed: "accuracy 0.9123 on 10,000 items"));

        var (exitCode, log, readme) = Write("01-a");

        Assert.True(exitCode == 0, log);
        Assert.Contains("| [01 · Loading](notebooks/01-a.ipynb) | ", readme);
        Assert.Contains("| 12.5 | accuracy 0.9123 on 10,000 items |", readme);
        Assert.DoesNotContain("old result", readme);
        Assert.Contains("| [02 · Old](notebooks/02-b.ipynb) | old | 2.0 | kept result |", readme);
        Assert.StartsWith("# Title\n\nbefore\n\n<!-- results:start -->", readme);
        Assert.EndsWith("<!-- results:end -->\n\nafter\n", readme);
    }

    [Theory]
    [InlineData(true, false, "ran in quick mode")]
    [InlineData(false, true, "has a failed cell")]
    public void A_quick_or_failed_run_changes_nothing_and_says_why(bool quick, bool failed, string reason)
    {
        File.WriteAllText(Path.Combine(_folder, "README.md"), Readme);
        File.WriteAllText(Path.Combine(_folder, "01-a.ipynb"), Notebook("01 · Loading", quick, printed: "accuracy 0.5", failed));

        var (exitCode, log, readme) = Write("01-a");

        Assert.Equal(1, exitCode);
        Assert.Contains(reason, log);
        Assert.Contains("01-a.ipynb", log);
        Assert.Contains("| old | 1.0 | old result |", readme);
    }

    [Fact]
    public void A_readme_without_the_markers_is_left_alone_with_a_clear_error()
    {
        File.WriteAllText(Path.Combine(_folder, "README.md"), "# No table here\n");
        File.WriteAllText(Path.Combine(_folder, "01-a.ipynb"), Notebook("01 · Loading", quick: false, printed: "x"));

        var (exitCode, log, readme) = Write("01-a");

        Assert.Equal(1, exitCode);
        Assert.Contains("no <!-- results:start --> ... <!-- results:end --> markers", log);
        Assert.Equal("# No table here\n", readme);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
