// MlNetClassifier: any ML.NET multiclass trainer behind the benchmark's IClassifier, so that ML.NET's
// trainers and ours run through one loop. Rows become an IDataView with a fixed-size "Features" vector and
// a "Label" key; the pipeline reads: labels to keys, cache, trainer, predicted key back to the label.

using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms;

public sealed class MlNetClassifier : IClassifier
{
    public string Name { get; }
    readonly Func<MLContext, IEstimator<ITransformer>> _trainer;
    readonly int _seed;
    MLContext _ml;
    ITransformer _model;
    int _featureCount;

    /// <param name="trainer">Builds the multiclass trainer, reading columns "Label" (a key) and "Features".</param>
    public MlNetClassifier(string name, Func<MLContext, IEstimator<ITransformer>> trainer, int seed = 0)
    {
        Name = name;
        _trainer = trainer ?? throw new ArgumentNullException(nameof(trainer));
        _seed = seed;
    }

    public void Fit(float[] features, byte[] labels, int featureCount)
    {
        ClassifierInput.Check(features, labels, featureCount);
        _ml = new MLContext(_seed);
        _featureCount = featureCount;
        var pipeline = _ml.Transforms.Conversion
            .MapValueToKey("Label", keyOrdinality: ValueToKeyMappingEstimator.KeyOrdinality.ByValue)
            .AppendCacheCheckpoint(_ml)
            .Append(_trainer(_ml))
            .Append(_ml.Transforms.Conversion.MapKeyToValue("PredictedLabel"));
        _model = pipeline.Fit(ToDataView(features, labels));
    }

    public byte[] Predict(float[] features)
    {
        if (_model is null) throw new InvalidOperationException("call Fit before predicting");
        if (features.Length % _featureCount != 0)
            throw new ArgumentException($"{features.Length} values are not whole rows of the {_featureCount} features the model was fitted on");
        // The label column must exist for the key mapping; its value plays no part in prediction.
        var scored = _model.Transform(ToDataView(features, new byte[features.Length / _featureCount]));
        return scored.GetColumn<uint>("PredictedLabel").Select(l => (byte)l).ToArray();
    }

    IDataView ToDataView(float[] features, byte[] labels)
    {
        var schema = SchemaDefinition.Create(typeof(Row));
        schema[nameof(Row.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, _featureCount);
        var rows = new Row[labels.Length];
        for (int i = 0; i < rows.Length; i++)
            rows[i] = new Row { Features = features.AsSpan(i * _featureCount, _featureCount).ToArray(), Label = labels[i] };
        return _ml.Data.LoadFromEnumerable(rows, schema);
    }

    public sealed class Row
    {
        public float[] Features;
        public uint Label;
    }

    public override string ToString() => $"ML.NET {Name}";
}
