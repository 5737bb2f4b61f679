// TensorFlowConvNet: one of notebook 05's networks (see lib/Cnn/CnnModels.cs for the catalogue and its settings).
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
