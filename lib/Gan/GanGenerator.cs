// GanGenerator: one of the two networks of the conditional DCGAN (lib/Gan/DcGan.cs). Notebook 06 writes it out in a
// cell (GeneratorNet) with the same fields in the same order, and loads these weights into it by name: keep them alike.
using TorchSharp.Modules;
using static TorchSharp.torch;

/// <summary>Noise (and a class) to a 28x28 image: project to 7x7, then two transposed convolutions up to 28x28.</summary>
public sealed class GanGenerator : nn.Module<Tensor, Tensor, Tensor>
{
    readonly Embedding classEmbedding; // null in the unconditional DCGAN
    readonly Linear project;
    readonly BatchNorm1d projectNorm;
    readonly ConvTranspose2d up14;
    readonly BatchNorm2d norm14;
    readonly ConvTranspose2d up28;
    readonly int channels7;

    public GanGenerator(int latentSize, int classCount, int width) : base(nameof(GanGenerator))
    {
        channels7 = 2 * width;
        // A short class code beside the long noise, as in the classic conditional GANs (10 beside 100):
        // a class code as long as the noise drowned it, and each class came out as one item.
        int embedding = classCount > 0 ? 16 : 0;
        classEmbedding = classCount > 0 ? nn.Embedding(classCount, embedding) : null;
        project = nn.Linear(latentSize + embedding, channels7 * 7 * 7);
        projectNorm = nn.BatchNorm1d(channels7 * 7 * 7);
        up14 = nn.ConvTranspose2d(channels7, width, 4, stride: 2, padding: 1);
        norm14 = nn.BatchNorm2d(width);
        up28 = nn.ConvTranspose2d(width, 1, 4, stride: 2, padding: 1);
        RegisterComponents();
    }

    /// <param name="labels">Class of each image (int64), or null for the unconditional DCGAN.</param>
    public override Tensor forward(Tensor noise, Tensor labels)
    {
        Tensor input = classEmbedding is null ? noise : cat([noise, classEmbedding.call(labels)], 1);
        Tensor x = nn.functional.relu(projectNorm.call(project.call(input))).view(-1, channels7, 7, 7);
        x = nn.functional.relu(norm14.call(up14.call(x)));       // 7x7 -> 14x14
        return tanh(up28.call(x));                            // 14x14 -> 28x28, in [-1, 1]
    }
}
