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
}
