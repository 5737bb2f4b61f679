// Sprite: the picture at the top of the original Fashion-MNIST README, remade from the data. Every class
// takes the same number of rows of seeded-random examples, classes in label order, images edge to edge.
using System.Collections.Generic;
using System.IO;

public static class Sprite
{
    /// <summary>The images of the sprite in reading order: class 0's rows first, then class 1's, and so on.</summary>
    public static int[] Layout(LabeledImages data, int rowsPerClass = 3, int columns = 30, int seed = 0)
    {
        var layout = new List<int>();
        for (int label = 0; label < data.ClassCount; label++)
        {
            int[] examples = data.ExamplesOfClass(label, rowsPerClass * columns, seed + label);
            if (examples.Length < rowsPerClass * columns)
                throw new System.ArgumentException($"class {label} has only {examples.Length} images, the sprite needs {rowsPerClass * columns}");
            layout.AddRange(examples);
        }
        return layout.ToArray();
    }

    public static PngImage Render(LabeledImages data, int rowsPerClass = 3, int columns = 30, int seed = 0) =>
        ImageGrid.Tiles(data, Layout(data, rowsPerClass, columns, seed), columns, compression: 9);

    /// <summary>
    /// Where the README's copy of the sprite lives (committed). Notebook 02 never writes it: the cell that draws the
    /// sprite is tagged for the main command's export, which puts the picture of a full run in place.
    /// </summary>
    public static string ReadmePicturePath => Path.Combine(ProjectFolders.Notebooks, "images", "fashion-mnist-sprite.png");
}
