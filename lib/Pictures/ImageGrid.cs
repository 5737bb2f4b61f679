// ImageGrid: many small grayscale images drawn as one picture, optionally with a caption under each,
// encoded as PNG through SkiaSharp. The picture every notebook uses to show the data.
using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using SkiaSharp;

public sealed class ImageGrid
{
    /// <summary>Screen pixels per image pixel.</summary>
    public int Scale { get; init; } = 2;
    /// <summary>Gap between images, in screen pixels.</summary>
    public int Gap { get; init; } = 2;
    public int Columns { get; init; } = 10;
    /// <summary>Dark items on white, like a catalogue, instead of the stored light-on-black.</summary>
    public bool Invert { get; init; }
    public SKColor Background { get; init; } = SKColors.White;
    public float CaptionSize { get; init; } = 11;

    const int CaptionPadding = 3;

    /// <summary>Draws the given images of a data set, captioned with their class names when <paramref name="captions"/> is given.</summary>
    public PngImage Render(LabeledImages data, IReadOnlyList<int> indices, IReadOnlyList<string> captions = null) =>
        Render(indices.Select(i => data.Image(i).ToArray()).ToList(), data.Rows, data.Columns, captions);

    /// <summary>Draws images of rows x columns bytes each (0 black, 255 white) in a grid.</summary>
    public PngImage Render(IReadOnlyList<byte[]> images, int rows, int columns, IReadOnlyList<string> captions = null)
    {
        if (images.Count == 0) throw new ArgumentException("no images to draw");
        if (captions is not null && captions.Count != images.Count)
            throw new ArgumentException($"{captions.Count} captions for {images.Count} images");
        int gridColumns = Math.Min(Columns, images.Count);
        int gridRows = (images.Count + gridColumns - 1) / gridColumns;
        using var font = captions is null ? null : new SKFont(SKTypeface.Default, CaptionSize);
        int captionHeight = font is null ? 0 : (int)Math.Ceiling(font.Spacing) + CaptionPadding;
        int cellWidth = columns * Scale, cellHeight = rows * Scale + captionHeight;
        int width = gridColumns * cellWidth + (gridColumns + 1) * Gap;
        int height = gridRows * cellHeight + (gridRows + 1) * Gap;

        using var surface = SKSurface.Create(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        SKCanvas canvas = surface.Canvas;
        canvas.Clear(Background);
        using var paint = new SKPaint { IsAntialias = false };
        using var text = new SKPaint { Color = SKColors.Black, IsAntialias = true };
        var sampling = new SKSamplingOptions(SKFilterMode.Nearest, SKMipmapMode.None);
        for (int i = 0; i < images.Count; i++)
        {
            int x = Gap + i % gridColumns * (cellWidth + Gap), y = Gap + i / gridColumns * (cellHeight + Gap);
            using SKImage tile = GrayImage(images[i], rows, columns);
            canvas.DrawImage(tile, new SKRect(x, y, x + cellWidth, y + rows * Scale), sampling, paint);
            if (font is not null)
                canvas.DrawText(Fit(captions[i], font, cellWidth), x + cellWidth / 2f, y + rows * Scale + CaptionPadding + font.Size, SKTextAlign.Center, font, text);
        }
        using SKImage picture = surface.Snapshot();
        using SKData png = picture.Encode(SKEncodedImageFormat.Png, 100);
        return new PngImage(png.ToArray(), width, height);
    }

    /// <summary>
    /// Images edge to edge, one screen pixel per image pixel, as an 8-bit grayscale PNG: the fast path for
    /// big pictures (the sprite, a mosaic of all 70,000 images). Copies rows straight into one buffer.
    /// </summary>
    /// <param name="compression">zlib level 1-9: low is faster, high is smaller.</param>
    public static PngImage Tiles(LabeledImages data, IReadOnlyList<int> indices, int columns, bool invert = false, int compression = 6)
    {
        if (indices.Count == 0) throw new ArgumentException("no images to draw");
        int rows = (indices.Count + columns - 1) / columns;
        int width = columns * data.Columns, height = rows * data.Rows;
        var canvas = new byte[(long)width * height];
        if (invert) Array.Fill(canvas, (byte)255);
        System.Threading.Tasks.Parallel.For(0, indices.Count, i =>
        {
            ReadOnlySpan<byte> image = data.Image(indices[i]);
            long left = (long)(i / columns) * data.Rows * width + (long)(i % columns) * data.Columns;
            for (int r = 0; r < data.Rows; r++)
            {
                Span<byte> target = canvas.AsSpan((int)(left + (long)r * width), data.Columns);
                image.Slice(r * data.Columns, data.Columns).CopyTo(target);
                if (invert) for (int c = 0; c < target.Length; c++) target[c] = (byte)(255 - target[c]);
            }
        });
        return EncodeGray(canvas, width, height, compression);
    }

    static PngImage EncodeGray(byte[] pixels, int width, int height, int compression)
    {
        var info = new SKImageInfo(width, height, SKColorType.Gray8, SKAlphaType.Opaque);
        var handle = System.Runtime.InteropServices.GCHandle.Alloc(pixels, System.Runtime.InteropServices.GCHandleType.Pinned);
        try
        {
            using var pixmap = new SKPixmap(info, handle.AddrOfPinnedObject(), width);
            using SKData png = pixmap.Encode(new SKPngEncoderOptions(SKPngEncoderFilterFlags.AllFilters, compression));
            return new PngImage(png.ToArray(), width, height);
        }
        finally { handle.Free(); }
    }

    SKImage GrayImage(byte[] pixels, int rows, int columns)
    {
        if (pixels.Length != rows * columns) throw new ArgumentException($"an image of {pixels.Length} pixels is not {rows}x{columns}");
        byte[] shown = Invert ? pixels.Select(p => (byte)(255 - p)).ToArray() : pixels;
        return SKImage.FromPixelCopy(new SKImageInfo(columns, rows, SKColorType.Gray8, SKAlphaType.Opaque), shown, columns);
    }

    static string Fit(string caption, SKFont font, float width)
    {
        if (font.MeasureText(caption) <= width) return caption;
        while (caption.Length > 1 && font.MeasureText(caption + "…") > width) caption = caption[..^1];
        return caption + "…";
    }
}
