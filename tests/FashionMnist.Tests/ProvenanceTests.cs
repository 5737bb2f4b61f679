using System.Diagnostics;
using Xunit;

/// <summary>Where a result came from: the commit (clean, with changes, or outside git) and this machine.</summary>
public class ProvenanceTests : IDisposable
{
    readonly string _folder = Directory.CreateTempSubdirectory("provenance-").FullName;
    public void Dispose() => Directory.Delete(_folder, recursive: true);

    string Git(string arguments)
    {
        var start = new ProcessStartInfo("git", arguments) { WorkingDirectory = _folder, RedirectStandardOutput = true, RedirectStandardError = true };
        using var git = Process.Start(start)!;
        string output = git.StandardOutput.ReadToEnd().Trim();
        git.WaitForExit();
        Assert.True(git.ExitCode == 0, $"git {arguments}: {git.StandardError.ReadToEnd()}");
        return output;
    }

    [Fact]
    public void The_commit_is_the_head_with_changes_marked_and_unknown_outside_git()
    {
        Assert.Equal("unknown", Provenance.Commit(_folder));
        Git("init -q");
        File.WriteAllText(Path.Combine(_folder, "a.txt"), "one");
        Git("add a.txt");
        Git("-c user.name=test -c user.email=test@example.com commit -q -m first");
        string head = Git("rev-parse HEAD");
        Assert.Equal(head, Provenance.Commit(_folder));
        File.WriteAllText(Path.Combine(_folder, "new.txt"), "untracked files do not count");
        Assert.Equal(head, Provenance.Commit(_folder));
        File.WriteAllText(Path.Combine(_folder, "a.txt"), "two");
        Assert.Equal(head + "+changes", Provenance.Commit(_folder));
    }

    [Fact]
    public void A_commit_is_written_short_and_says_when_it_had_changes()
    {
        Assert.Equal("0123456", Provenance.ShortCommit("0123456789abcdef"));
        Assert.Equal("0123456 with local changes", Provenance.ShortCommit("0123456789abcdef+changes"));
        Assert.Equal("unknown", Provenance.ShortCommit("unknown"));
        Assert.Equal("abc", Provenance.ShortCommit("abc"));
    }

    [Fact]
    public void The_machine_is_described_as_linux_reports_it()
    {
        string modelName = File.ReadLines("/proc/cpuinfo").First(l => l.StartsWith("model name"));
        Assert.Equal(modelName[(modelName.IndexOf(':') + 1)..].Trim(), Provenance.Processor());
        double gib = Provenance.MemoryGiB();
        Assert.InRange(gib, 0.1, 100_000);
        Assert.Equal(Math.Round(gib, 1), gib);
        Assert.Equal(System.Runtime.InteropServices.RuntimeInformation.OSDescription, Provenance.OperatingSystem);
        Assert.StartsWith(".NET", Provenance.Runtime);
    }
}
