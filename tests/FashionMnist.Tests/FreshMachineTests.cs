using System.Diagnostics;
using Xunit;

/// <summary>
/// A brand-new Debian machine, whose apt has never run `apt-get update`: the set-up, the tests and the
/// benchmarks install their Debian packages through environment/apt.sh, which refreshes apt's lists when apt
/// itself says it cannot locate a package. Stand-ins first on PATH make this machine look new:
/// <list type="bullet">
/// <item>apt-get: the real one, given an empty lists folder of its own (only auxfiles/, lock and partial/, as a
/// new image ships it), which refuses every install with apt's own "Unable to locate package" until
/// `apt-get update` has been called (the real apt, with empty lists, still finds what is installed already);</item>
/// <item>dpkg-query: says that no package is installed, as on a machine without Jupyter;</item>
/// <item>a Python that cannot import nbclient (the system one without its site packages).</item>
/// </list>
/// They run with the kernel tests, one at a time, since the set-up rewrites the kernel spec.
/// </summary>
[Collection(KernelCollection.Name)]
public class FreshMachineTests : IDisposable
{
    readonly string _scratch = Directory.CreateTempSubdirectory("fresh-machine-").FullName;
    public void Dispose() => Directory.Delete(_scratch, recursive: true);

    string Log => Path.Combine(_scratch, "apt-get.log");
    string Lists => Path.Combine(_scratch, "lists");

    string StandIn(string name, string body)
    {
        string bin = Directory.CreateDirectory(Path.Combine(_scratch, "bin")).FullName;
        string path = Path.Combine(bin, name);
        File.WriteAllText(path, "#!/bin/sh\n" + body + "\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return bin;
    }

    string NeverUpdatedApt()
    {
        Directory.CreateDirectory(Path.Combine(Lists, "auxfiles"));
        Directory.CreateDirectory(Path.Combine(Lists, "partial"));
        File.WriteAllText(Path.Combine(Lists, "lock"), "");
        StandIn("dpkg-query", "exit 1");
        string realApt = $"/usr/bin/apt-get -o Dir::State::Lists='{Lists}' -o Dir::Cache::pkgcache= -o Dir::Cache::srcpkgcache=";
        return StandIn("apt-get",
            $"echo \"$*\" >> '{Log}'\n" +
            $"case \" $* \" in *\" update \"*) touch '{_scratch}/updated' ;; *\" install \"*) [ -e '{_scratch}/updated' ] || {{\n" +
            "  for a in \"$@\"; do case \"$a\" in -*|install) ;; *) echo \"E: Unable to locate package $a\" >&2; exit 100 ;; esac; done; } ;; esac\n" +
            $"exec {realApt} \"$@\"");
    }

    string PythonWithoutJupyter() => Path.Combine(StandIn("python-without-jupyter", "exec /usr/bin/python3 -S \"$@\""), "python-without-jupyter");

    static (int ExitCode, string Output) Bash(string script, string pathFirst, params (string Name, string Value)[] environment)
    {
        var start = new ProcessStartInfo("/bin/bash") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = ProjectFolders.Root };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(script);
        start.Environment["PATH"] = pathFirst + ":" + Environment.GetEnvironmentVariable("PATH");
        start.Environment.Remove("APT_LISTS_REFRESHED");
        foreach (var (name, value) in environment) start.Environment[name] = value;
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        string stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, stdout + stderr.Result);
    }

    [Fact]
    public void Stand_in_apt_is_really_never_updated()
    {
        // A package this machine does not have: with empty lists, the real apt cannot locate it.
        var (_, installed) = Bash("/usr/bin/dpkg-query -W -f='${Status}' cowsay", "/nonexistent");
        Assert.DoesNotContain("install ok installed", installed);
        string bin = NeverUpdatedApt();
        File.WriteAllText(Path.Combine(_scratch, "updated"), "");   // past the refusal: the real apt answers (apt-get update would clean a marker out of the lists folder)
        var (exitCode, output) = Bash("apt-get install -s -q cowsay", bin);
        Assert.NotEqual(0, exitCode);
        Assert.Contains("Unable to locate package cowsay", output);
    }

    [Fact]
    public void Setup_installs_Jupyter_on_a_never_updated_apt()
    {
        var (exitCode, output) = Bash("environment/setup --no-data", NeverUpdatedApt(), ("FASHION_MNIST_PYTHON", PythonWithoutJupyter()));
        Assert.True(exitCode == 0, output);
        string[] calls = File.ReadAllLines(Log);
        int update = Array.FindIndex(calls, c => c.Split(' ').Contains("update"));
        Assert.True(update > 0, "setup never ran apt-get update:\n" + string.Join("\n", calls));
        Assert.Contains("python3-nbclient", calls[update - 1]);
        Assert.Contains("python3-nbclient", calls[update + 1]);
        Assert.NotEmpty(Directory.GetFiles(Lists, "*_Packages*"));
        Assert.Contains("refreshing the package lists", output);
    }

    [Fact]
    public void Apt_failure_reports_apts_own_message_and_the_command_to_run()
    {
        string bin = StandIn("apt-get", "echo 'E: Could not get lock /var/lib/dpkg/lock-frontend. It is held by process 4242 (apt-get)' >&2; exit 100");
        StandIn("dpkg-query", "exit 1");
        var (exitCode, output) = Bash("environment/setup --no-data", bin, ("FASHION_MNIST_PYTHON", PythonWithoutJupyter()));
        Assert.Equal(1, exitCode);
        Assert.Contains("Could not get lock /var/lib/dpkg/lock-frontend", output);
        Assert.Contains("sudo apt-get update && sudo apt-get install -y jupyter-nbconvert", output);
        Assert.DoesNotContain("no apt-get", output);
        Assert.DoesNotContain("no root", output);
    }

    [Fact]
    public void Benchmark_without_its_peer_stops_with_the_command_to_run()
    {
        string bin = StandIn("apt-get", "echo 'E: Unable to locate package python3-numpy' >&2; exit 100");
        StandIn("dpkg-query", "exit 1");
        var (exitCode, output) = Bash("tests/benchmarks/loading/run.sh 1", bin);
        Assert.Equal(1, exitCode);
        Assert.Contains("sudo apt-get update && sudo apt-get install -y --no-install-recommends python3-numpy libopenblas0-pthread", output);
        Assert.DoesNotContain("Traceback", output);
    }
}
