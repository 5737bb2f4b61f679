// MapPicture: 2-D maps of the same points (t-SNE or PCA coordinates) drawn side by side as one PNG: each point a
// dot in its class's colour (Charts.ClassColors, as in the Plotly maps), a caption over each map and one legend
// of the classes under them all. For comparing maps at a glance (two implementations, three settings), where
// notebook charts would stand one under another; a static picture, so it also serves as a thumbnail.
// Each map is scaled to fill its square on its own: t-SNE's coordinates have no units, only neighbourhoods.
using System;
using System.Collections.Generic;
using System.Linq;
using SkiaSharp;

public sealed class MapPicture
{
    /// <summary>Width and height of each map's square, in screen pixels.</summary>
    public int PanelSize { get; init; } = 360;
    public float DotRadius { get; init; } = 1.6f;
    public float CaptionSize { get; init; } = 14;

    const int Gap = 12, LegendColumns = 5;

    /// <summary>
    /// Draws each (caption, x0 y0 x1 y1 ...) map of the same points left to right; <paramref name="labels"/> gives
    /// each point's class, an index into <paramref name="classNames"/>.
    /// </summary>
    public PngImage Render(IReadOnlyList<(string Caption, float[] Points)> maps, byte[] labels, IReadOnlyList<string> classNames)
    {
        ArgumentNullException.ThrowIfNull(maps);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(classNames);
        if (maps.Count == 0) throw new ArgumentException("no maps to draw", nameof(maps));
        if (labels.Length == 0) throw new ArgumentException("no points to draw", nameof(labels));
        int badLabel = Array.FindIndex(labels, l => l >= classNames.Count);
        if (badLabel >= 0)
            throw new ArgumentException($"point {badLabel} has class {labels[badLabel]}, but there are {classNames.Count} class names", nameof(labels));
        foreach (var (caption, points) in maps)
        {
            if (points is null || points.Length != 2 * labels.Length)
                throw new ArgumentException($"map '{caption}' has {points?.Length ?? 0} coordinates for {labels.Length} points (2 each)", nameof(maps));
            int bad = Array.FindIndex(points, v => !float.IsFinite(v));
            if (bad >= 0) throw new ArgumentException($"map '{caption}': point {bad / 2} has a coordinate that is not a finite number", nameof(maps));
        }

        using var font = new SKFont(SKTypeface.Default, CaptionSize);
        using var legendFont = new SKFont(SKTypeface.Default, CaptionSize - 2);
        int captionHeight = (int)Math.Ceiling(font.Spacing) + 4;
        int legendRowHeight = (int)Math.Ceiling(legendFont.Spacing) + 4;
        int legendRows = (classNames.Count + LegendColumns - 1) / LegendColumns;
        int width = maps.Count * PanelSize + (maps.Count + 1) * Gap;
        int height = Gap + captionHeight + PanelSize + Gap + legendRows * legendRowHeight + Gap;

        using var surface = SKSurface.Create(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        SKCanvas canvas = surface.Canvas;
        canvas.Clear(SKColors.White);
        using var ink = new SKPaint { Color = SKColors.Black, IsAntialias = true };
        using var frame = new SKPaint { Color = new SKColor(220, 220, 220), Style = SKPaintStyle.Stroke, StrokeWidth = 1 };
        SKPaint[] dots = Charts.ClassColors.Select(c => new SKPaint { Color = SKColor.Parse(c), IsAntialias = true }).ToArray();
        try
        {
            for (int m = 0; m < maps.Count; m++)
            {
                float left = Gap + m * (PanelSize + Gap), top = Gap + captionHeight;
                canvas.DrawText(maps[m].Caption, left + PanelSize / 2f, Gap + font.Size, SKTextAlign.Center, font, ink);
                canvas.DrawRect(left, top, PanelSize, PanelSize, frame);
                DrawPoints(canvas, maps[m].Points, labels, dots, left, top);
            }
            float legendTop = Gap + captionHeight + PanelSize + Gap;
            float columnWidth = (width - 2f * Gap) / LegendColumns;
            for (int c = 0; c < classNames.Count; c++)
            {
                float x = Gap + c % LegendColumns * columnWidth, y = legendTop + c / LegendColumns * legendRowHeight;
                canvas.DrawCircle(x + 6, y + legendFont.Size / 2 + 1, 5, dots[c % dots.Length]);
                canvas.DrawText(classNames[c], x + 16, y + legendFont.Size, SKTextAlign.Left, legendFont, ink);
            }
        }
        finally { foreach (var dot in dots) dot.Dispose(); }

        using SKImage picture = surface.Snapshot();
        using SKData png = picture.Encode(SKEncodedImageFormat.Png, 100);
        return new PngImage(png.ToArray(), width, height);
    }

    // The map's bounding box, scaled alike in x and y to fill the square (less a margin for the dots), centred.
    void DrawPoints(SKCanvas canvas, float[] points, byte[] labels, SKPaint[] dots, float left, float top)
    {
        float minX = float.MaxValue, maxX = float.MinValue, minY = float.MaxValue, maxY = float.MinValue;
        for (int i = 0; i < labels.Length; i++)
        {
            minX = Math.Min(minX, points[2 * i]); maxX = Math.Max(maxX, points[2 * i]);
            minY = Math.Min(minY, points[2 * i + 1]); maxY = Math.Max(maxY, points[2 * i + 1]);
        }
        float margin = DotRadius + 4, room = PanelSize - 2 * margin;
        float span = Math.Max(Math.Max(maxX - minX, maxY - minY), 1e-30f);
        float scale = room / span;
        float offsetX = left + margin + (room - (maxX - minX) * scale) / 2, offsetY = top + margin + (room - (maxY - minY) * scale) / 2;
        for (int i = 0; i < labels.Length; i++)
        {
            float x = offsetX + (points[2 * i] - minX) * scale;
            float y = offsetY + (maxY - points[2 * i + 1]) * scale;   // y grows upwards, as in the charts
            canvas.DrawCircle(x, y, DotRadius, dots[labels[i] % dots.Length]);
        }
    }
}
