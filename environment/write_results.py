#!/usr/bin/env python3
"""Puts a full run's results into the README: its results table and its pictures, from the executed notebooks.

Each notebook tags the cells whose output is a headline result `readme-result`, and the cells that draw a README
picture `readme-picture:NAME.png` (environment/export_pictures.py exports those into SITE_DIR/pictures). For each
notebook of this run that ran in full mode without a failed cell, this script
- rewrites that notebook's row of the table between `<!-- results:start -->` and `<!-- results:end -->`: the day,
  the commit it ran at (recorded by execute_notebooks.py), the cell time and the text its readme-result cells printed (rows of notebooks not in this run stay);
- copies its exported pictures into notebooks/images, where the README shows them.
Nothing in that table is typed by hand, so it cannot drift from what the notebooks show. Files are written to a
temporary file and renamed. A notebook that ran in quick mode or failed changes nothing and is named.

Usage: write_results.py SITE_DIR README NOTEBOOK_NAME...   (names like 05-cnn)
"""
import datetime
import json
import os
import re
import shutil
import sys

from build_site import notebook_title
from export_pictures import tagged_pictures

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
START, END = "<!-- results:start -->", "<!-- results:end -->"
HEADER = ["| notebook | run | seconds | what it printed |", "| --- | --- | --- | --- |"]


def text_of(output):
    if output.get("output_type") == "stream" and output.get("name") == "stdout":
        return "".join(output.get("text", ""))
    data = output.get("data", {})
    return "".join(data.get("text/plain", "")) if "text/plain" in data and "text/html" not in data else ""


def headline(notebook):
    """What the cells tagged readme-result printed last (a live display's final report, or the cell's result), in
    order, on one line: the lines of one output joined by '; '."""
    lines = []
    for cell in notebook["cells"]:
        if "readme-result" in cell.get("metadata", {}).get("tags", []):
            texts = [t for t in (text_of(o).strip() for o in cell.get("outputs", [])) if t]
            if texts:
                lines.append("; ".join(" ".join(line.split()).strip('"') for line in texts[-1].splitlines() if line.strip()))
    return "; ".join(lines).replace("|", "/")


def row(notebook, name):
    run = notebook["metadata"]["fashion_mnist"]
    commit = run.get("commit") or "unknown commit"  # recorded by execute_notebooks.py when the notebook ran
    seconds = run["seconds"]
    return (f"| [{notebook_title(notebook, name)}](notebooks/{name}.ipynb) | {datetime.date.today().isoformat()}, {commit}, "
            f"{os.cpu_count()} cores | {seconds:.1f} | {headline(notebook)} |")


def problem_of(notebook, path):
    run = notebook.get("metadata", {}).get("fashion_mnist", {})
    if run.get("quick", True):
        return f"{path} ran in quick mode"
    if any(o.get("output_type") == "error" for c in notebook["cells"] for o in c.get("outputs", [])):
        return f"{path} has a failed cell"
    if not headline(notebook):
        return f"{path}: no cell tagged readme-result printed anything"
    return None


def table_rows(readme_text):
    block = readme_text[readme_text.index(START) + len(START):readme_text.index(END)]
    return {m.group(1): line for line in block.splitlines() if (m := re.match(r"\| \[[^\]]*\]\(notebooks/([\w-]+)\.ipynb\)", line))}


def write(site, readme, names):
    old = open(readme, encoding="utf-8").read()
    if START not in old or END not in old:
        print(f"write_results: {readme} has no {START} ... {END} markers", file=sys.stderr)
        return 1
    rows, status = table_rows(old), 0
    for name in names:
        path = os.path.join(site, name + ".ipynb")
        notebook = json.load(open(path, encoding="utf-8")) if os.path.exists(path) else None
        problem = problem_of(notebook, path) if notebook else f"{path} was not written"
        if problem:
            print(f"write_results: {problem}: its row and pictures left as they were", file=sys.stderr)
            status = 1
            continue
        rows[name] = row(notebook, name)
        for picture, *_ in tagged_pictures(notebook):
            exported = os.path.join(site, "pictures", picture)
            if os.path.exists(exported):
                target = os.path.join(root, "notebooks", "images", picture)
                shutil.copyfile(exported, target + ".partial")
                os.replace(target + ".partial", target)
                print(f"write_results: {target}")
    block = "\n".join([START, *HEADER, *(rows[n] for n in sorted(rows)), END])
    new = old[:old.index(START)] + block + old[old.index(END) + len(END):]
    with open(readme + ".partial", "w", encoding="utf-8") as f:
        f.write(new)
    os.replace(readme + ".partial", readme)
    print(f"write_results: {readme}")
    return status


if __name__ == "__main__":
    if len(sys.argv) < 4:
        raise SystemExit(__doc__)
    sys.exit(write(sys.argv[1], sys.argv[2], sys.argv[3:]))
