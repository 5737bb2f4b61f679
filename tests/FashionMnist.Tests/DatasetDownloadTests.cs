using System.IO.Compression;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Xunit;

/// <summary>Acquisition against a local HTTP server on 127.0.0.1 that serves good, corrupt, HTML and cut-off responses.</summary>
public class DatasetDownloadTests : IDisposable
{
    readonly string _target = Directory.CreateTempSubdirectory("download-target-").FullName;
    readonly TestHttpServer _server = new();
    public void Dispose() { _server.Dispose(); Directory.Delete(_target, recursive: true); }

    internal static byte[] Gzip(byte[] content, CompressionLevel level = CompressionLevel.Fastest)
    {
        var output = new MemoryStream();
        using (var gzip = new GZipStream(output, level)) gzip.Write(content);
        return output.ToArray();
    }

    internal static byte[] IdxLabels(params byte[] labels)
    {
        var stream = new MemoryStream();
        Idx.Write(stream, IdxArray.Of(labels, labels.Length));
        return stream.ToArray();
    }

    static readonly byte[] Content = IdxLabels(Enumerable.Range(0, 5000).Select(i => (byte)(i % 10)).ToArray());
    static readonly DatasetFile File1 = new("labels.gz", Content.Length, Convert.ToHexStringLower(SHA256.HashData(Content)));

    DatasetSource Source(params string[] routes) =>
        new("Test set", [File1], routes.Select(r => $"{_server.Url}/{r}/").ToArray(), SystemFolder: null);

    string Ensure(DatasetSource source, List<string> log) => DatasetFiles.Ensure(source, _target, log.Add);

    [Fact]
    public void Good_download_is_verified_and_put_in_place()
    {
        _server.Serve("/good/labels.gz", TestHttpServer.Ok(Gzip(Content)));
        var log = new List<string>();
        Ensure(Source("good"), log);
        Assert.Equal(Content, Decompress(File.ReadAllBytes(Path.Combine(_target, "labels.gz"))));
        Assert.Single(Directory.GetFiles(_target));
    }

    [Fact]
    public void Html_error_page_is_rejected_and_the_next_mirror_used()
    {
        _server.Serve("/html/labels.gz", TestHttpServer.Ok(Encoding.UTF8.GetBytes("<!DOCTYPE html><html><body>Service unavailable</body></html>"), "text/html"));
        _server.Serve("/good/labels.gz", TestHttpServer.Ok(Gzip(Content)));
        var log = new List<string>();
        Ensure(Source("html", "good"), log);
        Assert.Contains(log, l => l.Contains("/html/labels.gz") && l.Contains("the server sent an HTML page (text/html), not the file"));
        Assert.Single(Directory.GetFiles(_target));
    }

    [Fact]
    public void Html_served_as_binary_is_still_recognised()
    {
        _server.Serve("/html/labels.gz", TestHttpServer.Ok(Encoding.UTF8.GetBytes("<html>404</html>"), "application/octet-stream"));
        var error = Assert.Throws<DatasetDownloadException>(() => Ensure(Source("html"), []));
        Assert.Contains("labels.gz", error.Message);
        Assert.Contains("HTML page", error.Message);
        Assert.Empty(Directory.GetFiles(_target));
    }

    [Fact]
    public void Wrong_data_of_the_right_size_is_rejected_by_its_hash()
    {
        var other = IdxLabels(Enumerable.Range(0, 5000).Select(i => (byte)((i + 1) % 10)).ToArray());
        _server.Serve("/mnist/labels.gz", TestHttpServer.Ok(Gzip(other)));
        var error = Assert.Throws<DatasetDownloadException>(() => Ensure(Source("mnist"), []));
        Assert.Contains("content SHA-256", error.Message);
        Assert.Contains("MNIST", error.Message);
        Assert.Empty(Directory.GetFiles(_target));
    }

    [Fact]
    public void Truncated_gzip_is_rejected()
    {
        var whole = Gzip(Content);
        _server.Serve("/short/labels.gz", TestHttpServer.Ok(whole[..(whole.Length / 2)]));
        var error = Assert.Throws<DatasetDownloadException>(() => Ensure(Source("short"), []));
        Assert.Contains("truncated", error.Message);
        Assert.Empty(Directory.GetFiles(_target));
    }

    [Fact]
    public void Connection_cut_halfway_is_rejected_and_leaves_nothing_behind()
    {
        _server.Serve("/cut/labels.gz", TestHttpServer.CutHalfway(Gzip(Content)));
        var error = Assert.Throws<DatasetDownloadException>(() => Ensure(Source("cut"), []));
        Assert.Contains("/cut/labels.gz", error.Message);
        Assert.Matches("connection (broke|ended)|download failed", error.Message);
        Assert.Empty(Directory.GetFiles(_target));
    }

    [Fact]
    public void Http_error_status_is_named()
    {
        var error = Assert.Throws<DatasetDownloadException>(() => Ensure(Source("missing"), []));
        Assert.Contains("HTTP 404", error.Message);
    }

    [Fact]
    public void Valid_file_already_in_place_is_kept_without_downloading()
    {
        File.WriteAllBytes(Path.Combine(_target, "labels.gz"), Gzip(Content));
        Ensure(Source("nothing-served-here"), []);
        Assert.Equal(0, _server.Requests);
    }

    [Fact]
    public void Corrupt_file_in_place_is_replaced()
    {
        File.WriteAllBytes(Path.Combine(_target, "labels.gz"), [1, 2, 3]);
        _server.Serve("/good/labels.gz", TestHttpServer.Ok(Gzip(Content)));
        var log = new List<string>();
        Ensure(Source("good"), log);
        Assert.Contains(log, l => l.Contains("getting it again"));
        Assert.Null(DatasetFiles.Problem(Path.Combine(_target, "labels.gz"), File1));
    }

    [Fact]
    public void Packaged_copy_with_different_gzip_bytes_but_the_same_content_is_accepted()
    {
        string system = Directory.CreateTempSubdirectory("system-").FullName;
        try
        {
            var recompressed = new MemoryStream();
            using (var gzip = new GZipStream(recompressed, CompressionLevel.SmallestSize)) gzip.Write(Content);
            File.WriteAllBytes(Path.Combine(system, "labels.gz"), recompressed.ToArray());
            DatasetFiles.Ensure(Source("nothing-served-here") with { SystemFolder = system }, _target, _ => { });
            Assert.Equal(0, _server.Requests);
            Assert.Null(DatasetFiles.Problem(Path.Combine(_target, "labels.gz"), File1));
        }
        finally { Directory.Delete(system, recursive: true); }
    }

    [Fact]
    public void A_download_says_what_it_fetched_and_what_it_kept()
    {
        _server.Serve("/good/labels.gz", TestHttpServer.Ok(Gzip(Content)));
        var log = new List<string>();
        Ensure(Source("good"), log);
        string target = Path.Combine(_target, "labels.gz");
        Assert.Equal(new[] { $"downloading {_server.Url}/good/labels.gz", $"{target}: downloaded {Gzip(Content).Length} bytes, content verified" }, log);
    }

    [Fact]
    public void A_client_handed_in_is_used_and_left_open()
    {
        _server.Serve("/good/labels.gz", TestHttpServer.Ok(Gzip(Content)));
        var counting = new CountingHandler { InnerHandler = new HttpClientHandler() };
        using var http = new HttpClient(counting);
        DatasetFiles.Ensure(Source("good"), _target, _ => { }, http);
        Assert.Equal(1, counting.Requests);
        using var again = http.GetAsync($"{_server.Url}/good/labels.gz").GetAwaiter().GetResult();   // not disposed
        Assert.True(again.IsSuccessStatusCode);
    }

    sealed class CountingHandler : DelegatingHandler
    {
        public int Requests;
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref Requests);
            return base.SendAsync(request, cancellationToken);
        }
    }

    [Fact]
    public void A_response_without_a_content_type_is_still_read()
    {
        byte[] body = Gzip(Content);
        _server.Serve("/bare/labels.gz", async stream =>
        {
            await stream.WriteAsync(Encoding.ASCII.GetBytes($"HTTP/1.1 200 OK\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n"));
            await stream.WriteAsync(body);
        });
        Ensure(Source("bare"), []);
        Assert.Null(DatasetFiles.Problem(Path.Combine(_target, "labels.gz"), File1));
    }

    [Fact]
    public void A_connection_cut_halfway_is_named_as_such_with_the_bytes_received()
    {
        _server.Serve("/cut/labels.gz", TestHttpServer.CutHalfway(Gzip(Content)));
        var error = Assert.Throws<DatasetDownloadException>(() => Ensure(Source("cut"), []));
        Assert.Matches($@"the connection (broke|ended) after \d+ of {Gzip(Content).Length} bytes", error.Message);
    }

    [Fact]
    public void A_server_that_cannot_be_reached_is_a_failed_download_and_the_next_mirror_is_tried()
    {
        var closed = new TcpListener(IPAddress.Loopback, 0);
        closed.Start();
        int port = ((IPEndPoint)closed.LocalEndpoint).Port;
        closed.Stop();   // nothing listens there now
        _server.Serve("/good/labels.gz", TestHttpServer.Ok(Gzip(Content)));
        var log = new List<string>();
        DatasetFiles.Ensure(new DatasetSource("Test set", [File1], [$"http://127.0.0.1:{port}/", $"{_server.Url}/good/"], null), _target, log.Add);
        Assert.Contains(log, l => l.StartsWith($"http://127.0.0.1:{port}/labels.gz: download failed: "));
        Assert.Null(DatasetFiles.Problem(Path.Combine(_target, "labels.gz"), File1));
    }

    [Fact]
    public void A_packaged_copy_is_logged_and_a_system_folder_without_the_file_is_no_problem()
    {
        string system = Directory.CreateTempSubdirectory("system-").FullName;
        try
        {
            var log = new List<string>();
            var error = Assert.Throws<DatasetDownloadException>(() =>
                DatasetFiles.Ensure(Source("missing") with { SystemFolder = system }, _target, log.Add));
            Assert.DoesNotContain(system, error.Message);   // only the mirror's 404 is a problem
            File.WriteAllBytes(Path.Combine(system, "labels.gz"), [1, 2, 3]);
            var corrupt = Assert.Throws<DatasetDownloadException>(() =>
                DatasetFiles.Ensure(Source("missing") with { SystemFolder = system }, _target, log.Add));
            Assert.Contains($"{Path.Combine(system, "labels.gz")}: ", corrupt.Message);   // a packaged copy that fails is named
            File.WriteAllBytes(Path.Combine(system, "labels.gz"), Gzip(Content));
            DatasetFiles.Ensure(Source("missing") with { SystemFolder = system }, _target, log.Add);
            string target = Path.Combine(_target, "labels.gz");
            Assert.Contains($"{target}: copied from {Path.Combine(system, "labels.gz")}, content verified", log);
        }
        finally { Directory.Delete(system, recursive: true); }
    }

    [Fact]
    public void Problems_of_a_file_in_place_are_named_raw_or_gzip()
    {
        string path = Path.Combine(_target, "labels.gz");
        File.WriteAllBytes(path, Content);                                   // raw content, not compressed: fine
        Assert.Null(DatasetFiles.Problem(path, File1));
        File.WriteAllBytes(path, Content[..5]);                              // shorter than the 16 bytes looked at first
        Assert.Equal($"truncated: 5 of {Content.Length} bytes of content", DatasetFiles.Problem(path, File1));
        File.WriteAllBytes(path, [.. Content, 0]);
        Assert.Equal($"{Content.Length + 1} bytes of content, expected {Content.Length}", DatasetFiles.Problem(path, File1));
        File.WriteAllBytes(path, []);
        Assert.Equal("the file is empty", DatasetFiles.Problem(path, File1));
    }

    [Fact]
    public void A_published_archive_checksum_is_checked_after_the_content()
    {
        string path = Path.Combine(_target, "labels.gz");
        byte[] archive = Gzip(Content);
        File.WriteAllBytes(path, archive);
        string published = Convert.ToHexStringLower(SHA256.HashData(archive));
        Assert.Null(DatasetFiles.Problem(path, File1 with { ArchiveSha256 = published }));
        string other = new string('0', 64);
        Assert.Equal($"SHA-256 of the file is {published}, expected the published {other}: different data",
            DatasetFiles.Problem(path, File1 with { ArchiveSha256 = other }));
    }

    static byte[] Decompress(byte[] gz)
    {
        using var input = new GZipStream(new MemoryStream(gz), CompressionMode.Decompress);
        var output = new MemoryStream();
        input.CopyTo(output);
        return output.ToArray();
    }
}

/// <summary>A tiny HTTP/1.1 server on 127.0.0.1 with full control of the bytes, down to closing a socket mid-body.</summary>
public sealed class TestHttpServer : IDisposable
{
    readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    readonly Dictionary<string, Func<NetworkStream, Task>> _routes = new();
    readonly CancellationTokenSource _stop = new();
    int _requests;

    public string Url => $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}";
    public int Requests => _requests;

    public TestHttpServer()
    {
        _listener.Start();
        _ = Task.Run(AcceptLoop);
    }

    public void Serve(string path, Func<NetworkStream, Task> respond) { lock (_routes) _routes[path] = respond; }

    public static Func<NetworkStream, Task> Ok(byte[] body, string contentType = "application/octet-stream") => async stream =>
    {
        await stream.WriteAsync(Encoding.ASCII.GetBytes($"HTTP/1.1 200 OK\r\nContent-Type: {contentType}\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n"));
        await stream.WriteAsync(body);
    };

    /// <summary>Announces the whole body, sends half of it, then drops the connection.</summary>
    public static Func<NetworkStream, Task> CutHalfway(byte[] body) => async stream =>
    {
        await stream.WriteAsync(Encoding.ASCII.GetBytes($"HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nContent-Length: {body.Length}\r\n\r\n"));
        await stream.WriteAsync(body.AsMemory(0, body.Length / 2));
        await stream.FlushAsync();
    };

    async Task AcceptLoop()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try { client = await _listener.AcceptTcpClientAsync(_stop.Token); }
            catch (Exception) { return; }
            _ = Task.Run(() => Handle(client));
        }
    }

    async Task Handle(TcpClient client)
    {
        using (client)
        {
            var stream = client.GetStream();
            var reader = new StreamReader(stream, Encoding.ASCII, leaveOpen: true);
            string requestLine = await reader.ReadLineAsync() ?? "";
            while (!string.IsNullOrEmpty(await reader.ReadLineAsync())) { }
            Interlocked.Increment(ref _requests);
            string path = requestLine.Split(' ').ElementAtOrDefault(1) ?? "/";
            Func<NetworkStream, Task> respond;
            lock (_routes) _routes.TryGetValue(path, out respond);
            respond ??= async s => await s.WriteAsync(Encoding.ASCII.GetBytes("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"));
            await respond(stream);
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
    }
}
