// PictureToFashionMnist: any picture of one item (a photo, a drawing; a PNG or JPEG of any size and colours)
// brought to a 28x28 Fashion-MNIST image the way Zalando made the data set from its product photos, so that
// notebook 05's networks can classify it. The steps are those of the data set's README
// (https://github.com/zalandoresearch/fashion-mnist#get-the-data), one method each:
//   1. TrimBackground: cut the edges whose colour is within 5 % of the corner's colour;
//   2. SampleLongestEdge: resize so that the longest edge is 28 pixels, by subsampling (keeping some rows and
//      columns, skipping the others);
//   3. Sharpen: an unsharp mask with a Gaussian of radius and standard deviation 1, which changes flat areas
//      little and outlines most;
//   4. ExtendToSquare: extend the shorter edge to 28, the item in the centre, with the background's colour;
//   5. Negate: a dark item on white becomes a light item on black, as in the data set;
//   6. Grayscale: 8-bit grey, 0 black to 255 white.
// One change for pictures the data set never had: a picture whose background is already dark (its corner
// darker than mid-grey) is light-on-dark already, so step 5 leaves it as it is.
using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using SkiaSharp;

public static class PictureToFashionMnist
{
    /// <summary>The side of a Fashion-MNIST image.</summary>
    public const int Side = 28;

    /// <summary>How close to the corner's colour an edge pixel must be to count as background: 5 % of the largest RGB distance.</summary>
    public const double BackgroundTolerance = 0.05;

    /// <summary>One pixel's colour, each channel in [0, 1].</summary>
    public readonly record struct Rgb(float R, float G, float B)
    {
        /// <summary>Euclidean distance in RGB space as a share of the largest one (black to white).</summary>
        public double DistanceTo(Rgb other) =>
            Math.Sqrt(((R - other.R) * (R - other.R) + (G - other.G) * (G - other.G) + (B - other.B) * (B - other.B)) / 3.0);

        /// <summary>Brightness as the eye sees it (ITU-R BT.601 weights), in [0, 1].</summary>
        public float Luma => 0.299f * R + 0.587f * G + 0.114f * B;
    }

    /// <summary>
    /// Reads a picture file and converts it: 28 x 28 bytes, row after row, a light item on black, as the data set
    /// stores its images. Errors name the file: missing, not a picture, or a picture of one colour only.
    /// </summary>
    public static byte[] FromFile(string path) => Convert(Read(path), path);

    /// <summary>Converts a decoded picture (see <see cref="Read"/>); <paramref name="name"/> names it in errors.</summary>
    public static byte[] Convert(Rgb[,] picture, string name = "the picture") => Steps(picture, name).Pixels;

    /// <summary>The picture after each step of the conversion, the last one the 28 x 28 grey pixels.</summary>
    public sealed record ConversionSteps(Rgb[,] Trimmed, Rgb[,] Sampled, Rgb[,] Sharpened, Rgb[,] Centred, Rgb[,] LightOnDark, byte[] Pixels);

    /// <summary>The six steps of the data set's README, one after the other.</summary>
    public static ConversionSteps Steps(Rgb[,] picture, string name = "the picture")
    {
        Rgb background = picture[0, 0];
        Rgb[,] trimmed = TrimBackground(picture, name);
        Rgb[,] sampled = SampleLongestEdge(trimmed);
        Rgb[,] sharpened = Sharpen(sampled);
        Rgb[,] centred = ExtendToSquare(sharpened, background);
        Rgb[,] lightOnDark = background.Luma >= 0.5f ? Negate(centred) : centred; // already light on dark: left as it is
        return new ConversionSteps(trimmed, sampled, sharpened, centred, lightOnDark, Grayscale(lightOnDark));
    }

    /// <summary>Decodes a PNG, JPEG, WebP, GIF or BMP file into colours; transparent pixels count as white.</summary>
    public static Rgb[,] Read(string path)
    {
        if (string.IsNullOrWhiteSpace(path)) throw new ArgumentException("no picture file named", nameof(path));
        if (!File.Exists(path)) throw new FileNotFoundException($"no picture at {path}", path);
        byte[] bytes = File.ReadAllBytes(path);
        using var data = SKData.CreateCopy(bytes);
        using SKCodec codec = SKCodec.Create(data);
        using SKBitmap decoded = codec is null ? null : SKBitmap.Decode(codec);
        if (decoded is null)
            throw new InvalidDataException($"{path} is not a picture SkiaSharp can read (PNG, JPEG, WebP, GIF or BMP): " +
                $"{bytes.Length:N0} bytes, starting {System.Convert.ToHexString(bytes.AsSpan(0, Math.Min(8, bytes.Length)))}");
        return FromBitmap(decoded);
    }

    /// <summary>A SkiaSharp bitmap as colours, transparent pixels blended onto white (product photos are on white).</summary>
    public static Rgb[,] FromBitmap(SKBitmap bitmap)
    {
        using var rgba = new SKBitmap(new SKImageInfo(bitmap.Width, bitmap.Height, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        if (!bitmap.CopyTo(rgba, SKColorType.Rgba8888)) throw new InvalidDataException($"cannot read the colours of a {bitmap.ColorType} picture");
        var picture = new Rgb[bitmap.Height, bitmap.Width];
        for (int row = 0; row < bitmap.Height; row++)
            for (int column = 0; column < bitmap.Width; column++)
            {
                SKColor c = rgba.GetPixel(column, row);
                float alpha = c.Alpha / 255f;
                float OnWhite(byte channel) => channel / 255f * alpha + (1 - alpha);
                picture[row, column] = new Rgb(OnWhite(c.Red), OnWhite(c.Green), OnWhite(c.Blue));
            }
        return picture;
    }

    /// <summary>Step 1: the smallest rectangle holding every pixel that differs from the top-left corner's colour by more than 5 %.</summary>
    public static Rgb[,] TrimBackground(Rgb[,] picture, string name = "the picture")
    {
        Rgb corner = picture[0, 0];
        int height = picture.GetLength(0), width = picture.GetLength(1);
        int top = height, bottom = -1, left = width, right = -1;
        for (int row = 0; row < height; row++)
            for (int column = 0; column < width; column++)
                if (picture[row, column].DistanceTo(corner) > BackgroundTolerance)
                {
                    top = Math.Min(top, row); bottom = Math.Max(bottom, row);
                    left = Math.Min(left, column); right = Math.Max(right, column);
                }
        if (bottom < 0)
            throw new InvalidDataException($"{name} is all one colour ({width}x{height} pixels like its corner): there is no item to cut out of its background");
        return Crop(picture, top, left, bottom - top + 1, right - left + 1);
    }

    /// <summary>Step 2: the longest edge made 28 pixels by keeping the pixel nearest each new pixel's centre (no blending).</summary>
    public static Rgb[,] SampleLongestEdge(Rgb[,] picture)
    {
        int height = picture.GetLength(0), width = picture.GetLength(1);
        double scale = (double)Side / Math.Max(height, width);
        int newHeight = Math.Clamp((int)Math.Round(height * scale), 1, Side), newWidth = Math.Clamp((int)Math.Round(width * scale), 1, Side);
        var sampled = new Rgb[newHeight, newWidth];
        for (int row = 0; row < newHeight; row++)
            for (int column = 0; column < newWidth; column++)
                sampled[row, column] = picture[(int)((row + 0.5) * height / newHeight), (int)((column + 0.5) * width / newWidth)];
        return sampled;
    }

    /// <summary>
    /// Step 3: unsharp masking: each pixel plus its difference from a Gaussian blur of its 3x3 neighbourhood
    /// (standard deviation 1), clamped to [0, 1]. Flat areas stay as they are; outlines get crisper.
    /// </summary>
    public static Rgb[,] Sharpen(Rgb[,] picture)
    {
        int height = picture.GetLength(0), width = picture.GetLength(1);
        float[] weights = [MathF.Exp(-0.5f), 1f, MathF.Exp(-0.5f)]; // exp(-d^2 / 2) for d = -1, 0, 1
        var sharpened = new Rgb[height, width];
        for (int row = 0; row < height; row++)
            for (int column = 0; column < width; column++)
            {
                float r = 0, g = 0, b = 0, total = 0;
                for (int dy = -1; dy <= 1; dy++)
                    for (int dx = -1; dx <= 1; dx++)
                    {
                        Rgb p = picture[Math.Clamp(row + dy, 0, height - 1), Math.Clamp(column + dx, 0, width - 1)];
                        float w = weights[dy + 1] * weights[dx + 1];
                        r += w * p.R; g += w * p.G; b += w * p.B; total += w;
                    }
                Rgb c = picture[row, column];
                sharpened[row, column] = new Rgb(Clamp01(2 * c.R - r / total), Clamp01(2 * c.G - g / total), Clamp01(2 * c.B - b / total));
            }
        return sharpened;
    }

    /// <summary>Step 4: the picture in the middle of a 28x28 canvas of the background's colour.</summary>
    public static Rgb[,] ExtendToSquare(Rgb[,] picture, Rgb background)
    {
        int height = picture.GetLength(0), width = picture.GetLength(1);
        if (height > Side || width > Side) throw new ArgumentException($"a {width}x{height} picture does not fit in {Side}x{Side}: sample it first", nameof(picture));
        var square = new Rgb[Side, Side];
        for (int row = 0; row < Side; row++)
            for (int column = 0; column < Side; column++)
                square[row, column] = background;
        int top = (Side - height) / 2, left = (Side - width) / 2;
        for (int row = 0; row < height; row++)
            for (int column = 0; column < width; column++)
                square[top + row, left + column] = picture[row, column];
        return square;
    }

    /// <summary>Step 5: every channel turned around (1 - value): white becomes black, a dark item light.</summary>
    public static Rgb[,] Negate(Rgb[,] picture) => Map(picture, p => new Rgb(1 - p.R, 1 - p.G, 1 - p.B));

    /// <summary>Step 6: 8-bit grey, row after row, 0 black and 255 white.</summary>
    public static byte[] Grayscale(Rgb[,] picture)
    {
        int height = picture.GetLength(0), width = picture.GetLength(1);
        var pixels = new byte[height * width];
        for (int row = 0; row < height; row++)
            for (int column = 0; column < width; column++)
                pixels[row * width + column] = (byte)MathF.Round(Clamp01(picture[row, column].Luma) * 255f);
        return pixels;
    }

    /// <summary>The picture after each step, side by side at the same height and captioned: what the conversion does to it.</summary>
    public static PngImage StepsPicture(Rgb[,] picture, int height = 112)
    {
        var steps = Steps(picture);
        var grey = new Rgb[Side, Side];
        for (int i = 0; i < steps.Pixels.Length; i++) grey[i / Side, i % Side] = new Rgb(steps.Pixels[i] / 255f, steps.Pixels[i] / 255f, steps.Pixels[i] / 255f);
        return SideBySide(new List<(string, Rgb[,])>
        {
            ("picture", picture), ("1 trimmed", steps.Trimmed), ("2 sampled", steps.Sampled), ("3 sharpened", steps.Sharpened),
            ("4 centred", steps.Centred), ("5 light on dark", steps.LightOnDark), ("6 grey", grey),
        }, height);
    }

    static PngImage SideBySide(IReadOnlyList<(string Caption, Rgb[,] Picture)> pictures, int height)
    {
        const int gap = 8, captionHeight = 18;
        var widths = pictures.Select(p => Math.Max(1, (int)Math.Round((double)p.Picture.GetLength(1) * height / p.Picture.GetLength(0)))).ToList();
        int total = widths.Sum() + gap * (pictures.Count + 1);
        using var surface = SKSurface.Create(new SKImageInfo(total, height + captionHeight + 2 * gap, SKColorType.Rgba8888, SKAlphaType.Premul));
        surface.Canvas.Clear(new SKColor(230, 230, 230));
        using var font = new SKFont(SKTypeface.Default, 12);
        using var ink = new SKPaint { Color = SKColors.Black, IsAntialias = true };
        int x = gap;
        for (int i = 0; i < pictures.Count; i++)
        {
            using SKBitmap bitmap = ToBitmap(pictures[i].Picture);
            using SKImage image = SKImage.FromBitmap(bitmap);
            surface.Canvas.DrawImage(image, new SKRect(x, gap, x + widths[i], gap + height), new SKSamplingOptions(SKFilterMode.Nearest, SKMipmapMode.None));
            surface.Canvas.DrawText(pictures[i].Caption, x, gap + height + captionHeight - 4, SKTextAlign.Left, font, ink);
            x += widths[i] + gap;
        }
        using SKImage snapshot = surface.Snapshot();
        using SKData png = snapshot.Encode(SKEncodedImageFormat.Png, 100);
        return new PngImage(png.ToArray(), total, height + captionHeight + 2 * gap);
    }

    /// <summary>Colours as an opaque SkiaSharp bitmap.</summary>
    public static SKBitmap ToBitmap(Rgb[,] picture)
    {
        int height = picture.GetLength(0), width = picture.GetLength(1);
        var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque));
        for (int row = 0; row < height; row++)
            for (int column = 0; column < width; column++)
            {
                Rgb p = picture[row, column];
                bitmap.SetPixel(column, row, new SKColor(ToByte(p.R), ToByte(p.G), ToByte(p.B)));
            }
        return bitmap;
    }

    static Rgb[,] Crop(Rgb[,] picture, int top, int left, int height, int width)
    {
        var cropped = new Rgb[height, width];
        for (int row = 0; row < height; row++)
            for (int column = 0; column < width; column++)
                cropped[row, column] = picture[top + row, left + column];
        return cropped;
    }

    static Rgb[,] Map(Rgb[,] picture, Func<Rgb, Rgb> change)
    {
        var changed = new Rgb[picture.GetLength(0), picture.GetLength(1)];
        for (int row = 0; row < picture.GetLength(0); row++)
            for (int column = 0; column < picture.GetLength(1); column++)
                changed[row, column] = change(picture[row, column]);
        return changed;
    }

    static float Clamp01(float value) => Math.Clamp(value, 0f, 1f);
    static byte ToByte(float value) => (byte)MathF.Round(Clamp01(value) * 255f);
}
