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
        Assert.Throws<ArgumentException>(() => new ImageGrid().Render(data, [0, 1], ["only one"]));
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
    }
}
