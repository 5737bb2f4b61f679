// GanDiscriminator: one of the two networks of the conditional DCGAN (lib/Gan/DcGan.cs). Notebook 06 writes it out in
// a cell (DiscriminatorNet) with the same fields in the same order, and loads these weights into it by name: keep them alike.
using TorchSharp.Modules;
using static TorchSharp.torch;

/// <summary>An image (and its class, as a second plane) to one logit, "real": two strided convolutions, then a linear score.</summary>
public sealed class GanDiscriminator : nn.Module<Tensor, Tensor, Tensor>
{
    readonly Embedding classPlane; // null in the unconditional DCGAN
    readonly Conv2d down14;
    readonly Conv2d down7;
    readonly BatchNorm2d norm7;
    readonly Linear score;

    public GanDiscriminator(int classCount, int width) : base(nameof(GanDiscriminator))
    {
        classPlane = classCount > 0 ? nn.Embedding(classCount, 28 * 28) : null;
        down14 = nn.Conv2d(classCount > 0 ? 2 : 1, width, 4, stride: 2, padding: 1);
        down7 = nn.Conv2d(width, 2 * width, 4, stride: 2, padding: 1);
        // Batch norm, as in the DCGAN paper. Real and generated batches go through separately, so a batch
        // of look-alike fakes has tell-tale statistics: that is what keeps the generator from drawing one
        // item per class whatever its noise (without it, this generator collapsed that way).
        norm7 = nn.BatchNorm2d(2 * width);
        score = nn.Linear((2 * width + 1) * 7 * 7, 1); // + the variety plane
        RegisterComponents();
    }

    /// <param name="images">N x 1 x 28 x 28 in [-1, 1].</param>
    /// <param name="labels">Class of each image (int64), or null for the unconditional DCGAN.</param>
    public override Tensor forward(Tensor images, Tensor labels)
    {
        Tensor input = classPlane is null ? images : cat([images, classPlane.call(labels).view(-1, 1, 28, 28)], 1);
        Tensor h = nn.functional.leaky_relu(down14.call(input), 0.2);                 // 28x28 -> 14x14
        h = nn.functional.leaky_relu(norm7.call(down7.call(h)), 0.2);                 // 14x14 -> 7x7
        return score.call(cat([h, Variety(h)], 1).flatten(1)).squeeze(1);
    }

    // Minibatch standard deviation (Karras et al., 2018): how much the batch's features vary, as one more
    // 7x7 plane, so that a batch of look-alikes gives itself away.
    static Tensor Variety(Tensor h)
    {
        Tensor spread = (h.var(0, unbiased: false) + 1e-8).sqrt().mean();
        return spread.expand(h.shape[0], 1, h.shape[2], h.shape[3]);
    }
}
