// MlpClassifier: a multilayer perceptron (fully connected layers with ReLU or tanh between them), trained
// with Adam on mini-batches: the .NET counterpart of scikit-learn's MLPClassifier in the Fashion-MNIST
// benchmark (same defaults: Adam, learning rate 0.001, batch 200, L2 penalty 0.0001). Built on TorchSharp,
// because ML.NET has no neural network trainer for tabular features.

using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

public sealed class MlpClassifier : IClassifier
{
    public int[] HiddenSizes { get; }
    public string Activation { get; }
    public int Epochs { get; }
    public int BatchSize { get; }
    public double LearningRate { get; }
    public double L2Penalty { get; }
    public int Seed { get; }
    /// <summary>Mean training loss of each epoch of the last Fit, to plot a learning curve.</summary>
    public List<double> EpochLosses { get; } = new();

    MlpNetwork _network;
    int _featureCount;

    public MlpClassifier(int[] hiddenSizes, string activation = "relu", int epochs = 30, int batchSize = 200,
        double learningRate = 1e-3, double l2Penalty = 1e-4, int seed = 0)
    {
        if (hiddenSizes is null || hiddenSizes.Length == 0 || hiddenSizes.Any(h => h <= 0))
            throw new ArgumentException("give at least one hidden layer, each of positive size", nameof(hiddenSizes));
        if (activation is not ("relu" or "tanh")) throw new ArgumentException($"activation must be relu or tanh, not {activation}", nameof(activation));
        if (epochs <= 0) throw new ArgumentOutOfRangeException(nameof(epochs), epochs, "must be positive");
        if (batchSize <= 0) throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, "must be positive");
        HiddenSizes = hiddenSizes;
        Activation = activation;
        Epochs = epochs;
        BatchSize = batchSize;
        LearningRate = learningRate;
        L2Penalty = l2Penalty;
        Seed = seed;
    }

    public void Fit(float[] features, byte[] labels, int featureCount)
    {
        ClassifierInput.Check(features, labels, featureCount);
        torch.random.manual_seed(Seed);
        _featureCount = featureCount;
        int classes = labels.Max() + 1;
        _network = new MlpNetwork(featureCount, HiddenSizes, classes, Activation);
        var optimizer = optim.Adam(_network.parameters(), LearningRate, weight_decay: L2Penalty);
        var lossFunction = CrossEntropyLoss();
        using var x = tensor(features, new long[] { labels.Length, featureCount });
        using var y = tensor(labels.Select(l => (long)l).ToArray());
        var random = new Random(Seed);
        var order = Enumerable.Range(0, labels.Length).Select(i => (long)i).ToArray();
        EpochLosses.Clear();
        _network.train();
        for (int epoch = 0; epoch < Epochs; epoch++)
        {
            random.Shuffle(order);
            double lossSum = 0;
            for (int first = 0; first < order.Length; first += BatchSize)
            {
                using var d = NewDisposeScope();
                var batch = tensor(order.AsSpan(first, Math.Min(BatchSize, order.Length - first)).ToArray());
                optimizer.zero_grad();
                var loss = lossFunction.forward(_network.forward(x.index_select(0, batch)), y.index_select(0, batch));
                loss.backward();
                optimizer.step();
                lossSum += loss.item<float>() * batch.shape[0];
            }
            EpochLosses.Add(lossSum / order.Length);
        }
    }

    public byte[] Predict(float[] features)
    {
        if (_network is null) throw new InvalidOperationException("call Fit before predicting");
        if (features.Length % _featureCount != 0)
            throw new ArgumentException($"{features.Length} values are not whole rows of the {_featureCount} features the model was fitted on");
        _network.eval();
        using var d = NewDisposeScope();
        using var noGrad = no_grad();
        var x = tensor(features, new long[] { features.Length / _featureCount, _featureCount });
        return _network.forward(x).argmax(1).to_type(ScalarType.Byte).data<byte>().ToArray();
    }

    public override string ToString() => $"MLP {_featureCount}-{string.Join("-", HiddenSizes)}-out, {Activation}, {Epochs} epochs of Adam";

    /// <summary>Linear, activation, linear, activation, ..., linear: one Linear layer per hidden size, then the output layer.</summary>
    sealed class MlpNetwork : Module<Tensor, Tensor>
    {
        readonly Sequential layers;

        public MlpNetwork(int inputs, int[] hidden, int classes, string activation) : base("Mlp")
        {
            var parts = new List<(string, Module<Tensor, Tensor>)>();
            int width = inputs;
            for (int i = 0; i < hidden.Length; i++)
            {
                parts.Add(($"hidden{i + 1}", Linear(width, hidden[i])));
                parts.Add(($"{activation}{i + 1}", activation == "relu" ? ReLU() : Tanh()));
                width = hidden[i];
            }
            parts.Add(("output", Linear(width, classes)));
            layers = Sequential(parts);
            RegisterComponents();
        }

        public override Tensor forward(Tensor x) => layers.forward(x);
    }
}
