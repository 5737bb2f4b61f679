using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit;

/// <summary>The pages of the main command in headless Chromium (Debian's), driven by Playwright.</summary>
[Collection(KernelCollection.Name)]
public class BrowserTests(ExecutedSite site) : IAsyncLifetime
{
    IPlaywright _playwright;
    IBrowser _browser;

    public async Task InitializeAsync()
    {
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = Environment.GetEnvironmentVariable("CHROMIUM") is { Length: > 0 } c ? c : "/usr/bin/chromium",
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }

    public static TheoryData<string> Pages()
    {
        var pages = new TheoryData<string> { "index.html" };
        foreach (var notebook in Directory.GetFiles(ProjectFolders.Notebooks, "*.ipynb").Order())
            pages.Add(Path.GetFileNameWithoutExtension(notebook) + ".html");
        return pages;
    }

    /// <summary>Opens a page, recording console errors, page errors and every request that leaves the machine's files.</summary>
    async Task<(IPage Page, List<string> Errors, List<string> NetworkRequests)> Open(string path)
    {
        var page = await _browser.NewPageAsync();
        var errors = new List<string>();
        var network = new List<string>();
        page.Console += (_, message) => { if (message.Type == "error") errors.Add(message.Text); };
        page.PageError += (_, error) => errors.Add(error);
        await page.RouteAsync("**/*", async route =>
        {
            if (route.Request.Url.StartsWith("file://") || route.Request.Url.StartsWith("data:")) await route.ContinueAsync();
            else { network.Add(route.Request.Url); await route.AbortAsync(); }
        });
        await page.GotoAsync(new Uri(path).AbsoluteUri, new() { WaitUntil = WaitUntilState.Load });
        return (page, errors, network);
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Page_loads_offline_without_console_errors(string name)
    {
        string html = File.ReadAllText(Path.Combine(site.Folder, name));
        int charts = Regex.Matches(html, "Plotly chart will be drawn inside this DIV").Count;
        var (page, errors, network) = await Open(Path.Combine(site.Folder, name));
        // Not a fixed pause: until every chart has drawn (when its scripts have run, or failed) and the network is idle.
        await page.WaitForFunctionAsync($"document.querySelectorAll('.js-plotly-plot svg.main-svg').length >= {charts}", null, new() { Timeout = 20000 });
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        Assert.Empty(network);
        Assert.Empty(errors);
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Every_Plotly_chart_draws_its_svg(string name)
    {
        string html = File.ReadAllText(Path.Combine(site.Folder, name));
        int charts = Regex.Matches(html, "Plotly chart will be drawn inside this DIV").Count;
        var (page, _, _) = await Open(Path.Combine(site.Folder, name));
        if (charts > 0)
            await page.WaitForFunctionAsync($"document.querySelectorAll('.js-plotly-plot svg.main-svg').length > 0 && document.querySelectorAll('.js-plotly-plot').length >= {charts}", null, new() { Timeout = 20000 });
        int drawn = await page.EvaluateAsync<int>("[...document.querySelectorAll('.js-plotly-plot')].filter(p => p.querySelector('svg.main-svg')).length");
        Assert.Equal(charts, drawn);
        // Read, not counted: every chart has data to draw, and a slider has more than one frame to slide through.
        string[] empty = await page.EvaluateAsync<string[]>(
            "[...document.querySelectorAll('.js-plotly-plot')].filter(p => !(p.data || []).some(t => ['x', 'y', 'z', 'values'].some(k => t[k] && t[k].length > 0)))" +
            ".map(p => (p.layout && p.layout.title && p.layout.title.text) || p.id)");
        Assert.True(empty.Length == 0, $"{name}: charts without data: {string.Join(", ", empty)}");
        string[] stuck = await page.EvaluateAsync<string[]>(
            "[...document.querySelectorAll('.js-plotly-plot')].filter(p => p.layout && p.layout.sliders && p.layout.sliders.some(s => !s.steps || s.steps.length < 2))" +
            ".map(p => (p.layout.title && p.layout.title.text) || p.id)");
        Assert.True(stuck.Length == 0, $"{name}: sliders with fewer than two frames: {string.Join(", ", stuck)}");
    }

    [Fact]
    public async Task Leaderboard_sorts_by_a_clicked_column_and_filters_by_family()
    {
        string folder = Directory.CreateTempSubdirectory("leaderboard-").FullName;
        try
        {
            string results = Directory.CreateDirectory(Path.Combine(folder, "results")).FullName;
            File.WriteAllLines(Path.Combine(results, "default.jsonl"), new[]
            {
                Result("LightGbm", "LightGbm leaves=31", 0.90), Result("KNearestNeighbors", "KNearestNeighbors k=5", 0.85), Result("LightGbm", "LightGbm leaves=7", 0.87),
            });
            var build = NotebookRunner.RunScript("build_site.py", [folder, results]);
            Assert.True(build.ExitCode == 0, build.Log);
            var (page, errors, _) = await Open(Path.Combine(folder, "index.html"));

            Assert.Equal(new[] { "0.9", "0.87", "0.85" }, await Column(page, 2));
            await page.ClickAsync("#leaderboard th:nth-child(3)");
            Assert.Equal(new[] { "0.85", "0.87", "0.9" }, await Column(page, 2));
            await page.SelectOptionAsync("#family", "LightGbm");
            Assert.Equal(new[] { "LightGbm leaves=7", "LightGbm leaves=31" }, await Column(page, 1));
            Assert.Empty(errors);
        }
        finally { Directory.Delete(folder, recursive: true); }
    }

    [Fact]
    public async Task Notebook_leaderboard_filters_by_family_and_sorts()
    {
        var (page, errors, _) = await Open(Path.Combine(site.Folder, "04-classical-benchmark.html"));
        string select = "select[id$='-filter']";
        Task<string[]> Visible(int column) => page.EvaluateAsync<string[]>(
            $"[...document.getElementById(document.querySelector(\"{select}\").id.replace(/-filter$/, '')).tBodies[0].rows].filter(r => !r.hidden).map(r => r.cells[{column}].textContent)");

        string[] families = await Visible(0);
        Assert.Equal(BenchmarkCatalog.QuickGrid().Count, families.Length);
        await page.SelectOptionAsync(select, "LightGbm");
        Assert.Equal(new[] { "LightGbm" }, (await Visible(0)).Distinct());
        await page.SelectOptionAsync(select, "");
        Assert.Equal(families, await Visible(0));
        // The paper's figure beside each row: the best of the family it stands in for (LightGBM: gradient boosting).
        Assert.Equal(PaperResults.Load().Where(p => p.Family == "GradientBoostingClassifier").Max(p => p.FashionAccuracy).ToString(System.Globalization.CultureInfo.InvariantCulture),
            (await Visible(7))[Array.IndexOf(families, "LightGbm")]);
        Assert.Empty(errors);
    }

    [Fact]
    public void Pictures_for_the_README_are_exported_from_the_executed_notebooks()
    {
        string folder = Directory.CreateTempSubdirectory("pictures-").FullName;
        try
        {
            var export = NotebookRunner.RunScript("export_pictures.py", [site.Folder, folder]);
            Assert.True(export.ExitCode == 0, export.Log);
            // Every picture the README shows, and only those, is tagged by a notebook cell that draws it.
            string[] expected = Regex.Matches(File.ReadAllText(Path.Combine(ProjectFolders.Root, "README.md")), @"\(notebooks/images/([\w.-]+\.png)\)")
                .Select(m => m.Groups[1].Value).Distinct().ToArray();
            Assert.Contains("fashion-mnist-sprite.png", expected);
            Assert.Equal(expected.Order(), Directory.GetFiles(folder).Select(Path.GetFileName).Order());
            foreach (string name in expected)
            {
                using var bitmap = SkiaSharp.SKBitmap.Decode(Path.Combine(folder, name));
                Assert.True(bitmap is { Width: > 100, Height: > 100 }, $"{name} is not a picture of some size");
                // A drawn chart or image grid has many colours; a blank or failed screenshot has one or two.
                var colours = Enumerable.Range(0, 2000).Select(i => bitmap.GetPixel(i * 7919 % bitmap.Width, i * 104729 % bitmap.Height)).Distinct().Count();
                Assert.True(colours > 10, $"{name} has only {colours} colours in 2,000 sampled pixels");
            }
        }
        finally { Directory.Delete(folder, recursive: true); }
    }

    static Task<string[]> Column(IPage page, int column) =>
        page.EvaluateAsync<string[]>($"[...document.querySelectorAll('#leaderboard tbody tr')].filter(r => !r.hidden).map(r => r.cells[{column}].textContent)");

    static string Result(string family, string key, double accuracy) => JsonSerializer.Serialize(new
    {
        schemaVersion = 1, key, family, paperFamily = "GradientBoostingClassifier", meanAccuracy = accuracy,
        accuracyTwoStd = 0.01, meanTrainSeconds = 1.5, meanPredictSeconds = 0.1,
    });
}
