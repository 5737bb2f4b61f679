/// <summary>
/// Tests whose models draw from TorchSharp's one global random generator (torch.manual_seed, then weights,
/// dropout, shuffles) run one at a time: run in parallel, one class's draws would shift another's seeded sequence.
/// </summary>
[Xunit.CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TorchRandomCollection
{
    public const string Name = "TorchSharp global random generator";
}
