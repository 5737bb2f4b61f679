// AppPage: what a notebook's cells display, when the notebook runs as a .NET file-based app (`dotnet run app.cs`,
// made by environment/make-apps) instead of in the kernel. Each displayed value is kept in order, cell by cell, and
// written into an HTML page beside the app (text, tables, PNG pictures, Plotly charts), with the same outputs as an
// executed notebook (.ipynb) for the tests; text is printed too. A display's Update replaces its value, as in the kernel.
// Both files are written to a temporary file and renamed after every change, so a page is never half-written.
using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Reflection;
using System.Text;
using System.Text.Json;

/// <summary>HTML to show as it is (the kernel's <c>HTML(...)</c>).</summary>
public sealed record AppHtml(string Html);

/// <summary>One displayed value; <see cref="Update"/> replaces it, like the kernel's display handle.</summary>
public sealed class AppDisplay
{
    internal Dictionary<string, string> Data { get; set; }
    internal bool Printed { get; init; }
    public void Update(object value) => AppPage.Replace(this, value);
}

public static class AppPage
{
    static string _htmlPath, _title;
    static readonly List<List<AppDisplay>> Cells = [];
    static TextWriter _console;
    static bool _hooked;

    /// <summary>Starts the page: <paramref name="htmlPath"/> and, beside it, the same name with .ipynb.</summary>
    public static void Open(string htmlPath, string title)
    {
        _htmlPath = Path.GetFullPath(htmlPath);
        _title = title;
        Cells.Clear();
        Directory.CreateDirectory(Path.GetDirectoryName(_htmlPath)!);
        // What cells print with Console.Write goes on the page too, as the kernel shows it under the cell.
        if (_console is null)
        {
            _console = Console.Out;
            Console.SetOut(new PageWriter(_console));
        }
        if (!_hooked)
        {
            // The last changes, however the app ends (its page is rewritten at most once a second while it runs).
            AppDomain.CurrentDomain.ProcessExit += (_, _) => WriteNow();
            AppDomain.CurrentDomain.UnhandledException += (_, _) => WriteNow();
            _hooked = true;
        }
        WriteNow();
    }

    /// <summary>Writes the page a last time and ends it: printing goes to the console alone again.</summary>
    public static void Close()
    {
        WriteNow();
        _htmlPath = null;
        Cells.Clear();
        if (_console is not null) Console.SetOut(_console);
        _console = null;
    }

    /// <summary>Text a cell printed: appended to the cell's last printed text, or shown as new text.</summary>
    static void Printed(string text)
    {
        if (Cells.Count == 0) Cell();
        var cell = Cells[^1];
        if (cell.Count > 0 && cell[^1].Printed)
            cell[^1].Data["text/plain"] += text;
        else
            cell.Add(new AppDisplay { Data = new() { ["text/plain"] = text }, Printed = true });
        Write();
    }

    sealed class PageWriter(TextWriter console) : TextWriter
    {
        public override Encoding Encoding => console.Encoding;
        public override void Write(char value) { console.Write(value); Printed(value.ToString()); }
        public override void Write(string value) { console.Write(value); if (!string.IsNullOrEmpty(value)) Printed(value); }
        public override void Write(char[] buffer, int index, int count) => Write(new string(buffer, index, count));
        public override void WriteLine(string value) => Write(value + Environment.NewLine);
    }

    /// <summary>Marks the start of the next notebook cell: what is displayed from here on belongs to it.</summary>
    public static void Cell() => Cells.Add([]);

    /// <summary>Shows a value (the kernel's <c>display(x)</c>); returns its handle.</summary>
    public static AppDisplay Display(object value)
    {
        if (Cells.Count == 0) Cell();
        var shown = new AppDisplay();
        Cells[^1].Add(shown);
        Replace(shown, value);
        return shown;
    }

    internal static void Replace(AppDisplay shown, object value)
    {
        shown.Data = Render(value);
        if (shown.Data.TryGetValue("text/plain", out string text)) (_console ?? Console.Out).WriteLine(text);
        Write();
    }

    /// <summary>The MIME bundle of a value, as the kernel would show it.</summary>
    public static Dictionary<string, string> Render(object value) => value switch
    {
        null => new() { ["text/plain"] = "null" },
        string text => new() { ["text/plain"] = text },
        PngImage png => new() { ["image/png"] = Convert.ToBase64String(png.Bytes) },
        AppHtml html => new() { ["text/html"] = html.Html },
        Plotly.NET.GenericChart chart => new() { ["text/html"] = Plotly.NET.GenericChart.toChartHTML(chart) },
        IEnumerable items when value.GetType().GetMethod("ToString", Type.EmptyTypes)!.DeclaringType == typeof(object) =>
            new() { ["text/html"] = Table(items.Cast<object>().ToList()) },
        _ => new() { ["text/plain"] = value.ToString() ?? "" },
    };

    /// <summary>A sequence as an HTML table: one row per item, one column per public property (or the item itself).</summary>
    static string Table(List<object> items)
    {
        var properties = items.FirstOrDefault(i => i is not null)?.GetType() is Type type && !type.IsPrimitive && type != typeof(string)
            ? type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0).ToArray()
            : [];
        var html = new StringBuilder("<table><thead><tr>");
        foreach (string header in properties.Length > 0 ? properties.Select(p => p.Name) : ["value"])
            html.Append("<th>").Append(WebUtility.HtmlEncode(header)).Append("</th>");
        html.Append("</tr></thead><tbody>");
        foreach (object item in items)
        {
            html.Append("<tr>");
            foreach (object cell in properties.Length > 0 ? properties.Select(p => item is null ? null : p.GetValue(item)) : [item])
                html.Append("<td>").Append(WebUtility.HtmlEncode(Convert.ToString(cell, System.Globalization.CultureInfo.InvariantCulture) ?? "")).Append("</td>");
            html.Append("</tr>");
        }
        return html.Append("</tbody></table>").ToString();
    }

    static DateTime _written;

    static void Write()
    {
        if (DateTime.UtcNow - _written > TimeSpan.FromSeconds(1)) WriteNow();
    }

    static void WriteNow()
    {
        if (_htmlPath is null) return;
        _written = DateTime.UtcNow;
        string plotly = Path.GetRelativePath(Path.GetDirectoryName(_htmlPath)!,
            Path.Combine(ProjectFolders.Root, "environment", "web", "node_modules", "plotly.js-dist-min", "plotly.min.js")).Replace('\\', '/');
        var page = new StringBuilder($"<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>{WebUtility.HtmlEncode(_title)}</title>" +
            $"<script src=\"{plotly}\"></script><style>body{{font-family:sans-serif;max-width:1000px;margin:auto}}pre{{white-space:pre-wrap}}" +
            "section{border-top:1px solid #ddd;padding:4px 0}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:2px 6px}</style></head><body>" +
            $"<h1>{WebUtility.HtmlEncode(_title)}</h1>");
        foreach (var cell in Cells.Where(c => c.Count > 0))
        {
            page.Append("<section>");
            foreach (var shown in cell)
                page.Append(shown.Data.TryGetValue("text/html", out string h) ? h
                    : shown.Data.TryGetValue("image/png", out string png) ? $"<img src=\"data:image/png;base64,{png}\">"
                    : $"<pre>{WebUtility.HtmlEncode(shown.Data.GetValueOrDefault("text/plain", ""))}</pre>");
            page.Append("</section>");
        }
        AtomicFile.WriteFile(_htmlPath, temporary => File.WriteAllText(temporary, page.Append("</body></html>").ToString()));

        var notebook = new
        {
            cells = Cells.Select(cell => new
            {
                cell_type = "code",
                metadata = new { },
                source = "",
                outputs = cell.Select(shown => new { output_type = "display_data", data = shown.Data, metadata = new { } }),
            }),
            metadata = new { fashion_mnist = new { app = true, quick = QuickMode.IsOn } },
            nbformat = 4,
            nbformat_minor = 4,
        };
        AtomicFile.WriteFile(Path.ChangeExtension(_htmlPath, ".ipynb"), temporary => File.WriteAllText(temporary, JsonSerializer.Serialize(notebook)));
    }
}
