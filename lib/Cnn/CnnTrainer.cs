// CnnTrainer: trains a TorchSharp classifier on labeled images held whole as tensors, one seeded shuffled
// epoch after another, reporting loss and accuracies after each epoch through a callback (a notebook updates
// a display in place). Also: predictions with confidences, and checkpoints written safely.
using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Diagnostics;
using TorchSharp;
using static TorchSharp.torch;

/// <summary>
/// What happened in one epoch. Seconds: its training time (the validation pass not counted). Train accuracy is
/// measured on the epoch's own (augmented) batches, with dropout on; validation accuracy on held-out images after
/// the epoch (NaN when none were given). Images: how many it trained on (fewer than all in an epoch cut short by a
/// time budget). LiveTensors counts the tensors alive on the training thread after the epoch: the same number
/// every epoch means nothing leaks, whatever the process's memory (the allocator's caches) does.
/// </summary>
public sealed record EpochReport(int Epoch, double Loss, double TrainAccuracy, double ValidationAccuracy, double Seconds, long LiveTensors = 0, long Images = 0)
{
    public override string ToString() =>
        $"epoch {Epoch,3}: loss {Loss:F4}, train {TrainAccuracy:P2}, validation {ValidationAccuracy:P2}, {Seconds:F1} s" +
        (Images > 0 ? $", {Images:N0} images" : "") +
        (LiveTensors > 0 ? $", {LiveTensors} live tensors" : "");
}

public sealed class CnnTrainer
{
    readonly nn.Module<Tensor, Tensor> _model;
    readonly CnnTrainingOptions _options;
    // What the model computes in: float32, except during a mixed-precision Train (validation runs in it too).
    ScalarType _computeType = ScalarType.Float32;

    public CnnTrainer(nn.Module<Tensor, Tensor> model, CnnTrainingOptions options = null)
    {
        _model = model ?? throw new ArgumentNullException(nameof(model));
        _options = options ?? new CnnTrainingOptions();
        if (_options.Epochs <= 0) throw new ArgumentOutOfRangeException(nameof(options), _options.Epochs, "Epochs must be at least 1");
        if (_options.BatchSize <= 0) throw new ArgumentOutOfRangeException(nameof(options), _options.BatchSize, "BatchSize must be at least 1");
        if (_options.LabelSmoothing is < 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(options), _options.LabelSmoothing, "LabelSmoothing must be in [0, 1)");
        if (_options.CropPadding < 0) throw new ArgumentOutOfRangeException(nameof(options), _options.CropPadding, "CropPadding cannot be negative");
        UseAllCores();
    }

    /// <summary>Lets libtorch use every core (it may start with fewer).</summary>
    public static void UseAllCores() => torch.set_num_threads(Environment.ProcessorCount);

    /// <summary>
    /// Trains for the configured epochs (or for the time budget), calling <paramref name="onEpoch"/> after each.
    /// After each epoch it measures the accuracy on <paramref name="validation"/> (held-out images: the validation
    /// set); pass null to skip it (reported as NaN). With a time budget the last epoch may be partial.
    /// </summary>
    public List<EpochReport> Train(LabeledImages train, LabeledImages validation = null, Action<EpochReport> onEpoch = null)
    {
        if (train is null || train.Count == 0) throw new ArgumentException("no training images", nameof(train));
        torch.manual_seed(_options.Seed);
        var shuffle = new Random(_options.Seed);
        using var images = ImageTensors.Normalized(train);
        using var labels = ImageTensors.Labels(train);
        int batchesPerEpoch = (train.Count + _options.BatchSize - 1) / _options.BatchSize;

        using var precision = new MixedPrecision(_model, MixedPrecision.TypeFor(_options.Precision));
        using var optimizer = torch.optim.Adam(precision.MasterParameters, lr: _options.LearningRate, weight_decay: _options.WeightDecay);
        // The schedule's steps: one per batch, or, with a time budget, the share of the run done in ten-thousandths:
        // the larger of the budget's share spent and the epochs' share of steps taken, whichever ends first.
        int totalBatches = _options.Epochs * batchesPerEpoch, batchesDone = 0;
        int scheduleSteps = _options.TimeBudget is null ? totalBatches : BudgetResolution;
        var scheduler = MakeSchedule(optimizer, scheduleSteps);
        var reports = new List<EpochReport>();
        var training = new Stopwatch();   // training only: paused while validating
        double lastBatchSeconds = 0;
        bool budgetSpent = false;
        _computeType = precision.ComputeType;
        try
        {
            for (int epoch = 1; epoch <= _options.Epochs && !budgetSpent; epoch++)
            {
                double epochStart = training.Elapsed.TotalSeconds;
                training.Start();
                var order = Enumerable.Range(0, train.Count).Select(i => (long)i).ToArray();
                shuffle.Shuffle(order);
                _model.train();
                double lossSum = 0;
                long correct = 0, seen = 0;
                for (int start = 0; start < order.Length; start += _options.BatchSize)
                {
                    if (_options.TimeBudget is { } budget && training.Elapsed.TotalSeconds + lastBatchSeconds > budget.TotalSeconds)
                    {
                        budgetSpent = true;
                        break;
                    }
                    double batchStart = training.Elapsed.TotalSeconds;
                    using var batchScope = torch.NewDisposeScope();
                    var indices = torch.tensor(order.AsSpan(start, Math.Min(_options.BatchSize, order.Length - start)).ToArray());
                    var x = Augment(images.index_select(0, indices), _options.CropPadding, _options.HorizontalFlips, shuffle)
                        .to(precision.ComputeType);
                    var y = labels.index_select(0, indices);
                    var logits = _model.call(x).to(ScalarType.Float32);
                    var loss = nn.functional.cross_entropy(logits, y, label_smoothing: _options.LabelSmoothing);
                    optimizer.zero_grad();
                    loss.backward();
                    precision.CopyGradientsToMasters();
                    optimizer.step();
                    precision.CopyMastersToModel();
                    lossSum += loss.item<float>() * indices.shape[0];
                    correct += logits.argmax(1).eq(y).sum().item<long>();
                    seen += indices.shape[0];
                    lastBatchSeconds = training.Elapsed.TotalSeconds - batchStart;
                    batchesDone++;
                    if (_options.TimeBudget is { } spent)
                    {
                        double done = Math.Max(training.Elapsed.TotalSeconds / spent.TotalSeconds, (double)batchesDone / totalBatches);
                        scheduler?.step(Math.Min(BudgetResolution - 1, (int)(BudgetResolution * done)));
                    }
                    else
                        scheduler?.step();
                }
                training.Stop();
                if (seen == 0) break;   // the budget ran out at an epoch's start
                double epochSeconds = training.Elapsed.TotalSeconds - epochStart;
                double validationAccuracy = validation is null ? double.NaN : Accuracy(validation);
                var report = new EpochReport(epoch, lossSum / seen, (double)correct / seen, validationAccuracy,
                    epochSeconds, DisposeScopeManager.Statistics.TensorStatistics.ThreadTotalLiveCount, seen);
                reports.Add(report);
                onEpoch?.Invoke(report);
            }
        }
        finally
        {
            precision.Finish();
            _computeType = ScalarType.Float32;
        }
        _model.eval();
        return reports;
    }

    // With a time budget, the schedule's position is the share of the run done, in steps of 1/10,000.
    const int BudgetResolution = 10_000;

    /// <summary>One optimizer step on a batch (for tests and benchmarks); returns the loss before the step.</summary>
    public static float Step(nn.Module<Tensor, Tensor> model, optim.Optimizer optimizer, Tensor images, Tensor labels)
    {
        using var scope = torch.NewDisposeScope();
        model.train();
        var loss = nn.functional.cross_entropy(model.call(images), labels);
        optimizer.zero_grad();
        loss.backward();
        optimizer.step();
        return loss.item<float>();
    }

    optim.lr_scheduler.LRScheduler MakeSchedule(optim.Optimizer optimizer, int totalSteps) => _options.Schedule switch
    {
        LearningRateSchedule.OneCycle => optim.lr_scheduler.OneCycleLR(optimizer, max_lr: _options.LearningRate, total_steps: totalSteps),
        LearningRateSchedule.Cosine => optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max: totalSteps),
        _ => null,
    };

    /// <summary>
    /// Random crops and horizontal flips, per image of a normalized batch: each image padded by
    /// <paramref name="pad"/> pixels of background (black), then a window of its own size taken from it, shifted by
    /// -pad to +pad rows and columns (two draws per image from <paramref name="random"/>: down, then right); then,
    /// with <paramref name="flips"/>, every image mirrored left to right or not (one draw per image, after all crops).
    /// </summary>
    public static Tensor Augment(Tensor batch, int pad, bool flips, Random random)
    {
        if (pad > 0)
        {
            long count = batch.shape[0], channels = batch.shape[1], rows = batch.shape[2], columns = batch.shape[3];
            var padded = nn.functional.pad(batch, new long[] { pad, pad, pad, pad }, value: -FashionMnist.PixelMean / FashionMnist.PixelStandardDeviation);
            // Each image's crop starts `down` rows and `right` columns into its padded copy; all crops are taken at
            // once by two gathers (the rows, then the columns), the same pixels as one narrow per image.
            var starts = new long[2 * count];
            for (int i = 0; i < starts.Length; i++) starts[i] = random.Next(2 * pad + 1);   // down, right, down, right, ...
            var start = torch.tensor(starts).reshape(count, 2);
            var rowIndex = (start[.., 0].reshape(count, 1, 1, 1) + torch.arange(rows).reshape(1, 1, rows, 1))
                .expand(count, channels, rows, columns + 2 * pad);
            var columnIndex = (start[.., 1].reshape(count, 1, 1, 1) + torch.arange(columns).reshape(1, 1, 1, columns))
                .expand(count, channels, rows, columns);
            batch = padded.gather(2, rowIndex).gather(3, columnIndex);
        }
        if (flips)
        {
            var flip = torch.tensor(Enumerable.Range(0, (int)batch.shape[0]).Select(_ => random.Next(2) == 1).ToArray())
                .reshape(-1, 1, 1, 1);
            batch = torch.where(flip, batch.flip(3), batch);
        }
        return batch;
    }

    /// <summary>The model's class probabilities for every image, N x classes, in evaluation mode (see <see cref="CnnTrainingOptions.TestTimeFlips"/>).</summary>
    public float[,] Probabilities(LabeledImages data, int batchSize = 1000)
    {
        _model.eval();
        using var noGrad = torch.no_grad();
        using var images = ImageTensors.Normalized(data);
        float[,] result = null;
        for (int start = 0; start < data.Count; start += batchSize)
        {
            using var scope = torch.NewDisposeScope();
            var batch = images.narrow(0, start, Math.Min(batchSize, data.Count - start)).to(_computeType);
            var probabilities = nn.functional.softmax(_model.call(batch).to(ScalarType.Float32), 1);
            if (_options.TestTimeFlips) probabilities = (probabilities + nn.functional.softmax(_model.call(batch.flip(3)).to(ScalarType.Float32), 1)) / 2;
            int classes = (int)probabilities.shape[1];
            result ??= new float[data.Count, classes];
            var values = probabilities.data<float>().ToArray();
            for (int i = 0; i < values.Length; i++) result[start + i / classes, i % classes] = values[i];
        }
        return result;
    }

    /// <summary>Predicted class and its probability for every image.</summary>
    public (int[] Predicted, float[] Confidence) Predict(LabeledImages data)
    {
        var probabilities = Probabilities(data);
        int count = probabilities.GetLength(0), classes = probabilities.GetLength(1);
        var predicted = new int[count];
        var confidence = new float[count];
        for (int i = 0; i < count; i++)
            for (int c = 0; c < classes; c++)
                if (probabilities[i, c] > confidence[i]) (predicted[i], confidence[i]) = (c, probabilities[i, c]);
        return (predicted, confidence);
    }

    public double Accuracy(LabeledImages data)
    {
        var (predicted, _) = Predict(data);
        return Evaluation.AccuracyOf(predicted, data.Labels.Select(l => (int)l).ToArray());
    }

    /// <summary>Saves the model's weights (written to a temp file, then renamed, so a crash never leaves half a file).</summary>
    public static void SaveCheckpoint(nn.Module model, string path)
        => AtomicFile.WriteFile(path, temporary => model.save(temporary));

    /// <summary>Loads weights saved by <see cref="SaveCheckpoint"/> into a model of the same architecture.</summary>
    public static void LoadCheckpoint(nn.Module model, string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"no checkpoint at {path}", path);
        model.load(path);
        model.eval();
    }
}
