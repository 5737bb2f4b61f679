#!/usr/bin/env python3
"""Saves the pictures the README shows, from the executed notebooks of the last run, as PNG files.

A picture is either an image the notebook drew (an image/png output, saved as it is) or a Plotly chart
(drawn offline from the pinned plotly.js in headless Chromium and screenshotted; skipped, with a note, where
Chromium is missing). Each is written to a temporary file and renamed, so a failed run leaves the old one.

Usage: export_pictures.py SITE_DIR [OUT_DIR]   (default OUT_DIR: SITE_DIR/pictures)
"""
import glob
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

from build_site import PLOTLY_JS, png_images

CHROMIUM = os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"

# A notebook names the pictures the README shows by tagging the cell that draws each one:
#   "readme-picture:NAME.png" for an image the cell drew, "readme-picture:NAME.png:WIDTHxHEIGHT" for a Plotly chart.
TAG = re.compile(r"^readme-picture:([\w.-]+\.png)(?::(\d+)x(\d+))?$")


def tagged_pictures(notebook):
    """(file name, the cell's outputs, kind, size) for each tagged cell of an executed notebook."""
    for cell in notebook["cells"]:
        for tag in cell.get("metadata", {}).get("tags", []):
            match = TAG.match(tag)
            if match:
                name, width, height = match.groups()
                kind, size = ("plotly", (int(width), int(height))) if width else ("png", None)
                yield name, cell.get("outputs", []), kind, size


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


def export_one(notebook_path, name, outputs, kind, size, out):
    """Writes one picture (temporary file, then rename); returns a problem to report, or None."""
    target = os.path.join(out, name)
    partial = target + ".partial.png"
    if kind == "png":
        images = png_images(outputs)
        if not images:
            return f"{notebook_path}: the cell tagged {name} drew no picture"
        with open(partial, "wb") as f:
            f.write(images[0])
    else:
        charts = ["".join(o["data"]["text/html"]) for o in outputs if "renderPlotly" in "".join(o.get("data", {}).get("text/html", ""))]
        page = chart_page(charts[0], *size) if charts else None
        if page is None:
            return f"{notebook_path}: the cell tagged {name} drew no Plotly chart"
        if not os.path.exists(CHROMIUM):
            print(f"export_pictures: no Chromium at {CHROMIUM}, {name} skipped")
            return None
        screenshot(page, *size, partial)
    if os.path.getsize(partial) < 1000:
        return f"{partial}: only {os.path.getsize(partial)} bytes"
    os.replace(partial, target)
    print(f"export_pictures: {target}")
    return None


def export(site, out):
    os.makedirs(out, exist_ok=True)
    problems = []
    for notebook_path in sorted(glob.glob(os.path.join(site, "*.ipynb"))):
        for name, outputs, kind, size in tagged_pictures(json.load(open(notebook_path, encoding="utf-8"))):
            problem = export_one(notebook_path, name, outputs, kind, size, out)
            if problem:
                problems.append(problem)
    for problem in problems:
        print(f"export_pictures: {problem}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    if len(sys.argv) < 2:
        raise SystemExit(__doc__)
    site = sys.argv[1]
    sys.exit(export(site, sys.argv[2] if len(sys.argv) > 2 else os.path.join(site, "pictures")))
