using System.Text.RegularExpressions;
using Xunit;

/// <summary>
/// The executor's failure path, in the real kernel: a notebook that fails or runs out of time is still written
/// with its error where it happened, the run names that cell and the real time, and the notebooks after it run.
/// </summary>
[Collection(KernelCollection.Name)]
public class ExecutorTests : IDisposable
{
    readonly string _folder = Directory.CreateTempSubdirectory("executor-").FullName;

    [Fact]
    public void A_cell_past_its_time_limit_is_named_with_the_real_time_and_its_notebook_is_still_written()
    {
        string slow = NotebookRunner.WriteNotebook(_folder, "slow.ipynb", "1 + 1", "System.Threading.Thread.Sleep(120_000);", "\"never\"");
        string fine = NotebookRunner.WriteNotebook(_folder, "fine.ipynb", "\"fine notebook ran\"");
        string output = Path.Combine(_folder, "out");

        var run = NotebookRunner.RunScript("execute_notebooks.py", ["--html", "--timeout", "10", "--kernel-ports", NotebookRunner.KernelPorts, "--output-dir", output, slow, fine]);

        Assert.Equal(1, run.ExitCode);
        Assert.Matches(@"slow\.ipynb: cell 2 \(System\.Threading\.Thread\.Sleep\(120_000\);\): CellTimeoutError", run.Log);
        double seconds = double.Parse(Regex.Match(run.Log, @"FAILED in ([\d.]+)s").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(seconds >= 10, $"the failed notebook ran {seconds} s, at least its 10 s limit:\n{run.Log}");
        var written = new ExecutedNotebook("slow.ipynb", File.ReadAllText(Path.Combine(output, "slow.ipynb")));
        Assert.Matches(@"(^|\s)2(\s|$)", written.Text); // the cell before the timeout kept its result
        Assert.Contains(written.Errors, e => e.StartsWith("CellTimeoutError"));
        Assert.True(File.Exists(Path.Combine(output, "slow.html")), "the failed notebook's page is written");
        Assert.Contains("fine notebook ran", new ExecutedNotebook("fine.ipynb", File.ReadAllText(Path.Combine(output, "fine.ipynb"))).Text);
    }

    [Fact]
    public void The_main_command_runs_every_notebook_named_reports_a_failing_cell_and_exits_non_zero()
    {
        string broken = NotebookRunner.WriteNotebook(_folder, "executor-test-broken.ipynb",
            "throw new InvalidOperationException(\"broken on purpose\");", "\"after the error\"");
        string fine = NotebookRunner.WriteNotebook(_folder, "executor-test-fine.ipynb", "\"fine notebook ran\"");
        string site = Path.Combine(ProjectFolders.Root, "build", "notebooks");
        string readme = File.ReadAllText(Path.Combine(ProjectFolders.Root, "README.md"));
        try
        {
            var (exitCode, log, _) = NotebookRunner.RunProcess(Path.Combine(ProjectFolders.Root, "environment", "run-notebooks"), ["--quick", broken, fine]);

            Assert.True(exitCode != 0, log);
            Assert.Contains("executor-test-broken.ipynb: cell 1 (throw new InvalidOperationException(\"broken on purpose\");): ", log);
            var executed = new ExecutedNotebook("executor-test-broken.ipynb", File.ReadAllText(Path.Combine(site, "executor-test-broken.ipynb")));
            Assert.Contains("after the error", executed.Text); // the cells after the error still ran
            Assert.Contains("fine notebook ran", new ExecutedNotebook("executor-test-fine.ipynb", File.ReadAllText(Path.Combine(site, "executor-test-fine.ipynb"))).Text);
            Assert.Contains("executor-test-fine.html", File.ReadAllText(Path.Combine(site, "index.html")));
            Assert.Equal(readme, File.ReadAllText(Path.Combine(ProjectFolders.Root, "README.md"))); // quick runs leave the README alone
        }
        finally
        {
            foreach (string file in Directory.GetFiles(site, "executor-test-*")) File.Delete(file);
        }
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void A_port_range_that_is_not_first_last_is_refused_before_any_kernel_starts()
    {
        var run = NotebookRunner.RunScript("execute_notebooks.py", ["--kernel-ports", "3100", "--output-dir", _folder, "none.ipynb"]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--kernel-ports 3100: give a range of ports as FIRST-LAST", run.Log);
    }
}
