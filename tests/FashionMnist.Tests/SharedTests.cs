using Xunit;

/// <summary>lib/Shared: the pieces every topic uses, each with one home.</summary>
public class AtomicFileTests : IDisposable
{
    readonly string _folder = Directory.CreateTempSubdirectory("atomic-").FullName;
    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void A_failed_write_leaves_the_old_file_and_no_temporary()
    {
        string path = Path.Combine(_folder, "results.jsonl");
        File.WriteAllText(path, "old");
        Assert.Throws<InvalidOperationException>(() => AtomicFile.Write(path, stream =>
        {
            stream.Write("half a fi"u8);
            throw new InvalidOperationException("disk full");
        }));
        Assert.Equal("old", File.ReadAllText(path));
        Assert.Equal([path], Directory.GetFiles(_folder));
    }

    [Fact]
    public void A_refused_write_leaves_the_old_file_and_no_temporary()
    {
        string path = Path.Combine(_folder, "data.gz");
        File.WriteAllText(path, "old");
        bool written = AtomicFile.TryWrite(path, temporary => { File.WriteAllText(temporary, "unverified"); return false; });
        Assert.False(written);
        Assert.Equal("old", File.ReadAllText(path));
        Assert.Equal([path], Directory.GetFiles(_folder));
    }

    [Fact]
    public void A_finished_write_replaces_the_file_and_creates_its_folder()
    {
        string path = Path.Combine(_folder, "new", "picture.png");
        AtomicFile.WriteAllBytes(path, [1, 2, 3]);
        Assert.Equal(new byte[] { 1, 2, 3 }, File.ReadAllBytes(path));
        Assert.Single(Directory.GetFiles(Path.GetDirectoryName(path)));
        // A second write replaces the first, and TryWrite says that it did.
        Assert.True(AtomicFile.TryWrite(path, temporary => { File.WriteAllBytes(temporary, [4]); return true; }));
        Assert.Equal(new byte[] { 4 }, File.ReadAllBytes(path));
        Assert.Single(Directory.GetFiles(Path.GetDirectoryName(path)));
    }
}

public class NearestKTests
{
    [Fact]
    public void Keeps_the_k_nearest_sorted_and_ties_keep_the_lower_index()
    {
        var nearest = new NearestK(3);
        float[] distances = [5, 1, 4, 1, 9, 0.5f, 4];
        for (int i = 0; i < distances.Length; i++) nearest.Offer(i, distances[i]);
        var indices = new int[3];
        var kept = new float[3];
        nearest.CopySorted(indices, kept);
        Assert.Equal([5, 1, 3], indices);
        Assert.Equal([0.5f, 1, 1], kept);
        Assert.Equal(1f, nearest.Largest);
    }

    [Fact]
    public void Matches_a_full_sort_on_random_distances()
    {
        var random = new Random(3);
        var distances = Enumerable.Range(0, 500).Select(_ => (float)Math.Round(random.NextDouble() * 50)).ToArray();
        var nearest = new NearestK(17);
        for (int i = 0; i < distances.Length; i++) nearest.Offer(i, distances[i]);
        var indices = new int[17];
        nearest.CopySorted(indices, new float[17]);
        var expected = Enumerable.Range(0, distances.Length).OrderBy(i => distances[i]).ThenBy(i => i).Take(17).ToArray();
        Assert.Equal(expected, indices);
    }

    [Fact]
    public void Keeps_the_same_set_as_a_full_sort_for_every_k_with_many_ties()
    {
        // Few distinct distances, so most candidates tie: the lower index must stay, whatever the heap's shape
        // (odd and even k give a last node with and without a sibling).
        var random = new Random(5);
        for (int trial = 0; trial < 300; trial++)
        {
            int k = 1 + trial % 20, count = random.Next(1, 60);
            var distances = Enumerable.Range(0, count).Select(_ => (float)random.Next(6)).ToArray();
            var nearest = new NearestK(k);
            for (int i = 0; i < count; i++) nearest.Offer(i, distances[i]);
            var indices = new int[k];
            var kept = new float[k];
            nearest.CopySorted(indices, kept);
            var expected = Enumerable.Range(0, count).OrderBy(i => distances[i]).ThenBy(i => i).Take(k).ToArray();
            Assert.Equal(expected, indices.Take(expected.Length));
            Assert.Equal(expected.Select(i => distances[i]), kept.Take(expected.Length));
            // Slots never filled say so: index -1, infinitely far.
            Assert.All(indices.Skip(expected.Length), index => Assert.Equal(-1, index));
            Assert.All(kept.Skip(expected.Length), distance => Assert.Equal(float.PositiveInfinity, distance));
            Assert.Equal(count >= k ? distances[expected[^1]] : float.PositiveInfinity, nearest.Largest);
        }
    }

    [Fact]
    public void K_must_be_at_least_one()
    {
        Assert.Equal(1, new NearestK(1).K);
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new NearestK(0));
        Assert.Contains("k must be at least 1", error.Message);
    }
}

public class SharedFolderTests : IDisposable
{
    readonly string _folder = Directory.CreateTempSubdirectory("shared-folder-tests-").FullName;
    public void Dispose() => Directory.Delete(_folder, recursive: true);

    string MakeProject(string name)
    {
        string root = Path.Combine(_folder, name);
        Directory.CreateDirectory(Path.Combine(root, "lib"));
        Directory.CreateDirectory(Path.Combine(root, "notebooks"));
        File.WriteAllText(Path.Combine(root, "lib", "Lib.csproj"), "<Project />");
        return root;
    }

    [Fact]
    public void The_root_is_the_variables_folder_when_it_is_set()
    {
        string named = Path.Combine(_folder, "anywhere");
        Assert.Equal(Path.GetFullPath(named), ProjectFolders.FindRoot(named, MakeProject("project")));
        Assert.Equal("FASHION_MNIST_ROOT", ProjectFolders.RootVariable);
    }

    [Fact]
    public void Without_the_variable_the_root_is_the_first_folder_upwards_with_lib_and_notebooks()
    {
        string project = MakeProject("project");
        string deep = Directory.CreateDirectory(Path.Combine(project, "notebooks", "a", "b")).FullName;
        Assert.Equal(project, ProjectFolders.FindRoot(null, deep));
        Assert.Equal(project, ProjectFolders.FindRoot("", deep));
        // The first start that finds one wins; a start with no project above it is passed over.
        string other = MakeProject("other");
        Assert.Equal(other, ProjectFolders.FindRoot(null, Path.GetTempPath(), other, project));
        // lib/Lib.csproj without notebooks/ is not a project folder.
        string halfway = Path.Combine(_folder, "halfway");
        Directory.CreateDirectory(Path.Combine(halfway, "lib"));
        File.WriteAllText(Path.Combine(halfway, "lib", "Lib.csproj"), "<Project />");
        var error = Assert.Throws<DirectoryNotFoundException>(() => ProjectFolders.FindRoot(null, halfway, Path.GetTempPath()));
        Assert.Contains($"above {halfway} or {Path.GetTempPath()}", error.Message);
        Assert.Contains("FASHION_MNIST_ROOT", error.Message);
    }

    [Fact]
    public void This_checkout_is_found_and_its_folders_are_named_from_it()
    {
        string root = ProjectFolders.Root;
        Assert.True(File.Exists(Path.Combine(root, "lib", "Lib.csproj")), root);
        Assert.Same(root, ProjectFolders.Root);   // found once, then kept
        Assert.Equal(Path.Combine(root, "data"), ProjectFolders.Data);
        Assert.Equal(Path.Combine(root, "notebooks"), ProjectFolders.Notebooks);
    }

    [Theory]
    [InlineData("1", true)]
    [InlineData("true", true)]
    [InlineData("yes", true)]
    [InlineData("0", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    [InlineData("no", false)]
    public void Quick_mode_is_on_for_1_true_or_yes(string value, bool on)
    {
        Assert.Equal(on, QuickMode.Means(value));
        Assert.Equal(on ? "quick" : "full", QuickMode.ChooseFor(on, "full", "quick"));
        Assert.Equal("FASHION_MNIST_QUICK", QuickMode.Variable);
        Assert.Equal(QuickMode.Means(Environment.GetEnvironmentVariable("FASHION_MNIST_QUICK")), QuickMode.IsOn);
        Assert.Equal(QuickMode.IsOn ? 2 : 1, QuickMode.Choose(full: 1, quick: 2));
    }

    [Fact]
    public void Parallel_loops_use_the_threads_asked_for_or_one_per_core()
    {
        Assert.Equal(3, Parallelism.Options(3).MaxDegreeOfParallelism);
        Assert.Equal(1, Parallelism.Options(1).MaxDegreeOfParallelism);
        Assert.Equal(Environment.ProcessorCount, Parallelism.Options(0).MaxDegreeOfParallelism);
        Assert.Equal(Environment.ProcessorCount, Parallelism.Options(-1).MaxDegreeOfParallelism);
    }
}
