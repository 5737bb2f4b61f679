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

    /// <summary>The variable that names the project folder, overriding the search.</summary>
    public const string RootVariable = "FASHION_MNIST_ROOT";

    static string FindRoot() => FindRoot(Environment.GetEnvironmentVariable(RootVariable), Directory.GetCurrentDirectory(), AppContext.BaseDirectory);

    /// <summary>
    /// The project folder: <paramref name="fromEnvironment"/> when it is set, else the first folder, from each start
    /// upwards, that holds lib/Lib.csproj and notebooks/.
    /// </summary>
    public static string FindRoot(string fromEnvironment, params string[] starts)
    {
        if (!string.IsNullOrEmpty(fromEnvironment)) return Path.GetFullPath(fromEnvironment);
        foreach (string start in starts)
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "lib", "Lib.csproj")) && Directory.Exists(Path.Combine(dir.FullName, "notebooks")))
                    return dir.FullName;
        throw new DirectoryNotFoundException(
            $"cannot find the project folder (with lib/Lib.csproj and notebooks/) above {string.Join(" or ", starts)}; set {RootVariable}");
    }
}
