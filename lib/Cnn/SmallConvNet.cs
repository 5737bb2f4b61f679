// SmallConvNet: one of notebook 05's networks (see lib/Cnn/CnnModels.cs for the catalogue and its settings).
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

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
