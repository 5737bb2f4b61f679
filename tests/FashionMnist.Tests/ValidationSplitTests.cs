using Xunit;

/// <summary>The validation split every notebook chooses its models on: sizes, no overlap, class shares, seeds, errors.</summary>
public class ValidationSplitTests
{
    // 100 images of 1x1 pixel whose value is their index; unbalanced classes: 50 of class 0, 30 of class 1, 17 of 2, 3 of 3.
    static readonly int[] ClassSizes = [50, 30, 17, 3];
    static LabeledImages Unbalanced()
    {
        var labels = ClassSizes.SelectMany((n, c) => Enumerable.Repeat((byte)c, n)).ToArray();
        return new LabeledImages(Enumerable.Range(0, labels.Length).Select(i => (byte)i).ToArray(), labels, 1, 1, classCount: 4);
    }

    [Fact]
    public void Validation_has_the_asked_size_and_training_keeps_the_rest()
    {
        var split = ValidationSplit.Of(Unbalanced(), validationCount: 33, seed: 1);
        Assert.Equal(33, split.Validation.Count);
        Assert.Equal(67, split.Train.Count);
        Assert.Equal("67 images to train on, 33 to validate on", split.ToString());
    }

    [Fact]
    public void No_image_is_on_both_sides_and_none_is_lost()
    {
        var split = ValidationSplit.Of(Unbalanced(), validationCount: 33, seed: 1);
        Assert.Empty(split.TrainIndices.Intersect(split.ValidationIndices));
        Assert.Equal(Enumerable.Range(0, 100), split.TrainIndices.Concat(split.ValidationIndices).Order());
    }

    [Fact]
    public void Each_side_holds_the_images_and_labels_of_its_indices()
    {
        var data = Unbalanced();
        var split = ValidationSplit.Of(data, validationCount: 33, seed: 1);
        Assert.Equal(split.ValidationIndices.Select(i => (byte)i), split.Validation.Pixels);
        Assert.Equal(split.ValidationIndices.Select(i => data.Labels[i]), split.Validation.Labels);
        Assert.Equal(split.TrainIndices.Select(i => (byte)i), split.Train.Pixels);
        Assert.Equal(split.TrainIndices.Select(i => data.Labels[i]), split.Train.Labels);
    }

    [Theory]
    [InlineData(33)]
    [InlineData(10)]
    [InlineData(99)]
    public void Every_class_keeps_its_share_within_one_image(int validationCount)
    {
        int[] counts = ValidationSplit.Of(Unbalanced(), validationCount, seed: 5).Validation.CountPerClass();
        for (int c = 0; c < ClassSizes.Length; c++)
        {
            double exact = validationCount * ClassSizes[c] / 100.0;
            Assert.InRange(counts[c], Math.Floor(exact), Math.Ceiling(exact));
        }
    }

    [Fact]
    public void The_same_seed_gives_the_same_split()
    {
        Assert.Equal(ValidationSplit.Of(Unbalanced(), 33, seed: 4).ValidationIndices, ValidationSplit.Of(Unbalanced(), 33, seed: 4).ValidationIndices);
    }

    [Fact]
    public void Different_seeds_give_different_splits()
    {
        Assert.NotEqual(ValidationSplit.Of(Unbalanced(), 33, seed: 4).ValidationIndices, ValidationSplit.Of(Unbalanced(), 33, seed: 5).ValidationIndices);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    [InlineData(100)]
    [InlineData(101)]
    public void A_validation_count_that_leaves_nothing_on_one_side_is_refused_by_name(int validationCount)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => ValidationSplit.Of(Unbalanced(), validationCount));
        Assert.Equal("validationCount", error.ParamName);
        Assert.Contains("a validation set needs 1 to 99 of the 100 training images", error.Message);
    }

    [Fact]
    public void A_missing_or_too_small_training_set_is_refused()
    {
        Assert.Throws<ArgumentNullException>(() => ValidationSplit.Of(null));
        var one = new LabeledImages([7], [0], 1, 1);
        Assert.Contains("cannot be split", Assert.Throws<ArgumentException>(() => ValidationSplit.Of(one, 1)).Message);
    }

    [Fact]
    public void Two_images_are_enough_to_split()
    {
        var two = new LabeledImages([7, 9], [0, 1], 1, 1, classCount: 2);
        var split = ValidationSplit.Of(two, validationCount: 1);
        Assert.Equal((1, 1), (split.Train.Count, split.Validation.Count));
        Assert.Equal(new byte[] { 7, 9 }, split.Train.Pixels.Concat(split.Validation.Pixels).Order());
    }

    [Fact]
    public void The_notebooks_split_is_10000_of_the_60000_training_images_1000_per_class()
    {
        var split = ValidationSplit.Of(FashionMnist.Load().Train);
        Assert.Equal(50_000, split.Train.Count);
        Assert.All(split.Validation.CountPerClass(), n => Assert.Equal(1_000, n));
        Assert.All(split.Train.CountPerClass(), n => Assert.Equal(5_000, n));
        Assert.Equal(ValidationSplit.Of(FashionMnist.Load().Train, 10_000, seed: 0).ValidationIndices, split.ValidationIndices);
    }
}
