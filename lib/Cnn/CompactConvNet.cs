// CompactConvNet: one of the CNN catalogue's networks (see lib/Cnn/CnnModels.cs for the catalogue and its settings).
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

/// <summary>
/// Our network under 100,000 weights (the original's table has one at 0.925): one 3x3 convolution at full size,
/// two at half size and one at quarter size, each with batch norm, then one dense layer straight to the ten
/// classes. Where <see cref="SmallConvNet"/> pools after every convolution and spends its weights on a dense
/// layer, this one spends them on convolutions at 14x14 and 7x7: more work per image, and more accuracy.
/// </summary>
public sealed class CompactConvNet : Module<Tensor, Tensor>
{
    readonly Conv2d conv1 = Conv2d(1, 32, kernel_size: 3, padding: 1, bias: false);
    readonly BatchNorm2d norm1 = BatchNorm2d(32);
    readonly Conv2d conv2 = Conv2d(32, 48, kernel_size: 3, padding: 1, bias: false);
    readonly BatchNorm2d norm2 = BatchNorm2d(48);
    readonly Conv2d conv3 = Conv2d(48, 48, kernel_size: 3, padding: 1, bias: false);
    readonly BatchNorm2d norm3 = BatchNorm2d(48);
    readonly Conv2d conv4 = Conv2d(48, 64, kernel_size: 3, padding: 1, bias: false);
    readonly BatchNorm2d norm4 = BatchNorm2d(64);
    readonly MaxPool2d pool = MaxPool2d(kernel_size: 2);
    readonly Dropout dropout = Dropout(0.2);
    readonly Linear output = Linear(64 * 7 * 7, 10);

    public CompactConvNet() : base(nameof(CompactConvNet)) => RegisterComponents();

    public override Tensor forward(Tensor images)
    {
        var x = pool.call(functional.relu(norm1.call(conv1.call(images))));  // 32 x 14 x 14
        x = functional.relu(norm2.call(conv2.call(x)));                       // 48 x 14 x 14
        x = pool.call(functional.relu(norm3.call(conv3.call(x))));           // 48 x 7 x 7
        x = functional.relu(norm4.call(conv4.call(x)));                       // 64 x 7 x 7
        return output.call(dropout.call(x.flatten(1)));
    }
}
