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

    [Theory]
    [InlineData(1, 9)]   // the second label
    [InlineData(0, 8)]   // the first label, right after the 8-byte header
    public void Label_outside_0_to_9_names_the_item_and_its_offset(int item, long offset)
    {
        byte[] labelBytes = [1, 2, 3];
        labelBytes[item] = 10;
        var (images, labels) = Write(new byte[12], 3, labelBytes);
        var error = Assert.Throws<IdxFormatException>(() => LabeledImages.Load(images, labels));
        Assert.Equal(offset, error.Offset);
        Assert.Contains($"label 10 of item {item} is outside 0-9", error.Message);
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
    public void Pixels_that_do_not_make_whole_images_are_refused_with_the_counts()
    {
        var error = Assert.Throws<ArgumentException>(() => new LabeledImages(new byte[5], new byte[1], 2, 2));
        Assert.Contains("5 pixels do not make 1 images of 2x2", error.Message);
    }

    [Fact]
    public void Images_must_be_unsigned_bytes_of_rank_3()
    {
        string images = Path.Combine(_folder, "i"), labels = Path.Combine(_folder, "l");
        Idx.Write(labels, IdxArray.Of(new byte[2], 2), gzip: false);
        foreach (var wrong in new[] { IdxArray.Of(new byte[8], 2, 4), IdxArray.Of(new sbyte[8], 2, 2, 2) })
        {
            Idx.Write(images, wrong, gzip: false);
            var error = Assert.Throws<IdxFormatException>(() => LabeledImages.Load(images, labels));
            Assert.Equal(images, error.FileName);
            Assert.Contains($"expected images as unsigned bytes of rank 3 (count x rows x columns), found {wrong}", error.Message);
        }
    }

    [Fact]
    public void Select_copies_whole_images_in_the_order_asked()
    {
        // Three 2x2 images whose pixels tell their index: 10-13, 20-23, 30-33.
        var data = new LabeledImages([10, 11, 12, 13, 20, 21, 22, 23, 30, 31, 32, 33], [4, 5, 6], 2, 2);
        var chosen = data.Select([2, 0, 2]);
        Assert.Equal(new byte[] { 30, 31, 32, 33, 10, 11, 12, 13, 30, 31, 32, 33 }, chosen.Pixels);
        Assert.Equal(new byte[] { 6, 4, 6 }, chosen.Labels);
        Assert.Equal((2, 2, 10), (chosen.Rows, chosen.Columns, chosen.ClassCount));
    }

    [Fact]
    public void A_subset_takes_1_to_all_images_and_names_the_range_otherwise()
    {
        var data = Balanced(3);   // 30 images
        Assert.Equal(30, data.Subset(30).Count);
        Assert.Equal(1, data.Subset(1).Count);
        foreach (int count in new[] { 0, -1, 31 })
        {
            var error = Assert.Throws<ArgumentOutOfRangeException>(() => data.Subset(count));
            Assert.Contains("a subset needs 1 to 30 images", error.Message);
        }
    }

    [Fact]
    public void A_stratified_sample_is_ascending_and_distinct()
    {
        var data = new LabeledImages(new byte[500], Enumerable.Range(0, 500).Select(i => (byte)(i * 7 % 10)).ToArray(), 1, 1);
        int[] sample = data.StratifiedSample(120, seed: 4);
        Assert.Equal(sample.Order(), sample);
        Assert.Equal(120, sample.Distinct().Count());
    }

    [Fact]
    public void Stratified_quotas_take_0_to_all_and_refuse_the_rest()
    {
        Assert.Equal(new[] { 10, 10, 10 }, LabeledImages.StratifiedQuotas([10, 10, 10], 30));
        foreach (int count in new[] { -1, 31 })
        {
            var error = Assert.Throws<ArgumentOutOfRangeException>(() => LabeledImages.StratifiedQuotas([10, 10, 10], count));
            Assert.Contains("a share of 30 images needs 0 to 30 of them", error.Message);
        }
    }

    [Fact]
    public void The_leftover_goes_to_the_largest_remainder_even_of_a_higher_label()
    {
        // 7 of [20, 30, 50]: exactly 1.4, 2.1 and 3.5; rounded down 1, 2, 3, and the seventh goes to class 2 (0.5 left).
        Assert.Equal(new[] { 1, 2, 4 }, LabeledImages.StratifiedQuotas([20, 30, 50], 7));
    }

    [Fact]
    public void Examples_of_a_class_are_its_own_images_drawn_by_the_seed()
    {
        var data = new LabeledImages(new byte[100], Enumerable.Range(0, 100).Select(i => (byte)(i % 10)).ToArray(), 1, 1);
        int[] examples = data.ExamplesOfClass(3, 4, seed: 1);
        Assert.Equal(4, examples.Length);
        Assert.All(examples, i => Assert.Equal(3, data.Labels[i]));
        Assert.Equal(4, examples.Distinct().Count());
        Assert.Equal(examples, data.ExamplesOfClass(3, 4, seed: 1));
        Assert.NotEqual(Enumerable.Range(0, 10).Select(i => 10 * i + 3).Take(4), examples);   // shuffled, not the first four
        Assert.Equal(10, data.ExamplesOfClass(3, 50).Length);                              // no more than the class has
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
    public void The_first_epoch_is_shuffled_too()
    {
        var first = new MiniBatches(Numbered(250), seed: 1).NextEpoch(250).Single();
        Assert.NotEqual(Enumerable.Range(0, 250), first.Indices);
    }

    [Fact]
    public void A_batch_needs_at_least_one_image()
    {
        var batches = new MiniBatches(Numbered(10));
        foreach (int size in new[] { 0, -3 })
            Assert.Contains("a batch needs at least one image", Assert.Throws<ArgumentOutOfRangeException>(() => batches.Next(size)).Message);
    }

    [Fact]
    public void A_new_epoch_cannot_start_part_way_through_one()
    {
        var batches = new MiniBatches(Numbered(30), seed: 3);
        batches.Next(10);
        var error = Assert.Throws<InvalidOperationException>(() => batches.NextEpoch(10).ToList());
        Assert.Contains("the current epoch is part-way through", error.Message);
        batches.Next(20);
        Assert.Equal(new[] { 10, 10, 10 }, batches.NextEpoch(10).Select(b => b.Count));   // at its end, the next may start
    }

    [Fact]
    public void Batches_of_many_pixel_images_hold_each_image_whole()
    {
        // Four 2x3 images whose six pixels are 10i to 10i+5.
        var data = new LabeledImages(Enumerable.Range(0, 4).SelectMany(i => Enumerable.Range(10 * i, 6)).Select(v => (byte)v).ToArray(), [0, 1, 2, 3], 2, 3);
        var batch = new MiniBatches(data, seed: 5).Next(3);
        Assert.Equal(18, batch.Images.Length);
        for (int i = 0; i < 3; i++)
            Assert.Equal(Enumerable.Range(10 * batch.Indices[i], 6).Select(v => v / 255f), batch.Images.Skip(6 * i).Take(6));
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
            File.Delete(Path.Combine(folder, "t10k-labels-idx1-ubyte.gz"));
            Assert.False(FashionMnist.FolderHasAllFiles(folder));   // three of the four are not enough
        }
        finally { Directory.Delete(folder, recursive: true); }
    }

    [Fact]
    public void Loading_from_a_folder_that_lacks_some_files_gets_the_data_set_first()
    {
        // One of the four files in place (not even the real one): Load gets all four, verified (from the system's
        // package where environment/setup installed it), replacing the wrong one.
        string folder = Directory.CreateTempSubdirectory("fashion-partial-").FullName;
        try
        {
            Idx.Write(Path.Combine(folder, "train-labels-idx1-ubyte.gz"), IdxArray.Of(new byte[] { 1, 2, 3 }, 3), gzip: true);
            var data = FashionMnist.Load(folder);
            Assert.Equal((60_000, 10_000), (data.Train.Count, data.Test.Count));
            Assert.All(DatasetFiles.FashionMnist.Files, f => Assert.Null(DatasetFiles.Problem(Path.Combine(folder, f.Name), f)));
        }
        finally { Directory.Delete(folder, recursive: true); }
    }

    [Fact]
    public void Loading_from_a_folder_that_holds_the_four_files_reads_them_there_and_fetches_nothing()
    {
        string folder = Directory.CreateTempSubdirectory("fashion-folder-").FullName;
        try
        {
            Idx.Write(Path.Combine(folder, "train-images-idx3-ubyte.gz"), IdxArray.Of(new byte[3 * 28 * 28], 3, 28, 28), gzip: true);
            Idx.Write(Path.Combine(folder, "train-labels-idx1-ubyte.gz"), IdxArray.Of(new byte[] { 1, 2, 3 }, 3), gzip: true);
            Idx.Write(Path.Combine(folder, "t10k-images-idx3-ubyte.gz"), IdxArray.Of(new byte[28 * 28], 1, 28, 28), gzip: true);
            Idx.Write(Path.Combine(folder, "t10k-labels-idx1-ubyte.gz"), IdxArray.Of(new byte[] { 9 }, 1), gzip: true);
            var data = FashionMnist.Load(folder);
            Assert.Equal(folder, data.Folder);
            Assert.Equal(new byte[] { 1, 2, 3 }, data.Train.Labels);   // not the real data's 60,000
            Assert.Equal(new byte[] { 9 }, data.Test.Labels);
        }
        finally { Directory.Delete(folder, recursive: true); }
    }
}
