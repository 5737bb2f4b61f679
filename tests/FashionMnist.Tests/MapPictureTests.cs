using SkiaSharp;
using Xunit;

/// <summary>lib/Embedding/MapPicture.cs: maps of the same points side by side as one PNG.</summary>
public class MapPictureTests
{
    static readonly string[] Two = ["first", "second"];

    [Fact]
    public void Maps_stand_side_by_side_with_the_legend_under_them()
    {
        float[] map = [0, 0, 1, 1, 2, 0];
        PngImage picture = new MapPicture { PanelSize = 200 }.Render([("a", map), ("b", map), ("c", map)], [0, 1, 0], Two);
        Assert.Equal(3 * 200 + 4 * 12, picture.Width);
        Assert.InRange(picture.Height, 200 + 3 * 12 + 1, 200 + 120);
        using var bitmap = SKBitmap.Decode(picture.Bytes);
        Assert.Equal((picture.Width, picture.Height), (bitmap.Width, bitmap.Height));
    }

    [Fact]
    public void Each_point_is_drawn_in_its_class_colour_where_the_map_puts_it()
    {
        // Class 0 at the lower left, class 1 at the upper right (y grows upwards, as in the charts). The second of
        // two maps is read: the legend's dots of classes 0 and 1 stand under the first.
        float[] map = [0, 0, 10, 10];
        const int size = 200, gap = 12;
        PngImage picture = new MapPicture { PanelSize = size, DotRadius = 4 }.Render([("first", map), ("second", map)], [0, 1], Two);
        using var bitmap = SKBitmap.Decode(picture.Bytes);
        var blue = Centroid(bitmap, SKColor.Parse(Charts.ClassColors[0]), size + 2 * gap, 2 * size + 2 * gap);
        var orange = Centroid(bitmap, SKColor.Parse(Charts.ClassColors[1]), size + 2 * gap, 2 * size + 2 * gap);
        Assert.True(orange.X - blue.X > size / 2 && blue.Y - orange.Y > size / 2, $"class 0 drawn at {blue}, class 1 at {orange}");
    }

    // The mean position of the pixels of one colour between two columns.
    static (double X, double Y) Centroid(SKBitmap bitmap, SKColor colour, int fromColumn, int toColumn)
    {
        double x = 0, y = 0;
        int count = 0;
        for (int row = 0; row < bitmap.Height; row++)
            for (int column = fromColumn; column < toColumn; column++)
                if (bitmap.GetPixel(column, row) == colour) { x += column; y += row; count++; }
        Assert.True(count > 0, $"no pixel of {colour} in the map");
        return (x / count, y / count);
    }

    [Fact]
    public void A_map_with_the_wrong_number_of_coordinates_is_refused_by_its_caption()
    {
        var error = Assert.Throws<ArgumentException>(() => new MapPicture().Render([("good", [0, 0, 1, 1]), ("short", [0, 0, 1])], [0, 1], Two));
        Assert.Contains("map 'short' has 3 coordinates for 2 points", error.Message);
    }

    [Fact]
    public void A_point_that_is_not_a_finite_number_is_named()
    {
        var error = Assert.Throws<ArgumentException>(() => new MapPicture().Render([("diverged", [0, 0, float.NaN, 1])], [0, 1], Two));
        Assert.Contains("map 'diverged': point 1", error.Message);
    }

    [Fact]
    public void A_class_without_a_name_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => new MapPicture().Render([("map", [0, 0, 1, 1])], [0, 2], Two));
        Assert.Contains("point 1 has class 2, but there are 2 class names", error.Message);
    }

    [Fact]
    public void No_maps_is_refused()
    {
        Assert.Throws<ArgumentException>(() => new MapPicture().Render([], [0, 1], Two));
    }
}
