// CnnTrainingOptions: how CnnTrainer trains a network: epochs, batch size, optimizer and learning-rate
// schedule, label smoothing, augmentation (crops and flips), test-time flips, seed, precision and time budget.
using System;

public enum LearningRateSchedule { Constant, OneCycle, Cosine }

public sealed record CnnTrainingOptions
{
    public int Epochs { get; init; } = 10;
    public int BatchSize { get; init; } = 100;
    /// <summary>Adam's learning rate; with a schedule, its peak.</summary>
    public double LearningRate { get; init; } = 1e-3;
    public double WeightDecay { get; init; } = 0;
    /// <summary>
    /// Label smoothing: the loss's target puts this much of its weight evenly on all classes and the rest on the
    /// true one, so the network is never pushed toward certainty (0: the plain one-hot target).
    /// </summary>
    public double LabelSmoothing { get; init; } = 0;
    public LearningRateSchedule Schedule { get; init; } = LearningRateSchedule.Constant;
    /// <summary>Random-crop augmentation: pad each image by this many pixels, then crop a random 28x28 (0: none).</summary>
    public int CropPadding { get; init; } = 0;
    /// <summary>Mirror half of the training images left to right (clothes look the same mirrored).</summary>
    public bool HorizontalFlips { get; init; } = false;
    /// <summary>
    /// Predict from the average of the probabilities for each image and its mirror image: a model trained with
    /// flips has learned both, and two views are surer than one (test-time augmentation).
    /// </summary>
    public bool TestTimeFlips { get; init; } = false;
    public int Seed { get; init; } = 0;
    /// <summary>
    /// The number type the network trains in (see <see cref="MixedPrecision"/>): Float32, BFloat16 (float32 master
    /// weights and loss), or Auto (bfloat16 where the CPU has it). The trained network is float32 either way.
    /// </summary>
    public TrainingPrecision Precision { get; init; } = TrainingPrecision.Float32;
    /// <summary>
    /// Train for this much time rather than for a number of epochs (null: run all <see cref="Epochs"/>). The
    /// schedule then follows the share of the run done, in time or in epochs, whichever is further, so that it
    /// completes its cycle, the learning rate annealed, when the first of the two runs out, whatever the machine's
    /// speed: training stops before a batch that would end past the budget (predicted from the batch before), in
    /// the middle of an epoch if need be, or after <see cref="Epochs"/>. Only training counts, not the validation
    /// passes. How far a budget goes depends on the machine, so a run with one repeats its seed's choices but not
    /// its step count.
    /// </summary>
    public TimeSpan? TimeBudget { get; init; } = null;
}
