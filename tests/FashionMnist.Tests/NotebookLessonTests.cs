using System.Text.Json;
using System.Text.RegularExpressions;
using Xunit;

/// <summary>
/// What makes a notebook a lesson rather than a report: something to try, quick mode out of the way, no result
/// typed into the text, and a run that leaves the checkout as it was.
/// </summary>
[Collection(KernelCollection.Name)]
public class NotebookLessonTests(ExecutedSite site)
{
    public static TheoryData<string> Notebooks() => NotebookTests.Notebooks();

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void Notebook_has_a_try_it_section_with_a_change_to_make_and_what_to_look_for(string name)
    {
        var markdown = Markdown(name);
        int tryIt = markdown.FindIndex(m => Regex.IsMatch(m, @"^## Try it", RegexOptions.Multiline));
        Assert.True(tryIt >= 0, $"{name} has no '## Try it' section");
        string section = markdown[tryIt];
        Assert.Matches(@"(?i)\b(change|set|replace|drop|remove|shrink|raise|lower|swap|pick|try)\b", section);
        Assert.Matches(@"(?i)\b(look|watch|see|compare|notice)\b", section);
        Assert.True(section.Length > 150, $"{name}: the Try it section says too little to act on:\n{section}");
    }

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void Quick_mode_is_one_line_near_the_top_not_calls_through_the_lesson(string name)
    {
        var code = Code(name);
        var cellsNamingIt = code.Select((source, index) => (source, index)).Where(c => c.source.Contains("QuickMode")).ToList();
        Assert.True(cellsNamingIt.Count == 1, $"{name}: QuickMode appears in {cellsNamingIt.Count} code cells (" +
            string.Join(", ", cellsNamingIt.Select(c => c.index + 1)) + "); say it once, in the settings cell near the top");
        Assert.True(cellsNamingIt[0].index <= 3, $"{name}: QuickMode is in code cell {cellsNamingIt[0].index + 1}, not near the top");
        int lines = cellsNamingIt[0].source.Split('\n').Count(l => l.Contains("QuickMode"));
        Assert.True(lines == 1, $"{name}: QuickMode is named on {lines} lines of its cell; one choice of settings is enough");
    }

    /// <summary>Figures a notebook may state in its text without printing them: facts of the data set, or cited work.</summary>
    static readonly Dictionary<string, string[]> StatedFacts = new()
    {
        // MNIST as the Fashion-MNIST README describes it: convolutional networks reach 99.7 %, classic models 97 %;
        // guessing among ten balanced classes scores 10 %.
        ["01-loading.ipynb"] = ["99.7%", "97%", "10%"],
    };

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void Every_result_figure_in_the_text_is_shown_by_an_output(string name)
    {
        ExecutedNotebook notebook = site.Notebook(name);
        Assert.True(notebook is not null, $"{name} was not executed:\n{site.Log}");
        string shown = Normalized(notebook.Text);
        var allowed = StatedFacts.GetValueOrDefault(name, []);
        var typed = Markdown(name).SelectMany(ResultFigures).Where(f => !allowed.Contains(f) && !shown.Contains(f)).Distinct().ToList();
        Assert.True(typed.Count == 0, $"{name} states results in its text that no output shows: {string.Join(", ", typed)}. " +
            "Print them from a cell (they drift when typed), or say them without a number.");
    }

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void Every_cell_has_a_unique_id_as_nbformat_4_5_requires(string name)
    {
        // Without ids nbformat warns on every run, and will refuse the notebook in a later version.
        var ids = Cells(name).Select(c => c.TryGetProperty("id", out var id) ? id.GetString() : null).ToList();
        Assert.All(ids, id => Assert.Matches("^[A-Za-z0-9_-]{1,64}$", id ?? ""));
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    [Fact]
    public void The_result_figure_finder_catches_typed_results_and_spares_facts_and_code()
    {
        string text = "It reaches 0.9403 after about 25 minutes (94.2 %, 2.5x faster), 37,520 steps; images are 28x28, " +
                      "`pixels / 255.0`, [paper](https://arxiv.org/abs/1708.07747), 60,000 images, 10 classes.";
        Assert.Equal(["0.9403", "25 minutes", "94.2%", "2.5x"], ResultFigures(text));
    }

    [Fact]
    public void Running_the_notebooks_changes_no_file_of_the_checkout()
    {
        Assert.True(site.StatusBefore == site.StatusAfter,
            $"running the notebooks changed the checkout:\nbefore:\n{site.StatusBefore}\nafter:\n{site.StatusAfter}");
    }

    /// <summary>
    /// The result figures of a markdown text: decimals, percentages, durations and ratios ("0.94", "94 %", "25 minutes",
    /// "2.5x"), outside code spans, links and image sizes (28x28). Plain counts (60,000 images, 10 classes) are facts
    /// or settings and pass.
    /// </summary>
    static List<string> ResultFigures(string markdown)
    {
        string prose = Regex.Replace(markdown, @"`[^`]*`", " ");
        prose = Regex.Replace(prose, @"\]\([^)]*\)", "]");
        prose = Regex.Replace(prose, @"https?://\S+|arXiv:\S+", " ");
        prose = Regex.Replace(prose, @"\b\d+x\d+\b", " ");
        var figures = new List<string>();
        foreach (Match m in Regex.Matches(prose, @"(?<![\w.,])(\d[\d,]*(?:\.\d+)?)(\s?%|\s?x\b|\s(?:s|ms|seconds?|minutes?|min|hours?)\b)?"))
        {
            string number = m.Groups[1].Value.TrimEnd(',', '.');
            string unit = m.Groups[2].Value.Trim();
            if (unit == "" && !number.Contains('.')) continue; // a count: a fact or a setting
            figures.Add(unit switch { "" => number, "%" => number + "%", "x" => number + "x", _ => number + " " + unit });
        }
        return figures;
    }

    /// <summary>The notebook's output text with percentages written one way ("94.2 %" and "94.2%" alike).</summary>
    static string Normalized(string text) => Regex.Replace(text, @"(\d)\s+%", "$1%");

    static List<JsonElement> Cells(string name) =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(ProjectFolders.Notebooks, name))).RootElement.GetProperty("cells").EnumerateArray().ToList();
    static string Source(JsonElement cell) =>
        cell.GetProperty("source") is var s && s.ValueKind == JsonValueKind.Array ? string.Concat(s.EnumerateArray().Select(l => l.GetString())) : s.GetString();
    static List<string> Markdown(string name) => Cells(name).Where(c => c.GetProperty("cell_type").GetString() == "markdown").Select(Source).ToList();
    /// <summary>The sources of a notebook's code cells, in order.</summary>
    internal static List<string> Code(string name) => Cells(name).Where(c => c.GetProperty("cell_type").GetString() == "code").Select(Source).ToList();
}
