using TorchSharp;
using Xunit;
using static TorchSharp.torch;

[Collection(TorchRandomCollection.Name)]
public class GanTests
{
    // Ten classes of 28x28 images: class c is a bright horizontal bar at rows 2c..2c+3, with a little noise.
    internal static LabeledImages Bars(int perClass, int seed = 0) => SyntheticImages.Bands(perClass * 10, firstRow: 2, height: 4, noise: 30, seed);

    internal static DcGan Small(int classCount = 10, int seed = 1) => new(classCount, latentSize: 8, width: 4, seed: seed);

    static int[] Labels(params int[] labels) => labels;

    // One image made alone and the same one made in a batch may differ by rounding: at most 1 of 255.
    static void AssertAlmostSame(byte[] expected, byte[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        Assert.True(expected.Zip(actual).All(p => Math.Abs(p.First - p.Second) <= 1), "the images differ by more than rounding");
    }

    [Fact]
    public void Generator_makes_one_28x28_image_in_tanh_range_per_noise_vector()
    {
        using var gan = Small();
        using var _ = NewDisposeScope();
        Tensor images = gan.Generator.call(randn(5, 8), DcGan.LabelTensor(Labels(0, 1, 2, 3, 9)));
        Assert.Equal([5L, 1, 28, 28], images.shape);
        Assert.True(images.abs().max().item<float>() <= 1);
    }

    [Fact]
    public void Discriminator_gives_one_logit_per_image()
    {
        using var gan = Small();
        using var _ = NewDisposeScope();
        Tensor logits = gan.Discriminator.call(rand(5, 1, 28, 28) * 2 - 1, DcGan.LabelTensor(Labels(0, 1, 2, 3, 9)));
        Assert.Equal([5L], logits.shape);
    }

    [Fact]
    public void Unconditional_dcgan_needs_no_labels()
    {
        using var gan = Small(classCount: 0);
        using var _ = NewDisposeScope();
        Tensor images = gan.Generator.call(randn(3, 8), null);
        Assert.Equal([3L, 1, 28, 28], images.shape);
        Assert.Equal([3L], gan.Discriminator.call(images, null).shape);
    }

    [Fact]
    public void Generate_gives_unit_range_images_and_the_same_ones_for_the_same_seed()
    {
        using var gan = Small();
        using Tensor first = gan.Generate(gan.Noise(4, seed: 7), Labels(0, 1, 2, 3));
        using Tensor again = gan.Generate(gan.Noise(4, seed: 7), Labels(0, 1, 2, 3));
        Assert.True(first.min().item<float>() >= 0 && first.max().item<float>() <= 1);
        Assert.True(first.allclose(again, rtol: 0, atol: 0));
    }

    [Fact]
    public void Generate_names_a_missing_class()
    {
        using var gan = Small();
        using Tensor noise = gan.Noise(2, seed: 0);
        Assert.Contains("needs a class", Assert.Throws<ArgumentException>(() => gan.Generate(noise)).Message);
        Assert.Contains("2 noise vectors", Assert.Throws<ArgumentException>(() => gan.Generate(noise, Labels(1))).Message);
    }

    [Fact]
    public void A_training_step_changes_both_networks()
    {
        using var gan = Small();
        float[] generatorBefore = gan.Generator.parameters().First().data<float>().ToArray();
        float[] discriminatorBefore = gan.Discriminator.parameters().First().data<float>().ToArray();
        using var trainer = new GanTrainer(gan, Bars(2), batchSize: 10);
        trainer.TrainSteps(1);
        Assert.NotEqual(generatorBefore, gan.Generator.parameters().First().data<float>().ToArray());
        Assert.NotEqual(discriminatorBefore, gan.Discriminator.parameters().First().data<float>().ToArray());
        Assert.Equal(1, trainer.Step);
    }

    [Fact]
    public void Average_generator_starts_equal_and_follows_training_part_of_the_way()
    {
        using var gan = Small();
        float[] Weights(GanGenerator g) => g.parameters().First().data<float>().ToArray();
        float[] start = Weights(gan.Generator);
        Assert.Equal(start, Weights(gan.AverageGenerator));
        using var trainer = new GanTrainer(gan, Bars(2), batchSize: 10);
        trainer.TrainSteps(1);
        float[] trained = Weights(gan.Generator), average = Weights(gan.AverageGenerator);
        Assert.Equal(1, gan.AverageUpdates);
        // The first update keeps 2/11 of the start (the decay warms up as (1 + t) / (10 + t)).
        const double kept = 2.0 / 11;
        for (int i = 0; i < start.Length; i++)
            Assert.Equal(kept * start[i] + (1 - kept) * trained[i], average[i], 1e-6);
        Assert.NotEqual(trained, average);
    }

    [Fact]
    public void Discriminator_loss_falls_while_training_on_a_tiny_set()
    {
        using var gan = Small();
        using var trainer = new GanTrainer(gan, Bars(3), batchSize: 30, learningRate: 1e-3);
        var reports = new List<GanProgress>();
        trainer.TrainSteps(40, reports.Add, reportEvery: 10);
        Assert.Equal(4, reports.Count);
        Assert.True(reports[^1].DiscriminatorLoss < reports[0].DiscriminatorLoss - 0.1,
            $"discriminator loss went from {reports[0].DiscriminatorLoss:F3} to {reports[^1].DiscriminatorLoss:F3}");
    }

    [Fact]
    public void Fixed_noise_picture_has_one_row_per_class()
    {
        using var gan = Small();
        using var trainer = new GanTrainer(gan, Bars(1), batchSize: 10, picturesPerClass: 3);
        Assert.Equal(30, trainer.FixedNoiseImages().Count);
        PngImage picture = trainer.FixedNoisePicture(scale: 1);
        Assert.Equal((3 * 28 + 4, 10 * 28 + 11), (picture.Width, picture.Height));
    }

    [Fact]
    public void Checkpoint_round_trip_gives_the_same_images()
    {
        string folder = Directory.CreateTempSubdirectory("gan-").FullName;
        try
        {
            string path = Path.Combine(folder, "models", "gan.bin");
            using var gan = Small();
            using (var trainer = new GanTrainer(gan, Bars(2), batchSize: 10)) trainer.TrainSteps(2); // batch-norm statistics move too
            gan.Save(path);
            using var loaded = DcGan.Load(path);
            Assert.Equal((8, 10, 4), (loaded.LatentSize, loaded.ClassCount, loaded.Width));
            using Tensor noise = gan.Noise(6, seed: 3);
            using Tensor expected = gan.Generate(noise, Labels(0, 2, 4, 6, 8, 9));
            using Tensor actual = loaded.Generate(noise, Labels(0, 2, 4, 6, 8, 9));
            Assert.True(expected.allclose(actual, rtol: 0, atol: 0));
            Assert.Equal(gan.AverageUpdates, loaded.AverageUpdates);
            nn.Module[] saved = [gan.Generator, gan.AverageGenerator, gan.Discriminator], back = [loaded.Generator, loaded.AverageGenerator, loaded.Discriminator];
            Assert.All(saved.Zip(back).SelectMany(n => n.First.parameters().Zip(n.Second.parameters())),
                w => Assert.True(w.First.equal(w.Second).all().item<bool>(), "every network's weights come back"));
            Assert.Equal(["gan.bin"], Directory.GetFiles(Path.GetDirectoryName(path)).Select(Path.GetFileName));
        }
        finally { Directory.Delete(folder, recursive: true); }
    }

    [Fact]
    public void Recipe_trains_whole_epochs_and_leaves_the_trained_generator_in_its_checkpoint()
    {
        string folder = Directory.CreateTempSubdirectory("gan-").FullName;
        try
        {
            string path = Path.Combine(folder, "fashion-cdcgan.bin");
            using var gan = Small();
            var reports = new List<GanProgress>();
            var epochsDone = new List<int>();
            GanTrainingSummary summary = GanRecipe.Train(gan, Bars(13), epochs: 2, saveTo: path, progress: reports.Add, reportEvery: 1,
                afterEpoch: (epoch, _) => epochsDone.Add(epoch));
            Assert.Equal((2, 6), (summary.Epochs, summary.Steps)); // 130 images in batches of 64: 3 steps per epoch
            Assert.Equal(6, reports.Count);
            Assert.Equal([1, 2], epochsDone);
            Assert.True(summary.Time > TimeSpan.Zero);
            using var loaded = DcGan.Load(path);
            Assert.Equal(gan.AverageUpdates, loaded.AverageUpdates);
            using Tensor noise = gan.Noise(4, seed: 5);
            using Tensor expected = gan.Generate(noise, Labels(1, 3, 5, 7));
            using Tensor actual = loaded.Generate(noise, Labels(1, 3, 5, 7));
            Assert.True(expected.allclose(actual, rtol: 0, atol: 0));
            Assert.Equal(["fashion-cdcgan.bin"], Directory.GetFiles(folder).Select(Path.GetFileName));
            Assert.Throws<ArgumentOutOfRangeException>(() => GanRecipe.Train(gan, Bars(13), epochs: 0));
        }
        finally { Directory.Delete(folder, recursive: true); }
    }

    [Fact]
    public void Recipe_gan_is_the_committed_generator_s_design()
    {
        using var gan = GanRecipe.NewGan();
        Assert.Equal((64, 10, 32), (gan.LatentSize, gan.ClassCount, gan.Width));
        Assert.EndsWith(Path.Combine("data", "models", "fashion-cdcgan.bin"), GanRecipe.Checkpoint);
        using var committed = DcGan.Load(GanRecipe.Checkpoint);
        Assert.Equal((gan.LatentSize, gan.ClassCount, gan.Width), (committed.LatentSize, committed.ClassCount, committed.Width));
        Assert.Equal(GanRecipe.Epochs * 938L, committed.AverageUpdates); // 60,000 images in batches of 64: 938 steps per epoch
    }

    [Fact]
    public void Recipe_networks_have_the_weight_counts_notebook_06_shows()
    {
        using var gan = GanRecipe.NewGan();
        Assert.Equal(NotebookTests.GanRecipeGeneratorWeights, CnnModels.ParameterCount(gan.Generator));
        Assert.Equal(NotebookTests.GanRecipeDiscriminatorWeights, CnnModels.ParameterCount(gan.Discriminator));
    }

    [Fact]
    public void Weights_are_named_after_the_networks_fields_so_notebook_06_s_cell_networks_can_load_them()
    {
        // Notebook 06 writes both networks out in cells with the same fields and loads the checkpoint's weights
        // into them by name (load_state_dict): renaming a field here breaks that.
        using var gan = GanRecipe.NewGan();
        Assert.Equal(["classEmbedding", "project", "projectNorm", "up14", "norm14", "up28"],
            gan.Generator.named_children().Select(c => c.name));
        Assert.Equal(["classPlane", "down14", "down7", "norm7", "score"], gan.Discriminator.named_children().Select(c => c.name));
        Assert.Contains("projectNorm.running_mean", gan.Generator.state_dict().Keys);
    }

    [Fact]
    public void Loading_a_file_that_is_no_checkpoint_names_the_problem()
    {
        string path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, "not a model");
            Assert.Contains("is not a GAN checkpoint", Assert.Throws<InvalidDataException>(() => DcGan.Load(path)).Message);
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void Loading_a_checkpoint_of_an_older_format_says_so()
    {
        string path = Path.GetTempFileName();
        try
        {
            using (var writer = new BinaryWriter(File.Create(path))) writer.Write("FashionMnist.DcGan/5");
            string message = Assert.Throws<InvalidDataException>(() => DcGan.Load(path)).Message;
            Assert.Contains(path, message);
            Assert.Contains("older format (FashionMnist.DcGan/5", message);
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void Wardrobe_has_one_row_per_class_captioned_with_its_name()
    {
        using var gan = Small();
        GeneratedGrid wardrobe = GanSamples.Wardrobe(gan, perClass: 4, classNames: FashionMnist.ClassNames);
        Assert.Equal((10, 4, 40), (wardrobe.Rows, wardrobe.Columns, wardrobe.Images.Count));
        Assert.Equal("Sandal", wardrobe.Captions[5 * 4]);
        Assert.Equal("", wardrobe.Captions[5 * 4 + 1]);
        Assert.True(wardrobe.Picture().Width > 4 * 28);
    }

    [Fact]
    public void Interpolation_starts_and_ends_at_its_two_noise_vectors()
    {
        using var gan = Small();
        GeneratedGrid walk = GanSamples.Interpolation(gan, steps: 5, seedFrom: 1, seedTo: 2);
        Assert.Equal((10, 5), (walk.Rows, walk.Columns));
        using Tensor from = gan.Generate(gan.Noise(1, seed: 1), Labels(3)), to = gan.Generate(gan.Noise(1, seed: 2), Labels(3));
        AssertAlmostSame(DcGan.ToBytes(from)[0], walk.Images[3 * 5]);
        AssertAlmostSame(DcGan.ToBytes(to)[0], walk.Images[3 * 5 + 4]);
    }

    [Fact]
    public void Same_noise_across_classes_keeps_each_row_s_noise_and_changes_the_class()
    {
        using var gan = Small();
        GeneratedGrid grid = GanSamples.SameNoiseAcrossClasses(gan, noiseCount: 2, seed: 5);
        Assert.Equal((2, 10), (grid.Rows, grid.Columns));
        using Tensor noise = gan.Noise(2, seed: 5);
        using Tensor secondAsBag = gan.Generate(noise.narrow(0, 1, 1), Labels(8));
        AssertAlmostSame(DcGan.ToBytes(secondAsBag)[0], grid.Images[10 + 8]);
    }

    [Fact]
    public void Conditional_accuracy_counts_agreement_per_class()
    {
        using var gan = Small();
        // A classifier that calls everything class 3.
        Func<Tensor, Tensor> alwaysThree = images => nn.functional.one_hot(full(images.shape[0], 3L), 10).to(ScalarType.Float32);
        double[] accuracy = GanQuality.ConditionalAccuracy(gan, alwaysThree, perClass: 5);
        Assert.Equal(Enumerable.Range(0, 10).Select(c => c == 3 ? 1.0 : 0.0), accuracy);
    }

    [Fact]
    public void Conditional_confusion_says_what_each_class_is_drawn_as()
    {
        using var gan = Small();
        Func<Tensor, Tensor> alwaysThree = images => nn.functional.one_hot(full(images.shape[0], 3L), 10).to(ScalarType.Float32);
        int[,] confusion = GanQuality.ConditionalConfusion(gan, alwaysThree, perClass: 4);
        for (int asked = 0; asked < 10; asked++)
            Assert.Equal(Enumerable.Range(0, 10).Select(judged => judged == 3 ? 4 : 0), Enumerable.Range(0, 10).Select(judged => confusion[asked, judged]));
    }

    [Fact]
    public void Quality_report_puts_the_distance_beside_a_real_floor()
    {
        using var gan = Small();
        // Features: mean brightness of each 7x7 block (16 numbers), a stand-in for a classifier's penultimate layer.
        Func<Tensor, Tensor> blocks = images => nn.functional.avg_pool2d(images, 7).flatten(1);
        Func<Tensor, Tensor> classify = images => zeros(images.shape[0], 10);
        GanQualityReport report = GanQuality.Measure(gan, classify, blocks, Bars(30, seed: 1), Bars(10, seed: 2), count: 100, perClass: 2);
        Assert.True(report.FrechetFloor >= 0 && report.FrechetFloor < report.FrechetDistance,
            $"an untrained generator ({report.FrechetDistance:F3}) is farther from real bars than real bars are from each other ({report.FrechetFloor:F3})");
        Assert.Equal(10, report.AccuracyPerClass.Length);
    }

    [Fact]
    public void Measures_beside_real_changes_put_the_generator_first_and_the_floor_nearest()
    {
        using var gan = Small();
        Func<Tensor, Tensor> blocks = images => nn.functional.avg_pool2d(images, 7).flatten(1);
        // A KID subset larger than half the set is cut to half: 200 of 100 would fail.
        List<SetMeasures> sets = GanMeasures.Beside(gan, blocks, Bars(30, seed: 1), Bars(10, seed: 2), count: 100, kidSubsets: 20, kidSubsetSize: 200);
        Assert.Equal([GanMeasures.Generator, $"real, {FrechetCalibration.Unchanged}", $"real, {FrechetCalibration.HalfBlurred}", $"real, {FrechetCalibration.Shifted}"],
            sets.Select(s => s.Set));
        SetMeasures generator = sets[0], floor = sets[1];
        Assert.True(floor.FrechetDistance < generator.FrechetDistance, $"{floor} against {generator}");
        Assert.True(floor.Kid.Mean < generator.Kid.Mean, $"{floor} against {generator}");
        Assert.True(floor.Kid.StandardDeviation > 0);
        Assert.InRange(floor.PrecisionRecall.Precision, 0.8, 1);
        Assert.InRange(floor.PrecisionRecall.Recall, 0.8, 1);
        Assert.True(generator.PrecisionRecall.Precision < floor.PrecisionRecall.Precision, $"{floor} against {generator}");
        // The generator's distance is the one its quality report gives for the same sets and seed.
        var report = GanQuality.Measure(gan, images => zeros(images.shape[0], 10), blocks, Bars(30, seed: 1), Bars(10, seed: 2), count: 100, perClass: 1);
        Assert.Equal(report.FrechetDistance, generator.FrechetDistance, 6);
        Assert.Equal(report.FrechetFloor, floor.FrechetDistance, 6);
        Assert.Matches(@"^the generator: Fréchet distance \d+\.\d{3}; KID -?\d+\.\d{4} ± \d+\.\d{4}; precision \d\.\d{3}, recall \d\.\d{3}$", generator.ToString());
    }

    [Fact]
    public void Calibration_changes_are_the_named_small_changes_with_the_unchanged_images_first()
    {
        Tensor images = rand(4, 1, 28, 28);
        var changed = FrechetCalibration.Changed(images, seed: 1);
        Assert.Equal(8, changed.Count);
        Assert.Equal(FrechetCalibration.Unchanged, changed[0].Change);
        Assert.True(changed[0].Images.equal(images).all().item<bool>());
        Tensor shifted = changed.Single(c => c.Change == FrechetCalibration.Shifted).Images;
        Assert.True(shifted[.., .., .., 1..].equal(images[.., .., .., ..^1]).all().item<bool>(), "each column moves one pixel to the right");
        Tensor halfBlurred = changed.Single(c => c.Change == FrechetCalibration.HalfBlurred).Images;
        Tensor box = images[0, 0, 9..12, 9..12].mean();
        Assert.Equal(0.5 * images[0, 0, 10, 10].item<float>() + 0.5 * box.item<float>(), halfBlurred[0, 0, 10, 10].item<float>(), 5);
        Tensor contrast = changed[^1].Images;
        Assert.Equal(["unchanged (the floor)", "pixel noise, deviation 2/255", "pixel noise, deviation 5/255", "pixel noise, deviation 10/255",
            "3x3 box blur mixed in at 25 %", "3x3 box blur mixed in at 50 %", "shifted one pixel to the right", "contrast 95 %"], changed.Select(c => c.Change));
        Assert.True(contrast.allclose(images * 0.95));
        foreach (var (change, deviation) in new[] { ("pixel noise, deviation 2/255", 2.0), ("pixel noise, deviation 10/255", 10.0) })
        {
            Tensor noisy = changed.Single(c => c.Change == change).Images;
            Assert.InRange(noisy.min().item<float>(), 0, 1);
            Assert.InRange(noisy.max().item<float>(), 0, 1);
            // Away from the clamped ends, the noise has its deviation.
            Tensor inside = (images > 0.1) & (images < 0.9);
            double spread = (noisy - images).masked_select(inside).std().item<float>() * 255;
            Assert.InRange(spread, deviation * 0.8, deviation * 1.2);
        }
        Assert.True(FrechetCalibration.Changed(images, seed: 1)[1].Images.equal(changed[1].Images).all().item<bool>(), "the same seed, the same noise");
        Assert.False(FrechetCalibration.Changed(images, seed: 2)[1].Images.equal(changed[1].Images).all().item<bool>());
    }

    [Fact]
    public void Calibration_measures_each_change_against_the_test_images_with_the_floor_first_and_smallest()
    {
        Func<Tensor, Tensor> blocks = images => nn.functional.avg_pool2d(images, 7).flatten(1);
        var points = FrechetCalibration.Measure(blocks, Bars(30, seed: 1), Bars(10, seed: 2), count: 100);
        Assert.Equal(8, points.Count);
        Assert.Equal(FrechetCalibration.Unchanged, points[0].Change);
        // (The bars are horizontal, so a sideways shift barely moves them: only changes of brightness are sure to count.)
        Assert.True(points.Single(p => p.Change == "pixel noise, deviation 10/255").FrechetDistance > points[0].FrechetDistance);
        Assert.True(points.Single(p => p.Change == "contrast 95 %").FrechetDistance > points[0].FrechetDistance);
    }
}
