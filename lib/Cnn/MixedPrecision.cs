// MixedPrecision: trains a network in bfloat16 with float32 master weights, where the CPU multiplies bfloat16
// natively (AVX512-BF16 or AMX, read from the CPU's flags at run time); float32 everywhere else.
// CnnTrainer uses it when CnnTrainingOptions.Precision asks for it.
using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

/// <summary>The number type a network computes in while it trains. Auto: bfloat16 where the CPU has it, else float32.</summary>
public enum TrainingPrecision { Float32, BFloat16, Auto }

/// <summary>
/// Mixed-precision training: the convolutions and dense layers compute in bfloat16 (8 bits of mantissa, the
/// range of float32), while the optimizer keeps a float32 copy of every weight (the master weights) and the
/// loss is computed in float32. Normalization layers stay float32. Each step: forward and backward in bfloat16,
/// the gradients copied to the master weights, the optimizer steps there, and the new weights are copied back
/// (rounded to bfloat16). <see cref="Finish"/> puts the float32 master weights back into the network, so the
/// trained network is an ordinary float32 one.
/// </summary>
public sealed class MixedPrecision : IDisposable
{
    /// <summary>The CPU flags that mean bfloat16 dot products in hardware (Linux's names).</summary>
    public static readonly string[] BFloat16Flags = ["avx512_bf16", "amx_bf16"];

    static readonly Lazy<bool> cpuHasBFloat16 = new(() => CpuFlags().Overlaps(BFloat16Flags));

    /// <summary>Whether this machine's CPU computes in bfloat16 natively (detected once, from its flags).</summary>
    public static bool CpuHasBFloat16 => cpuHasBFloat16.Value;

    /// <summary>The flags of the first processor in /proc/cpuinfo; empty where there is no such file (not Linux).</summary>
    public static HashSet<string> CpuFlags(string cpuInfoPath = "/proc/cpuinfo")
    {
        if (!File.Exists(cpuInfoPath)) return [];
        string line = File.ReadLines(cpuInfoPath).FirstOrDefault(l => l.StartsWith("flags"));
        return line is null ? [] : line[(line.IndexOf(':') + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet();
    }

    /// <summary>The type a network computes in for a precision: Auto becomes bfloat16 only where the CPU has it.</summary>
    public static ScalarType TypeFor(TrainingPrecision precision) => precision switch
    {
        TrainingPrecision.Float32 => ScalarType.Float32,
        TrainingPrecision.BFloat16 => ScalarType.BFloat16,
        TrainingPrecision.Auto => CpuHasBFloat16 ? ScalarType.BFloat16 : ScalarType.Float32,
        _ => throw new ArgumentOutOfRangeException(nameof(precision), precision, "unknown precision"),
    };

    readonly nn.Module _model;
    readonly (string Name, Parameter Compute, Parameter Master)[] _copies;

    /// <summary>The type the network now computes in.</summary>
    public ScalarType ComputeType { get; }

    /// <summary>
    /// Converts <paramref name="model"/> to compute in <paramref name="computeType"/> (its normalization layers
    /// stay float32) and keeps float32 master copies of the converted weights. With float32 it changes nothing.
    /// </summary>
    public MixedPrecision(nn.Module model, ScalarType computeType)
    {
        _model = model ?? throw new ArgumentNullException(nameof(model));
        if (computeType is not (ScalarType.Float32 or ScalarType.BFloat16))
            throw new ArgumentException($"compute type {computeType}: expected Float32 or BFloat16", nameof(computeType));
        ComputeType = computeType;
        if (computeType == ScalarType.Float32) { _copies = []; MasterParameters = model.parameters().ToList(); return; }
        // The float32 values, taken before the conversion rounds them.
        var originals = model.named_parameters().ToDictionary(p => p.name, p => p.parameter.detach().clone());
        model.to(computeType);
        foreach (var (_, module) in model.named_modules().Where(m => IsNormalization(m.module))) module.to(ScalarType.Float32);
        // The optimizer steps a float32 master copy of each converted weight, and the float32 normalization weights themselves.
        var copies = new List<(string, Parameter, Parameter)>();
        var masterParameters = new List<Parameter>();
        foreach (var (name, parameter) in model.named_parameters())
        {
            var original = originals[name];
            if (parameter.dtype != computeType) { original.Dispose(); masterParameters.Add(parameter); continue; }
            var master = new Parameter(original);
            copies.Add((name, parameter, master));
            masterParameters.Add(master);
        }
        _copies = copies.ToArray();
        MasterParameters = masterParameters;
    }

    /// <summary>What the optimizer should step: float32 master copies of the converted weights, and the rest as they are.</summary>
    public IReadOnlyList<Parameter> MasterParameters { get; }

    static bool IsNormalization(nn.Module module) =>
        module is BatchNorm1d or BatchNorm2d or BatchNorm3d or LayerNorm or GroupNorm or InstanceNorm1d or InstanceNorm2d;

    /// <summary>After backward: the bfloat16 gradients, as float32, become the master weights' gradients.</summary>
    public void CopyGradientsToMasters()
    {
        foreach (var (_, compute, master) in _copies)
        {
            using var gradient = compute.grad;
            if (gradient is null) continue;
            using var existing = master.grad;
            if (existing is null) master.grad = gradient.to(ScalarType.Float32).DetachFromDisposeScope();
            else existing.copy_(gradient);
            gradient.zero_();
        }
    }

    /// <summary>After the optimizer's step: the network's weights become the new master weights, rounded.</summary>
    public void CopyMastersToModel()
    {
        using var noGrad = torch.no_grad();
        foreach (var (_, compute, master) in _copies) compute.copy_(master);
    }

    /// <summary>Turns the network back into float32 and gives it the master weights (not their rounded copies).</summary>
    public void Finish()
    {
        if (_copies.Length == 0) return;
        _model.to(ScalarType.Float32);
        var parameters = _model.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        using var noGrad = torch.no_grad();
        foreach (var (name, _, master) in _copies) parameters[name].copy_(master);
    }

    public void Dispose()
    {
        foreach (var (_, _, master) in _copies) master.Dispose();
    }
}
