using TorchSharp;
using Xunit;
using static TorchSharp.torch;

// TorchSharp's random seed is global: classes that seed it share this collection, so they never run in parallel.
[Collection(TorchRandomCollection.Name)]
public class CnnTests : IDisposable
{
    readonly string _folder = Directory.CreateTempSubdirectory("cnn-tests-").FullName;
    public void Dispose() => Directory.Delete(_folder, recursive: true);

    // Class c is a bright band across rows 2c+4 and 2c+5 on a noisy background: learnable in a few steps.
    internal static LabeledImages Bands(int count, int seed = 0) => SyntheticImages.Bands(count, firstRow: 4, height: 2, noise: 60, seed);

    [Theory]
    [InlineData("tensorflow")]
    [InlineData("small")]
    [InlineData("compact")]
    [InlineData("best")]
    public void Every_model_maps_a_batch_of_images_to_ten_logits_each(string name)
    {
        using var model = CnnModels.Create(name);
        model.eval();
        using var logits = model.call(torch.zeros(3, 1, 28, 28));
        Assert.Equal(new long[] { 3, 10 }, logits.shape);
    }

    [Theory]
    [InlineData("small", 60_986)]
    [InlineData("compact", 94_250)]
    public void Small_and_compact_models_have_under_100K_parameters(string name, long expected)
    {
        using var model = CnnModels.Create(name);
        Assert.Equal(expected, CnnModels.ParameterCount(model));
        Assert.True(expected < 100_000);
    }

    [Fact]
    public void TensorFlow_convnet_has_the_original_architectures_parameter_count()
    {
        // conv 5x5x1x32 + 32, conv 5x5x32x64 + 64, dense 3136x1024 + 1024, dense 1024x10 + 10
        using var model = CnnModels.Create("tensorflow");
        Assert.Equal(832 + 51_264 + 3_212_288 + 10_250, CnnModels.ParameterCount(model));
    }

    [Fact]
    public void Unknown_model_name_is_named_in_the_error()
    {
        var error = Assert.Throws<ArgumentException>(() => CnnModels.Create("resnet"));
        Assert.Contains("resnet", error.Message);
    }

    [Fact]
    public void Image_tensors_in_0_to_1_equal_the_float_pixels_bit_for_bit()
    {
        // One home for pixels / 255: the tensor path (the CNNs, the GAN's judge) and the float path (the
        // classical models, t-SNE) give the same numbers, so figures measured either way agree.
        var pixels = Enumerable.Range(0, 256 * 4).Select(i => (byte)(i % 256)).ToArray();
        var data = new LabeledImages(pixels, new byte[4], 16, 16);
        using var unit = ImageTensors.Unit(data);
        Assert.Equal(data.PixelsAsFloats(), unit.data<float>().ToArray());
    }

    [Fact]
    public void Images_are_scaled_by_255_and_normalized_with_fashion_mnists_mean_and_std()
    {
        var pixels = new byte[784];
        pixels[1] = 255;
        using var tensor = ImageTensors.Normalized(new LabeledImages(pixels, new byte[] { 0 }, 28, 28));
        Assert.Equal(new long[] { 1, 1, 28, 28 }, tensor.shape);
        Assert.Equal((0 - 0.2860f) / 0.3530f, tensor[0, 0, 0, 0].item<float>(), 5);
        Assert.Equal((1 - 0.2860f) / 0.3530f, tensor[0, 0, 0, 1].item<float>(), 5);
    }

    [Fact]
    public void Training_steps_lower_the_loss_on_a_tiny_batch()
    {
        using var model = CnnModels.Create("small");
        var data = Bands(20);
        using var images = ImageTensors.Normalized(data);
        using var labels = ImageTensors.Labels(data);
        using var optimizer = torch.optim.Adam(model.parameters(), lr: 3e-3);
        float first = CnnTrainer.Step(model, optimizer, images, labels);
        float last = first;
        for (int i = 0; i < 20; i++) last = CnnTrainer.Step(model, optimizer, images, labels);
        Assert.True(last < first * 0.7, $"loss went from {first} to {last}");
    }

    [Fact]
    public void Trainer_reports_every_epoch_through_the_callback()
    {
        using var model = CnnModels.Create("small");
        var seen = new List<EpochReport>();
        var reports = new CnnTrainer(model, new CnnTrainingOptions { Epochs = 3, BatchSize = 16 })
            .Train(Bands(40), Bands(20, seed: 1), seen.Add);
        Assert.Equal(new[] { 1, 2, 3 }, seen.Select(r => r.Epoch));
        Assert.Equal(reports, seen);
        Assert.All(seen, r => Assert.InRange(r.ValidationAccuracy, 0, 1));
    }

    [Fact]
    public void Training_with_the_same_seed_repeats_exactly_augmentation_included()
    {
        var options = new CnnTrainingOptions { Epochs = 2, BatchSize = 16, CropPadding = 2, HorizontalFlips = true, Seed = 7 };
        double[] Run()
        {
            using var model = CnnModels.Create("small", seed: 3);
            return new CnnTrainer(model, options).Train(Bands(48)).Select(r => r.Loss).ToArray();
        }
        Assert.Equal(Run(), Run());
    }

    [Fact]
    public void Crops_are_windows_of_the_padded_images_drawn_down_then_right_and_flips_come_after()
    {
        // The reference: one narrow per image of the padded batch, with the same draws in the same order.
        using var scope = torch.NewDisposeScope();
        var batch = torch.randn(6, 2, 5, 7);
        const int pad = 2;
        var draws = new Random(11);
        float black = -FashionMnist.PixelMean / FashionMnist.PixelStandardDeviation;
        var padded = nn.functional.pad(batch, new long[] { pad, pad, pad, pad }, value: black);
        var windows = Enumerable.Range(0, 6).Select(i => padded[i].narrow(1, draws.Next(2 * pad + 1), 5).narrow(2, draws.Next(2 * pad + 1), 7)).ToArray();
        var mirrored = Enumerable.Range(0, 6).Select(i => draws.Next(2) == 1).ToArray();
        var expected = torch.stack(windows.Select((w, i) => mirrored[i] ? w.flip(2) : w).ToArray());
        Assert.Contains(true, mirrored);
        Assert.Contains(false, mirrored);

        var cropped = CnnTrainer.Augment(batch, pad, flips: true, new Random(11));
        Assert.Equal(batch.shape, cropped.shape);
        Assert.Equal(expected.data<float>().ToArray(), cropped.data<float>().ToArray());
        // Nothing asked, nothing changed; and the background that comes in from the border is black.
        Assert.Equal(batch.data<float>().ToArray(), CnnTrainer.Augment(batch, 0, flips: false, new Random(11)).data<float>().ToArray());
        Assert.Contains(black, cropped.data<float>().ToArray());
    }

    [Fact]
    public void Training_learns_a_simple_pattern()
    {
        using var model = CnnModels.Create("small");
        var trainer = new CnnTrainer(model, new CnnTrainingOptions { Epochs = 5, BatchSize = 20, LearningRate = 3e-3 });
        var reports = trainer.Train(Bands(200), Bands(50, seed: 1));
        Assert.True(reports[^1].ValidationAccuracy >= 0.9, $"validation accuracy {reports[^1].ValidationAccuracy}");
    }

    [Fact]
    public void Checkpoint_round_trip_gives_identical_outputs()
    {
        using var model = CnnModels.Create("best", seed: 1);
        new CnnTrainer(model, new CnnTrainingOptions { Epochs = 1, BatchSize = 10 }).Train(Bands(20)); // moves batch-norm statistics too
        string path = Path.Combine(_folder, "sub", "best.bin");
        CnnTrainer.SaveCheckpoint(model, path);
        using var restored = CnnModels.Create("best", seed: 2);
        CnnTrainer.LoadCheckpoint(restored, path);

        using var images = ImageTensors.Normalized(Bands(5, seed: 9));
        model.eval();
        using var expected = model.call(images);
        using var actual = restored.call(images);
        Assert.Equal(expected.data<float>().ToArray(), actual.data<float>().ToArray());
        Assert.Equal(new[] { "best.bin" }, Directory.GetFiles(Path.GetDirectoryName(path)).Select(Path.GetFileName));
    }

    [Fact]
    public void Loading_a_missing_checkpoint_names_the_path()
    {
        using var model = CnnModels.Create("small");
        string path = Path.Combine(_folder, "nothing.bin");
        var error = Assert.Throws<FileNotFoundException>(() => CnnTrainer.LoadCheckpoint(model, path));
        Assert.Contains(path, error.Message);
    }

    [Fact]
    public void Training_record_beside_a_checkpoint_reads_back_as_written()
    {
        using var model = CnnModels.Create("small");
        var recipe = CnnModels.TrainingOptions("small") with { Epochs = 2, BatchSize = 10, LabelSmoothing = 0.1, TimeBudget = TimeSpan.FromMinutes(3) };
        var reports = new CnnTrainer(model, recipe).Train(Bands(40), Bands(10, seed: 1));
        string checkpoint = Path.Combine(_folder, "small.bin");
        CnnTrainer.SaveCheckpoint(model, checkpoint);
        var record = CnnTrainingRecord.Of("small", CnnModels.ParameterCount(model), recipe, 40, 10, reports,
            processorMinutes: 0.25, testAccuracy: 0.5, testAccuracyWithFlips: 0.55, command: "a test");
        record.WriteBeside(checkpoint);

        Assert.Equal(Path.Combine(_folder, "small.about.json"), CnnTrainingRecord.PathFor(checkpoint));
        var read = CnnTrainingRecord.ReadBeside(checkpoint);
        Assert.Equal(record, read);                 // every field, the recipe's too (records compare by value)
        Assert.Equal(recipe, read.Recipe);
        Assert.Equal(2, read.Epochs);
        Assert.Equal("Float32", read.ComputeType);      // the small recipe's precision: float32
        Assert.Equal(reports.Sum(r => r.Seconds) / 60, read.TrainingMinutes, 9);
        Assert.Equal(reports[^1].ValidationAccuracy, read.ValidationAccuracy);
        Assert.Contains("\"schedule\": \"OneCycle\"", File.ReadAllText(CnnTrainingRecord.PathFor(checkpoint)));   // enums by name
        Assert.Contains("trained on 40 images (10 held out for validation", read.ToString());
        Assert.Contains("for 2 epochs in", read.ToString());
        Assert.Equal(new[] { "small.about.json", "small.bin" }, Directory.GetFiles(_folder).Select(Path.GetFileName).Order());
    }

    [Fact]
    public void A_time_budget_ends_training_before_it_runs_out_and_the_schedule_with_it()
    {
        using var model = CnnModels.Create("small");
        var budget = TimeSpan.FromSeconds(3);
        var options = new CnnTrainingOptions { Epochs = 10_000, BatchSize = 20, LearningRate = 3e-3, Schedule = LearningRateSchedule.OneCycle, TimeBudget = budget };
        var reports = new CnnTrainer(model, options).Train(Bands(200), Bands(50, seed: 1));
        double trained = reports.Sum(r => r.Seconds);
        // It stops before a batch that would end past the budget, judged by the batch before: on a busy machine one batch
        // may take longer than the one before it, so a tenth of a second is allowed over.
        Assert.True(trained <= budget.TotalSeconds + 0.1, $"{trained:F3} s of training for a budget of {budget.TotalSeconds} s");
        Assert.True(trained >= 0.8 * budget.TotalSeconds, $"only {trained:F3} s of a {budget.TotalSeconds} s budget used");
        Assert.InRange(reports.Count, 2, 9_999);
        Assert.All(reports.SkipLast(1), r => Assert.Equal(200, r.Images));
        Assert.InRange(reports[^1].Images, 1, 200);
        Assert.True(reports[^1].ValidationAccuracy >= 0.9, $"validation accuracy {reports[^1].ValidationAccuracy}");
    }

    [Fact]
    public void Epochs_that_end_before_a_time_budget_end_the_schedule_too()
    {
        // A budget far longer than three epochs: the schedule follows the epochs, as it does without a budget.
        List<EpochReport> Run(TimeSpan? budget)
        {
            using var model = CnnModels.Create("small");
            var options = new CnnTrainingOptions { Epochs = 3, BatchSize = 20, LearningRate = 3e-3, Schedule = LearningRateSchedule.OneCycle, TimeBudget = budget };
            return new CnnTrainer(model, options).Train(Bands(400));
        }
        var byEpochs = Run(null);
        var withBudget = Run(TimeSpan.FromMinutes(10));
        Assert.Equal(3, withBudget.Count);
        // The budget's schedule moves in steps of 1/10,000 of the run rather than one per batch, so the learning rates
        // differ a little; a schedule stuck at its start (the budget barely touched) would leave the loss far higher.
        for (int epoch = 0; epoch < 3; epoch++)
            Assert.True(Math.Abs(byEpochs[epoch].Loss - withBudget[epoch].Loss) < 0.05,
                $"epoch {epoch + 1}: loss {byEpochs[epoch].Loss:F4} by epochs, {withBudget[epoch].Loss:F4} with a budget");
    }

    [Fact]
    public void A_missing_or_malformed_training_record_is_named_in_the_error()
    {
        string checkpoint = Path.Combine(_folder, "net.bin");
        var missing = Assert.Throws<FileNotFoundException>(() => CnnTrainingRecord.ReadBeside(checkpoint));
        Assert.Contains(Path.Combine(_folder, "net.about.json"), missing.Message);
        File.WriteAllText(CnnTrainingRecord.PathFor(checkpoint), "{ \"model\": \"best\", ");
        var malformed = Assert.Throws<FormatException>(() => CnnTrainingRecord.ReadBeside(checkpoint));
        Assert.Contains("net.about.json: not a CNN training record", malformed.Message);
        File.WriteAllText(CnnTrainingRecord.PathFor(checkpoint), "{ \"model\": \"best\" }");
        var noRecipe = Assert.Throws<FormatException>(() => CnnTrainingRecord.ReadBeside(checkpoint));
        Assert.Contains("net.about.json: not a CNN training record (no model or recipe)", noRecipe.Message);
    }

    [Fact]
    public void Label_smoothing_raises_the_loss_of_a_sure_answer_and_is_checked()
    {
        // A network sure of the right class: plain cross-entropy near 0; with smoothing 0.1 the target keeps 0.01 on
        // each of the nine other classes, so the loss stays near 0.09 x (their logit gap): well above 0.
        var data = Bands(60);
        float LastLoss(double smoothing)
        {
            using var model = CnnModels.Create("small");
            var options = new CnnTrainingOptions { Epochs = 6, BatchSize = 20, LearningRate = 3e-3, LabelSmoothing = smoothing };
            return (float)new CnnTrainer(model, options).Train(data)[^1].Loss;
        }
        float plain = LastLoss(0), smoothed = LastLoss(0.1);
        Assert.True(smoothed > plain + 0.1, $"loss with smoothing {smoothed}, without {plain}");
        using var any = CnnModels.Create("small");
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new CnnTrainer(any, new CnnTrainingOptions { LabelSmoothing = 1 }));
        Assert.Contains("LabelSmoothing must be in [0, 1)", error.Message);
    }

    [Fact]
    public void Predictions_come_with_the_probability_of_the_predicted_class()
    {
        using var model = CnnModels.Create("small");
        var trainer = new CnnTrainer(model);
        var data = Bands(7);
        var probabilities = trainer.Probabilities(data);
        var (predicted, confidence) = trainer.Predict(data);
        Assert.Equal(7, predicted.Length);
        for (int i = 0; i < 7; i++)
        {
            Assert.Equal(1f, Enumerable.Range(0, 10).Sum(c => probabilities[i, c]), 4);
            Assert.Equal(Enumerable.Range(0, 10).Max(c => probabilities[i, c]), confidence[i]);
            Assert.Equal(confidence[i], probabilities[i, predicted[i]]);
        }
    }

    [Fact]
    public void Test_time_flips_average_the_probabilities_of_each_image_and_its_mirror()
    {
        using var model = CnnModels.Create("small");
        var data = Bands(5);
        byte[] mirroredPixels = Enumerable.Range(0, data.Count)
            .SelectMany(i => Enumerable.Range(0, 28 * 28).Select(p => data.Pixels[i * 784 + p / 28 * 28 + 27 - p % 28])).ToArray();
        var mirrored = new LabeledImages(mirroredPixels, data.Labels, 28, 28);
        var plain = new CnnTrainer(model).Probabilities(data);
        var ofMirror = new CnnTrainer(model).Probabilities(mirrored);
        var averaged = new CnnTrainer(model, new CnnTrainingOptions { TestTimeFlips = true }).Probabilities(data);
        for (int i = 0; i < data.Count; i++)
            for (int c = 0; c < 10; c++)
                Assert.Equal((plain[i, c] + ofMirror[i, c]) / 2, averaged[i, c], 5);
    }

    [Fact]
    public void Every_epoch_ends_with_as_many_live_tensors_as_the_one_before()
    {
        using var model = CnnModels.Create("small");
        var options = new CnnTrainingOptions { Epochs = 3, BatchSize = 10, CropPadding = 2, HorizontalFlips = true };
        var reports = new CnnTrainer(model, options).Train(Bands(40), Bands(10, seed: 1));
        Assert.True(reports[0].LiveTensors > 0, "the model's own tensors are counted");
        Assert.All(reports, r => Assert.Equal(reports[0].LiveTensors, r.LiveTensors));
    }

    [Fact]
    public void The_committed_best_network_scores_what_its_record_says_and_was_trained_by_the_catalogues_recipe()
    {
        var record = CnnTrainingRecord.ReadBeside(CnnModels.BestCheckpoint);
        Assert.Equal("best", record.Model);
        Assert.Equal(CnnModels.TrainingOptions("best"), record.Recipe);
        Assert.True(record.TrainingMinutes <= record.Recipe.TimeBudget.Value.TotalMinutes, $"{record.TrainingMinutes} minutes of training");
        using var model = CnnModels.Create("best");
        CnnTrainer.LoadCheckpoint(model, CnnModels.BestCheckpoint);
        Assert.Equal(record.Weights, CnnModels.ParameterCount(model));
        var test = FashionMnist.Load().Test;
        // The same arithmetic on another CPU may move an image or two across a decision boundary.
        Assert.Equal(record.TestAccuracy, new CnnTrainer(model, record.Recipe with { TestTimeFlips = false }).Accuracy(test), 3);
        Assert.Equal(record.TestAccuracyWithFlips, new CnnTrainer(model, record.Recipe with { TestTimeFlips = true }).Accuracy(test), 3);
    }

    [Fact]
    public void Judge_is_the_frozen_committed_network_and_knows_real_clothes()
    {
        Assert.EndsWith(Path.Combine("data", "models", "judge-convnet.bin"), CnnJudge.Checkpoint);
        using var judge = CnnJudge.Load();
        var test = FashionMnist.Load().Test.Subset(500, seed: 0);
        using var images = ImageTensors.Unit(test);
        using var features = ImageTensors.InBatches(judge.Features, images);
        Assert.InRange(judge.Accuracy(test), 0.9, 1.0);
        Assert.Equal(new long[] { 500, 256 }, features.shape);
    }

    [Fact]
    public void Calibration_starts_at_the_floor_of_a_gan_measurement_and_grows_with_each_change()
    {
        using var judge = CnnJudge.Load();
        var fashion = FashionMnist.Load();
        var points = FrechetCalibration.Measure(judge.Features, fashion.Train, fashion.Test, count: 1_000, seed: 3);
        using var gan = DcGan.Load(GanRecipe.Checkpoint);
        var report = GanQuality.Measure(gan, judge.Classify, judge.Features, fashion.Train, fashion.Test, count: 1_000, perClass: 10, seed: 3);
        double Distance(string change) => points.Single(p => p.Change.StartsWith(change)).FrechetDistance;

        Assert.Equal("unchanged (the floor)", points[0].Change);
        Assert.Equal(report.FrechetFloor, points[0].FrechetDistance, 9); // the same real sets as a GAN's measurement
        Assert.True(Distance("pixel noise, deviation 2/") < Distance("pixel noise, deviation 5/"));
        Assert.True(Distance("pixel noise, deviation 5/") < Distance("pixel noise, deviation 10/"));
        Assert.True(Distance("3x3 box blur mixed in at 25") < Distance("3x3 box blur mixed in at 50"));
        Assert.True(points.Skip(1).All(p => p.FrechetDistance > points[0].FrechetDistance), "every change moves real images away from the floor");
    }
}
