// Gets the verified Fashion-MNIST files into data/fashion (see lib/Data/DatasetFiles.cs for the order of sources).
if (args.Contains("--no-data")) return 0;
try
{
    string folder = DatasetFiles.Ensure(DatasetFiles.FashionMnist, Path.Combine(ProjectFolders.Data, "fashion"));
    Console.WriteLine($"Fashion-MNIST: {DatasetFiles.FashionMnist.Files.Length} files verified in {folder}");
    return 0;
}
catch (Exception e) when (e is DatasetDownloadException or IOException or UnauthorizedAccessException)
{
    Console.Error.WriteLine($"setup: {e.Message}");
    return 1;
}
