/// <summary>Learnable 28x28 images made by code: class c is a bright horizontal band on a noisy dark background.</summary>
public static class SyntheticImages
{
    /// <summary><paramref name="count"/> images, labels cycling 0-9; class c lights rows
    /// firstRow + 2c up to (not including) firstRow + 2c + height; background pixels are below <paramref name="noise"/>.</summary>
    public static LabeledImages Bands(int count, int firstRow, int height, int noise, int seed = 0)
    {
        var random = new Random(seed);
        var pixels = new byte[count * 784];
        var labels = new byte[count];
        for (int i = 0; i < count; i++)
        {
            labels[i] = (byte)(i % 10);
            int top = firstRow + 2 * labels[i];
            for (int p = 0; p < 784; p++)
            {
                int row = p / 28;
                bool band = row >= top && row < top + height;
                pixels[i * 784 + p] = (byte)(band ? 200 + random.Next(56) : random.Next(noise));
            }
        }
        return new LabeledImages(pixels, labels, 28, 28);
    }
}
