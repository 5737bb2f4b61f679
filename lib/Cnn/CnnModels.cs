// CnnModels: the catalogue of notebook 05's convolutional networks for 28x28 grayscale images, from the
// original's benchmark table to our best CPU model (TensorFlowConvNet.cs, SmallConvNet.cs, CompactConvNet.cs,
// BestConvNet.cs), each by name with the training settings it was tuned with. Each network takes a batch N x 1 x 28 x 28
// (normalized pixels) and returns N x 10 logits. Create them after torch.manual_seed(seed) so that their
// initial weights are reproducible.
using System;
using System.IO;
using System.Linq;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

public static class CnnModels
{
    public static readonly string[] Names = ["tensorflow", "small", "compact", "best"];

    /// <summary>Where the trained "best" model is kept: data/models/best-convnet.bin (notebook 05 loads it, with the record of its training beside it).</summary>
    public static string BestCheckpoint => Path.Combine(ProjectFolders.Data, "models", "best-convnet.bin");

    /// <summary>A fresh model by name ("tensorflow", "small", "compact", "best"), its weights drawn after torch.manual_seed(seed).</summary>
    public static Module<Tensor, Tensor> Create(string name, int seed = 0)
    {
        torch.manual_seed(seed);
        return name switch
        {
            "tensorflow" => new TensorFlowConvNet(),
            "small" => new SmallConvNet(),
            "compact" => new CompactConvNet(),
            "best" => new BestConvNet(),
            _ => throw new ArgumentException($"unknown model '{name}': expected one of {string.Join(", ", Names)}", nameof(name)),
        };
    }

    /// <summary>The training settings each model was tuned with (set TimeBudget to train for a time instead of the epochs).</summary>
    public static CnnTrainingOptions TrainingOptions(string name) => name switch
    {
        "tensorflow" => new() { Epochs = 10, BatchSize = 100, LearningRate = 1e-3 },
        "small" => new() { Epochs = 8, BatchSize = 128, LearningRate = 3e-3, Schedule = LearningRateSchedule.OneCycle },
        "compact" => new()
        {
            Epochs = 16, BatchSize = 128, LearningRate = 3e-3, Schedule = LearningRateSchedule.OneCycle,
            CropPadding = 2, HorizontalFlips = true, Precision = TrainingPrecision.Auto,
        },
        // Thirty minutes of training, the schedule spread over them (48 epochs of 60,000 images on 2 cores in bfloat16),
        // with label smoothing 0.1; the same recipe with a budget of 10 minutes is the ten-minute recipe
        // (tests/benchmarks/cnn/README.md has both runs).
        "best" => new()
        {
            Epochs = 100, TimeBudget = TimeSpan.FromMinutes(30), BatchSize = 128, LearningRate = 3e-3, WeightDecay = 1e-4,
            LabelSmoothing = 0.1, Schedule = LearningRateSchedule.OneCycle, CropPadding = 2, HorizontalFlips = true, TestTimeFlips = true,
            Precision = TrainingPrecision.Auto,
        },
        _ => throw new ArgumentException($"unknown model '{name}': expected one of {string.Join(", ", Names)}", nameof(name)),
    };

    /// <summary>The number of trainable weights and biases of any TorchSharp module, the GAN's networks too
    /// (batch norm's running statistics are not parameters).</summary>
    public static long ParameterCount(Module model) => model.parameters().Sum(p => p.numel());
}
