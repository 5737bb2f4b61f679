// HtmlTable: a table as an HTML fragment whose columns sort when their header is clicked. For leaderboards
// in notebooks (displayed with HTML(...)) and anywhere else a page needs one; cells are HTML-escaped.
using System.Collections.Generic;
using System.Linq;
using System.Net;

public static class HtmlTable
{
    /// <summary>
    /// Rows of cells under the given headers; numeric columns (all cells numbers) sort by value. With
    /// <paramref name="filterColumn"/>, a list above the table shows only the rows with one value of that column.
    /// </summary>
    public static string Sortable(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<object>> rows, int? filterColumn = null)
    {
        var table = rows.ToList();
        string id = "t" + System.Guid.NewGuid().ToString("N")[..8];
        string head = string.Concat(headers.Select(h => $"<th style=\"cursor:pointer\">{WebUtility.HtmlEncode(h)}</th>"));
        string body = string.Concat(table.Select(row =>
            "<tr>" + string.Concat(row.Select(cell => $"<td{(cell is double or float or int or long ? " style=\"text-align:right\"" : "")}>{WebUtility.HtmlEncode(Format(cell))}</td>")) + "</tr>"));
        string html = $"<table id=\"{id}\"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>" + SortScript(id);
        if (filterColumn is not int column) return html;
        // The list above the table, its script after it: the script looks the table up when it runs.
        return Filter(id, headers[column], table.Select(row => Format(row[column])).Distinct().Order()) + html + FilterScript(id, column);
    }

    static string Filter(string id, string header, IEnumerable<string> values) =>
        $"<label>{WebUtility.HtmlEncode(header)}: <select id=\"{id}-filter\"><option value=\"\">all</option>" +
        string.Concat(values.Select(v => $"<option>{WebUtility.HtmlEncode(v)}</option>")) + "</select></label>";

    // Choose a value: only the rows with it in that column stay visible; "all" shows every row again.
    static string FilterScript(string id, int column) => $$"""
        <script>(() => {
          const select = document.getElementById("{{id}}-filter"), body = document.getElementById("{{id}}").tBodies[0];
          select.addEventListener("change", () => [...body.rows].forEach(row =>
            row.hidden = select.value !== "" && row.cells[{{column}}].textContent !== select.value));
        })();</script>
        """;

    static string Format(object cell) => cell switch
    {
        null => "",
        double d => d.ToString("0.####", System.Globalization.CultureInfo.InvariantCulture),
        float f => f.ToString("0.####", System.Globalization.CultureInfo.InvariantCulture),
        _ => System.Convert.ToString(cell, System.Globalization.CultureInfo.InvariantCulture),
    };

    // Click a header: sort by it (numbers as numbers), click again: reverse.
    static string SortScript(string id) => $$"""
        <script>(() => {
          const table = document.getElementById("{{id}}"), body = table.tBodies[0];
          table.querySelectorAll("th").forEach((th, column) => th.addEventListener("click", () => {
            const up = th.dataset.order !== "up"; th.dataset.order = up ? "up" : "down";
            const key = row => row.cells[column].textContent, number = text => parseFloat(text);
            const rows = [...body.rows].sort((a, b) => isNaN(number(key(a))) || isNaN(number(key(b)))
              ? key(a).localeCompare(key(b)) : number(key(a)) - number(key(b)));
            (up ? rows : rows.reverse()).forEach(row => body.appendChild(row));
          }));
        })();</script>
        """;
}
