using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using Xunit;

/// <summary>
/// MNIST, fetched by the set-up from torchvision's and TensorFlow Datasets' mirrors and verified by the published
/// SHA-256 of each .gz file, with the same guarantees as Fashion-MNIST (against a local server on 127.0.0.1).
/// </summary>
public class MnistDownloadTests : IDisposable
{
    readonly string _target = Directory.CreateTempSubdirectory("mnist-target-").FullName;
    readonly TestHttpServer _server = new();
    public void Dispose() { _server.Dispose(); Directory.Delete(_target, recursive: true); }

    static readonly byte[] Content = DatasetDownloadTests.IdxLabels(Enumerable.Range(0, 3000).Select(i => (byte)(i * 7 % 10)).ToArray());
    static readonly byte[] Published = DatasetDownloadTests.Gzip(Content);
    // Verified by the archive's checksum only, as MNIST is: no checksum of the content is published.
    static readonly DatasetFile Labels = new("labels.gz", Content.Length, null, Convert.ToHexStringLower(SHA256.HashData(Published)));

    DatasetSource Source(params string[] routes) => new("MNIST-like", [Labels], routes.Select(r => $"{_server.Url}/{r}/").ToArray(), SystemFolder: null);

    [Fact]
    public void Mnist_is_described_by_the_published_checksums_sizes_and_mirrors()
    {
        var files = DatasetFiles.Mnist.Files.ToDictionary(f => f.Name);
        // TensorFlow Datasets' checksums of the .gz files (the same files torchvision checks by MD5).
        Assert.Equal("440fcabf73cc546fa21475e81ea370265605f56be210a4024d2ca8f203523609", files["train-images-idx3-ubyte.gz"].ArchiveSha256);
        Assert.Equal("3552534a0a558bbed6aed32b30c495cca23d567ec52cac8be1a0730e8010255c", files["train-labels-idx1-ubyte.gz"].ArchiveSha256);
        Assert.Equal("8d422c7b0a1c1c79245a5bcf07fe86e33eeafee792b84584aec276f5a2dbc4e6", files["t10k-images-idx3-ubyte.gz"].ArchiveSha256);
        Assert.Equal("f7ae60f92e00ec6debd23a6088c31dbd2371eca3ffa0defaefb259924204aec6", files["t10k-labels-idx1-ubyte.gz"].ArchiveSha256);
        // The same shapes as Fashion-MNIST: a drop-in replacement.
        Assert.Equal(DatasetFiles.FashionMnist.Files.Select(f => (f.Name, f.ContentLength)), DatasetFiles.Mnist.Files.Select(f => (f.Name, f.ContentLength)));
        Assert.Contains("https://ossci-datasets.s3.amazonaws.com/mnist/", DatasetFiles.Mnist.BaseUrls);
        Assert.Contains("https://storage.googleapis.com/cvdf-datasets/mnist/", DatasetFiles.Mnist.BaseUrls);
    }

    [Fact]
    public void The_published_archive_is_verified_and_put_in_place()
    {
        _server.Serve("/good/labels.gz", TestHttpServer.Ok(Published));
        DatasetFiles.Ensure(Source("good"), _target, _ => { });
        Assert.Equal(Published, File.ReadAllBytes(Path.Combine(_target, "labels.gz")));
        Assert.Single(Directory.GetFiles(_target));
    }

    [Fact]
    public void A_different_archive_of_the_same_content_is_refused_by_the_published_checksum()
    {
        byte[] other = DatasetDownloadTests.Gzip(Content, CompressionLevel.SmallestSize);
        Assert.NotEqual(Published, other);
        _server.Serve("/other/labels.gz", TestHttpServer.Ok(other));
        var error = Assert.Throws<DatasetDownloadException>(() => DatasetFiles.Ensure(Source("other"), _target, _ => { }));
        Assert.Contains("labels.gz", error.Message);
        Assert.Contains("expected the published " + Labels.ArchiveSha256, error.Message);
        Assert.Empty(Directory.GetFiles(_target));
    }

    [Fact]
    public void Corrupt_html_and_cut_responses_are_refused_and_the_next_mirror_used_leaving_nothing_half_written()
    {
        byte[] corrupt = (byte[])Published.Clone();
        corrupt[corrupt.Length / 2] ^= 0xFF;
        _server.Serve("/corrupt/labels.gz", TestHttpServer.Ok(corrupt));
        _server.Serve("/html/labels.gz", TestHttpServer.Ok(Encoding.UTF8.GetBytes("<!DOCTYPE html><html>Not here</html>"), "text/html"));
        _server.Serve("/cut/labels.gz", TestHttpServer.CutHalfway(Published));
        _server.Serve("/good/labels.gz", TestHttpServer.Ok(Published));
        var log = new List<string>();

        DatasetFiles.Ensure(Source("corrupt", "html", "cut", "good"), _target, log.Add);

        Assert.Contains(log, l => l.Contains("/corrupt/labels.gz") && (l.Contains("corrupt") || l.Contains("SHA-256")));
        Assert.Contains(log, l => l.Contains("/html/labels.gz") && l.Contains("HTML page"));
        Assert.Contains(log, l => l.Contains("/cut/labels.gz") && (l.Contains("broke") || l.Contains("ended")));
        Assert.Equal(Published, File.ReadAllBytes(Path.Combine(_target, "labels.gz")));
        Assert.Single(Directory.GetFiles(_target));
    }

    [Fact]
    public void Set_up_without_mnist_says_so_in_one_line_and_goes_on()
    {
        // The set-up's preparation program, with MNIST's mirrors replaced by a local one serving an error page.
        _server.Serve("/down/train-images-idx3-ubyte.gz", TestHttpServer.Ok(Encoding.UTF8.GetBytes("<html>503</html>"), "text/html"));
        string mnistFolder = Path.Combine(ProjectFolders.Data, "mnist");
        bool hadMnist = FashionMnist.FolderHasAllFiles(mnistFolder);
        var before = Directory.Exists(mnistFolder) ? Directory.GetFiles(mnistFolder).Order().ToArray() : [];
        var (exitCode, output, _) = NotebookRunner.RunProcess("dotnet", ["run", "--project", Path.Combine(ProjectFolders.Root, "environment", "prepare"), "-v", "quiet"],
            environment: new Dictionary<string, string> { ["FASHION_MNIST_MNIST_MIRRORS"] = $"{_server.Url}/down/ http://127.0.0.1:1/" });

        Assert.True(exitCode == 0, output);
        Assert.Contains("Fashion-MNIST: 4 files verified", output);
        if (hadMnist)
            Assert.Contains("MNIST: 4 files verified", output); // files already in place are kept, nothing downloaded
        else
        {
            var line = Assert.Single(output.Split('\n'), l => l.Contains("MNIST not fetched"));
            Assert.StartsWith("setup: MNIST not fetched, going on without it (", line);
            Assert.Contains("train-images-idx3-ubyte.gz", line);
            Assert.Contains("HTML page", line);
            Assert.Equal(before, Directory.Exists(mnistFolder) ? Directory.GetFiles(mnistFolder).Order().ToArray() : []);
        }
    }
}
