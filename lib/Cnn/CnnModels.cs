// CnnModels: three convolutional networks for 28x28 grayscale images, from the original's benchmark table
// to our best CPU model. Each takes a batch N x 1 x 28 x 28 (normalized pixels) and returns N x 10 logits.
// Create them after torch.manual_seed(seed) so that their initial weights are reproducible.
using System;
using System.IO;
using System.Linq;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

/// <summary>
/// The original benchmark's TensorFlow convnet (0.916 in its table): conv 5x5 32, max-pool, conv 5x5 64,
/// max-pool, dense 1024, dropout 0.4, 10 outputs. About 3.3 million parameters, most in the dense layer.
/// </summary>
public sealed class TensorFlowConvNet : Module<Tensor, Tensor>
{
    readonly Conv2d conv1 = Conv2d(1, 32, kernel_size: 5, padding: 2);
    readonly Conv2d conv2 = Conv2d(32, 64, kernel_size: 5, padding: 2);
    readonly MaxPool2d pool = MaxPool2d(kernel_size: 2);
    readonly Linear dense = Linear(7 * 7 * 64, 1024);
    readonly Dropout dropout = Dropout(0.4);
    readonly Linear output = Linear(1024, 10);

    public TensorFlowConvNet() : base(nameof(TensorFlowConvNet)) => RegisterComponents();

    public override Tensor forward(Tensor images)
    {
        var x = pool.call(functional.relu(conv1.call(images)));   // 32 x 14 x 14
        x = pool.call(functional.relu(conv2.call(x)));            // 64 x 7 x 7
        x = functional.relu(dense.call(x.flatten(1)));
        return output.call(dropout.call(x));
    }
}

/// <summary>
/// A network under 100K parameters (the original's table has one at 0.925): three 3x3 convolutions with batch
/// norm, each followed by a max-pool, then a small dense layer. It pools early, so it is cheap to train on a CPU.
/// </summary>
public sealed class SmallConvNet : Module<Tensor, Tensor>
{
    readonly Conv2d conv1 = Conv2d(1, 16, kernel_size: 3, padding: 1, bias: false);
    readonly BatchNorm2d norm1 = BatchNorm2d(16);
    readonly Conv2d conv2 = Conv2d(16, 32, kernel_size: 3, padding: 1, bias: false);
    readonly BatchNorm2d norm2 = BatchNorm2d(32);
    readonly Conv2d conv3 = Conv2d(32, 64, kernel_size: 3, padding: 1, bias: false);
    readonly BatchNorm2d norm3 = BatchNorm2d(64);
    readonly MaxPool2d pool = MaxPool2d(kernel_size: 2);
    readonly Linear dense = Linear(64 * 3 * 3, 64);
    readonly Dropout dropout = Dropout(0.2);
    readonly Linear output = Linear(64, 10);

    public SmallConvNet() : base(nameof(SmallConvNet)) => RegisterComponents();

    public override Tensor forward(Tensor images)
    {
        var x = pool.call(functional.relu(norm1.call(conv1.call(images))));  // 16 x 14 x 14
        x = pool.call(functional.relu(norm2.call(conv2.call(x))));           // 32 x 7 x 7
        x = pool.call(functional.relu(norm3.call(conv3.call(x))));           // 64 x 3 x 3
        x = functional.relu(dense.call(x.flatten(1)));
        return output.call(dropout.call(x));
    }
}

/// <summary>
/// Our best model for a CPU: two VGG-style blocks (two 3x3 convolutions with batch norm, then a max-pool and
/// dropout), a dense layer with batch norm, and dropout. Trained with augmentation (random crops, flips) and a
/// one-cycle learning-rate schedule; see <see cref="CnnModels.TrainingOptions"/>.
/// </summary>
public sealed class BestConvNet : Module<Tensor, Tensor>
{
    readonly Sequential block1 = ConvBlock(1, 32);     // 32 x 14 x 14
    readonly Sequential block2 = ConvBlock(32, 64);    // 64 x 7 x 7
    readonly Linear dense = Linear(64 * 7 * 7, 256, hasBias: false);
    readonly BatchNorm1d denseNorm = BatchNorm1d(256);
    readonly Dropout dropout = Dropout(0.4);
    readonly Linear output = Linear(256, 10);

    public BestConvNet() : base(nameof(BestConvNet)) => RegisterComponents();

    public override Tensor forward(Tensor images) => output.call(dropout.call(Features(images)));

    /// <summary>The 256 values the output layer reads (after the dense layer's batch norm and ReLU): what the network "sees".</summary>
    public Tensor Features(Tensor images)
    {
        var x = block2.call(block1.call(images));
        return functional.relu(denseNorm.call(dense.call(x.flatten(1))));
    }

    static Sequential ConvBlock(long inChannels, long outChannels) => Sequential(
        Conv2d(inChannels, outChannels, kernel_size: 3, padding: 1, bias: false), BatchNorm2d(outChannels), ReLU(),
        Conv2d(outChannels, outChannels, kernel_size: 3, padding: 1, bias: false), BatchNorm2d(outChannels), ReLU(),
        MaxPool2d(kernel_size: 2),
        Dropout(0.25));
}

public static class CnnModels
{
    public static readonly string[] Names = ["tensorflow", "small", "best"];

    /// <summary>Where the trained "best" model is kept: data/models/best-convnet.bin (notebook 05 loads it, the GAN's judge is it).</summary>
    public static string BestCheckpoint => Path.Combine(ProjectFolders.Data, "models", "best-convnet.bin");

    /// <summary>A fresh model by name ("tensorflow", "small", "best"), its weights drawn after torch.manual_seed(seed).</summary>
    public static Module<Tensor, Tensor> Create(string name, int seed = 0)
    {
        torch.manual_seed(seed);
        return name switch
        {
            "tensorflow" => new TensorFlowConvNet(),
            "small" => new SmallConvNet(),
            "best" => new BestConvNet(),
            _ => throw new ArgumentException($"unknown model '{name}': expected one of {string.Join(", ", Names)}", nameof(name)),
        };
    }

    /// <summary>The training settings each model was tuned with (epochs are an upper bound; set TimeLimit to stop sooner).</summary>
    public static CnnTrainingOptions TrainingOptions(string name) => name switch
    {
        "tensorflow" => new() { Epochs = 10, BatchSize = 100, LearningRate = 1e-3 },
        "small" => new() { Epochs = 8, BatchSize = 128, LearningRate = 3e-3, Schedule = LearningRateSchedule.OneCycle },
        "best" => new()
        {
            Epochs = 20, BatchSize = 128, LearningRate = 3e-3, WeightDecay = 1e-4,
            Schedule = LearningRateSchedule.OneCycle, CropPadding = 2, HorizontalFlips = true, TestTimeFlips = true,
        },
        _ => throw new ArgumentException($"unknown model '{name}': expected one of {string.Join(", ", Names)}", nameof(name)),
    };

    /// <summary>The number of trainable weights and biases (batch norm's running statistics are not parameters).</summary>
    public static long ParameterCount(Module model) => model.parameters().Sum(p => p.numel());
}
