using Xunit;

public class EvaluationTests
{
    // 3 classes. True 0 0 0 1 1 2; predicted 0 0 1 1 2 2.
    static readonly int[] Truth = { 0, 0, 0, 1, 1, 2 };
    static readonly int[] Predicted = { 0, 0, 1, 1, 2, 2 };
    static readonly float[] Confidence = { 0.9f, 0.8f, 0.6f, 0.7f, 0.95f, 0.5f };

    [Fact]
    public void Accuracy_is_the_share_of_correct_predictions()
    {
        Assert.Equal(4.0 / 6, new Evaluation(Predicted, Truth, 3).Accuracy, 12);
        Assert.Equal(4.0 / 6, Evaluation.AccuracyOf(Predicted, Truth), 12);
    }

    [Fact]
    public void Confusion_matrix_counts_true_classes_in_rows_and_predictions_in_columns()
    {
        var expected = new int[,] { { 2, 1, 0 }, { 0, 1, 1 }, { 0, 0, 1 } };
        Assert.Equal(expected, new Evaluation(Predicted, Truth, 3).ConfusionMatrix);
    }

    [Fact]
    public void Precision_and_recall_per_class_follow_their_definitions()
    {
        var evaluation = new Evaluation(Predicted, Truth, 3);
        Assert.Equal(new[] { 1.0, 0.5, 0.5 }, evaluation.Precision);
        Assert.Equal(new[] { 2.0 / 3, 0.5, 1.0 }, evaluation.Recall);
    }

    [Fact]
    public void A_class_never_predicted_has_zero_precision()
    {
        var evaluation = new Evaluation(new[] { 0, 0 }, new[] { 0, 1 }, 3);
        Assert.Equal(0, evaluation.Precision[1]);
        Assert.Equal(0, evaluation.Recall[2]);
    }

    [Fact]
    public void Most_confident_mistakes_come_first()
    {
        var mistakes = new Evaluation(Predicted, Truth, 3, Confidence).MostConfidentMistakes(5);
        Assert.Equal(new[] { new Mistake(4, 2, 1, 0.95f), new Mistake(2, 1, 0, 0.6f) }, mistakes);
    }

    [Fact]
    public void Mistakes_without_confidences_come_in_item_order()
    {
        var mistakes = new Evaluation(Predicted, Truth, 3).MostConfidentMistakes(1);
        Assert.Equal(2, Assert.Single(mistakes).Index);
    }

    [Fact]
    public void Different_numbers_of_predictions_and_labels_are_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => new Evaluation(new[] { 0, 1 }, new[] { 0 }, 3));
        Assert.Contains("2 predictions for 1 true labels", error.Message);
    }

    [Fact]
    public void A_label_outside_the_classes_is_named()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new Evaluation(new[] { 0, 3 }, new[] { 0, 1 }, 3));
        Assert.Contains("label 3 of item 1 is outside 0-2", error.Message);
        Assert.Equal("predicted", error.ParamName);
        // True labels are checked as well as predictions.
        var inTruth = Assert.Throws<ArgumentOutOfRangeException>(() => new Evaluation(new[] { 0, 1 }, new[] { -1, 1 }, 3));
        Assert.Contains("label -1 of item 0 is outside 0-2", inTruth.Message);
        Assert.Equal("truth", inTruth.ParamName);
    }

    [Fact]
    public void Missing_predictions_or_labels_are_named_in_the_error()
    {
        Assert.Equal("predicted", Assert.Throws<ArgumentNullException>(() => new Evaluation(null, new[] { 0 }, 3)).ParamName);
        Assert.Equal("truth", Assert.Throws<ArgumentNullException>(() => new Evaluation(new[] { 0 }, null, 3)).ParamName);
    }

    [Fact]
    public void No_mistakes_asked_for_gives_none_and_a_negative_count_is_refused()
    {
        var evaluation = new Evaluation(new[] { 1, 0 }, new[] { 0, 1 }, 2, new[] { 0.9f, 0.8f });
        Assert.Empty(evaluation.MostConfidentMistakes(0));
        Assert.Equal(2, evaluation.MostConfidentMistakes(5).Length);
        Assert.Contains("count cannot be negative", Assert.Throws<ArgumentOutOfRangeException>(() => evaluation.MostConfidentMistakes(-1)).Message);
    }

    [Fact]
    public void Confidences_must_match_the_predictions_and_there_must_be_some()
    {
        var error = Assert.Throws<ArgumentException>(() => new Evaluation(new[] { 0, 1 }, new[] { 0, 1 }, 2, new[] { 0.5f }));
        Assert.Contains("1 confidences for 2 predictions", error.Message);
        Assert.Equal("confidence", error.ParamName);
        var empty = Assert.Throws<ArgumentException>(() => new Evaluation(new int[0], new int[0], 2));
        Assert.Contains("no predictions to evaluate", empty.Message);
        Assert.Contains("2 predictions for 1 true labels", Assert.Throws<ArgumentException>(() => Evaluation.AccuracyOf(new[] { 1, 2 }, new[] { 1 })).Message);
        Assert.Contains("no predictions to evaluate", Assert.Throws<ArgumentException>(() => Evaluation.AccuracyOf(new int[0], new int[0])).Message);
        Assert.Equal(0.5, Evaluation.AccuracyOf(new[] { "a", "b" }, new[] { "a", "c" }));
    }

    [Fact]
    public void The_per_class_table_and_the_summary_read_as_the_figures()
    {
        var evaluation = new Evaluation(new[] { 0, 1, 1, 1 }, new[] { 0, 1, 1, 0 }, 2);
        string[] lines = evaluation.PerClassTable(new[] { "Coat", "Bag" }).Split(Environment.NewLine);
        Assert.Equal(3, lines.Length);
        Assert.Equal("class        precision  recall", lines[0]);
        Assert.Equal($"{"Coat",-12} {1.0,9:P1} {0.5,7:P1}", lines[1]);
        Assert.Equal($"{"Bag",-12} {2.0 / 3,9:P1} {1.0,7:P1}", lines[2]);
        Assert.StartsWith("1           ", evaluation.PerClassTable().Split(Environment.NewLine)[2]);
        Assert.Equal($"accuracy {0.75:P2} on 4 items, 2 classes", evaluation.ToString());
    }
}
