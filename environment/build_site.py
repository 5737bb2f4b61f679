#!/usr/bin/env python3
"""Turns executed notebooks into pages that work offline, and writes the index page.

- Every HTML rendering loads plotly.js and require.js from pinned local copies (environment/web, npm),
  never from a CDN: the URLs that Plotly.NET and nbconvert write are rewritten to files beside the pages.
- index.html lists the notebooks with a thumbnail each (the picture of the cell tagged "thumbnail", else the first) and their run time,
  and the classical-benchmark leaderboard from build/benchmark/*.jsonl, sortable and filterable by family,
  with the paper's published figure beside each family (data/paper-results.json).

Usage: build_site.py SITE_DIR [RESULTS_DIR]
  SITE_DIR holds NN-name.ipynb and NN-name.html from execute_notebooks.py;
  RESULTS_DIR holds the benchmark's *.jsonl files (default: build/benchmark).
"""
import base64
import glob
import html
import json
import os
import re
import shutil
import sys

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
web = os.path.join(root, "environment", "web", "node_modules")
PLOTLY_JS = os.path.join(web, "plotly.js-dist-min", "plotly.min.js")
REQUIRE_JS = os.path.join(web, "requirejs", "require.js")

# Anything fetched from these hosts is replaced by the local copies (or, for MathJax, left out: no math here).
CDN_SCRIPTS = [
    (re.compile(r"https://cdn\.plot\.ly/plotly-([0-9.]+)\.min(\.js)?"), lambda m: f"plotly-{m.group(1)}.min" + (m.group(2) or "")),
    (re.compile(r"https://cdnjs\.cloudflare\.com/ajax/libs/require\.js/[0-9.]+/require\.min\.js"), lambda m: "require.js"),
    # Debian's nbconvert points at its own package's copy, which is not installed with it.
    (re.compile(r"file:///usr/share/javascript/requirejs/require\.min\.js"), lambda m: "require.js"),
]
MATHJAX = re.compile(r'<script[^>]*src="https://cdnjs\.cloudflare\.com/ajax/libs/mathjax/[^"]*"[^>]*>\s*</script>', re.S)
MATHJAX_CONFIG = re.compile(r'<!-- Load mathjax -->.*?<!-- End of mathjax configuration -->', re.S)


def make_offline(page_path, site):
    text = open(page_path, encoding="utf-8").read()
    versions = set(re.findall(r"https://cdn\.plot\.ly/plotly-([0-9.]+)\.min", text))
    for pattern, local in CDN_SCRIPTS:
        text = pattern.sub(local, text)
    text = MATHJAX_CONFIG.sub("", MATHJAX.sub("", text))
    for version in versions:
        shutil.copyfile(PLOTLY_JS, os.path.join(site, f"plotly-{version}.min.js"))
    shutil.copyfile(REQUIRE_JS, os.path.join(site, "require.js"))
    remaining = re.findall(r'(?:src|href)="((?:https?|file)://[^"]+\.(?:js|css))"', text)
    if remaining:
        raise SystemExit(f"build_site: {page_path} still loads {remaining[0]} from the network")
    with open(page_path + ".partial", "w", encoding="utf-8") as f:
        f.write(text)
    os.replace(page_path + ".partial", page_path)


def png_images(outputs):
    """The PNG pictures among a cell's outputs, decoded."""
    return [base64.b64decode("".join(o["data"]["image/png"])) for o in outputs if "image/png" in o.get("data", {})]


def notebook_title(nb, default):
    """The notebook's `# ` heading (its first), or the default."""
    return next((line.lstrip("# ").strip() for c in nb["cells"] if c["cell_type"] == "markdown"
                 for line in "".join(c["source"]).splitlines() if line.startswith("# ")), default)


def notebook_card(notebook_path, site):
    nb = json.load(open(notebook_path, encoding="utf-8"))
    name = os.path.splitext(os.path.basename(notebook_path))[0]
    title = notebook_title(nb, name)
    errors = sum(1 for c in nb["cells"] for o in c.get("outputs", []) if o.get("output_type") == "error")
    seconds = nb.get("metadata", {}).get("fashion_mnist", {}).get("seconds")
    thumbnail = None
    # The notebook's most telling picture: the cell it tags "thumbnail", else its first picture.
    tagged = [c for c in nb["cells"] if "thumbnail" in c.get("metadata", {}).get("tags", [])]
    for cell in tagged + nb["cells"]:
        pictures = png_images(cell.get("outputs", []))
        if pictures:
            thumbnail = f"{name}.thumbnail.png"
            with open(os.path.join(site, thumbnail), "wb") as f:
                f.write(pictures[0])
            break
    return {"name": name, "title": title, "errors": errors, "seconds": seconds, "thumbnail": thumbnail}


def leaderboard_rows(results):
    rows = []
    for path in sorted(glob.glob(os.path.join(results, "*.jsonl"))):
        grid = os.path.splitext(os.path.basename(path))[0]
        for line in open(path, encoding="utf-8"):
            if line.strip():
                result = json.loads(line)
                result["grid"] = grid
                rows.append(result)
    return rows


def paper_figures():
    path = os.path.join(root, "data", "paper-results.json")
    if not os.path.exists(path):
        return {}
    return {f["family"]: f for f in json.load(open(path, encoding="utf-8"))["families"]}


def index_page(cards, rows, paper):
    card_html = "\n".join(
        f'<a class="card{" failed" if c["errors"] else ""}" href="{c["name"]}.html">'
        + (f'<img src="{c["thumbnail"]}" alt="">' if c["thumbnail"] else '<div class="noimage"></div>')
        + f'<h3>{html.escape(c["title"])}</h3>'
        + f'<p>{"ran in " + format(c["seconds"], ".0f") + " s" if c["seconds"] is not None else ""}'
        + (f' · <b>{c["errors"]} failed cell(s)</b>' if c["errors"] else "") + "</p></a>"
        for c in cards)
    table = ""
    if rows:
        families = sorted({r["family"] for r in rows})
        body = "\n".join(
            "<tr>" + "".join(f"<td{' class=num' if isinstance(v, float) else ''}>{html.escape(str(v))}</td>" for v in (
                r["family"], r["key"], round(r["meanAccuracy"], 4), round(r.get("accuracyTwoStd", 0), 4),
                round(r.get("meanTrainSeconds", 0), 2), round(r.get("meanPredictSeconds", 0), 2),
                r.get("paperFamily", ""), paper.get(r.get("paperFamily"), {}).get("fashionAccuracy", ""), r["grid"],
                r.get("scoredOn", "test")))
            + "</tr>" for r in sorted(rows, key=lambda r: -r["meanAccuracy"]))
        options = "".join(f"<option>{html.escape(f)}</option>" for f in families)
        table = f"""
<h2>Classical benchmark leaderboard</h2>
<p>Every configuration of the classical benchmark (notebook 04), best first. Click a column to sort it;
choose a family to filter. <i>Paper</i> is the best accuracy of the matching scikit-learn family in the
Fashion-MNIST paper (arXiv:1708.07747, Table 3); <i>Scored on</i> says whether a row's accuracy is on the test set
(the benchmark, as the paper reports it) or on the validation set (notebook 04, which chooses its model there).</p>
<label>Family <select id="family"><option value="">all</option>{options}</select></label>
<table id="leaderboard"><thead><tr><th>Family</th><th>Configuration</th><th data-numeric>Accuracy</th><th data-numeric>± 2 std</th>
<th data-numeric>Train s</th><th data-numeric>Predict s</th><th>Paper family</th><th data-numeric>Paper</th><th>Grid</th><th>Scored on</th></tr></thead>
<tbody>{body}</tbody></table>"""
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Fashion-MNIST for .NET</title>
<style>
body {{ font-family: system-ui, sans-serif; margin: 2em auto; max-width: 1100px; color: #222; }}
.cards {{ display: grid; grid-template-columns: repeat(auto-fill, minmax(240px, 1fr)); gap: 1em; }}
.card {{ border: 1px solid #ddd; border-radius: 8px; padding: .8em; text-decoration: none; color: inherit; }}
.card img, .noimage {{ width: 100%; height: 160px; object-fit: cover; object-position: top; background: #f4f4f4; }}
.card.failed {{ border-color: #c00; }}
table {{ border-collapse: collapse; width: 100%; margin-top: 1em; font-size: 14px; }}
th, td {{ border-bottom: 1px solid #eee; padding: 4px 8px; text-align: left; }}
th {{ cursor: pointer; background: #fafafa; }} td.num {{ text-align: right; font-variant-numeric: tabular-nums; }}
</style></head><body>
<h1>Fashion-MNIST for .NET</h1>
<p>The notebooks, executed on the real data.</p>
<div class="cards">{card_html}</div>
{table}
<script>
const table = document.getElementById("leaderboard");
if (table) {{
  const body = table.tBodies[0];
  table.querySelectorAll("th").forEach((th, column) => th.addEventListener("click", () => {{
    const numeric = th.hasAttribute("data-numeric");
    const ascending = th.dataset.order !== "asc";
    th.dataset.order = ascending ? "asc" : "desc";
    const value = row => row.cells[column].textContent;
    const rows = [...body.rows].sort((a, b) => numeric ? (parseFloat(value(a)) || 0) - (parseFloat(value(b)) || 0) : value(a).localeCompare(value(b)));
    if (!ascending) rows.reverse();
    rows.forEach(row => body.appendChild(row));
  }}));
  document.getElementById("family").addEventListener("change", event => {{
    for (const row of body.rows) row.hidden = event.target.value !== "" && row.cells[0].textContent !== event.target.value;
  }});
}}
</script>
</body></html>
"""


def main(site, results=os.path.join(root, "build", "benchmark")):
    if not os.path.exists(PLOTLY_JS):
        raise SystemExit(f"build_site: {PLOTLY_JS} is missing: run environment/setup (it installs environment/web with npm)")
    for page in sorted(glob.glob(os.path.join(site, "*.html"))):
        if os.path.basename(page) != "index.html":
            make_offline(page, site)
    cards = [notebook_card(p, site) for p in sorted(glob.glob(os.path.join(site, "*.ipynb")))]
    with open(os.path.join(site, "index.html.partial"), "w", encoding="utf-8") as f:
        f.write(index_page(cards, leaderboard_rows(results), paper_figures()))
    os.replace(os.path.join(site, "index.html.partial"), os.path.join(site, "index.html"))
    print(f"site: {os.path.join(site, 'index.html')} ({len(cards)} notebooks)")


if __name__ == "__main__":
    if len(sys.argv) not in (2, 3):
        raise SystemExit(__doc__)
    main(*sys.argv[1:])
