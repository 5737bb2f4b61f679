using Xunit;

public class BenchmarkCatalogTests
{
    [Fact]
    public void Grid_is_the_cartesian_product_of_parameter_values()
    {
        var configurations = BenchmarkCatalog.Grid("KNearestNeighbors", new() { ["k"] = ["1", "5"], ["metric"] = ["Euclidean", "Manhattan", "x"] },
            (p, seed) => new KNearestNeighbors(p.Int("k"))).ToList();

        Assert.Equal(6, configurations.Count);
        Assert.Equal(6, configurations.Select(c => c.Key).Distinct().Count());
        Assert.Equal("KNearestNeighbors k=1, metric=Euclidean", configurations[0].Key);
        Assert.All(configurations, c => Assert.Equal("KNeighborsClassifier", c.PaperFamily));
    }

    [Fact]
    public void Every_family_of_the_default_grid_has_a_paper_family_and_unique_keys()
    {
        var grid = BenchmarkCatalog.DefaultGrid();

        Assert.Equal(BenchmarkCatalog.PaperFamilyOf.Keys.OrderBy(f => f), grid.Select(c => c.Family).Distinct().OrderBy(f => f));
        Assert.Equal(grid.Count, grid.Select(c => c.Key).Distinct().Count());
    }

    [Fact]
    public void Quick_grid_has_one_configuration_per_family()
    {
        var quick = BenchmarkCatalog.QuickGrid();

        Assert.Equal(BenchmarkCatalog.PaperFamilyOf.Count, quick.Count);
        Assert.Equal(quick.Count, quick.Select(c => c.Family).Distinct().Count());
    }

    [Fact]
    public void Unknown_family_is_refused_with_the_known_ones()
    {
        var error = Assert.Throws<ArgumentException>(() => BenchmarkCatalog.Grid("Xgboost", new(), (p, s) => null).ToList());
        Assert.Contains("unknown family Xgboost", error.Message);
        Assert.Contains("LightGbm", error.Message);
    }
}
