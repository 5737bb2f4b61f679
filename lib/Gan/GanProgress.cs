// GanProgress: what GanTrainer reports after each step and epoch, for live progress in notebook 06 and the
// GAN benchmark's log.
using System;

/// <summary>Losses averaged over the steps since the last report.</summary>
public sealed record GanProgress(int Step, int Epoch, double DiscriminatorLoss, double GeneratorLoss, double RealScore, double FakeScore, TimeSpan Elapsed)
{
    public override string ToString() =>
        $"step {Step,6}  epoch {Epoch,3}  D loss {DiscriminatorLoss:F3}  G loss {GeneratorLoss:F3}  " +
        $"D(real) {RealScore:F2}  D(fake) {FakeScore:F2}  {Elapsed.TotalSeconds:F0} s";
}
