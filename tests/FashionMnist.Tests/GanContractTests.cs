using TorchSharp;
using Xunit;
using static Refusal;
using static TorchSharp.torch;

/// <summary>
/// lib/Gan's contracts, each found untested by a mutant: what each class refuses and says, what it computes exactly
/// (the images' range, the bytes, the average generator's batch statistics, the seeds), and how the trainer reports.
/// </summary>
[Collection(TorchRandomCollection.Name)]
public class GanContractTests
{
    static LabeledImages Bars(int perClass, int seed = 0) => GanTests.Bars(perClass, seed);

    static DcGan Small(int classCount = 10, int seed = 1) => GanTests.Small(classCount, seed);

    [Fact]
    public void Gan_refuses_negative_classes_and_empty_sizes_and_names_each()
    {
        Assert.Contains("the class count is 0 (unconditional) or more", MessageOf<ArgumentOutOfRangeException>(() => new DcGan(classCount: -1, latentSize: 8, width: 4)));
        Assert.Contains("the latent size must be positive", MessageOf<ArgumentOutOfRangeException>(() => new DcGan(latentSize: 0, width: 4)));
        Assert.Contains("the width must be positive", MessageOf<ArgumentOutOfRangeException>(() => new DcGan(latentSize: 8, width: 0)));
        using var unconditional = Small(classCount: 0);
        Assert.False(unconditional.IsConditional);
        Assert.StartsWith("DCGAN, latent 8, width 4, ", unconditional.ToString());
        using var conditional = Small();
        Assert.True(conditional.IsConditional);
        Assert.Matches(@"^conditional DCGAN \(10 classes\), latent 8, width 4, [\d,]+ generator and [\d,]+ discriminator parameters$", conditional.ToString());
    }

    [Fact]
    public void Same_seed_gives_the_same_weights_and_another_seed_others()
    {
        using DcGan a = Small(seed: 5), b = Small(seed: 5), c = Small(seed: 6);
        var first = a.Generator.parameters().First();
        Assert.True(first.equal(b.Generator.parameters().First()).all().item<bool>());
        Assert.False(first.equal(c.Generator.parameters().First()).all().item<bool>());
    }

    [Fact]
    public void Noise_needs_a_count_and_generate_checks_noise_and_classes()
    {
        using var gan = Small();
        Assert.Contains("ask for at least one noise vector", MessageOf<ArgumentOutOfRangeException>(() => gan.Noise(0, seed: 1)));
        using Tensor flat = randn(8), wide = randn(2, 9), two = randn(2, 8);
        Assert.Contains("noise of shape [8] is not N x 8", MessageOf<ArgumentException>(() => gan.Generate(flat, [0])));
        Assert.Contains("noise of shape [2, 9] is not N x 8", MessageOf<ArgumentException>(() => gan.Generate(wide, [0, 1])));
        Assert.Contains("a conditional GAN needs a class for each noise vector", MessageOf<ArgumentException>(() => gan.Generate(two)));
        Assert.Contains("1 classes for 2 noise vectors", MessageOf<ArgumentException>(() => gan.Generate(two, [0])));
        Assert.Contains("classes must be in 0-9", MessageOf<ArgumentOutOfRangeException>(() => gan.Generate(two, [0, 10])));
        Assert.Contains("classes must be in 0-9", MessageOf<ArgumentOutOfRangeException>(() => gan.Generate(two, [-1, 0])));
        using Tensor edge = gan.Generate(two, [0, 9]);
        Assert.Equal([2L, 1, 28, 28], edge.shape);
    }

    [Fact]
    public void Generated_images_are_the_average_generator_s_tanh_output_moved_to_unit_range()
    {
        using var gan = Small();
        using var scope = NewDisposeScope();
        Tensor noise = gan.Noise(3, seed: 2);
        int[] labels = [4, 5, 6];
        Tensor expected = ((gan.AverageGenerator.call(noise, DcGan.LabelTensor(labels)) + 1) / 2).clamp(0, 1);
        Assert.True(gan.Generate(noise, labels).allclose(expected, rtol: 0, atol: 1e-6));

        using var unconditional = Small(classCount: 0);
        Tensor plain = unconditional.Generate(unconditional.Noise(2, seed: 2));
        Assert.Equal([2L, 1, 28, 28], plain.shape);
    }

    [Fact]
    public void Bytes_are_unit_pixels_times_255_rounded_and_clipped()
    {
        using Tensor images = tensor(new float[] { 0f, 0.5f, 1f, 1.2f, -0.1f, 0.1f }).view(2, 1, 1, 3);
        var bytes = DcGan.ToBytes(images);
        Assert.Equal(new byte[] { 0, 128, 255 }, bytes[0]);
        Assert.Equal(new byte[] { 255, 0, 26 }, bytes[1]);
    }

    [Fact]
    public void Average_generator_takes_the_batch_statistics_as_they_are()
    {
        using var gan = Small();
        using var trainer = new GanTrainer(gan, Bars(2), batchSize: 4, seed: 0);
        trainer.TrainSteps(2);
        var averaged = gan.AverageGenerator.buffers().Select(b => b.clone()).ToList();
        var current = gan.Generator.buffers().ToList();
        Assert.NotEmpty(current);
        Assert.All(averaged.Zip(current), pair => Assert.True(pair.First.equal(pair.Second).all().item<bool>()));
    }

    [Fact]
    public void Loading_names_a_missing_file_and_an_empty_one()
    {
        string folder = Path.Combine(Path.GetTempPath(), "gan-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            string missing = Path.Combine(folder, "missing.bin"), empty = Path.Combine(folder, "empty.bin");
            var notFound = Assert.Throws<FileNotFoundException>(() => DcGan.Load(missing));
            Assert.Equal($"no GAN checkpoint at {missing}", notFound.Message);
            File.WriteAllBytes(empty, []);
            Assert.Contains($"{empty} is not a GAN checkpoint", MessageOf<InvalidDataException>(() => DcGan.Load(empty)));
        }
        finally { Directory.Delete(folder, recursive: true); }
    }

    [Fact]
    public void Disposing_the_gan_frees_all_three_networks()
    {
        var gan = Small();
        Tensor[] weights = [gan.Generator.parameters().First(), gan.AverageGenerator.parameters().First(), gan.Discriminator.parameters().First()];
        gan.Dispose();
        Assert.All(weights, w => Assert.True(w.IsInvalid));
    }

    [Fact]
    public void Quality_report_without_classes_has_no_accuracy_and_says_what_it_has()
    {
        var plain = new GanQualityReport([], 3.0, 1.5, 1000);
        Assert.True(double.IsNaN(plain.MeanAccuracy));
        Assert.Equal(2.0, plain.FloorRatio);
        Assert.Equal("Fréchet distance 3.000 vs floor 1.500 (train vs test), 2.00x; 1,000 images per set", plain.ToString());
        var conditional = new GanQualityReport([0.5, 0.9, 1.0], 3.0, 1.5, 1000);
        Assert.Equal(0.8, conditional.MeanAccuracy, 12);
        Assert.StartsWith("conditional accuracy 80.0% (worst class 50.0%); Fréchet", conditional.ToString().Replace(" %", "%"));
    }

    [Fact]
    public void Generating_in_batches_gives_the_images_of_one_call_in_the_classes_asked()
    {
        using var gan = Small();
        using var scope = NewDisposeScope();
        // 1,200 images: three batches of at most 500, the last one short.
        int[] labels = Enumerable.Range(0, 1200).Select(i => i % 10).ToArray();
        Tensor batched = GanQuality.Generate(gan, labels, seed: 4);
        Assert.Equal(1200, batched.shape[0]);
        Tensor whole = gan.Generate(gan.Noise(1200, seed: 4), labels);
        Assert.True(batched.allclose(whole, rtol: 0, atol: 1e-5));

        using var unconditional = Small(classCount: 0);
        Assert.Equal(3, GanQuality.Generate(unconditional, [0, 0, 0], seed: 1).shape[0]);
    }

    [Fact]
    public void Conditional_measures_need_classes_items_and_enough_scores()
    {
        using var gan = Small();
        using var unconditional = Small(classCount: 0);
        Func<Tensor, Tensor> ten = images => zeros(images.shape[0], 10), nine = images => zeros(images.shape[0], 9);
        Assert.Contains("needs a class-conditional GAN", MessageOf<ArgumentException>(() => GanQuality.ConditionalConfusion(unconditional, ten, perClass: 1)));
        Assert.Contains("generate at least one item per class", MessageOf<ArgumentOutOfRangeException>(() => GanQuality.ConditionalConfusion(gan, ten, perClass: 0)));
        Assert.Contains("the classifier gives 9 scores per image for 10 classes", MessageOf<ArgumentException>(() => GanQuality.ConditionalConfusion(gan, nine, perClass: 1)));
        // A classifier with more outputs than classes is fine: its extra columns are counted too.
        Func<Tensor, Tensor> eleventh = images => nn.functional.one_hot(full(images.shape[0], 10L), 11).to(ScalarType.Float32);
        int[,] confusion = GanQuality.ConditionalConfusion(gan, eleventh, perClass: 2);
        Assert.Equal((10, 11), (confusion.GetLength(0), confusion.GetLength(1)));
        Assert.All(Enumerable.Range(0, 10), c => Assert.Equal(2, confusion[c, 10]));
    }

    [Fact]
    public void Real_sets_take_the_whole_test_set_only_when_the_count_is_its_size()
    {
        LabeledImages train = Bars(10, seed: 1), test = Bars(5, seed: 2);
        var (realTrain, realTest) = GanQuality.RealSets(train, test, 50, seed: 3);
        Assert.Same(test, realTest);
        Assert.Equal(50, realTrain.Count);
        var (_, part) = GanQuality.RealSets(train, test, 20, seed: 3);
        Assert.Equal(20, part.Count);
        Assert.Equal(test.Subset(20, 3).Labels, part.Labels);
    }

    [Fact]
    public void Quality_report_uses_its_seeds_for_the_generated_set_and_the_accuracy()
    {
        using var gan = Small();
        Func<Tensor, Tensor> blocks = images => nn.functional.avg_pool2d(images, 7).flatten(1);
        // A classifier that says "class 0" for bright images: its accuracy then depends on which images are drawn.
        Func<Tensor, Tensor> byBrightness = images =>
        {
            Tensor bright = images.mean([1, 2, 3]).gt(images.mean()).to(ScalarType.Int64);
            return nn.functional.one_hot(bright, 10).to(ScalarType.Float32);
        };
        LabeledImages train = Bars(30, seed: 1), test = Bars(10, seed: 2);
        var report = GanQuality.Measure(gan, byBrightness, blocks, train, test, count: 100, perClass: 3, seed: 5);
        Assert.Equal(GanQuality.ConditionalAccuracy(gan, byBrightness, perClass: 3, seed: 7), report.AccuracyPerClass);
        var (_, realTest) = GanQuality.RealSets(train, test, 100, 5);
        using var scope = NewDisposeScope();
        Tensor generated = GanQuality.Generate(gan, realTest.Labels.Select(l => (int)l).ToList(), 6);
        double expected = FrechetDistance.Between(GanQuality.FeatureStatistics(blocks, generated), GanQuality.FeatureStatistics(blocks, ImageTensors.Unit(realTest)));
        Assert.Equal(expected, report.FrechetDistance, 9);
        Assert.Equal(100, report.SampleCount);
    }

    [Fact]
    public void Trainer_refuses_other_image_sizes_class_counts_and_small_batches()
    {
        using var gan = Small();
        var wide = new LabeledImages(new byte[2 * 28 * 27], [0, 1], 28, 27, classCount: 10);
        var tall = new LabeledImages(new byte[2 * 27 * 28], [0, 1], 27, 28, classCount: 10);
        Assert.Contains("the GAN makes 28x28 images; these are 28x27", MessageOf<ArgumentException>(() => new GanTrainer(gan, wide)));
        Assert.Contains("these are 27x28", MessageOf<ArgumentException>(() => new GanTrainer(gan, tall)));
        var three = new LabeledImages(new byte[3 * 784], [0, 1, 2], 28, 28, classCount: 3);
        Assert.Contains("the GAN knows 10 classes, the data has 3", MessageOf<ArgumentException>(() => new GanTrainer(gan, three)));
        Assert.Contains("batch norm needs batches of at least 2 images", MessageOf<ArgumentOutOfRangeException>(() => new GanTrainer(gan, Bars(1), batchSize: 1)));
        using var pairs = new GanTrainer(gan, Bars(1), batchSize: 2);
        Assert.Equal(5, pairs.StepsPerEpoch);
        using var rest = new GanTrainer(gan, Bars(1), batchSize: 3);
        Assert.Equal(4, rest.StepsPerEpoch);
        using var unconditional = Small(classCount: 0);
        using var any = new GanTrainer(unconditional, three, batchSize: 2);
        Assert.Equal(2, any.StepsPerEpoch);
    }

    [Fact]
    public void Trainer_reports_windows_of_averaged_losses_and_refuses_empty_runs()
    {
        using var gan = Small();
        using var trainer = new GanTrainer(gan, Bars(1), batchSize: 5, seed: 0);
        Assert.Contains("train for at least one epoch", MessageOf<ArgumentOutOfRangeException>(() => trainer.Train(0)));
        Assert.Contains("report every one or more steps", MessageOf<ArgumentOutOfRangeException>(() => trainer.TrainSteps(1, reportEvery: 0)));
        var reports = new List<GanProgress>();
        trainer.TrainSteps(5, reports.Add, reportEvery: 2);
        Assert.Equal([2, 4, 5], reports.Select(r => r.Step));
        Assert.Equal([0, 1, 2], reports.Select(r => r.Epoch));
        Assert.All(reports, r => Assert.InRange(r.RealScore, 0, 1));
        Assert.True(reports[^1].Elapsed > TimeSpan.Zero);
        Assert.Equal(5, trainer.Step);

        // A report's losses are the averages of its window's steps.
        using var again = Small();
        using var twin = new GanTrainer(again, Bars(1), batchSize: 5, seed: 0);
        var steps = new List<GanProgress>();
        twin.TrainSteps(2, steps.Add, reportEvery: 1);
        using var third = Small();
        using var windowed = new GanTrainer(third, Bars(1), batchSize: 5, seed: 0);
        var window = new List<GanProgress>();
        windowed.TrainSteps(2, window.Add, reportEvery: 2);
        Assert.Equal(steps.Average(s => s.DiscriminatorLoss), window[0].DiscriminatorLoss, 4);
        Assert.Equal(steps.Average(s => s.GeneratorLoss), window[0].GeneratorLoss, 4);
        Assert.Equal(steps.Average(s => s.FakeScore), window[0].FakeScore, 4);
        Assert.Equal(steps.Average(s => s.RealScore), window[0].RealScore, 4);
    }

    [Fact]
    public void Training_step_loss_is_binary_cross_entropy_with_real_targets_of_0_9()
    {
        using var gan = Small();
        using var trainer = new GanTrainer(gan, Bars(1), batchSize: 10, seed: 0);
        var losses = trainer.TrainStep(new MiniBatches(Bars(1), seed: 0).Next(10));
        // With D(real) = r and D(fake) = f, the discriminator's loss is at least the entropy of the 0.9 target.
        double floor = -(0.9 * Math.Log(0.9) + 0.1 * Math.Log(0.1));
        Assert.True(losses.DiscriminatorLoss > floor, $"{losses.DiscriminatorLoss} against {floor}");
        Assert.True(losses.GeneratorLoss > 0);
        Assert.Contains("batch norm needs batches of at least 2 images",
            MessageOf<ArgumentException>(() => trainer.TrainStep(new MiniBatches(Bars(1), seed: 0).Next(1))));
    }

    [Fact]
    public void Fixed_noise_is_drawn_from_its_own_seed_in_class_rows()
    {
        using var gan = Small();
        using var trainer = new GanTrainer(gan, Bars(1), batchSize: 5, seed: 3, picturesPerClass: 2);
        var images = trainer.FixedNoiseImages();
        Assert.Equal(20, images.Count);
        using var scope = NewDisposeScope();
        var expected = DcGan.ToBytes(gan.Generate(gan.Noise(20, seed: 5), Enumerable.Range(0, 20).Select(i => i / 2).ToList()));
        Assert.Equal(expected, images);
        using var unconditional = Small(classCount: 0);
        using var plain = new GanTrainer(unconditional, Bars(1), batchSize: 5, seed: 3, picturesPerClass: 4);
        Assert.Equal(4, plain.FixedNoiseImages().Count);
        PngImage picture = plain.FixedNoisePicture(scale: 1);
        Assert.Equal((4 * 28 + 5, 28 + 2), (picture.Width, picture.Height));
    }

    [Fact]
    public void Pictures_refuse_what_they_cannot_draw_and_caption_only_the_first_of_a_row()
    {
        using var gan = Small();
        using var unconditional = Small(classCount: 0);
        string[] names = Enumerable.Range(0, 10).Select(c => $"class {c}").ToArray();
        Assert.Contains("needs a class-conditional GAN", MessageOf<ArgumentException>(() => GanSamples.Wardrobe(unconditional)));
        Assert.Contains("needs a class-conditional GAN", MessageOf<ArgumentException>(() => GanSamples.SameNoiseAcrossClasses(unconditional)));
        Assert.Contains("an interpolation needs at least 2 steps", MessageOf<ArgumentOutOfRangeException>(() => GanSamples.Interpolation(gan, steps: 1)));
        Assert.Contains("ask for at least one noise vector", MessageOf<ArgumentOutOfRangeException>(() => GanSamples.SameNoiseAcrossClasses(gan, noiseCount: 0)));
        Assert.Contains("9 class names for 10 rows", MessageOf<ArgumentException>(() => GanSamples.Wardrobe(gan, perClass: 2, classNames: names[..9])));

        var twoSteps = GanSamples.Interpolation(gan, steps: 2, classNames: names);
        Assert.Equal(2, twoSteps.Columns);
        Assert.Equal(20, twoSteps.Images.Count);
        Assert.Equal(["class 0", "", "class 1", ""], twoSteps.Captions.Take(4));
        var walk = GanSamples.Interpolation(unconditional, steps: 3);
        Assert.Equal((3, 1), (walk.Images.Count, walk.Rows));
        Assert.Null(walk.Captions);

        var same = GanSamples.SameNoiseAcrossClasses(gan, noiseCount: 2, classNames: names);
        Assert.Equal(names.Concat(Enumerable.Repeat("", 10)), same.Captions);
        Assert.Null(GanSamples.SameNoiseAcrossClasses(gan, noiseCount: 1).Captions);

        var wardrobe = GanSamples.Wardrobe(gan, perClass: 2);
        Assert.Equal(10, wardrobe.Rows);
        PngImage picture = wardrobe.Picture(scale: 1);
        Assert.Equal((2 * 28 + 3, 10 * 28 + 11), (picture.Width, picture.Height));
    }

    [Fact]
    public void Training_summary_says_minutes_and_milliseconds_per_step()
    {
        Assert.Equal("2 epochs, 1,500 steps, 1.5 min (60.0 ms per step)", new GanTrainingSummary(2, 1500, TimeSpan.FromSeconds(90)).ToString());
        Assert.Equal("0 epochs, 0 steps, 0.0 min (0.0 ms per step)", new GanTrainingSummary(0, 0, TimeSpan.Zero).ToString());
        Assert.Equal("1 epochs, 1 steps, 0.0 min (5.0 ms per step)", new GanTrainingSummary(1, 1, TimeSpan.FromMilliseconds(5)).ToString());
        using var plain = GanRecipe.NewGan(width: 4, conditional: false);
        Assert.Equal(0, plain.ClassCount);
        using var conditional = GanRecipe.NewGan(width: 4);
        Assert.Equal(10, conditional.ClassCount);
    }

    [Fact]
    public void Measures_refuse_features_that_are_not_matrices_or_rows()
    {
        using Tensor flat = randn(10), rows = randn(10, 2);
        Assert.Contains("features must be matrices (samples x features), got 1 and 2 dimensions", MessageOf<ArgumentException>(() => KernelInceptionDistance.Between(flat, rows, subsets: 1, subsetSize: 2)));
        Assert.Contains("got 2 and 1 dimensions", MessageOf<ArgumentException>(() => KernelInceptionDistance.Between(rows, flat, subsets: 1, subsetSize: 2)));
        Assert.Contains("got 2 and 1 dimensions", MessageOf<ArgumentException>(() => GenerativePrecisionRecall.Of(rows, flat)));
        Assert.Contains("got 1 and 2 dimensions", MessageOf<ArgumentException>(() => GenerativePrecisionRecall.Of(flat, rows)));
        Assert.Contains("5 values do not make rows of 2 features", MessageOf<ArgumentException>(() => GaussianStatistics.Of(new float[5], 2)));
        Assert.Contains("4 values do not make rows of 0 features", MessageOf<ArgumentException>(() => GaussianStatistics.Of(new float[4], 0)));
        Assert.Contains("a covariance needs at least 2 samples, got 1", MessageOf<ArgumentException>(() => GaussianStatistics.Of(new double[1, 3])));
        Assert.Contains("at least 2 rows in each set, got 1 and 10", MessageOf<ArgumentException>(() => KernelInceptionDistance.UnbiasedMmd2(randn(1, 2), rows)));
        Assert.Contains("got 10 and 1", MessageOf<ArgumentException>(() => KernelInceptionDistance.UnbiasedMmd2(rows, randn(1, 2))));
    }

    // One step of the classic alternating training, written out: the trainer must compute exactly this.
    static (double Discriminator, double Generator, double Real, double Fake) HandStep(DcGan gan, optim.Optimizer forDiscriminator,
        optim.Optimizer forGenerator, Generator noise, MiniBatch batch)
    {
        using var scope = NewDisposeScope();
        int n = batch.Count;
        Tensor real = tensor(batch.Images).view(n, 1, 28, 28) * 2 - 1;
        Tensor labels = tensor(batch.Labels.Select(l => (long)l).ToArray());
        Tensor fake = gan.Generator.call(randn([n, gan.LatentSize], generator: noise), labels);
        forDiscriminator.zero_grad();
        Tensor realLogits = gan.Discriminator.call(real, labels), fakeLogits = gan.Discriminator.call(fake.detach(), labels);
        Tensor discriminatorLoss = nn.functional.binary_cross_entropy_with_logits(realLogits, full_like(realLogits, 0.9))
            + nn.functional.binary_cross_entropy_with_logits(fakeLogits, zeros_like(fakeLogits));
        discriminatorLoss.backward();
        forDiscriminator.step();
        forGenerator.zero_grad();
        Tensor foolLogits = gan.Discriminator.call(fake, labels);
        Tensor generatorLoss = nn.functional.binary_cross_entropy_with_logits(foolLogits, ones_like(foolLogits));
        generatorLoss.backward();
        forGenerator.step();
        return (discriminatorLoss.item<float>(), generatorLoss.item<float>(), sigmoid(realLogits).mean().item<float>(), sigmoid(fakeLogits).mean().item<float>());
    }

    [Fact]
    public void Training_steps_are_the_dcgan_steps_written_out_with_real_targets_of_0_9()
    {
        LabeledImages data = Bars(1);
        var batches = new MiniBatches(data, seed: 9);
        MiniBatch first = batches.Next(6), second = batches.Next(6);
        using DcGan gan = Small(), twin = Small();
        gan.Generator.eval();
        gan.Discriminator.eval();
        using var trainer = new GanTrainer(gan, data, batchSize: 6, seed: 4);
        MiniBatch third = batches.Next(6);
        var steps = new[] { trainer.TrainStep(first), trainer.TrainStep(second), trainer.TrainStep(third) };
        Assert.True(gan.Generator.training && gan.Discriminator.training, "a step trains in training mode");

        manual_seed(4);
        using var noise = new Generator(5);
        using var forDiscriminator = optim.Adam(twin.Discriminator.parameters(), 2e-4, beta1: 0.5, beta2: 0.999);
        using var forGenerator = optim.Adam(twin.Generator.parameters(), 2e-4, beta1: 0.5, beta2: 0.999);
        var expected = new[] { first, second, third }.Select(batch => HandStep(twin, forDiscriminator, forGenerator, noise, batch)).ToArray();
        for (int i = 0; i < 3; i++)
        {
            Assert.Equal(expected[i].Discriminator, steps[i].DiscriminatorLoss, 5);
            Assert.Equal(expected[i].Generator, steps[i].GeneratorLoss, 5);
            Assert.Equal(expected[i].Real, steps[i].RealScore, 5);
            Assert.Equal(expected[i].Fake, steps[i].FakeScore, 5);
        }
        Assert.Equal(3, gan.AverageUpdates);
    }

    [Fact]
    public void Training_time_counts_only_the_steps()
    {
        using var gan = Small();
        using var trainer = new GanTrainer(gan, Bars(1), batchSize: 5);
        Assert.Equal(TimeSpan.Zero, trainer.TrainingTime);
        trainer.TrainSteps(1);
        TimeSpan after = trainer.TrainingTime;
        Assert.True(after > TimeSpan.Zero);
        Thread.Sleep(50);
        Assert.Equal(after, trainer.TrainingTime);
    }

    [Fact]
    public void Kid_spread_is_zero_when_every_subset_is_the_whole_set_and_rows_need_features()
    {
        using var scope = NewDisposeScope();
        Tensor real = randn(6, 3, generator: new Generator(1)), generated = randn(5, 3, generator: new Generator(2)) + 1;
        KidResult kid = KernelInceptionDistance.Between(real[..5], generated, subsets: 4, subsetSize: 5, seed: 1);
        Assert.Equal(KernelInceptionDistance.UnbiasedMmd2(real[..5], generated), kid.Mean, 9);
        Assert.Equal(0, kid.StandardDeviation, 9);
        Assert.Contains("4 values do not make rows of 0 features",
            MessageOf<ArgumentException>(() => KernelInceptionDistance.Between(new float[4], new float[4], features: 0, subsets: 1, subsetSize: 2)));
        Assert.Contains("4 values do not make rows of 0 features",
            MessageOf<ArgumentException>(() => GenerativePrecisionRecall.Of(new float[4], new float[4], features: 0)));
        Assert.Contains("5 values do not make rows of 2 features",
            MessageOf<ArgumentException>(() => GenerativePrecisionRecall.Of(new float[4], new float[5], features: 2)));
    }

    [Fact]
    public void Measures_refuse_empty_subsets_and_neighbourhoods_and_progress_reads_as_one_line()
    {
        using Tensor a = randn(10, 2), b = randn(10, 2);
        Assert.Contains("KID needs at least one subset", MessageOf<ArgumentOutOfRangeException>(() => KernelInceptionDistance.Between(a, b, subsets: 0, subsetSize: 5)));
        Assert.Contains("subsets of at least 2 rows", MessageOf<ArgumentOutOfRangeException>(() => KernelInceptionDistance.Between(a, b, subsets: 1, subsetSize: 1)));
        Assert.Contains("k >= 1", MessageOf<ArgumentOutOfRangeException>(() => GenerativePrecisionRecall.Of(a, b, k: 0)));
        Assert.Contains("0 (automatic) or a positive number of rows", MessageOf<ArgumentOutOfRangeException>(() => GenerativePrecisionRecall.Of(a, b, blockRows: -1)));
        var progress = new GanProgress(1200, 3, 0.61234, 1.5, 0.55, 0.42, TimeSpan.FromSeconds(83.4));
        Assert.Equal("step   1200  epoch   3  D loss 0.612  G loss 1.500  D(real) 0.55  D(fake) 0.42  83 s", progress.ToString());
    }

    [Fact]
    public void Unconditional_quality_has_no_accuracy_and_the_recipe_trains_at_least_an_epoch()
    {
        using var gan = Small(classCount: 0);
        Func<Tensor, Tensor> blocks = images => nn.functional.avg_pool2d(images, 7).flatten(1);
        var report = GanQuality.Measure(gan, images => zeros(images.shape[0], 10), blocks, Bars(10, seed: 1), Bars(5, seed: 2), count: 50, perClass: 1);
        Assert.Empty(report.AccuracyPerClass);
        Assert.StartsWith("Fréchet distance", report.ToString());
        Assert.Contains("train for at least one epoch", MessageOf<ArgumentOutOfRangeException>(() => GanRecipe.Train(gan, Bars(1), epochs: 0)));
    }
}
