// ExamplePicture: data/examples/my-item.png, the picture notebook 05 classifies from a file (a learner replaces it
// with a photo of their own). It is a real Fashion-MNIST test image made to look like a product photo, the kind
// of picture the data set was made from: enlarged and smoothed, a dark blue item on white, off-centre on a wider
// canvas, so that PictureToFashionMnist has a background to trim, a size to undo and colours to turn grey.
// This code makes the shipped file; CnnPictureTests checks that the file equals what it makes.
using System;
using System.IO;
using SkiaSharp;

public static class ExamplePicture
{
    /// <summary>The shipped picture: data/examples/my-item.png.</summary>
    public static string Path => System.IO.Path.Combine(ProjectFolders.Data, "examples", "my-item.png");

    /// <summary>The test image it shows: the first of the test set (an ankle boot).</summary>
    public const int TestImageIndex = 0;

    /// <summary>Screen pixels per image pixel.</summary>
    public const int Enlargement = 10;

    /// <summary>The item's colour where the image is brightest; darker pixels blend towards white.</summary>
    public static readonly SKColor ItemColor = new(24, 44, 92);

    /// <summary>Draws image <paramref name="index"/> of <paramref name="images"/> as a product photo (PNG).</summary>
    public static PngImage Render(LabeledImages images, int index = TestImageIndex)
    {
        ArgumentNullException.ThrowIfNull(images);
        if (index < 0 || index >= images.Count) throw new ArgumentOutOfRangeException(nameof(index), index, $"the set has images 0 to {images.Count - 1}");
        ReadOnlySpan<byte> pixels = images.Image(index);
        // Light-on-black becomes a coloured item on white: pixel value v mixes white and the item's colour.
        using var item = new SKBitmap(new SKImageInfo(images.Columns, images.Rows, SKColorType.Rgba8888, SKAlphaType.Opaque));
        for (int row = 0; row < images.Rows; row++)
            for (int column = 0; column < images.Columns; column++)
            {
                float v = pixels[row * images.Columns + column] / 255f;
                byte Mix(byte channel) => (byte)MathF.Round(255 * (1 - v) + channel * v);
                item.SetPixel(column, row, new SKColor(Mix(ItemColor.Red), Mix(ItemColor.Green), Mix(ItemColor.Blue)));
            }
        int width = images.Columns * Enlargement, height = images.Rows * Enlargement;
        int canvasWidth = width * 3 / 2, canvasHeight = height + height / 5;
        using var surface = SKSurface.Create(new SKImageInfo(canvasWidth, canvasHeight, SKColorType.Rgba8888, SKAlphaType.Premul));
        surface.Canvas.Clear(SKColors.White);
        using SKImage itemImage = SKImage.FromBitmap(item);
        var where = SKRect.Create(canvasWidth / 8f, canvasHeight / 12f, width, height);
        surface.Canvas.DrawImage(itemImage, where, new SKSamplingOptions(SKCubicResampler.Mitchell));
        using SKImage photo = surface.Snapshot();
        using SKData png = photo.Encode(SKEncodedImageFormat.Png, 100);
        return new PngImage(png.ToArray(), canvasWidth, canvasHeight);
    }

    /// <summary>Writes the shipped picture from Fashion-MNIST's test set (run once, by hand, when this code changes).</summary>
    public static void Write(FashionMnist fashion = null) => Render((fashion ?? FashionMnist.Load()).Test).Save(Path);
}
