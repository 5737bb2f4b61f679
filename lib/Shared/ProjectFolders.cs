// ProjectFolders: where the project's folders are, whatever the current directory.
// Notebooks run with the notebook's folder as current directory (Jupyter, nbconvert); tests and console
// programs from elsewhere. FASHION_MNIST_ROOT overrides the search.
using System;
using System.IO;

public static class ProjectFolders
{
    public static string Root => _root ??= FindRoot();
    public static string Data => Path.Combine(Root, "data");
    public static string Notebooks => Path.Combine(Root, "notebooks");
    static string _root;

    static string FindRoot()
    {
        string fromEnvironment = Environment.GetEnvironmentVariable("FASHION_MNIST_ROOT");
        if (!string.IsNullOrEmpty(fromEnvironment)) return Path.GetFullPath(fromEnvironment);
        foreach (string start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "lib", "Lib.csproj")) && Directory.Exists(Path.Combine(dir.FullName, "notebooks")))
                    return dir.FullName;
        throw new DirectoryNotFoundException(
            $"cannot find the project folder (with lib/Lib.csproj and notebooks/) above {Directory.GetCurrentDirectory()}; set FASHION_MNIST_ROOT");
    }
}
