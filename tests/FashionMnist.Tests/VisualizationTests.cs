using Xunit;

public class SpriteTests
{
    // 10 classes, 12 images each, every image filled with its own index so tiles can be recognised.
    static LabeledImages Numbered()
    {
        int count = 120;
        var pixels = new byte[count * 4 * 3];
        for (int i = 0; i < count; i++) pixels.AsSpan(i * 12, 12).Fill((byte)i);
        return new LabeledImages(pixels, Enumerable.Range(0, count).Select(i => (byte)(i % 10)).ToArray(), 4, 3);
    }

    [Fact]
    public void Sprite_gives_each_class_its_rows_in_label_order()
    {
        var data = Numbered();
        int[] layout = Sprite.Layout(data, rowsPerClass: 2, columns: 5, seed: 1);
        Assert.Equal(100, layout.Length);
        for (int position = 0; position < layout.Length; position++)
            Assert.Equal(position / 10, data.Labels[layout[position]]);
        Assert.Equal(layout.Length, layout.Distinct().Count());
    }

    [Fact]
    public void Sprite_is_the_same_for_the_same_seed_and_differs_for_another()
    {
        var data = Numbered();
        Assert.Equal(Sprite.Layout(data, 1, 5, seed: 4), Sprite.Layout(data, 1, 5, seed: 4));
        Assert.NotEqual(Sprite.Layout(data, 1, 5, seed: 4), Sprite.Layout(data, 1, 5, seed: 5));
    }

    [Fact]
    public void Sprite_picture_has_the_size_of_its_layout_and_the_source_pixels()
    {
        var data = Numbered();
        int[] layout = Sprite.Layout(data, rowsPerClass: 1, columns: 6, seed: 2);
        PngImage picture = Sprite.Render(data, rowsPerClass: 1, columns: 6, seed: 2);
        Assert.Equal((6 * 3, 10 * 4), (picture.Width, picture.Height));
        byte[] gray = picture.DecodeGray();
        for (int position = 0; position < layout.Length; position++)
        {
            int top = position / 6 * 4, left = position % 6 * 3;
            for (int r = 0; r < 4; r++)
                for (int c = 0; c < 3; c++)
                    Assert.Equal(data.Image(layout[position])[r * 3 + c], gray[(top + r) * picture.Width + left + c]);
        }
    }

    [Fact]
    public void Sprite_needs_enough_images_of_every_class()
    {
        var error = Assert.Throws<ArgumentException>(() => Sprite.Layout(Numbered(), rowsPerClass: 3, columns: 5));
        Assert.Contains("class 0 has only 12 images, the sprite needs 15", error.Message);
    }
}

public class ImageGridTests
{
    [Fact]
    public void Tiles_invert_to_dark_on_white_and_pad_the_last_row_white()
    {
        var data = new LabeledImages([0, 255, 10, 20], [0, 1, 2, 3], 1, 1);
        PngImage picture = ImageGrid.Tiles(data, [0, 1, 2], columns: 2, invert: true);
        Assert.Equal((2, 2), (picture.Width, picture.Height));
        Assert.Equal(new byte[] { 255, 0, 245, 255 }, picture.DecodeGray());
    }

    [Fact]
    public void Captioned_grid_is_one_cell_per_image_plus_gaps()
    {
        var data = new LabeledImages(new byte[6 * 4], [0, 1, 2, 3, 4, 5], 2, 2);
        PngImage picture = new ImageGrid { Columns = 4, Scale = 3, Gap = 1 }.Render(data, [0, 1, 2, 3, 4, 5]);
        Assert.Equal(4 * 6 + 5, picture.Width);
        Assert.Equal(2 * 6 + 3, picture.Height);
    }

    [Fact]
    public void Grid_refuses_a_caption_count_that_does_not_match()
    {
        var data = new LabeledImages(new byte[2], [0, 1], 1, 1);
        Assert.Contains("1 captions for 2 images", Assert.Throws<ArgumentException>(() => new ImageGrid().Render(data, [0, 1], ["only one"])).Message);
        Assert.Contains("no images to draw", Assert.Throws<ArgumentException>(() => new ImageGrid().Render(data, [])).Message);
        Assert.Contains("an image of 3 pixels is not 2x2",
            Assert.Throws<ArgumentException>(() => new ImageGrid().Render([new byte[3]], rows: 2, columns: 2)).Message);
    }

    // Three 1x2 images (a dark and a light pixel side by side), each image its own shade, in a grid of 2 columns.
    static readonly byte[][] Shaded = [[10, 100], [20, 110], [30, 120]];

    [Fact]
    public void Grid_draws_each_image_scaled_in_its_cell_between_gaps_of_background()
    {
        const int scale = 3, gap = 2;
        PngImage picture = new ImageGrid { Columns = 2, Scale = scale, Gap = gap }.Render(Shaded, rows: 1, columns: 2);
        int cellWidth = 2 * scale, cellHeight = scale;
        Assert.Equal((2 * cellWidth + 3 * gap, 2 * cellHeight + 3 * gap), (picture.Width, picture.Height));
        byte[] gray = picture.DecodeGray();
        byte At(int x, int y) => gray[y * picture.Width + x];
        for (int i = 0; i < 4; i++)
        {
            int left = gap + i % 2 * (cellWidth + gap), top = gap + i / 2 * (cellHeight + gap);
            for (int y = 0; y < cellHeight; y++)
                for (int x = 0; x < cellWidth; x++)
                    Assert.Equal(i < 3 ? Shaded[i][x / scale] : 255, At(left + x, top + y));
        }
        for (int y = 0; y < picture.Height; y++)
            for (int x = 0; x < gap; x++)
                Assert.Equal(255, At(x, y));
        Assert.All(Enumerable.Range(0, picture.Width), x => Assert.Equal(255, At(x, cellHeight + gap)));
    }

    [Fact]
    public void Inverted_grid_draws_dark_on_a_chosen_background()
    {
        PngImage picture = new ImageGrid { Columns = 3, Scale = 1, Gap = 1, Invert = true, Background = SkiaSharp.SKColors.Black }
            .Render(Shaded, rows: 1, columns: 2);
        byte[] gray = picture.DecodeGray();
        Assert.Equal((3 * 2 + 4, 3), (picture.Width, picture.Height));
        Assert.Equal(new byte[] { 0, 245, 155, 0, 235, 145, 0, 225, 135, 0 }, gray.AsSpan(picture.Width, picture.Width).ToArray());
        Assert.All(gray.Take(picture.Width), p => Assert.Equal(0, p));
    }

    [Fact]
    public void Captions_take_a_line_under_each_image_and_long_ones_are_cut_to_their_cell()
    {
        const int scale = 20, gap = 4;
        var grid = new ImageGrid { Columns = 2, Scale = scale, Gap = gap };
        byte[][] white = [Enumerable.Repeat((byte)255, 4).ToArray(), Enumerable.Repeat((byte)255, 4).ToArray()];
        PngImage picture = grid.Render(white, rows: 2, columns: 2, captions: ["Bag", new string('W', 40)]);
        using var font = new SkiaSharp.SKFont(SkiaSharp.SKTypeface.Default, grid.CaptionSize);
        int captionHeight = (int)Math.Ceiling(font.Spacing) + 3, cellWidth = 2 * scale;
        Assert.Equal(2 * scale + captionHeight + 2 * gap, picture.Height);
        Assert.Equal(2 * cellWidth + 3 * gap, picture.Width);
        byte[] gray = picture.DecodeGray();
        // The caption's ink: dark pixels, all below the image, within its own cell, centred under it.
        var ink = Enumerable.Range(0, gray.Length).Where(i => gray[i] < 128).Select(i => (X: i % picture.Width, Y: i / picture.Width)).ToList();
        Assert.NotEmpty(ink);
        Assert.All(ink, p => Assert.InRange(p.Y, gap + 2 * scale, picture.Height - gap - 1));
        var first = ink.Where(p => p.X < gap + cellWidth).ToList();
        var second = ink.Where(p => p.X >= 2 * gap + cellWidth).ToList();
        Assert.Equal(ink.Count, first.Count + second.Count);
        Assert.InRange((first.Min(p => p.X) + first.Max(p => p.X)) / 2.0, gap + cellWidth / 2.0 - 2, gap + cellWidth / 2.0 + 2);
        Assert.True(first.Max(p => p.X) - first.Min(p => p.X) < cellWidth / 2, "a short caption is drawn whole, not cut");
        Assert.All(second, p => Assert.InRange(p.X, 2 * gap + cellWidth, 2 * gap + 2 * cellWidth - 1));
        Assert.True(second.Max(p => p.X) - second.Min(p => p.X) > cellWidth / 2, "the cut caption still fills most of its cell");
    }
}

public class ClassStatisticsTests
{
    // Class 0: images of 0 and 255 (mean 0.5, std 0.5); class 1: two images of 51 (mean 0.2, std 0).
    static readonly LabeledImages Data = new([0, 0, 255, 255, 51, 51, 51, 51], [0, 0, 1, 1], 1, 2, classCount: 2);

    [Fact]
    public void Mean_and_deviation_images_are_per_class_and_per_pixel()
    {
        var stats = ClassStatistics.Of(Data);
        Assert.Equal(new[] { 0.5f, 0.5f }, stats.Means[0]);
        Assert.Equal(0.2f, stats.Means[1][0], 5);
        Assert.Equal(0.5f, stats.StandardDeviations[0][1], 5);
        Assert.Equal(0f, stats.StandardDeviations[1][0], 5);
    }

    [Fact]
    public void Distance_matrix_is_symmetric_with_a_zero_diagonal()
    {
        double[,] d = ClassStatistics.Of(Data).MeanDistances();
        Assert.Equal(0, d[0, 0]);
        Assert.Equal(d[0, 1], d[1, 0]);
        Assert.Equal(Math.Sqrt(2 * 0.3 * 0.3), d[0, 1], 5);
    }

    [Fact]
    public void Closest_pairs_come_first()
    {
        var data = new LabeledImages([0, 10, 200], [0, 1, 2], 1, 1, classCount: 3);
        var pairs = ClassStatistics.Of(data).ClosestPairs();
        Assert.Equal((0, 1), (pairs[0].A, pairs[0].B));
        Assert.Equal((0, 2), (pairs[^1].A, pairs[^1].B));
    }

    [Fact]
    public void Intensity_histograms_are_shares_per_class()
    {
        double[][] histograms = ClassStatistics.IntensityHistograms(Data, bins: 2);
        Assert.Equal(new[] { 0.5, 0.5 }, histograms[0]);
        Assert.Equal(new[] { 1.0, 0.0 }, histograms[1]);
    }

    [Fact]
    public void Difference_image_is_mid_gray_where_equal()
    {
        Assert.Equal(new byte[] { 128, 255, 0 }, ClassStatistics.DifferenceImage([0.3f, 1f, 0f], [0.3f, 0f, 1f]));
    }

    [Fact]
    public void Difference_image_contrast_amplifies_the_same_for_every_pixel_and_clips()
    {
        Assert.Equal(new byte[] { 128, 166, 255, 0 }, ClassStatistics.DifferenceImage([0.5f, 0.6f, 0.9f, 0f], [0.5f, 0.5f, 0.1f, 1f], contrast: 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => ClassStatistics.DifferenceImage([0f], [0f], contrast: 0));
        Assert.Contains("2 and 1 pixels", Assert.Throws<ArgumentException>(() => ClassStatistics.DifferenceImage([0f, 0f], [0f])).Message);
        Assert.Contains("the contrast must be positive", Assert.Throws<ArgumentOutOfRangeException>(() => ClassStatistics.DifferenceImage([0f], [0f], contrast: -1)).Message);
    }

    [Fact]
    public void Float_pixels_become_bytes_stretched_to_white_only_when_asked()
    {
        Assert.Equal(new byte[] { 0, 51, 128, 255, 255 }, ClassStatistics.ToBytes([0f, 0.2f, 0.5f, 1f, 1.5f]));
        Assert.Equal(new byte[] { 0, 128, 255 }, ClassStatistics.ToBytes([0f, 0.125f, 0.25f], stretch: true));
        Assert.Equal(new byte[] { 0, 0 }, ClassStatistics.ToBytes([0f, 0f], stretch: true));
    }
}

public class RealDataVisualizationTests
{
    [Fact]
    public void Shirt_and_t_shirt_and_pullover_and_coat_are_among_the_closest_class_means()
    {
        var pairs = ClassStatistics.Of(FashionMnist.Load().Train).ClosestPairs().Take(6).Select(p => (p.A, p.B)).ToList();
        Assert.Contains((0, 6), pairs); // T-shirt/top and Shirt
        Assert.Contains((2, 4), pairs); // Pullover and Coat
    }
}

public class ReadmePictureTests
{
    // The committed README picture (put in place by the main command's export of a full run, never written by a
    // notebook) against a sprite made here from the data: fails when the two drift apart.
    [Fact]
    public void Readme_sprite_is_the_one_the_code_makes_from_the_training_set()
    {
        var expected = Sprite.Render(FashionMnist.Load().Train, rowsPerClass: 3, columns: 30, seed: 0);
        var committed = File.ReadAllBytes(Sprite.ReadmePicturePath);
        Assert.Equal(expected.DecodeGray(), new PngImage(committed, 0, 0).DecodeGray());
    }
}

public class HtmlTableTests
{
    [Fact]
    public void Table_escapes_cells_and_formats_numbers_invariantly()
    {
        string html = HtmlTable.Sortable(["Model", "Accuracy"], [["<kNN & co>", 0.85349], ["LightGbm", 0.9]]);
        Assert.Contains("<td>&lt;kNN &amp; co&gt;</td>", html);
        Assert.Contains(">0.8535</td>", html);
        Assert.Equal(2, System.Text.RegularExpressions.Regex.Matches(html, "<tr><td").Count);
        Assert.Contains("addEventListener(\"click\"", html);
    }

    [Fact]
    public void Filter_lists_each_value_of_its_column_once_and_is_absent_unless_asked()
    {
        IReadOnlyList<object>[] rows = [["LightGbm", 0.9], ["<kNN>", 0.85], ["LightGbm", 0.87]];
        string html = HtmlTable.Sortable(["Family", "Accuracy"], rows, filterColumn: 0);

        Assert.Equal(new[] { "", "&lt;kNN&gt;", "LightGbm" },
            System.Text.RegularExpressions.Regex.Matches(html, "<option(?: value=\"\")?>([^<]*)</option>").Select(m => m.Groups[1].Value == "all" ? "" : m.Groups[1].Value));
        Assert.Contains("<label>Family: <select", html);
        Assert.DoesNotContain("<select", HtmlTable.Sortable(["Family", "Accuracy"], rows));
        Assert.Contains("row.cells[0].textContent !== select.value", html);
        Assert.True(html.IndexOf("<select") < html.IndexOf("<table"), "the list is above the table");
    }

    [Fact]
    public void Headers_sort_on_click_and_numbers_of_every_type_align_right()
    {
        string html = HtmlTable.Sortable(["A <b>", "B"], [[1.5f, 7], [3L, null], ["text", 2.25]]);
        Assert.Contains("<th style=\"cursor:pointer\">A &lt;b&gt;</th><th style=\"cursor:pointer\">B</th>", html);
        Assert.Contains("<tr><td style=\"text-align:right\">1.5</td><td style=\"text-align:right\">7</td></tr>", html);
        Assert.Contains("<tr><td style=\"text-align:right\">3</td><td></td></tr>", html);
        Assert.Contains("<tr><td>text</td><td style=\"text-align:right\">2.25</td></tr>", html);
        string id = System.Text.RegularExpressions.Regex.Match(html, "<table id=\"(t[0-9a-f]{8})\">").Groups[1].Value;
        Assert.Contains($"document.getElementById(\"{id}\")", html);
        Assert.NotEqual(id, System.Text.RegularExpressions.Regex.Match(HtmlTable.Sortable(["A"], []), "<table id=\"(t[0-9a-f]{8})\">").Groups[1].Value);
    }
}

public class PngImageTests
{
    [Fact]
    public void Thumbnail_scales_the_longer_side_down_and_never_up()
    {
        var data = new LabeledImages(Enumerable.Repeat((byte)200, 8 * 4).ToArray(), [0], 4, 8);
        PngImage picture = ImageGrid.Tiles(data, [0], columns: 1);
        Assert.Equal((8, 4), (picture.Width, picture.Height));

        PngImage small = picture.Thumbnail(2);
        Assert.Equal((2, 1), (small.Width, small.Height));
        Assert.Equal(2, small.DecodeGray().Length);
        Assert.All(small.DecodeGray(), p => Assert.InRange(p, 195, 205));

        PngImage tall = ImageGrid.Tiles(new LabeledImages(new byte[8 * 4], [0], 8, 4), [0], columns: 1).Thumbnail(4);
        Assert.Equal((2, 4), (tall.Width, tall.Height));
        PngImage same = picture.Thumbnail(100);
        Assert.Equal((8, 4), (same.Width, same.Height));
        Assert.Equal(32, same.DecodeGray().Length);
    }
}
