// PngImage: an encoded PNG picture with its size, the picture type of lib/: notebooks show it as image/png
// (lib/Pictures/NotebookDisplay.csx), Save writes it whole or not at all, Thumbnail makes a smaller copy.
using System;
using SkiaSharp;

/// <summary>An encoded PNG picture with its size; notebooks display it as image/png.</summary>
public sealed record PngImage(byte[] Bytes, int Width, int Height)
{
    /// <summary>Writes the PNG through a temporary file, so a failed write leaves no half file behind.</summary>
    public void Save(string path) => AtomicFile.WriteAllBytes(path, Bytes);

    /// <summary>A smaller copy whose longer side is <paramref name="maxSide"/> pixels, smoothly downsampled.</summary>
    public PngImage Thumbnail(int maxSide)
    {
        using var bitmap = SKBitmap.Decode(Bytes);
        double factor = Math.Min(1.0, (double)maxSide / Math.Max(Width, Height));
        var size = new SKImageInfo(Math.Max(1, (int)(Width * factor)), Math.Max(1, (int)(Height * factor)), SKColorType.Gray8, SKAlphaType.Opaque);
        using var small = bitmap.Resize(size, new SKSamplingOptions(SKCubicResampler.Mitchell));
        using SKData png = small.Encode(SKEncodedImageFormat.Png, 100);
        return new PngImage(png.ToArray(), size.Width, size.Height);
    }

    /// <summary>Decodes the PNG back into 8-bit grayscale pixels, row-major (used to check pictures).</summary>
    public byte[] DecodeGray()
    {
        using var bitmap = SKBitmap.Decode(Bytes);
        using var gray = new SKBitmap(new SKImageInfo(bitmap.Width, bitmap.Height, SKColorType.Gray8, SKAlphaType.Opaque));
        bitmap.CopyTo(gray, SKColorType.Gray8);
        return gray.GetPixelSpan().ToArray();
    }
}
