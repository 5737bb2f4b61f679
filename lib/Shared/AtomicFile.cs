// AtomicFile: a file is written whole or not at all. Every writer in lib/ (IDX files, the downloaded and
// copied data, the benchmark's results, checkpoints, pictures) writes a temporary file beside its target and
// renames it over the target only once the write has finished (and, for downloads, verified): a crash or a
// failed write leaves the old file, or none, and never half a file. The temporary is deleted whatever happens.
using System;
using System.Collections.Generic;
using System.IO;

public static class AtomicFile
{
    /// <summary>
    /// Calls <paramref name="write"/> with a fresh temporary path beside <paramref name="path"/>; when it returns
    /// true, the temporary file replaces <paramref name="path"/>. Returns what <paramref name="write"/> returned.
    /// </summary>
    public static bool TryWrite(string path, Func<string, bool> write)
    {
        string full = Path.GetFullPath(path);
        string folder = Path.GetDirectoryName(full);
        Directory.CreateDirectory(folder);
        string temporary = Path.Combine(folder, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.partial");
        try
        {
            if (!write(temporary)) return false;
            File.Move(temporary, full, overwrite: true);
            return true;
        }
        finally
        {
            if (File.Exists(temporary)) File.Delete(temporary);
        }
    }

    /// <summary>Writes <paramref name="path"/> through a temporary path that <paramref name="write"/> fills (for writers that take a path).</summary>
    public static void WriteFile(string path, Action<string> write) => TryWrite(path, temporary => { write(temporary); return true; });

    /// <summary>Writes <paramref name="path"/> through a stream on a temporary file.</summary>
    public static void Write(string path, Action<Stream> write) => WriteFile(path, temporary =>
    {
        using var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 1 << 16);
        write(file);
    });

    public static void WriteAllBytes(string path, byte[] bytes) => WriteFile(path, temporary => File.WriteAllBytes(temporary, bytes));

    public static void WriteAllLines(string path, IEnumerable<string> lines) => WriteFile(path, temporary => File.WriteAllLines(temporary, lines));
}
