// CnnTrainingRecord: how a checkpoint was trained, in a file beside it: best-convnet.bin → best-convnet.about.json.
// The network, its recipe (CnnTrainingOptions), the images it trained on, the epochs and minutes it took, the
// number type it computed in, its accuracies when it was made, the command, the commit and the machine. The CNN
// benchmark writes it with the checkpoint; notebook 05 reads it to say how the network it loads was trained.
using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text.Json;
using System.Text.Json.Serialization;

public sealed record CnnTrainingRecord(
    string Model, long Weights, CnnTrainingOptions Recipe, string ComputeType,
    int TrainingImages, int ValidationImages, int Epochs, double TrainingMinutes, double ProcessorMinutes,
    double ValidationAccuracy, double TestAccuracy, double TestAccuracyWithFlips,
    DateTime FinishedUtc, string Command, string Commit,
    string Processor, int ProcessorCount, double MemoryGiB, string OperatingSystem, string Runtime)
{
    static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase, WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,   // NaN: no validation images
        Converters = { new JsonStringEnumConverter() },
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The record's file beside a checkpoint: best-convnet.bin → best-convnet.about.json.</summary>
    public static string PathFor(string checkpoint) => Path.ChangeExtension(checkpoint, ".about.json");

    /// <summary>
    /// Describes a finished training on this machine: the reports are the trainer's, one per epoch; the accuracies
    /// are on the test set, from single views and with mirror views. The number type is the one the recipe's
    /// precision chose here.
    /// </summary>
    public static CnnTrainingRecord Of(string model, long weights, CnnTrainingOptions recipe,
        int trainingImages, int validationImages, IReadOnlyList<EpochReport> reports, double processorMinutes,
        double testAccuracy, double testAccuracyWithFlips, string command)
    {
        if (reports.Count == 0) throw new ArgumentException("no epochs to describe", nameof(reports));
        double seconds = 0;
        foreach (var report in reports) seconds += report.Seconds;
        return new CnnTrainingRecord(model, weights, recipe, MixedPrecision.TypeFor(recipe.Precision).ToString(), trainingImages, validationImages, reports.Count,
            seconds / 60, processorMinutes, reports[^1].ValidationAccuracy, testAccuracy, testAccuracyWithFlips,
            DateTime.UtcNow, command, Provenance.Commit(),
            Provenance.Processor(), Environment.ProcessorCount, Provenance.MemoryGiB(), Provenance.OperatingSystem, Provenance.Runtime);
    }

    /// <summary>Writes the record beside <paramref name="checkpoint"/>, whole or not at all.</summary>
    public void WriteBeside(string checkpoint) =>
        AtomicFile.WriteFile(PathFor(checkpoint), temporary => File.WriteAllText(temporary, JsonSerializer.Serialize(this, Json) + "\n"));

    /// <summary>The record beside <paramref name="checkpoint"/>; a clear error naming the file when it is missing or malformed.</summary>
    public static CnnTrainingRecord ReadBeside(string checkpoint)
    {
        string path = PathFor(checkpoint);
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: no training record beside the checkpoint {Path.GetFileName(checkpoint)}", path);
        try
        {
            var record = JsonSerializer.Deserialize<CnnTrainingRecord>(File.ReadAllText(path), Json);
            if (record?.Recipe is null || record.Model is null) throw new FormatException($"{path}: not a CNN training record (no model or recipe)");
            return record;
        }
        catch (JsonException e) { throw new FormatException($"{path}: not a CNN training record: {e.Message}", e); }
    }

    /// <summary>What trained the network, in one paragraph (the same on every machine's culture).</summary>
    public override string ToString()
    {
        var invariant = CultureInfo.InvariantCulture;
        string heldOut = ValidationImages > 0 ? string.Create(invariant, $" ({ValidationImages:N0} held out for validation: {ValidationAccuracy:P2})") : "";
        return string.Create(invariant,
            $"{Model} ({Weights:N0} weights), trained on {TrainingImages:N0} images{heldOut} for {Epochs} epochs in {TrainingMinutes:F1} minutes " +
            $"({ComputeType}, {ProcessorMinutes:F0} processor minutes) on {ProcessorCount} cores of {Processor}, finished {FinishedUtc:yyyy-MM-dd HH:mm} UTC " +
            $"by `{Command}` at commit {Provenance.ShortCommit(Commit)}; test accuracy then: {TestAccuracy:P2} from single views, {TestAccuracyWithFlips:P2} with mirror views");
    }
}
