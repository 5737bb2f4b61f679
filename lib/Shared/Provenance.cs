// Provenance: where and from what a result came: the project's commit and this machine (processor, cores,
// memory, system, runtime). The classical benchmark's results and the trained networks' checkpoints carry it in
// their .about.json files, so that a notebook can say whose figures it shows without a word of it typed in.
using System;
using System.ComponentModel;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;

public static class Provenance
{
    /// <summary>The commit the project folder is at, with "+changes" when tracked files differ from it; "unknown" outside git.</summary>
    public static string Commit(string folder = null)
    {
        folder ??= ProjectFolders.Root;
        string head = Git(folder, "rev-parse HEAD");
        if (head is null) return "unknown";
        return string.IsNullOrEmpty(Git(folder, "status --porcelain --untracked-files=no")) ? head : head + "+changes";
    }

    /// <summary>A commit as people write it: its first 7 digits, "with local changes" when it had them.</summary>
    public static string ShortCommit(string commit) =>
        commit[..Math.Min(7, commit.Length)] + (commit.EndsWith("+changes") ? " with local changes" : "");

    /// <summary>The processor's model name as Linux reports it; the architecture elsewhere.</summary>
    public static string Processor()
    {
        const string cpuInfo = "/proc/cpuinfo";
        string line = File.Exists(cpuInfo) ? File.ReadLines(cpuInfo).FirstOrDefault(l => l.StartsWith("model name")) : null;
        return line is null ? RuntimeInformation.ProcessArchitecture.ToString() : line[(line.IndexOf(':') + 1)..].Trim();
    }

    /// <summary>The memory this process may use, in GiB, to one decimal.</summary>
    public static double MemoryGiB() => Math.Round(GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (double)(1L << 30), 1);

    public static string OperatingSystem => RuntimeInformation.OSDescription;
    public static string Runtime => RuntimeInformation.FrameworkDescription;

    // git's output, or null when git is missing or fails (not a repository).
    static string Git(string folder, string arguments)
    {
        try
        {
            var start = new ProcessStartInfo("git", arguments) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = folder };
            using var git = Process.Start(start);
            string output = git.StandardOutput.ReadToEnd().Trim();
            git.WaitForExit();
            return git.ExitCode == 0 ? output : null;
        }
        catch (Win32Exception) { return null; }
    }
}
