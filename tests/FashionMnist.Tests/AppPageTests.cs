using System.Text.Json;
using Xunit;

/// <summary>
/// lib/Pictures/AppPage.cs in-process: what a file-based app's page and notebook hold (the browser test runs a
/// whole app). The page takes over Console.Out while it is open, so these tests run alone.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ConsoleCollection
{
    public const string Name = "Console.Out taken over";
}

[Collection(ConsoleCollection.Name)]
public class AppPageTests
{
    sealed record Row(string Name, double Accuracy);

    sealed class Labelled(int n) : List<int>
    {
        public override string ToString() => $"{Count} of {n}";
    }

    [Fact]
    public void Render_gives_each_kind_of_value_the_mime_type_the_kernel_gives_it()
    {
        Assert.Equal("null", AppPage.Render(null)["text/plain"]);
        Assert.Equal("hello", AppPage.Render("hello")["text/plain"]);
        Assert.Equal("<b>bold</b>", AppPage.Render(new AppHtml("<b>bold</b>"))["text/html"]);
        var png = new PngImage([1, 2, 3], 1, 1);
        Assert.Equal("AQID", AppPage.Render(png)["image/png"]);
        Assert.Contains("var data = [", AppPage.Render(Charts.Lines(new[] { 1, 2 }, ("train", new[] { 0.5, 0.6 })))["text/html"]);
        Assert.Equal("Row { Name = kNN, Accuracy = 0.85 }", AppPage.Render(new Row("kNN", 0.85))["text/plain"]);
        // A sequence with its own ToString is text, as the kernel shows it; one without is a table.
        Assert.Equal("2 of 5", AppPage.Render(new Labelled(5) { 1, 2 })["text/plain"]);
        Assert.Single(AppPage.Render(new[] { 1, 2 }));
    }

    [Fact]
    public void Sequence_is_a_table_of_its_public_properties_encoded_with_invariant_numbers()
    {
        string html = AppPage.Render(new List<Row> { new("<kNN>", 0.85), null, new("SVC", 1.5) })["text/html"];
        Assert.Equal("<table><thead><tr><th>Name</th><th>Accuracy</th></tr></thead><tbody>" +
            "<tr><td>&lt;kNN&gt;</td><td>0.85</td></tr><tr><td></td><td></td></tr><tr><td>SVC</td><td>1.5</td></tr></tbody></table>", html);

        Assert.Equal("<table><thead><tr><th>value</th></tr></thead><tbody><tr><td>3</td></tr><tr><td>a&amp;b</td></tr></tbody></table>",
            AppPage.Render(new object[] { 3, "a&b" })["text/html"]);
        Assert.Equal("<table><thead><tr><th>value</th></tr></thead><tbody></tbody></table>", AppPage.Render(Array.Empty<string>())["text/html"]);
    }

    [Fact]
    public void Page_and_notebook_hold_each_cell_s_displays_in_order_with_updates_and_printed_text()
    {
        string folder = Path.Combine(Path.GetTempPath(), "app-page-" + Guid.NewGuid().ToString("N"));
        string page = Path.Combine(folder, "sub", "lesson.html");
        try
        {
            AppPage.Open(page, "Lesson <1>");
            Assert.True(File.Exists(page), "the page is written when it opens");
            AppPage.Display("before any cell");
            AppPage.Cell();
            Console.Write("printed ");
            Console.WriteLine("text");
            AppDisplay shown = AppPage.Display("first value");
            Console.Write('!');
            AppPage.Cell();
            AppPage.Cell();
            AppPage.Display(new PngImage([1, 2, 3], 1, 1));
            shown.Update("<updated>");
            AppPage.Display(new AppHtml("<i>html</i>"));
            AppPage.Close();

            string html = File.ReadAllText(page);
            Assert.StartsWith("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Lesson &lt;1&gt;</title>", html);
            Assert.Contains("<h1>Lesson &lt;1&gt;</h1>", html);
            string plotly = Path.GetRelativePath(Path.GetDirectoryName(page)!,
                Path.Combine(ProjectFolders.Root, "environment", "web", "node_modules", "plotly.js-dist-min", "plotly.min.js"));
            Assert.Contains($"<script src=\"{plotly}\"></script>", html);
            Assert.EndsWith("</body></html>", html);
            string body = html[html.IndexOf("<section>")..html.LastIndexOf("</body>")];
            // Empty cells leave no section; printed text stays one output until something else is shown.
            Assert.Equal("<section><pre>before any cell</pre></section>" +
                $"<section><pre>printed text{Environment.NewLine}</pre><pre>&lt;updated&gt;</pre><pre>!</pre></section>" +
                "<section><img src=\"data:image/png;base64,AQID\"><i>html</i></section>", body);

            using var notebook = JsonDocument.Parse(File.ReadAllText(Path.ChangeExtension(page, ".ipynb")));
            var root = notebook.RootElement;
            Assert.Equal(4, root.GetProperty("nbformat").GetInt32());
            Assert.True(root.GetProperty("metadata").GetProperty("fashion_mnist").GetProperty("app").GetBoolean());
            Assert.Equal(QuickMode.IsOn, root.GetProperty("metadata").GetProperty("fashion_mnist").GetProperty("quick").GetBoolean());
            var cells = root.GetProperty("cells").EnumerateArray().ToList();
            Assert.Equal(4, cells.Count);
            Assert.All(cells, c => Assert.Equal("code", c.GetProperty("cell_type").GetString()));
            Assert.Equal(0, cells[2].GetProperty("outputs").GetArrayLength());
            var outputs = cells[1].GetProperty("outputs").EnumerateArray().ToList();
            Assert.Equal("display_data", outputs[0].GetProperty("output_type").GetString());
            Assert.Equal(["printed text" + Environment.NewLine, "<updated>", "!"],
                outputs.Select(o => o.GetProperty("data").GetProperty("text/plain").GetString()));
            var last = cells[3].GetProperty("outputs");
            Assert.Equal("AQID", last[0].GetProperty("data").GetProperty("image/png").GetString());
            Assert.Equal("<i>html</i>", last[1].GetProperty("data").GetProperty("text/html").GetString());
        }
        finally
        {
            AppPage.Close();
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Closing_gives_the_console_back_and_an_open_page_starts_empty()
    {
        TextWriter before = Console.Out;
        string folder = Path.Combine(Path.GetTempPath(), "app-page-" + Guid.NewGuid().ToString("N"));
        string page = Path.Combine(folder, "again.html");
        try
        {
            AppPage.Open(page, "first");
            Assert.NotSame(before, Console.Out);
            AppPage.Display("from the first page");
            AppPage.Open(page, "second");
            AppPage.Close();
            Assert.Same(before, Console.Out);
            string html = File.ReadAllText(page);
            Assert.Contains("<title>second</title>", html);
            Assert.DoesNotContain("from the first page", html);
            Console.Write("after closing");
            Assert.DoesNotContain("after closing", File.ReadAllText(page));
        }
        finally
        {
            AppPage.Close();
            Console.SetOut(before);
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
    }

    sealed class Nameless
    {
        public override string ToString() => null;
    }

    [Fact]
    public void Printing_and_displaying_reach_the_console_too_and_the_page_follows_within_a_second()
    {
        TextWriter before = Console.Out;
        var console = new StringWriter();
        Console.SetOut(console);
        string folder = Path.Combine(Path.GetTempPath(), "app-page-" + Guid.NewGuid().ToString("N"));
        string page = Path.Combine(folder, "live.html");
        try
        {
            AppPage.Open(page, "live");
            Console.Write("printed before any cell");
            Console.Write('!');
            AppPage.Display("shown");
            AppPage.Display(new Nameless());
            Assert.Equal("printed before any cell!shown" + Environment.NewLine + Environment.NewLine, console.ToString());
            // The page is rewritten at most once a second while the app runs: after a second, the next change is on it.
            Thread.Sleep(1100);
            AppPage.Display("after a second");
            Assert.Contains("<pre>after a second</pre>", File.ReadAllText(page));
            Thread.Sleep(1100);
            Console.Write("printed later");
            string html = File.ReadAllText(page);
            Assert.Contains("<section><pre>printed before any cell!</pre><pre>shown</pre><pre></pre><pre>after a second</pre><pre>printed later</pre></section>", html);
            Assert.Contains("<style>body{font-family:sans-serif;max-width:1000px;margin:auto}", html);
            AppPage.Close();
            using var notebook = JsonDocument.Parse(File.ReadAllText(Path.ChangeExtension(page, ".ipynb")));
            Assert.Equal("", notebook.RootElement.GetProperty("cells")[0].GetProperty("source").GetString());
        }
        finally
        {
            AppPage.Close();
            Console.SetOut(before);
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
    }
}
