using Xunit;

public class LabeledImagesTests : IDisposable
{
    [Theory]
    [InlineData(0, 28)]
    [InlineData(28, 0)]
    [InlineData(-1, 28)]
    [InlineData(28, -2)]
    public void Image_sizes_must_be_positive_and_the_error_gives_them(int rows, int columns)
    {
        var error = Assert.Throws<ArgumentException>(() => new LabeledImages(new byte[0], new byte[0], rows, columns));
        Assert.Contains($"image size {rows}x{columns} is not positive", error.Message);
        Assert.Equal(1, new LabeledImages(new byte[1], new byte[1], 1, 1).Count);
    }

    [Fact]
    public void The_ten_class_names_are_the_data_sets_own()
    {
        // From the data set's README, in label order.
        Assert.Equal(new[] { "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot" },
            FashionMnist.ClassNames);
    }

    readonly string _folder = Directory.CreateTempSubdirectory("dataset-tests-").FullName;
    public void Dispose() => Directory.Delete(_folder, recursive: true);

    (string images, string labels) Write(byte[] pixels, int count, byte[] labels)
    {
        string imagesPath = Path.Combine(_folder, "images.gz"), labelsPath = Path.Combine(_folder, "labels.gz");
        Idx.Write(imagesPath, IdxArray.Of(pixels, count, 2, 2), gzip: true);
        Idx.Write(labelsPath, IdxArray.Of(labels, labels.Length), gzip: true);
        return (imagesPath, labelsPath);
    }

    [Fact]
    public void Images_and_labels_load_together()
    {
        var (images, labels) = Write(Enumerable.Range(0, 12).Select(i => (byte)(i * 20)).ToArray(), 3, [2, 0, 9]);
        var data = LabeledImages.Load(images, labels);
        Assert.Equal(3, data.Count);
        Assert.Equal(new byte[] { 80, 100, 120, 140 }, data.Image(1).ToArray());
        Assert.Equal(new byte[] { 2, 0, 9 }, data.Labels);
    }

    [Fact]
    public void Image_and_label_count_mismatch_names_both_files()
    {
        var (images, labels) = Write(new byte[12], 3, [1, 2]);
        var error = Assert.Throws<IdxFormatException>(() => LabeledImages.Load(images, labels));
        Assert.Contains(labels, error.Message);
        Assert.Contains($"2 labels, but the images file {images} holds 3 images", error.Message);
    }

    [Fact]
    public void Label_outside_0_to_9_names_the_item_and_its_offset()
    {
        var (images, labels) = Write(new byte[12], 3, [1, 10, 2]);
        var error = Assert.Throws<IdxFormatException>(() => LabeledImages.Load(images, labels));
        Assert.Equal(9, error.Offset);
        Assert.Contains("label 10 of item 1 is outside 0-9", error.Message);
    }

    [Fact]
    public void Labels_of_the_wrong_rank_are_refused()
    {
        string images = Path.Combine(_folder, "i"), labels = Path.Combine(_folder, "l");
        Idx.Write(images, IdxArray.Of(new byte[8], 2, 2, 2), gzip: false);
        Idx.Write(labels, IdxArray.Of(new byte[2], 2, 1), gzip: false);
        var error = Assert.Throws<IdxFormatException>(() => LabeledImages.Load(images, labels));
        Assert.Contains("expected labels as unsigned bytes of rank 1", error.Message);
    }

    [Fact]
    public void Floats_are_pixels_divided_by_255()
    {
        var data = new LabeledImages([0, 51, 255, 255], [3], 2, 2);
        Assert.Equal(new[] { 0f, 0.2f, 1f, 1f }, data.ImageAsFloats(0));
    }

    static LabeledImages Balanced(int perClass) =>
        new(new byte[perClass * 10], Enumerable.Range(0, perClass * 10).Select(i => (byte)(i % 10)).ToArray(), 1, 1);

    [Fact]
    public void Subset_keeps_every_class_in_its_share()
    {
        var subset = Balanced(100).Subset(200, seed: 3);
        Assert.Equal(200, subset.Count);
        Assert.All(subset.CountPerClass(), n => Assert.Equal(20, n));
    }

    [Fact]
    public void Subset_of_unbalanced_classes_keeps_each_share_within_one_image()
    {
        // 600, 300, 90 and 10 images of classes 0-3: a tenth of them is 60, 30, 9 and 1 (round-robin would give 25 each).
        int[] sizes = [600, 300, 90, 10];
        var labels = sizes.SelectMany((n, c) => Enumerable.Repeat((byte)c, n)).ToArray();
        var data = new LabeledImages(new byte[labels.Length], labels, 1, 1, classCount: 4);
        Assert.Equal(new[] { 60, 30, 9, 1 }, data.Subset(100, seed: 2).CountPerClass());
        int[] counts = data.Subset(101, seed: 2).CountPerClass();
        Assert.Equal(101, counts.Sum());
        for (int c = 0; c < sizes.Length; c++)
            Assert.InRange(counts[c], 101 * sizes[c] / 1000, 101 * sizes[c] / 1000 + 1);
    }

    [Fact]
    public void Stratified_quotas_round_down_and_give_the_rest_to_the_largest_remainders()
    {
        Assert.Equal(new[] { 4, 2, 1 }, LabeledImages.StratifiedQuotas([50, 30, 20], 7)); // exact 3.5, 2.1, 1.4
        Assert.Equal(new[] { 2, 2, 1 }, LabeledImages.StratifiedQuotas([10, 10, 10], 5)); // a tie goes to the lower label
        Assert.Equal(new[] { 0, 0, 0 }, LabeledImages.StratifiedQuotas([10, 10, 10], 0));
    }

    [Fact]
    public void Subset_is_reproducible_by_seed()
    {
        var all = new LabeledImages(Enumerable.Range(0, 1000).Select(i => (byte)(i / 4)).ToArray(), Enumerable.Range(0, 1000).Select(i => (byte)(i % 10)).ToArray(), 1, 1);
        Assert.Equal(all.Subset(50, seed: 7).Pixels, all.Subset(50, seed: 7).Pixels);
        Assert.NotEqual(all.Subset(50, seed: 7).Pixels, all.Subset(50, seed: 8).Pixels);
    }
}

public class MiniBatchesTests
{
    static LabeledImages Numbered(int count) =>
        new(Enumerable.Range(0, count).Select(i => (byte)i).ToArray(), Enumerable.Range(0, count).Select(i => (byte)(i % 10)).ToArray(), 1, 1);

    [Fact]
    public void An_epoch_visits_every_image_once()
    {
        var batches = new MiniBatches(Numbered(250), seed: 1);
        var seen = batches.NextEpoch(100).SelectMany(b => b.Indices).ToList();
        Assert.Equal(Enumerable.Range(0, 250), seen.Order());
    }

    [Fact]
    public void Last_batch_of_an_epoch_is_smaller_and_the_next_epoch_reshuffles()
    {
        var batches = new MiniBatches(Numbered(250), seed: 1);
        var first = batches.NextEpoch(100).ToList();
        Assert.Equal(new[] { 100, 100, 50 }, first.Select(b => b.Count));
        var next = batches.Next(100);
        Assert.Equal(1, batches.Epoch);
        Assert.NotEqual(first[0].Indices, next.Indices);
    }

    [Fact]
    public void Same_seed_gives_the_same_batches()
    {
        Assert.Equal(new MiniBatches(Numbered(300), seed: 5).Next(10).Indices, new MiniBatches(Numbered(300), seed: 5).Next(10).Indices);
    }

    [Fact]
    public void Batch_pixels_and_labels_match_their_images()
    {
        var data = Numbered(50);
        var batch = new MiniBatches(data, seed: 2).Next(20);
        for (int i = 0; i < batch.Count; i++)
        {
            Assert.Equal(data.Pixels[batch.Indices[i]] / 255f, batch.Images[i]);
            Assert.Equal(data.Labels[batch.Indices[i]], batch.Labels[i]);
        }
    }
}

/// <summary>The real data, as environment/setup leaves it.</summary>
public class FashionMnistDataTests
{
    [Fact]
    public void Real_data_has_60000_train_and_10000_test_images_balanced_over_ten_classes()
    {
        var data = FashionMnist.Load();
        Assert.Equal(60000, data.Train.Count);
        Assert.Equal(10000, data.Test.Count);
        Assert.Equal((28, 28), (data.Train.Rows, data.Train.Columns));
        Assert.All(data.Train.CountPerClass(), n => Assert.Equal(6000, n));
        Assert.All(data.Test.CountPerClass(), n => Assert.Equal(1000, n));
    }

    [Fact]
    public void Real_files_match_their_published_content_hashes()
    {
        foreach (var file in DatasetFiles.FashionMnist.Files)
            Assert.Null(DatasetFiles.Problem(Path.Combine(ProjectFolders.Data, "fashion", file.Name), file));
    }
}

public class MnistLayoutTests
{
    [Fact]
    public void Any_folder_in_the_MNIST_layout_loads_with_the_same_code_raw_or_gzip()
    {
        string folder = Directory.CreateTempSubdirectory("mnist-layout-").FullName;
        try
        {
            Assert.False(FashionMnist.FolderHasAllFiles(folder));
            // Raw training files, gzip test files: the reader tells them apart by their bytes.
            Idx.Write(Path.Combine(folder, "train-images-idx3-ubyte"), IdxArray.Of(new byte[3 * 28 * 28], 3, 28, 28), gzip: false);
            Idx.Write(Path.Combine(folder, "train-labels-idx1-ubyte"), IdxArray.Of(new byte[] { 5, 0, 4 }, 3), gzip: false);
            Idx.Write(Path.Combine(folder, "t10k-images-idx3-ubyte.gz"), IdxArray.Of(new byte[2 * 28 * 28], 2, 28, 28), gzip: true);
            Idx.Write(Path.Combine(folder, "t10k-labels-idx1-ubyte.gz"), IdxArray.Of(new byte[] { 7, 2 }, 2), gzip: true);

            Assert.True(FashionMnist.FolderHasAllFiles(folder));
            var digits = FashionMnist.LoadFolder(folder);
            Assert.Equal(new byte[] { 5, 0, 4 }, digits.Train.Labels);
            Assert.Equal(new byte[] { 7, 2 }, digits.Test.Labels);
        }
        finally { Directory.Delete(folder, recursive: true); }
    }
}
