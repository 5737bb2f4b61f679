// Evaluation: how good a classifier's predictions are, from plain arrays of predicted and true labels, so a
// neural network, an ML.NET pipeline and a nearest-neighbour classifier are all judged the same way.
using System;
using System.Collections.Generic;
using System.Linq;

/// <summary>A wrong prediction: which item, what was predicted (with what probability) and what it really is.</summary>
public sealed record Mistake(int Index, int Predicted, int True, float Confidence);

public sealed class Evaluation
{
    public int ClassCount { get; }
    public int Count { get; }
    /// <summary>Rows are true classes, columns predicted classes: ConfusionMatrix[t, p] items of class t were predicted as p.</summary>
    public int[,] ConfusionMatrix { get; }
    public double Accuracy { get; }
    /// <summary>Per class: of the items predicted as this class, the share that are (0 when none were predicted as it).</summary>
    public double[] Precision { get; }
    /// <summary>Per class: of the items of this class, the share predicted as it (0 when the class has no items).</summary>
    public double[] Recall { get; }

    readonly int[] _predicted, _true;
    readonly float[] _confidence;

    /// <param name="confidence">Optional: the probability given to each predicted label, for <see cref="MostConfidentMistakes"/>.</param>
    public Evaluation(IReadOnlyList<int> predicted, IReadOnlyList<int> truth, int classCount = 10, IReadOnlyList<float> confidence = null)
    {
        ArgumentNullException.ThrowIfNull(predicted);
        ArgumentNullException.ThrowIfNull(truth);
        if (predicted.Count != truth.Count)
            throw new ArgumentException($"{predicted.Count} predictions for {truth.Count} true labels: expected one each");
        if (confidence is not null && confidence.Count != predicted.Count)
            throw new ArgumentException($"{confidence.Count} confidences for {predicted.Count} predictions: expected one each", nameof(confidence));
        if (predicted.Count == 0) throw new ArgumentException("no predictions to evaluate", nameof(predicted));
        CheckLabels(predicted, classCount, nameof(predicted));
        CheckLabels(truth, classCount, nameof(truth));

        ClassCount = classCount;
        Count = predicted.Count;
        _predicted = predicted.ToArray();
        _true = truth.ToArray();
        _confidence = confidence?.ToArray();
        ConfusionMatrix = new int[classCount, classCount];
        for (int i = 0; i < Count; i++) ConfusionMatrix[_true[i], _predicted[i]]++;
        Accuracy = ShareCorrect(_predicted, _true);
        Precision = new double[classCount];
        Recall = new double[classCount];
        for (int c = 0; c < classCount; c++)
        {
            int predictedAsC = 0, trulyC = 0;
            for (int k = 0; k < classCount; k++) { predictedAsC += ConfusionMatrix[k, c]; trulyC += ConfusionMatrix[c, k]; }
            Precision[c] = predictedAsC == 0 ? 0 : (double)ConfusionMatrix[c, c] / predictedAsC;
            Recall[c] = trulyC == 0 ? 0 : (double)ConfusionMatrix[c, c] / trulyC;
        }
    }

    /// <summary>The share of predictions that equal the true label.</summary>
    public static double AccuracyOf<TLabel>(IReadOnlyList<TLabel> predicted, IReadOnlyList<TLabel> truth) where TLabel : IEquatable<TLabel>
    {
        if (predicted.Count != truth.Count)
            throw new ArgumentException($"{predicted.Count} predictions for {truth.Count} true labels: expected one each");
        if (predicted.Count == 0) throw new ArgumentException("no predictions to evaluate", nameof(predicted));
        return ShareCorrect(predicted, truth);
    }

    static double ShareCorrect<TLabel>(IReadOnlyList<TLabel> predicted, IReadOnlyList<TLabel> truth) where TLabel : IEquatable<TLabel>
    {
        int correct = 0;
        for (int i = 0; i < predicted.Count; i++) if (predicted[i].Equals(truth[i])) correct++;
        return (double)correct / predicted.Count;
    }

    /// <summary>The wrong predictions, most confident first (in item order when no confidences were given).</summary>
    public Mistake[] MostConfidentMistakes(int count = 10)
    {
        if (count < 0) throw new ArgumentOutOfRangeException(nameof(count), count, "count cannot be negative");
        return Enumerable.Range(0, Count)
            .Where(i => _predicted[i] != _true[i])
            .Select(i => new Mistake(i, _predicted[i], _true[i], _confidence?[i] ?? float.NaN))
            .OrderByDescending(m => _confidence is null ? 0 : m.Confidence)
            .ThenBy(m => m.Index)
            .Take(count)
            .ToArray();
    }

    /// <summary>Per class: name, precision and recall, one line each, for printing.</summary>
    public string PerClassTable(IReadOnlyList<string> classNames = null)
    {
        var lines = new List<string> { $"{"class",-12} {"precision",9} {"recall",7}" };
        for (int c = 0; c < ClassCount; c++)
            lines.Add($"{(classNames is null ? c.ToString() : classNames[c]),-12} {Precision[c],9:P1} {Recall[c],7:P1}");
        return string.Join(Environment.NewLine, lines);
    }

    static void CheckLabels(IReadOnlyList<int> labels, int classCount, string name)
    {
        for (int i = 0; i < labels.Count; i++)
            if (labels[i] < 0 || labels[i] >= classCount)
                throw new ArgumentOutOfRangeException(name, labels[i], $"label {labels[i]} of item {i} is outside 0-{classCount - 1}");
    }

    public override string ToString() => $"accuracy {Accuracy:P2} on {Count} items, {ClassCount} classes";
}
