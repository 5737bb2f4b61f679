// Gets the verified data into data/: Fashion-MNIST into data/fashion (needed: a failure stops the set-up), and the
// original MNIST into data/mnist (optional: notebooks 01 and 03 show it beside Fashion-MNIST; where it cannot be
// had, one line says why and the set-up goes on). See lib/Data/DatasetFiles.cs for the sources and checks.
//   prepare [--no-data] [--no-mnist]
// FASHION_MNIST_MNIST_MIRRORS (space-separated base URLs) replaces MNIST's official mirrors, for the tests' local server.
if (args.Contains("--no-data")) return 0;
try
{
    string folder = DatasetFiles.Ensure(DatasetFiles.FashionMnist, Path.Combine(ProjectFolders.Data, "fashion"));
    Console.WriteLine($"Fashion-MNIST: {DatasetFiles.FashionMnist.Files.Length} files verified in {folder}");
}
catch (Exception e) when (e is DatasetDownloadException or IOException or UnauthorizedAccessException)
{
    Console.Error.WriteLine($"setup: {e.Message}");
    return 1;
}
if (args.Contains("--no-mnist")) return 0;

var mnist = DatasetFiles.Mnist;
if (Environment.GetEnvironmentVariable("FASHION_MNIST_MNIST_MIRRORS") is { Length: > 0 } mirrors)
    mnist = mnist with { BaseUrls = mirrors.Split(' ', StringSplitOptions.RemoveEmptyEntries) };
var attempts = new List<string>();
try
{
    string folder = DatasetFiles.Ensure(mnist, Path.Combine(ProjectFolders.Data, "mnist"), log: attempts.Add);
    Console.WriteLine($"MNIST: {mnist.Files.Length} files verified in {folder}");
}
catch (Exception e) when (e is DatasetDownloadException or IOException or UnauthorizedAccessException)
{
    // One line: the file and each mirror's problem; nothing half-written is left (downloads are renamed into place only once verified).
    Console.WriteLine($"setup: MNIST not fetched, going on without it ({string.Join("; ", e.Message.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))})");
}
return 0;
