using System.Xml.Linq;

/// <summary>The package versions pinned in Directory.Packages.props, the one place that pins them.</summary>
public static class PinnedVersions
{
    public static Dictionary<string, string> FromPackagesProps() =>
        XDocument.Load(Path.Combine(ProjectFolders.Root, "Directory.Packages.props"))
            .Descendants("PackageVersion")
            .ToDictionary(e => (string)e.Attribute("Include"), e => (string)e.Attribute("Version"), StringComparer.OrdinalIgnoreCase);
}
