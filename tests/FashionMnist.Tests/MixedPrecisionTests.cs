using TorchSharp;
using Xunit;
using static TorchSharp.torch;

// TorchSharp's random seed is global: classes that seed it share this collection, so they never run in parallel.
[Collection(TorchRandomCollection.Name)]
public class MixedPrecisionTests : IDisposable
{
    readonly string _folder = Directory.CreateTempSubdirectory("mixed-precision-tests-").FullName;
    public void Dispose() => Directory.Delete(_folder, recursive: true);

    static LabeledImages Bands(int count, int seed = 0) => CnnTests.Bands(count, seed);

    string CpuInfo(string flags)
    {
        string path = Path.Combine(_folder, "cpuinfo");
        File.WriteAllText(path, $"processor\t: 0\nmodel name\t: test\nflags\t\t: {flags}\n\nprocessor\t: 1\nflags\t\t: fpu\n");
        return path;
    }

    [Fact]
    public void Cpu_flags_are_read_from_the_first_processors_flags_line()
    {
        var flags = MixedPrecision.CpuFlags(CpuInfo("fpu avx512f avx512_bf16 amx_tile"));
        Assert.Equal(new[] { "amx_tile", "avx512_bf16", "avx512f", "fpu" }, flags.Order());
        Assert.Empty(MixedPrecision.CpuFlags(Path.Combine(_folder, "no-such-file")));
    }

    [Fact]
    public void Auto_is_bfloat16_exactly_when_this_cpu_has_a_bfloat16_flag()
    {
        bool has = MixedPrecision.CpuFlags().Overlaps(MixedPrecision.BFloat16Flags);
        Assert.Equal(has, MixedPrecision.CpuHasBFloat16);
        Assert.Equal(has ? ScalarType.BFloat16 : ScalarType.Float32, MixedPrecision.TypeFor(TrainingPrecision.Auto));
        Assert.Equal(ScalarType.Float32, MixedPrecision.TypeFor(TrainingPrecision.Float32));
        Assert.Equal(ScalarType.BFloat16, MixedPrecision.TypeFor(TrainingPrecision.BFloat16));
    }

    [Fact]
    public void Float32_changes_nothing_and_the_optimizer_steps_the_models_own_weights()
    {
        using var model = CnnModels.Create("small");
        using var precision = new MixedPrecision(model, ScalarType.Float32);
        Assert.Equal(model.parameters().Select(p => p.Handle), precision.MasterParameters.Select(p => p.Handle));
        Assert.All(model.parameters(), p => Assert.Equal(ScalarType.Float32, p.dtype));
    }

    [Fact]
    public void Only_float32_or_bfloat16_are_accepted_and_the_error_names_the_type()
    {
        using var model = CnnModels.Create("small");
        var error = Assert.Throws<ArgumentException>(() => new MixedPrecision(model, ScalarType.Float16));
        Assert.Contains("Float16", error.Message);
    }

    [Fact]
    public void Bfloat16_converts_the_compute_layers_keeps_normalization_in_float32_and_masters_unrounded()
    {
        using var model = CnnModels.Create("best");
        var before = model.named_parameters().ToDictionary(p => p.name, p => p.parameter.data<float>().ToArray());
        using var precision = new MixedPrecision(model, ScalarType.BFloat16);

        var types = model.named_parameters().ToDictionary(p => p.name, p => p.parameter.dtype);
        Assert.Contains(types, t => t.Key.Contains("Norm") || t.Key.Contains("norm"));
        foreach (var (name, module) in model.named_modules().Where(m => m.module is TorchSharp.Modules.BatchNorm2d or TorchSharp.Modules.BatchNorm1d))
            Assert.All(module.parameters(), p => Assert.Equal(ScalarType.Float32, p.dtype));
        Assert.Equal(ScalarType.BFloat16, types["dense.weight"]);
        Assert.Equal(ScalarType.BFloat16, types["output.weight"]);
        // The optimizer sees float32 only, and the masters hold the weights as they were, not rounded to bfloat16.
        Assert.All(precision.MasterParameters, p => Assert.Equal(ScalarType.Float32, p.dtype));
        Assert.Equal(model.parameters().Count(), precision.MasterParameters.Count);
        var dense = precision.MasterParameters[model.named_parameters().Select(p => p.name).ToList().IndexOf("dense.weight")];
        Assert.Equal(before["dense.weight"], dense.data<float>().ToArray());
        using var rounded = dense.to(ScalarType.BFloat16).to(ScalarType.Float32);
        Assert.NotEqual(before["dense.weight"], rounded.data<float>().ToArray());
    }

    [Fact]
    public void Bfloat16_training_computes_in_bfloat16_and_leaves_a_float32_network_with_the_master_weights()
    {
        using var model = CnnModels.Create("small");
        var typesDuringTraining = new List<ScalarType>();
        var options = new CnnTrainingOptions { Epochs = 5, BatchSize = 20, LearningRate = 3e-3, Precision = TrainingPrecision.BFloat16 };
        var reports = new CnnTrainer(model, options).Train(Bands(200), Bands(50, seed: 1),
            _ => typesDuringTraining.Add(model.named_parameters().Single(p => p.name == "conv1.weight").parameter.dtype));
        Assert.All(typesDuringTraining, t => Assert.Equal(ScalarType.BFloat16, t));
        Assert.True(reports[^1].ValidationAccuracy >= 0.9, $"validation accuracy {reports[^1].ValidationAccuracy}");
        Assert.All(model.parameters(), p => Assert.Equal(ScalarType.Float32, p.dtype));
        // Trained weights are float32 masters: some of them are not bfloat16 numbers.
        var weights = model.named_parameters().Single(p => p.name == "dense.weight").parameter;
        using var rounded = weights.to(ScalarType.BFloat16).to(ScalarType.Float32);
        Assert.NotEqual(weights.data<float>().ToArray(), rounded.data<float>().ToArray());
        // And the network is an ordinary float32 one again: it predicts, and saves and loads as such.
        Assert.True(new CnnTrainer(model).Accuracy(Bands(50, seed: 2)) >= 0.9);
    }

    [Fact]
    public void Bfloat16_and_float32_training_from_the_same_seed_end_near_each_other()
    {
        double[] Losses(TrainingPrecision precision)
        {
            using var model = CnnModels.Create("small", seed: 3);
            var options = new CnnTrainingOptions { Epochs = 3, BatchSize = 20, LearningRate = 3e-3, Seed = 5, Precision = precision };
            return new CnnTrainer(model, options).Train(Bands(200)).Select(r => r.Loss).ToArray();
        }
        var float32 = Losses(TrainingPrecision.Float32);
        var bfloat16 = Losses(TrainingPrecision.BFloat16);
        Assert.NotEqual(float32, bfloat16);   // it did compute differently
        for (int epoch = 0; epoch < float32.Length; epoch++)
            Assert.True(Math.Abs(float32[epoch] - bfloat16[epoch]) <= 0.1 * float32[epoch] + 0.02,
                $"epoch {epoch + 1}: loss {float32[epoch]:F4} in float32, {bfloat16[epoch]:F4} in bfloat16");
    }
}
