using SkiaSharp;
using TorchSharp;
using Xunit;
using Rgb = PictureToFashionMnist.Rgb;

/// <summary>
/// Notebook 05's pictures: any picture brought to a 28x28 Fashion-MNIST image the way the data set was made
/// (PictureToFashionMnist), the shipped example picture (ExamplePicture), an image beside its class
/// probabilities (ProbabilityChart) and normalized tensors back to pixels (ImageTensors.PixelsOf).
/// The pictures are drawn here by code.
/// </summary>
[Collection(TorchRandomCollection.Name)]
public class CnnPictureTests : IDisposable
{
    readonly string _folder = Directory.CreateTempSubdirectory("cnn-picture-tests-").FullName;
    public void Dispose() => Directory.Delete(_folder, recursive: true);

    static readonly Rgb White = new(1, 1, 1), Black = new(0, 0, 0);

    /// <summary>A width x height picture of <paramref name="background"/> with a rectangle of <paramref name="item"/>.</summary>
    static Rgb[,] Picture(int width, int height, Rgb background, Rgb item, int left, int top, int itemWidth, int itemHeight)
    {
        var picture = new Rgb[height, width];
        for (int row = 0; row < height; row++)
            for (int column = 0; column < width; column++)
                picture[row, column] = row >= top && row < top + itemHeight && column >= left && column < left + itemWidth ? item : background;
        return picture;
    }

    /// <summary>The rows and columns of the 28x28 image whose pixels differ from its corner by more than <paramref name="threshold"/>.</summary>
    static (int Top, int Bottom, int Left, int Right) Extent(byte[] pixels, int threshold = 40)
    {
        int top = 28, bottom = -1, left = 28, right = -1;
        for (int i = 0; i < pixels.Length; i++)
            if (Math.Abs(pixels[i] - pixels[0]) > threshold)
            {
                int row = i / 28, column = i % 28;
                top = Math.Min(top, row); bottom = Math.Max(bottom, row); left = Math.Min(left, column); right = Math.Max(right, column);
            }
        return (top, bottom, left, right);
    }

    string SavePng(SKBitmap bitmap, string name, SKEncodedImageFormat format = SKEncodedImageFormat.Png)
    {
        string path = Path.Combine(_folder, name);
        using var data = bitmap.Encode(format, 95);
        File.WriteAllBytes(path, data.ToArray());
        return path;
    }

    [Theory]
    [InlineData(600, 400)]
    [InlineData(30, 500)]
    [InlineData(28, 28)]
    [InlineData(9, 7)]
    public void Any_size_becomes_28_by_28_grey_bytes(int width, int height)
    {
        var picture = Picture(width, height, White, new Rgb(0.2f, 0.3f, 0.6f), width / 4, height / 4, Math.Max(1, width / 2), Math.Max(1, height / 2));
        byte[] pixels = PictureToFashionMnist.Convert(picture);
        Assert.Equal(28 * 28, pixels.Length);
    }

    [Fact]
    public void The_longest_edge_of_the_item_becomes_28_pixels_and_keeps_its_shape()
    {
        var picture = Picture(500, 300, White, Black, 100, 50, 200, 100); // an item twice as wide as tall
        var (top, bottom, left, right) = Extent(PictureToFashionMnist.Convert(picture));
        Assert.Equal(28, right - left + 1);
        Assert.Equal(14, bottom - top + 1);
    }

    [Fact]
    public void The_item_is_centred_wherever_it_was()
    {
        var picture = Picture(400, 400, White, Black, 0, 0, 200, 80); // in the top-left corner of a big canvas
        picture[0, 0] = White; // the corner stays background
        var (top, bottom, left, right) = Extent(PictureToFashionMnist.Convert(picture));
        Assert.InRange(top - (27 - bottom), -1, 1);   // as much room above as below, give or take a pixel
        Assert.InRange(left - (27 - right), -1, 1);
    }

    [Fact]
    public void A_dark_item_on_white_becomes_light_on_black()
    {
        byte[] pixels = PictureToFashionMnist.Convert(Picture(300, 300, White, Black, 50, 50, 200, 100));
        Assert.Equal(0, pixels[0]);                 // the background (above and below the wide item): black
        Assert.Equal(255, pixels[14 * 28 + 14]);    // the middle of the item: white
    }

    [Fact]
    public void Colours_become_the_grey_of_their_negated_brightness()
    {
        // Flat areas are left alone by sharpening, so the middle of a pure red item is exactly its negated luma.
        byte[] pixels = PictureToFashionMnist.Convert(Picture(300, 300, White, new Rgb(1, 0, 0), 50, 50, 200, 200));
        Assert.Equal((byte)MathF.Round((1 - 0.299f) * 255), pixels[14 * 28 + 14]);
    }

    [Fact]
    public void A_picture_on_a_dark_background_is_already_light_on_dark_and_is_not_negated()
    {
        byte[] pixels = PictureToFashionMnist.Convert(Picture(300, 300, Black, White, 50, 50, 200, 100));
        Assert.Equal(0, pixels[0]);
        Assert.Equal(255, pixels[14 * 28 + 14]);
    }

    [Fact]
    public void Background_within_five_percent_of_the_corners_colour_is_trimmed_and_the_item_kept()
    {
        var picture = Picture(200, 200, White, Black, 60, 60, 80, 40);
        var random = new Random(1);
        for (int row = 0; row < 200; row++)
            for (int column = 0; column < 200; column++)
                if (picture[row, column] == White && random.Next(3) == 0) picture[row, column] = new Rgb(0.96f, 0.96f, 0.96f); // 4 % off
        var trimmed = PictureToFashionMnist.TrimBackground(picture);
        Assert.Equal(80, trimmed.GetLength(1));
        Assert.Equal(40, trimmed.GetLength(0));
    }

    [Fact]
    public void Subsampling_keeps_pixels_as_they_are_without_blending()
    {
        var checkerboard = new Rgb[56, 56];
        for (int row = 0; row < 56; row++)
            for (int column = 0; column < 56; column++)
                checkerboard[row, column] = (row / 2 + column / 2) % 2 == 0 ? White : Black;
        var sampled = PictureToFashionMnist.SampleLongestEdge(checkerboard);
        Assert.Equal(28, sampled.GetLength(0));
        Assert.All(sampled.Cast<Rgb>(), p => Assert.True(p == White || p == Black, $"{p} is a blend"));
    }

    [Fact]
    public void Sharpening_leaves_flat_areas_alone_and_steepens_outlines()
    {
        var grey = new Rgb(0.5f, 0.5f, 0.5f);
        var flat = Picture(10, 10, grey, grey, 0, 0, 1, 1);
        Assert.Equal(flat.Cast<Rgb>(), PictureToFashionMnist.Sharpen(flat).Cast<Rgb>());
        var step = Picture(10, 10, new Rgb(0.3f, 0.3f, 0.3f), new Rgb(0.7f, 0.7f, 0.7f), 5, 0, 5, 10); // dark left half, light right half
        var sharpened = PictureToFashionMnist.Sharpen(step);
        Assert.True(sharpened[5, 4].R < 0.3f, "the dark side of the outline gets darker");
        Assert.True(sharpened[5, 5].R > 0.7f, "the light side gets lighter");
        Assert.Equal(0.3f, sharpened[5, 1].R, 5);
    }

    [Fact]
    public void A_png_file_with_a_transparent_background_reads_as_on_white()
    {
        using var bitmap = new SKBitmap(new SKImageInfo(120, 80, SKColorType.Rgba8888, SKAlphaType.Premul));
        bitmap.Erase(SKColors.Transparent);
        using (var canvas = new SKCanvas(bitmap))
            canvas.DrawRect(SKRect.Create(30, 20, 60, 40), new SKPaint { Color = SKColors.Black });
        byte[] fromTransparent = PictureToFashionMnist.FromFile(SavePng(bitmap, "transparent.png"));
        byte[] fromWhite = PictureToFashionMnist.Convert(Picture(120, 80, White, Black, 30, 20, 60, 40));
        Assert.Equal(fromWhite, fromTransparent);
    }

    [Fact]
    public void A_jpeg_photo_in_colour_converts_as_well()
    {
        using var bitmap = new SKBitmap(new SKImageInfo(640, 480, SKColorType.Rgba8888, SKAlphaType.Opaque));
        bitmap.Erase(SKColors.White);
        using (var canvas = new SKCanvas(bitmap))
            canvas.DrawOval(SKRect.Create(200, 100, 240, 300), new SKPaint { Color = new SKColor(180, 30, 40), IsAntialias = true });
        byte[] pixels = PictureToFashionMnist.FromFile(SavePng(bitmap, "photo.jpg", SKEncodedImageFormat.Jpeg));
        Assert.Equal(784, pixels.Length);
        Assert.True(pixels[0] < 20, $"background {pixels[0]}: dark");
        Assert.True(pixels[14 * 28 + 14] > 150, $"middle {pixels[14 * 28 + 14]}: light");
        var (top, bottom, left, right) = Extent(pixels);
        Assert.InRange(bottom - top + 1, 26, 28); // the oval is taller than wide: its height becomes about 28
        Assert.InRange(right - left + 1, 18, 25);
    }

    [Fact]
    public void A_missing_picture_file_is_named_in_the_error()
    {
        string path = Path.Combine(_folder, "no-such-picture.png");
        var error = Assert.Throws<FileNotFoundException>(() => PictureToFashionMnist.FromFile(path));
        Assert.Contains(path, error.Message);
    }

    [Fact]
    public void A_file_that_is_not_a_picture_is_named_in_the_error()
    {
        string path = Path.Combine(_folder, "notes.png");
        File.WriteAllText(path, "these are not pixels");
        var error = Assert.Throws<InvalidDataException>(() => PictureToFashionMnist.FromFile(path));
        Assert.Contains(path, error.Message);
        Assert.Contains("not a picture", error.Message);
    }

    [Fact]
    public void A_picture_of_one_colour_says_there_is_no_item_to_cut_out()
    {
        var error = Assert.Throws<InvalidDataException>(() => PictureToFashionMnist.Convert(Picture(50, 40, White, White, 0, 0, 1, 1), "blank.png"));
        Assert.Contains("blank.png", error.Message);
        Assert.Contains("no item", error.Message);
    }

    [Fact]
    public void The_shipped_example_picture_is_what_the_code_makes()
    {
        // Rewrite it after changing ExamplePicture: FASHION_MNIST_WRITE_EXAMPLES=1 dotnet test --filter ~The_shipped_example
        var test = FashionMnist.Load().Test;
        if (Environment.GetEnvironmentVariable("FASHION_MNIST_WRITE_EXAMPLES") == "1") ExamplePicture.Write();
        Assert.True(File.Exists(ExamplePicture.Path), $"{ExamplePicture.Path} is missing");
        PngImage made = ExamplePicture.Render(test);
        using var shipped = SKBitmap.Decode(ExamplePicture.Path);
        using var expected = SKBitmap.Decode(made.Bytes);
        Assert.Equal((expected.Width, expected.Height), (shipped.Width, shipped.Height));
        Assert.True(expected.Pixels.SequenceEqual(shipped.Pixels), $"{ExamplePicture.Path} differs from what ExamplePicture.Render makes: rewrite it");
    }

    [Fact]
    public void The_example_picture_converts_back_to_an_image_the_best_network_knows_as_its_class()
    {
        var test = FashionMnist.Load().Test;
        byte[] pixels = PictureToFashionMnist.FromFile(ExamplePicture.Path);
        var one = new LabeledImages(pixels, [test.Labels[ExamplePicture.TestImageIndex]], 28, 28);
        using var judge = CnnJudge.Load();
        Assert.Equal(1.0, judge.Accuracy(one));
        // Close to the test image it was made from, once aligned: trimming and centring move it by a pixel or two.
        byte[] original = test.Image(ExamplePicture.TestImageIndex).ToArray();
        double best = (from dx in Enumerable.Range(-2, 5) from dy in Enumerable.Range(-2, 5) select Correlation(Shifted(pixels, dx, dy), original)).Max();
        Assert.True(best > 0.85, $"correlation with the test image, at best {best:F3}");
    }

    static byte[] Shifted(byte[] image, int dx, int dy) =>
        Enumerable.Range(0, 784).Select(i => (i / 28 - dy, i % 28 - dx) is var (r, c) && r is >= 0 and < 28 && c is >= 0 and < 28 ? image[r * 28 + c] : (byte)0).ToArray();

    static double Correlation(byte[] a, byte[] b)
    {
        double meanA = a.Average(x => (double)x), meanB = b.Average(x => (double)x);
        double ab = a.Zip(b, (x, y) => (x - meanA) * (y - meanB)).Sum();
        return ab / Math.Sqrt(a.Sum(x => (x - meanA) * (x - meanA)) * b.Sum(y => (y - meanB) * (y - meanB)));
    }

    [Fact]
    public void Probability_chart_draws_the_image_beside_one_bar_per_class()
    {
        var pixels = Enumerable.Range(0, 784).Select(i => (byte)(i % 256)).ToArray();
        var probabilities = new float[] { 0.05f, 0.05f, 0.5f, 0.05f, 0.05f, 0.05f, 0.05f, 0.05f, 0.1f, 0.05f };
        string html = Plotly.NET.GenericChart.toChartHTML(ProbabilityChart.Of(pixels, 28, 28, probabilities, FashionMnist.ClassNames, "a title"));
        Assert.Contains("\"type\":\"heatmap\"", html);
        Assert.Contains("\"type\":\"bar\"", html);
        Assert.Contains("\"xaxis\":\"x2\"", html); // the bars on their own axes, beside the picture
        Assert.Contains("Ankle boot", html);
        Assert.Contains("50.0", html);              // the bars are labelled with their probability
    }

    [Fact]
    public void Probability_chart_is_the_picture_the_right_way_up_beside_bars_with_the_most_probable_in_orange()
    {
        // A 3x2 image (Plotly draws a heatmap's first row at the bottom, so the rows go in last first), three classes.
        var chart = ProbabilityChart.Of(new byte[] { 0, 1, 2, 3, 4, 5 }, 3, 2, [0.25f, 0.75f, 0.5f], ["a", "b", "c"], "a title");

        Assert.Equal(
            """[{"type":"heatmap","z":[[4,5],[2,3],[0,1]],"colorscale":"Greys","showscale":false,"showlegend":false,"hoverinfo":"z"}""" +
            """,{"type":"bar","x":[0.25,0.75,0.5],"y":["a","b","c"],"text":["25.0%","75.0%","50.0%"]""" +
            ""","orientation":"h","marker":{"color":["#1f77b4","#ff7f0e","#1f77b4"]}""" +
            ""","xaxis":"x2","yaxis":"y2","textposition":"outside","showlegend":false}]""",
            ChartsTests.Traces(chart).GetRawText().Replace(" %", "%"));
        Assert.Equal(
            """{"title":{"text":"a title"},"xaxis":{"domain":[0.0,0.36],"visible":false,"constrain":"domain"}""" +
            ""","yaxis":{"visible":false,"scaleanchor":"x","constrain":"domain"}""" +
            ""","xaxis2":{"domain":[0.52,1.0],"range":[0.0,1.15],"title":{"text":"probability"},"tickformat":".0%","anchor":"y2"}""" +
            ""","yaxis2":{"anchor":"x2","autorange":"reversed","type":"category"},"width":820,"height":380,"margin":{"l":20,"r":20,"t":60,"b":50}}""",
            ChartsTests.Layout(chart).GetRawText());
        Assert.Contains("5 pixels do not make an image of 3x2",
            Assert.Throws<ArgumentException>(() => ProbabilityChart.Of(new byte[5], 3, 2, [1f], ["a"], "t")).Message);
    }

    [Fact]
    public void Sharpening_adds_each_pixels_difference_from_its_gaussian_blur()
    {
        // Grey 0.5 with 0.7 in the middle of 3x3. The blur's weights are e^(-d²/2) per axis (e = e^(-1/2) beside the
        // middle, e² at the corners; the edges repeat outwards), summing to (1 + 2e)². The middle becomes
        // 2·0.7 - (0.5 + 0.2/(1 + 2e)²), a side 0.5 - 0.2e/(1 + 2e)², a corner 0.5 - 0.2e²/(1 + 2e)².
        var picture = Picture(3, 3, new Rgb(0.5f, 0.5f, 0.5f), new Rgb(0.7f, 0.7f, 0.7f), 1, 1, 1, 1);
        double e = Math.Exp(-0.5), total = (1 + 2 * e) * (1 + 2 * e);
        double middle = 1.4 - (0.5 + 0.2 / total), side = 0.5 - 0.2 * e / total, corner = 0.5 - 0.2 * e * e / total;
        double[] expected = [corner, side, corner, side, middle, side, corner, side, corner];

        var sharpened = PictureToFashionMnist.Sharpen(picture);

        Assert.Equal(expected, sharpened.Cast<Rgb>().Select(p => (double)p.R), (a, b) => Math.Abs(a - b) < 1e-6);
        Assert.All(sharpened.Cast<Rgb>(), p => Assert.Equal((p.R, p.R), (p.G, p.B)));
    }

    [Fact]
    public void An_item_in_the_top_row_alone_is_trimmed_to_itself()
    {
        var picture = Picture(4, 3, White, Black, 2, 0, 1, 1);
        var trimmed = PictureToFashionMnist.TrimBackground(picture);
        Assert.Equal((1, 1, Black), (trimmed.GetLength(0), trimmed.GetLength(1), trimmed[0, 0]));
    }

    [Fact]
    public void A_picture_too_wide_or_too_tall_for_the_square_is_refused()
    {
        foreach (var (width, height) in new[] { (29, 1), (1, 29) })
            Assert.Contains($"a {width}x{height} picture does not fit in 28x28: sample it first",
                Assert.Throws<ArgumentException>(() => PictureToFashionMnist.ExtendToSquare(new Rgb[height, width], White)).Message);
        Assert.Equal(28, PictureToFashionMnist.ExtendToSquare(new Rgb[28, 28], White).GetLength(0));
    }

    [Fact]
    public void Steps_picture_sets_every_step_side_by_side_at_one_height_with_its_caption()
    {
        // 20x10, a black 6x4 block on white. At height 112: the picture 224 wide, trimmed 6x4 → 168, sampled to 28x19
        // and sharpened → 165 each, then three 28x28 steps → 112 each; 8-pixel gaps around and between: 1,122 x (112 + 18 + 16).
        var steps = PictureToFashionMnist.StepsPicture(Picture(20, 10, White, Black, 7, 3, 6, 4));
        Assert.Equal((1122, 146), (steps.Width, steps.Height));

        byte[] grey = steps.DecodeGray();
        byte At(int x, int y) => grey[y * steps.Width + x];
        int[] lefts = [8, 240, 416, 589, 762, 882, 1002];
        int[] widths = [224, 168, 165, 165, 112, 112, 112];
        Assert.Equal(230, At(0, 0));              // the light grey around the pictures
        Assert.Equal(255, At(9, 9));              // the picture's white corner
        Assert.Equal(0, At(lefts[1] + 84, 64));   // the trimmed block is black throughout
        Assert.Equal(255, At(1002 + 56, 64));     // the last step, grey: the block light on dark
        Assert.Equal(0, At(1002 + 2, 10));
        for (int i = 0; i < lefts.Length; i++)
        {
            // Each caption is dark ink under its own picture, in the band below the pictures.
            int darkest = Enumerable.Range(lefts[i], widths[i]).Min(x => Enumerable.Range(121, 17).Min(y => (int)At(x, y)));
            Assert.True(darkest < 128, $"no caption under picture {i + 1}");
            Assert.Equal(230, At(lefts[i] - 4, 64)); // the gap before it
        }
    }

    [Fact]
    public void Steps_pictures_last_step_shows_the_converted_pixels_themselves()
    {
        // A mid-grey block, so the grey step holds values between 0 and 255: each of the 28x28 pixels, drawn 4x4 at
        // height 112, must be the converted value itself.
        var picture = Picture(20, 10, White, new Rgb(0.5f, 0.4f, 0.3f), 7, 3, 6, 4);
        byte[] pixels = PictureToFashionMnist.Convert(picture);
        Assert.Contains(pixels, value => value is > 20 and < 235);
        var steps = PictureToFashionMnist.StepsPicture(picture);
        byte[] grey = steps.DecodeGray();
        for (int row = 0; row < 28; row++)
            for (int column = 0; column < 28; column++)
                Assert.Equal(pixels[row * 28 + column], grey[(8 + 4 * row + 2) * steps.Width + 1002 + 4 * column + 2]);
    }

    [Fact]
    public void The_example_pictures_index_must_name_an_image_of_the_set()
    {
        var images = new LabeledImages(new byte[2 * 784], new byte[2], 28, 28);
        foreach (int index in new[] { -1, 2 })
            Assert.Contains("the set has images 0 to 1", Assert.Throws<ArgumentOutOfRangeException>(() => ExamplePicture.Render(images, index)).Message);
        Assert.Throws<ArgumentNullException>(() => ExamplePicture.Render(null, 0));
        Assert.True(ExamplePicture.Render(images, 1).Width > 28);
    }

    [Fact]
    public void A_missing_checkpoint_or_training_record_is_named()
    {
        string checkpoint = Path.Combine(_folder, "none.bin");
        using var model = CnnModels.Create("small");
        Assert.Contains($"no checkpoint at {checkpoint}", Assert.Throws<FileNotFoundException>(() => CnnTrainer.LoadCheckpoint(model, checkpoint)).Message);
        Assert.Contains("no training record beside the checkpoint none.bin", Assert.Throws<FileNotFoundException>(() => CnnTrainingRecord.ReadBeside(checkpoint)).Message);
    }

    [Fact]
    public void Probability_chart_needs_one_probability_per_class()
    {
        var error = Assert.Throws<ArgumentException>(() => ProbabilityChart.Of(new byte[784], 28, 28, new float[3], FashionMnist.ClassNames, "t"));
        Assert.Contains("3 probabilities for 10 classes", error.Message);
    }

    [Fact]
    public void Normalized_tensors_turn_back_into_the_same_pixels()
    {
        var pixels = Enumerable.Range(0, 784 * 3).Select(i => (byte)(i * 7 % 256)).ToArray();
        var data = new LabeledImages(pixels, new byte[3], 28, 28);
        using var tensor = ImageTensors.Normalized(data);
        var back = ImageTensors.PixelsOf(tensor);
        Assert.Equal(3, back.Count);
        Assert.Equal(pixels, back.SelectMany(p => p).ToArray());
    }
}
