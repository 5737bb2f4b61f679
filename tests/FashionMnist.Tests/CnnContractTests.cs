using TorchSharp;
using Xunit;
using static Refusal;
using static TorchSharp.torch;

/// <summary>
/// lib/Cnn's contracts, written for what its mutants showed untested: what the trainer refuses and reports, the
/// batched paths against the whole ones, the recipes of the catalogue, the record's text, the precision's types.
/// </summary>
[Collection(TorchRandomCollection.Name)]
public class CnnContractTests
{
    // Two classes a linear model learns at once: class 0 dark images, class 1 bright ones.
    static LabeledImages Shades(int count, int seed = 0)
    {
        var random = new Random(seed);
        var labels = Enumerable.Range(0, count).Select(i => (byte)(i % 2)).ToArray();
        var pixels = new byte[count * 16];
        for (int i = 0; i < count; i++)
            for (int p = 0; p < 16; p++) pixels[i * 16 + p] = (byte)(labels[i] * 150 + random.Next(60));
        return new LabeledImages(pixels, labels, 4, 4, classCount: 2);
    }

    static nn.Module<Tensor, Tensor> Linear(int seed = 0)
    {
        manual_seed(seed);
        return nn.Sequential(nn.Flatten(), nn.Linear(16, 2));
    }

    [Fact]
    public void Trainer_refuses_settings_that_cannot_train_and_names_each()
    {
        using var model = Linear();
        Assert.Throws<ArgumentNullException>(() => new CnnTrainer(null));
        Assert.Contains("Epochs must be at least 1", MessageOf<ArgumentOutOfRangeException>(() => new CnnTrainer(model, new() { Epochs = 0 })));
        Assert.Contains("BatchSize must be at least 1", MessageOf<ArgumentOutOfRangeException>(() => new CnnTrainer(model, new() { BatchSize = 0 })));
        Assert.Contains("LabelSmoothing must be in [0, 1)", MessageOf<ArgumentOutOfRangeException>(() => new CnnTrainer(model, new() { LabelSmoothing = -0.01 })));
        Assert.Contains("LabelSmoothing must be in [0, 1)", MessageOf<ArgumentOutOfRangeException>(() => new CnnTrainer(model, new() { LabelSmoothing = 1 })));
        Assert.Contains("CropPadding cannot be negative", MessageOf<ArgumentOutOfRangeException>(() => new CnnTrainer(model, new() { CropPadding = -1 })));
        _ = new CnnTrainer(model, new() { Epochs = 1, BatchSize = 1, LabelSmoothing = 0.99, CropPadding = 0 });
        var trainer = new CnnTrainer(model);
        Assert.Contains("no training images", MessageOf<ArgumentException>(() => trainer.Train(null)));
        Assert.Contains("no training images", MessageOf<ArgumentException>(() => trainer.Train(new LabeledImages([], [], 4, 4, classCount: 2))));
    }

    [Fact]
    public void Each_epoch_reports_all_its_images_its_loss_and_the_validation_accuracy_and_leaves_the_model_evaluating()
    {
        using var model = Linear();
        var trainer = new CnnTrainer(model, new() { Epochs = 3, BatchSize = 7, LearningRate = 0.05 });
        LabeledImages train = Shades(30), validation = Shades(10, seed: 1);
        var seen = new List<EpochReport>();
        var reports = trainer.Train(train, validation, seen.Add);
        Assert.Equal(reports, seen);
        Assert.Equal([1, 2, 3], reports.Select(r => r.Epoch));
        Assert.All(reports, r => Assert.Equal(30, r.Images));
        Assert.True(reports[^1].Loss < reports[0].Loss, "the loss falls");
        Assert.Equal(trainer.Accuracy(validation), reports[^1].ValidationAccuracy);
        Assert.Equal(1.0, reports[^1].TrainAccuracy);
        Assert.False(model.training);
        Assert.True(double.IsNaN(new CnnTrainer(Linear(), new() { Epochs = 1 }).Train(train)[0].ValidationAccuracy));
    }

    [Fact]
    public void Epoch_report_text_adds_images_and_live_tensors_only_when_counted()
    {
        var plain = new EpochReport(3, 0.12345, 0.9, 0.85, 12.34);
        Assert.Equal("epoch   3: loss 0.1235, train 90.00%, validation 85.00%, 12.3 s", plain.ToString().Replace(" %", "%"));
        var counted = new EpochReport(3, 0.12345, 0.9, 0.85, 12.34, LiveTensors: 40, Images: 60000);
        Assert.EndsWith("12.3 s, 60,000 images, 40 live tensors", counted.ToString());
    }

    [Fact]
    public void A_step_returns_the_loss_before_it_and_moves_the_weights()
    {
        using var model = Linear();
        using var optimizer = optim.SGD(model.parameters(), 0.1);
        using Tensor images = rand(6, 1, 4, 4), labels = tensor(new long[] { 0, 1, 0, 1, 0, 1 });
        model.eval();
        float before;
        using (no_grad()) before = nn.functional.cross_entropy(model.call(images), labels).item<float>();
        Assert.Equal(before, CnnTrainer.Step(model, optimizer, images, labels), 5);
        Assert.True(model.training, "a step trains in training mode");
        using (no_grad()) Assert.True(nn.functional.cross_entropy(model.call(images), labels).item<float>() < before);
    }

    [Fact]
    public void Probabilities_in_small_batches_equal_one_batch_and_each_row_sums_to_one()
    {
        using var model = Linear(seed: 3);
        var trainer = new CnnTrainer(model);
        LabeledImages data = Shades(11);
        float[,] whole = trainer.Probabilities(data), batched = trainer.Probabilities(data, batchSize: 4);
        Assert.Equal((11, 2), (whole.GetLength(0), whole.GetLength(1)));
        for (int i = 0; i < 11; i++)
        {
            Assert.Equal(1, whole[i, 0] + whole[i, 1], 5);
            for (int c = 0; c < 2; c++) Assert.Equal(whole[i, c], batched[i, c], 6);
        }
        var (predicted, confidence) = trainer.Predict(data);
        for (int i = 0; i < 11; i++)
        {
            Assert.Equal(whole[i, 1] > whole[i, 0] ? 1 : 0, predicted[i]);
            Assert.Equal(Math.Max(whole[i, 0], whole[i, 1]), confidence[i]);
        }
        Assert.Equal(predicted.Zip(data.Labels).Count(p => p.First == p.Second) / 11.0, trainer.Accuracy(data), 12);
    }

    [Fact]
    public void A_loaded_checkpoint_evaluates()
    {
        string folder = Path.Combine(Path.GetTempPath(), "cnn-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            string path = Path.Combine(folder, "linear.bin");
            using var model = Linear();
            CnnTrainer.SaveCheckpoint(model, path);
            using var loaded = Linear(seed: 1);
            loaded.train();
            CnnTrainer.LoadCheckpoint(loaded, path);
            Assert.False(loaded.training);
            Assert.Equal(model.parameters().First().data<float>().ToArray(), loaded.parameters().First().data<float>().ToArray());
        }
        finally { Directory.Delete(folder, recursive: true); }
    }

    [Fact]
    public void Catalogue_recipes_are_the_tuned_ones_and_an_unknown_name_is_refused()
    {
        var tensorflow = CnnModels.TrainingOptions("tensorflow");
        Assert.Equal((10, 100, 1e-3, LearningRateSchedule.Constant), (tensorflow.Epochs, tensorflow.BatchSize, tensorflow.LearningRate, tensorflow.Schedule));
        var small = CnnModels.TrainingOptions("small");
        Assert.Equal((8, 128, 3e-3, LearningRateSchedule.OneCycle), (small.Epochs, small.BatchSize, small.LearningRate, small.Schedule));
        var compact = CnnModels.TrainingOptions("compact");
        Assert.Equal((16, 128, 3e-3, 2, true, TrainingPrecision.Auto, LearningRateSchedule.OneCycle),
            (compact.Epochs, compact.BatchSize, compact.LearningRate, compact.CropPadding, compact.HorizontalFlips, compact.Precision, compact.Schedule));
        var best = CnnModels.TrainingOptions("best");
        Assert.Equal((100, TimeSpan.FromMinutes(30), 128, 3e-3, 1e-4, 0.1), (best.Epochs, best.TimeBudget, best.BatchSize, best.LearningRate, best.WeightDecay, best.LabelSmoothing));
        Assert.Equal((LearningRateSchedule.OneCycle, 2, true, true, TrainingPrecision.Auto),
            (best.Schedule, best.CropPadding, best.HorizontalFlips, best.TestTimeFlips, best.Precision));
        Assert.Contains("unknown model 'huge': expected one of tensorflow, small, compact, best",
            MessageOf<ArgumentException>(() => CnnModels.TrainingOptions("huge")));
        Assert.Equal(Path.Combine(ProjectFolders.Data, "models", "best-convnet.bin"), CnnModels.BestCheckpoint);
        Assert.Equal(Path.Combine(ProjectFolders.Data, "models", "judge-convnet.bin"), CnnJudge.Checkpoint);
    }

    [Fact]
    public void Same_seed_gives_the_same_network_and_parameters_are_counted_whole()
    {
        using var a = CnnModels.Create("small", seed: 4);
        using var b = CnnModels.Create("small", seed: 4);
        using var c = CnnModels.Create("small", seed: 5);
        Assert.Equal(a.parameters().First().data<float>().ToArray(), b.parameters().First().data<float>().ToArray());
        Assert.NotEqual(a.parameters().First().data<float>().ToArray(), c.parameters().First().data<float>().ToArray());
        using var linear = Linear();
        Assert.Equal(16 * 2 + 2, CnnModels.ParameterCount(linear));
    }

    [Fact]
    public void In_batches_gives_the_outputs_of_one_call_flattened_per_image()
    {
        using var scope = NewDisposeScope();
        Tensor images = rand(7, 1, 2, 2);
        Tensor batched = ImageTensors.InBatches(x => x * 2, images, batchSize: 3);
        Assert.Equal([7L, 4], batched.shape);
        Assert.True(batched.allclose(images.flatten(1) * 2));
        Assert.False(ImageTensors.InBatches(x => x.requires_grad_(true) * 1, rand(2, 1, 2, 2).requires_grad_(true)).requires_grad, "no gradients are recorded");
    }

    [Fact]
    public void Unit_images_are_pixels_over_255_and_normalization_uses_the_data_set_s_mean_and_deviation()
    {
        var data = new LabeledImages([0, 51, 255, 102], [0], 2, 2);
        using var scope = NewDisposeScope();
        Tensor unit = ImageTensors.Unit(data);
        Assert.Equal([1L, 1, 2, 2], unit.shape);
        Assert.Equal(new[] { 0f, 0.2f, 1f, 0.4f }, unit.data<float>().ToArray());
        Tensor normalized = ImageTensors.Normalized(data);
        float expected = (0.2f - (float)FashionMnist.PixelMean) / (float)FashionMnist.PixelStandardDeviation;
        Assert.Equal(expected, normalized.flatten()[1].item<float>(), 5);
        Assert.Equal(new byte[] { 0, 51, 255, 102 }, ImageTensors.PixelsOf(normalized)[0]);
        Assert.Equal(new long[] { 3, 1 }, ImageTensors.Labels(new LabeledImages(new byte[2], [3, 1], 1, 1)).data<long>().ToArray());
    }

    [Fact]
    public void Precisions_name_their_number_types_and_an_unknown_one_is_refused()
    {
        Assert.Equal(ScalarType.Float32, MixedPrecision.TypeFor(TrainingPrecision.Float32));
        Assert.Equal(ScalarType.BFloat16, MixedPrecision.TypeFor(TrainingPrecision.BFloat16));
        Assert.Contains("unknown precision", MessageOf<ArgumentOutOfRangeException>(() => MixedPrecision.TypeFor((TrainingPrecision)7)));
        Assert.Throws<ArgumentNullException>(() => new MixedPrecision(null, ScalarType.Float32));
        Assert.Equal(["avx512_bf16", "amx_bf16"], MixedPrecision.BFloat16Flags);
        Assert.Empty(MixedPrecision.CpuFlags("/no/such/cpuinfo"));
    }

    [Fact]
    public void Cpu_flags_file_without_a_flags_line_has_no_flags()
    {
        string path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, "processor\t: 0\nmodel name\t: Test\n");
            Assert.Empty(MixedPrecision.CpuFlags(path));
            File.WriteAllText(path, "processor\t: 0\nflags\t\t: fpu  avx512_bf16 sse\nflags\t\t: other\n");
            Assert.Equal(new HashSet<string> { "fpu", "avx512_bf16", "sse" }, MixedPrecision.CpuFlags(path));
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void Bfloat16_masters_take_the_gradients_and_give_back_rounded_weights()
    {
        using var model = Linear(seed: 2);
        using var precision = new MixedPrecision(model, ScalarType.BFloat16);
        Assert.Equal(ScalarType.BFloat16, precision.ComputeType);
        Assert.Equal(2, precision.MasterParameters.Count);
        Assert.All(precision.MasterParameters, p => Assert.Equal(ScalarType.Float32, p.dtype));
        using var scope = NewDisposeScope();
        var compute = model.parameters().First();
        Tensor loss = model.call(ones(1, 1, 4, 4, dtype: ScalarType.BFloat16)).to(ScalarType.Float32).sum();
        loss.backward();
        precision.CopyGradientsToMasters();
        Tensor masterGradient = precision.MasterParameters[0].grad;
        Assert.Equal(ScalarType.Float32, masterGradient.dtype);
        Assert.True(masterGradient.allclose(ones(2, 16)), "d sum / d weight is the input, 1, for each class");
        Assert.Equal(0, compute.grad.abs().sum().to(ScalarType.Float32).item<float>());
        // A second backward: the master's gradient is replaced, not added to.
        model.call(ones(1, 1, 4, 4, dtype: ScalarType.BFloat16)).to(ScalarType.Float32).sum().backward();
        precision.CopyGradientsToMasters();
        Assert.True(precision.MasterParameters[0].grad.allclose(ones(2, 16)));

        using (no_grad()) precision.MasterParameters[0].add_(1.0 / 3);
        precision.CopyMastersToModel();
        Assert.True(compute.to(ScalarType.Float32).allclose(precision.MasterParameters[0], rtol: 1e-2, atol: 1e-2));
        Assert.False(compute.to(ScalarType.Float32).equal(precision.MasterParameters[0]).all().item<bool>(), "bfloat16 rounds a third");
        precision.Finish();
        Assert.Equal(ScalarType.Float32, model.parameters().First().dtype);
        Assert.True(model.parameters().First().equal(precision.MasterParameters[0]).all().item<bool>(), "the network ends with the unrounded masters");
    }

    [Fact]
    public void Training_record_needs_epochs_adds_their_seconds_and_says_so_in_one_paragraph()
    {
        var recipe = new CnnTrainingOptions { Epochs = 2, Precision = TrainingPrecision.Float32 };
        Assert.Contains("no epochs to describe", MessageOf<ArgumentException>(() => CnnTrainingRecord.Of("small", 10, recipe, 100, 0, [], 1, 0.9, 0.91, "cmd")));
        var reports = new[] { new EpochReport(1, 1, 0.5, double.NaN, 30), new EpochReport(2, 0.5, 0.8, 0.75, 60) };
        var record = CnnTrainingRecord.Of("small", 61234, recipe, 50000, 10000, reports, 2.5, 0.9, 0.9123, "train small");
        Assert.Equal(1.5, record.TrainingMinutes, 12);
        Assert.Equal((2, 0.75, "Float32"), (record.Epochs, record.ValidationAccuracy, record.ComputeType));
        string text = record.ToString().Replace(" %", "%");
        Assert.StartsWith("small (61,234 weights), trained on 50,000 images (10,000 held out for validation: 75.00%) for 2 epochs in 1.5 minutes (Float32, 2 processor minutes) on ", text);
        Assert.EndsWith("test accuracy then: 90.00% from single views, 91.23% with mirror views", text);
        Assert.Contains("by `train small` at commit ", text);
        string whole = (record with { ValidationImages = 0 }).ToString();
        Assert.Contains("trained on 50,000 images for 2 epochs", whole);
        Assert.Equal(Path.Combine("m", "best.about.json"), CnnTrainingRecord.PathFor(Path.Combine("m", "best.bin")));
    }
    [Fact]
    public void Each_step_starts_from_fresh_gradients_as_two_steps_written_out_do()
    {
        // A linear layer, plain SGD: two trainer steps must equal two steps that clear the gradients first.
        var images = torch.tensor(new float[] { 1, 0, 2, 0, 1, 1, -1, 2, 0, 3, 1, -2 }, 3, 4);
        var labels = torch.tensor(new long[] { 0, 2, 1 });
        torch.manual_seed(3);
        using var model = nn.Linear(4, 3);
        using var written = nn.Linear(4, 3);
        using (torch.no_grad()) foreach (var (name, parameter) in written.named_parameters()) parameter.copy_(model.get_parameter(name));
        var optimizer = optim.SGD(model.parameters(), 0.5);
        var writtenOptimizer = optim.SGD(written.parameters(), 0.5);

        for (int step = 0; step < 2; step++)
        {
            CnnTrainer.Step(model, optimizer, images, labels);
            writtenOptimizer.zero_grad();
            nn.functional.cross_entropy(written.call(images), labels).backward();
            writtenOptimizer.step();
        }

        foreach (var (name, parameter) in written.named_parameters())
            Assert.True(parameter.allclose(model.get_parameter(name), rtol: 1e-6, atol: 1e-7), $"{name} differs after two steps");
    }
}
