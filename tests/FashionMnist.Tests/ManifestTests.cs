using System.Collections.Immutable;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Scripting;
using Microsoft.CodeAnalysis.Scripting;
using Xunit;

/// <summary>
/// The topic manifests (lib/Data.csx, lib/Cnn.csx, ...) that notebooks #load: each one, compiled on its own by
/// Roslyn's scripting compiler with the kernel's #load resolution, must build, so a manifest that misses a file
/// fails here in seconds instead of in a notebook run; and each loads every file of its folder.
/// </summary>
public class ManifestTests
{
    static string Lib => Path.Combine(ProjectFolders.Root, "lib");

    public static TheoryData<string> Manifests()
    {
        var data = new TheoryData<string>();
        foreach (string path in Directory.GetFiles(Lib, "*.csx").Order())
            if (Path.GetFileName(path) != "OptimizedKernel.csx") data.Add(Path.GetFileNameWithoutExtension(path));
        return data;
    }

    /// <summary>What the notebook kernel references: the framework and the pinned packages (the test's own
    /// dependencies, lib's compiled copy left out) and dotnet-interactive's formatting library.</summary>
    static readonly Lazy<ImmutableArray<MetadataReference>> References = new(() =>
    {
        var paths = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")).Split(Path.PathSeparator)
            .Where(p => Path.GetFileName(p) is not ("Lib.dll" or "FashionMnist.Tests.dll"))
            .ToList();
        paths.Add(Directory.GetFiles(Path.Combine(ProjectFolders.Root, ".tools", ".store"), "Microsoft.DotNet.Interactive.Formatting.dll", SearchOption.AllDirectories).First());
        paths.Add(Directory.GetFiles(Path.Combine(ProjectFolders.Root, ".tools", ".store"), "Microsoft.DotNet.Interactive.dll", SearchOption.AllDirectories).First());
        return [.. paths.Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))];
    });

    /// <summary>Compiles `#load "manifest.csx"` with #load paths resolved from <paramref name="folder"/>, as the kernel does; its errors.</summary>
    static List<Diagnostic> CompileErrors(string manifest, string folder)
    {
        var options = ScriptOptions.Default
            .WithReferences(References.Value)
            .WithSourceResolver(new SourceFileResolver(ImmutableArray<string>.Empty, folder))
            .WithEmitDebugInformation(false);
        return CSharpScript.Create($"#load \"{manifest}.csx\"", options).Compile().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
    }

    static IEnumerable<string> LoadedBy(string manifest) =>
        File.ReadLines(Path.Combine(Lib, manifest + ".csx"))
            .Select(l => Regex.Match(l, @"^#load ""([^""]+)""")).Where(m => m.Success).Select(m => m.Groups[1].Value);

    [Theory]
    [MemberData(nameof(Manifests))]
    public void Manifest_compiles_on_its_own(string manifest)
    {
        var errors = CompileErrors(manifest, Lib).Select(d => d.ToString()).Take(10).ToList();
        Assert.True(errors.Count == 0, $"lib/{manifest}.csx does not compile on its own:\n" + string.Join("\n", errors));
    }

    [Theory]
    [MemberData(nameof(Manifests))]
    public void Manifest_loads_every_file_of_its_folder(string manifest)
    {
        var inFolder = Directory.GetFiles(Path.Combine(Lib, manifest)).Where(f => f.EndsWith(".cs") || f.EndsWith(".csx"))
            .Select(f => $"{manifest}/{Path.GetFileName(f)}").Order().ToList();
        var loaded = LoadedBy(manifest).Where(l => l.Contains('/')).Order().ToList();
        Assert.Equal(inFolder, loaded);
    }

    [Fact]
    public void Every_lib_folder_has_its_manifest_and_every_file_a_folder()
    {
        Assert.Empty(Directory.GetFiles(Lib, "*.cs"));
        foreach (string folder in Directory.GetDirectories(Lib).Where(d => Path.GetFileName(d) is not ("bin" or "obj")))
            Assert.True(File.Exists(folder + ".csx"), $"lib/{Path.GetFileName(folder)}/ has no manifest lib/{Path.GetFileName(folder)}.csx");
    }

    [Fact]
    public void A_manifest_that_misses_a_file_fails_to_compile()
    {
        // The check above can fail: Cnn.csx without the file of ImageTensors, written to a scratch copy of lib/.
        string scratch = Directory.CreateTempSubdirectory("manifest-").FullName;
        try
        {
            foreach (string file in Directory.GetFiles(Lib, "*", SearchOption.AllDirectories).Where(f => f.EndsWith(".cs") || f.EndsWith(".csx")))
            {
                string target = Path.Combine(scratch, Path.GetRelativePath(Lib, file));
                Directory.CreateDirectory(Path.GetDirectoryName(target));
                File.Copy(file, target);
            }
            string cnn = Path.Combine(scratch, "Cnn.csx");
            File.WriteAllLines(cnn, File.ReadAllLines(cnn).Where(l => !l.Contains("ImageTensors.cs")));
            Assert.Contains(CompileErrors("Cnn", scratch), e => e.GetMessage().Contains("ImageTensors"));
        }
        finally { Directory.Delete(scratch, recursive: true); }
    }
}
