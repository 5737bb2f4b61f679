// BestConvNet: one of notebook 05's networks (see lib/Cnn/CnnModels.cs for the catalogue and its settings).
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

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
