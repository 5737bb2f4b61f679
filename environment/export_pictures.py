#!/usr/bin/env python3
"""Saves the pictures the README shows, from the executed notebooks of the last run, as PNG files.

A picture is either an image the notebook drew (an image/png output, saved as it is) or a Plotly chart
(drawn offline from the pinned plotly.js in headless Chromium and screenshotted; skipped, with a note, where
Chromium is missing). Each is written to a temporary file and renamed, so a failed run leaves the old one.

Usage: export_pictures.py SITE_DIR [OUT_DIR]   (default OUT_DIR: SITE_DIR/pictures)
"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

from build_site import PLOTLY_JS, png_images

CHROMIUM = os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"

# (file name, notebook, a line that starts the cell's source, kind, chart width x height)
PICTURES = [
    ("class-means.png", "02-visualization", "var stats = ClassStatistics.Of", "png", None),
    ("tsne-map.png", "03-pca-tsne", "float[] MapAxis", "plotly", (900, 750)),
    ("pca-components.png", "03-pca-tsne", "byte[] AsPicture", "png", None),
    ("benchmark-families.png", "04-classical-benchmark", "var byFamily", "plotly", (900, 520)),
    ("cnn-mistakes.png", "05-cnn", "var mistakes", "png", None),
    ("gan-wardrobe.png", "06-gan", "GanSamples.Wardrobe(trained", "png", None),
    ("gan-closeness.png", "06-gan", "var calibration = FrechetCalibration", "plotly", (900, 460)),
]


def cell_outputs(notebook, start):
    for cell in notebook["cells"]:
        if cell["cell_type"] == "code" and "".join(cell["source"]).lstrip().startswith(start):
            return cell.get("outputs", [])
    return None


def chart_page(chart_html, width, height):
    """A page that draws the chart's data and layout, as Plotly.NET wrote them, with the local plotly.js."""
    data = re.search(r"var data = (\[.*?\]);\s*var layout", chart_html, re.S)
    layout = re.search(r"var layout = (\{.*?\});\s*var config", chart_html, re.S)
    if not data or not layout:
        return None
    return (f'<html><head><meta charset="utf-8"><script src="file://{PLOTLY_JS}"></script></head><body style="margin:0">'
            f'<div id="chart"></div><script>var layout = {layout.group(1)}; layout.width = {width}; layout.height = {height};'
            f'Plotly.newPlot("chart", {data.group(1)}, layout, {{staticPlot: true}});</script></body></html>')


def screenshot(page, width, height, path):
    with tempfile.TemporaryDirectory() as folder:
        page_path = os.path.join(folder, "chart.html")
        with open(page_path, "w", encoding="utf-8") as f:
            f.write(page)
        subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                        "--allow-file-access-from-files", f"--window-size={width},{height}",
                        "--virtual-time-budget=10000", f"--screenshot={path}", f"file://{page_path}"],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=120)


def export(site, out):
    os.makedirs(out, exist_ok=True)
    problems = []
    for name, notebook_name, start, kind, size in PICTURES:
        notebook_path = os.path.join(site, notebook_name + ".ipynb")
        if not os.path.exists(notebook_path):
            continue  # a run of some notebooks only
        outputs = cell_outputs(json.load(open(notebook_path, encoding="utf-8")), start)
        if outputs is None:
            problems.append(f"{notebook_path}: no cell starts with {start!r}")
            continue
        target = os.path.join(out, name)
        partial = target + ".partial.png"
        if kind == "png":
            images = png_images(outputs)
            if not images:
                problems.append(f"{notebook_path}: the cell {start!r} drew no picture")
                continue
            with open(partial, "wb") as f:
                f.write(images[0])
        else:
            charts = ["".join(o["data"]["text/html"]) for o in outputs if "renderPlotly" in "".join(o.get("data", {}).get("text/html", ""))]
            page = chart_page(charts[0], *size) if charts else None
            if page is None:
                problems.append(f"{notebook_path}: the cell {start!r} drew no Plotly chart")
                continue
            if not os.path.exists(CHROMIUM):
                print(f"export_pictures: no Chromium at {CHROMIUM}, {name} skipped")
                continue
            screenshot(page, *size, partial)
        if os.path.getsize(partial) < 1000:
            problems.append(f"{partial}: only {os.path.getsize(partial)} bytes")
            continue
        os.replace(partial, target)
        print(f"export_pictures: {target}")
    for problem in problems:
        print(f"export_pictures: {problem}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    if len(sys.argv) < 2:
        raise SystemExit(__doc__)
    site = sys.argv[1]
    sys.exit(export(site, sys.argv[2] if len(sys.argv) > 2 else os.path.join(site, "pictures")))
