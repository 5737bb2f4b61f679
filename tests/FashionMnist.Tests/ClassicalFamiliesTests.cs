using Xunit;

/// <summary>The words notebook 04 prints for the grid's families: every family has them.</summary>
public class ClassicalFamiliesTests
{
    [Fact]
    public void Every_family_of_the_catalog_says_what_it_does_in_one_sentence()
    {
        Assert.Equal(BenchmarkCatalog.PaperFamilyOf.Keys.Order(), BenchmarkCatalog.WhatItDoes.Keys.Order());
        Assert.All(BenchmarkCatalog.WhatItDoes, family =>
        {
            Assert.True(family.Value.Length is > 60 and < 400, $"{family.Key}: '{family.Value}' is not one plain sentence");
            Assert.EndsWith(".", family.Value);
            Assert.Equal(1, family.Value.Count(c => c == '.'));
        });
    }

    [Fact]
    public void Every_family_of_both_grids_has_its_sentence()
    {
        foreach (var configuration in BenchmarkCatalog.DefaultGrid().Concat(BenchmarkCatalog.QuickGrid()))
            Assert.True(BenchmarkCatalog.WhatItDoes.ContainsKey(configuration.Family), $"{configuration.Family} says nothing of what it does");
    }
}
