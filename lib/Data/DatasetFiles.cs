// DatasetFiles: getting the four IDX files of a data set onto disk, verified.
// Order: valid files already in the target folder, then an OS package folder, then downloads from the
// official URL and its mirrors. Every candidate is checked by the SHA-256 of its *decompressed* content
// (Debian re-compresses the .gz files, so their bytes differ from upstream's while the content is the same), or,
// where only the archive's checksum is published (MNIST: TensorFlow Datasets' SHA-256 of each .gz), by that.
// A download streams into a temporary file, is verified, then renamed into place: nothing bad is left behind.
using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Net.Http;
using System.Security.Cryptography;
using System.Threading.Tasks;

/// <summary>
/// One file of a data set: its name, the length of its decompressed content, and the checksum it is verified by:
/// the SHA-256 of the decompressed content, or (when only that is published) the SHA-256 of the .gz file itself.
/// </summary>
public sealed record DatasetFile(string Name, long ContentLength, string ContentSha256, string ArchiveSha256 = null);

/// <summary>A data set's files and where to get them.</summary>
public sealed record DatasetSource(string DisplayName, DatasetFile[] Files, string[] BaseUrls, string SystemFolder);

public sealed class DatasetDownloadException : Exception
{
    public DatasetDownloadException(string message) : base(message) { }
}

public static class DatasetFiles
{
    public static readonly DatasetSource FashionMnist = new(
        "Fashion-MNIST",
        [
            new("train-images-idx3-ubyte.gz", 47040016, "c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888"),
            new("train-labels-idx1-ubyte.gz", 60008, "bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9"),
            new("t10k-images-idx3-ubyte.gz", 7840016, "5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b"),
            new("t10k-labels-idx1-ubyte.gz", 10008, "0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34"),
        ],
        [
            "http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/",
            "https://github.com/zalandoresearch/fashion-mnist/raw/master/data/fashion/",
            "https://storage.googleapis.com/tensorflow/tf-keras-datasets/",
        ],
        "/usr/share/datasets/fashion-mnist");

    /// <summary>
    /// The original MNIST digits, from the mirrors torchvision uses (its first is PyTorch's copy) and the one TensorFlow
    /// Datasets uses, verified by TensorFlow Datasets' published SHA-256 of each .gz file. No OS package holds them.
    /// </summary>
    public static readonly DatasetSource Mnist = new(
        "MNIST",
        [
            new("train-images-idx3-ubyte.gz", 47040016, null, "440fcabf73cc546fa21475e81ea370265605f56be210a4024d2ca8f203523609"),
            new("train-labels-idx1-ubyte.gz", 60008, null, "3552534a0a558bbed6aed32b30c495cca23d567ec52cac8be1a0730e8010255c"),
            new("t10k-images-idx3-ubyte.gz", 7840016, null, "8d422c7b0a1c1c79245a5bcf07fe86e33eeafee792b84584aec276f5a2dbc4e6"),
            new("t10k-labels-idx1-ubyte.gz", 10008, null, "f7ae60f92e00ec6debd23a6088c31dbd2371eca3ffa0defaefb259924204aec6"),
        ],
        [
            "https://ossci-datasets.s3.amazonaws.com/mnist/",
            "http://yann.lecun.com/exdb/mnist/",
            "https://storage.googleapis.com/cvdf-datasets/mnist/",
        ],
        null);

    /// <summary>Makes sure every file of the source is in <paramref name="folder"/> and verified; returns the folder.</summary>
    public static string Ensure(DatasetSource source, string folder, Action<string> log = null, HttpClient http = null)
    {
        log ??= Console.WriteLine;
        Directory.CreateDirectory(folder);
        foreach (DatasetFile file in source.Files)
            EnsureFile(source, file, folder, log, http);
        return folder;
    }

    static void EnsureFile(DatasetSource source, DatasetFile file, string folder, Action<string> log, HttpClient http)
    {
        string target = Path.Combine(folder, file.Name);
        if (File.Exists(target))
        {
            string problem = Problem(target, file);
            if (problem is null) return;
            log($"{target}: {problem}; getting it again");
        }

        var problems = new List<string>();
        string packaged = source.SystemFolder is null ? null : Path.Combine(source.SystemFolder, file.Name);
        if (packaged is not null && File.Exists(packaged))
        {
            string problem = Problem(packaged, file);
            if (problem is null)
            {
                CopyVerified(packaged, target, file);
                log($"{target}: copied from {packaged}, content verified");
                return;
            }
            problems.Add($"{packaged}: {problem}");
        }

        foreach (string baseUrl in source.BaseUrls)
        {
            string url = baseUrl + file.Name;
            string problem = TryDownload(url, target, file, log, http);
            if (problem is null) return;
            problems.Add($"{url}: {problem}");
            log($"{url}: {problem}");
        }
        throw new DatasetDownloadException(
            $"could not get {source.DisplayName} file {file.Name} into {folder}:{Environment.NewLine}  " + string.Join(Environment.NewLine + "  ", problems));
    }

    /// <summary>Why a file is not the expected one, or null when its content is exactly right.</summary>
    public static string Problem(string path, DatasetFile expected)
    {
        try
        {
            using var stream = File.OpenRead(path);
            return ContentProblem(stream, expected);
        }
        catch (IOException e) { return $"cannot be read: {e.Message}"; }
        catch (UnauthorizedAccessException e) { return $"cannot be read: {e.Message}"; }
    }

    static string ContentProblem(Stream file, DatasetFile expected)
    {
        Span<byte> head = stackalloc byte[16];
        int got = file.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        if (got == 0) return "the file is empty";
        if (Idx.LooksLikeHtml(head[..got])) return "this is an HTML page, not a data file (an error page served instead of the file?)";
        file.Position = 0;
        using Stream content = Idx.IsGzip(head[..got]) ? new GZipStream(file, CompressionMode.Decompress, leaveOpen: true) : file;
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[1 << 16];
        long length = 0;
        try
        {
            int n;
            while ((n = content.Read(buffer)) > 0)
            {
                sha.AppendData(buffer, 0, n);
                length += n;
            }
        }
        catch (InvalidDataException e) { return $"corrupt gzip data after {length} bytes of content: {e.Message}"; }
        catch (EndOfStreamException) { return $"truncated: the gzip stream ends after {length} of {expected.ContentLength} bytes of content"; }
        if (length < expected.ContentLength) return $"truncated: {length} of {expected.ContentLength} bytes of content";
        if (length > expected.ContentLength) return $"{length} bytes of content, expected {expected.ContentLength}";
        if (expected.ArchiveSha256 is not null)
        {
            file.Position = 0;
            string archive = Convert.ToHexStringLower(SHA256.HashData(file));
            if (archive != expected.ArchiveSha256)
                return $"SHA-256 of the file is {archive}, expected the published {expected.ArchiveSha256}: different data";
        }
        string actual = Convert.ToHexStringLower(sha.GetHashAndReset());
        if (expected.ContentSha256 is not null && actual != expected.ContentSha256)
            return $"content SHA-256 is {actual}, expected {expected.ContentSha256}: same size but different data " +
                   "(the MNIST digits file has this exact size, so it may have been served instead)";
        return null;
    }

    static void CopyVerified(string source, string target, DatasetFile file) => AtomicFile.WriteFile(target, temporary =>
    {
        File.Copy(source, temporary);
        string problem = Problem(temporary, file);
        if (problem is not null) throw new IOException($"{temporary}: copy of {source} does not verify: {problem}");
    });

    /// <summary>Downloads into a temporary file beside the target, verifies, renames; returns null or the problem.</summary>
    static string TryDownload(string url, string target, DatasetFile file, Action<string> log, HttpClient http)
    {
        bool ownClient = http is null;
        http ??= new HttpClient { Timeout = TimeSpan.FromMinutes(10) };
        try
        {
            log($"downloading {url}");
            (string Problem, long Received) download = default;
            if (AtomicFile.TryWrite(target, temporary => (download = DownloadVerified(url, temporary, file, http)).Problem is null))
                log($"{target}: downloaded {download.Received} bytes, content verified");
            return download.Problem;
        }
        catch (Exception e) when (e is HttpRequestException or IOException or TaskCanceledException or UriFormatException)
        {
            return $"download failed: {e.Message}";
        }
        finally
        {
            if (ownClient) http.Dispose();
        }
    }

    /// <summary>Downloads <paramref name="url"/> into <paramref name="path"/> and verifies it: the problem (null when none) and the bytes received.</summary>
    static (string Problem, long Received) DownloadVerified(string url, string path, DatasetFile file, HttpClient http)
    {
        long received = 0;
        long? declared;
        using (var response = http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead).GetAwaiter().GetResult())
        {
            if (!response.IsSuccessStatusCode) return ($"HTTP {(int)response.StatusCode} {response.ReasonPhrase}", 0);
            string mediaType = response.Content.Headers.ContentType?.MediaType ?? "";
            if (mediaType.StartsWith("text/html")) return ($"the server sent an HTML page ({mediaType}), not the file", 0);
            declared = response.Content.Headers.ContentLength;
            using var body = response.Content.ReadAsStream();
            using var output = new FileStream(path, FileMode.CreateNew, FileAccess.Write);
            var buffer = new byte[1 << 16];
            int n;
            try
            {
                while ((n = body.Read(buffer)) > 0)
                {
                    output.Write(buffer, 0, n);
                    received += n;
                }
            }
            catch (Exception e) when (e is IOException or HttpRequestException)
            {
                return ($"the connection broke after {received}{(declared is long d ? $" of {d}" : "")} bytes: {e.Message}", received);
            }
        }
        if (declared is long expectedBytes && received != expectedBytes)
            return ($"the connection ended after {received} of {expectedBytes} bytes", received);
        return (Problem(path, file), received);
    }
}
