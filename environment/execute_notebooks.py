#!/usr/bin/env python3
"""Executes notebooks in the project's C# kernel, one after another, and writes the executed copies.

Each notebook runs from a fresh kernel started in the notebook's own folder, whatever the caller's
current directory (nbconvert resolves `#load "../lib/Topic.csx"` from there; other runners from the process's
folder). A failing cell does not stop the run: its notebook is still written with the error in it, the
failure is named (notebook, cell, error), the other notebooks go on, and the exit code is 1.

Usage: execute_notebooks.py [--output-dir DIR] [--html] [--quick] [--timeout SECONDS] NOTEBOOK...
"""
import argparse
import os
import re
import subprocess
import sys
import time

import nbformat
from nbclient import NotebookClient

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def first_line(source):
    return next((line for line in source.splitlines() if line.strip()), "")[:80]


def cell_errors(nb):
    """(cell number, first line of the cell, 'ename: evalue') for each error output, cells counted from 1."""
    for number, cell in enumerate(nb.cells, start=1):
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error":
                message = f"{output.get('ename', 'Error')}: {output.get('evalue', '')}".strip()
                detail = "".join(o.get("text", "") for o in cell.outputs if o.get("name") == "stderr").strip()
                yield number, first_line(cell.source), (message + ("\n" + detail if detail else ""))[:4000]


def is_noise(output):
    """Outputs that mean nothing to a reader of a saved notebook or page:
    - dotnet-interactive's start-up script, which probes the live kernel's HTTP port (gone once saved; the
      browser would log a refused connection);
    - the compiler's CS1701 notes that TorchSharp (built for .NET 8) is bound to .NET 10's System.Runtime.Numerics:
      the unification MSBuild silences by default, which C# scripting prints."""
    if "probeAddresses" in "".join(output.get("data", {}).get("text/html", "")):
        return True
    if output.get("output_type") == "stream" and output.get("name") == "stderr":
        lines = [line for line in "".join(output.get("text", "")).splitlines() if line.strip()]
        return bool(lines) and all("warning CS1701" in line or "warning CS1702" in line for line in lines)
    return False


def drop_noise(nb):
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs = [o for o in cell.get("outputs", []) if not is_noise(o)]


class KernelNotebookClient(NotebookClient):
    """nbclient, with dotnet-interactive's display updates put where they belong.

    dotnet-interactive 1.0.712001 sends `display(x).Update(y)` as update_display_data under a display id of its
    own, not the id of the display it updates (one such id per display, the same for each of its updates).
    nbclient then drops every update, and a saved notebook shows each live display's first value ("starting…")
    instead of the last progress report or picture. Here the first update under an unknown id in a cell claims
    the cell's earliest unclaimed display with the same kinds of data (MIME types); its later updates follow."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._update_aliases = {}  # the kernel's update id -> the display id it updates

    def process_message(self, msg, cell, cell_index):
        content = msg.get("content", {})
        update_id = content.get("transient", {}).get("display_id")
        if msg.get("msg_type") == "update_display_data" and update_id and update_id not in self._display_id_map:
            if update_id not in self._update_aliases:
                claimed = self._unclaimed_display(cell_index, set(content.get("data", {})))
                if claimed:
                    self._update_aliases[update_id] = claimed
            if update_id in self._update_aliases:
                content["transient"]["display_id"] = self._update_aliases[update_id]
        return super().process_message(msg, cell, cell_index)

    def _unclaimed_display(self, cell_index, mime_types):
        claimed = set(self._update_aliases.values())
        outputs = self.nb.cells[cell_index].get("outputs", [])
        candidates = sorted((index, display_id) for display_id, cells in self._display_id_map.items()
                            if display_id not in claimed for index in cells.get(cell_index, []))
        return next((display_id for index, display_id in candidates
                     if index < len(outputs) and set(outputs[index].get("data", {})) == mime_types), None)


def checkout_commit():
    """The commit the notebooks ran at, "(with local changes)" when tracked files differ from it (other than the
    README and its pictures, which a full run rewrites); None outside a git checkout."""
    def git(*args):
        result = subprocess.run(["git", "-C", root, *args], capture_output=True, text=True)
        return result.stdout.strip() if result.returncode == 0 else None
    commit = git("rev-parse", "--short", "HEAD")
    if commit and git("status", "--porcelain", "--untracked-files=no", "--", ".", ":!README.md", ":!notebooks/images"):
        commit += " (with local changes)"
    return commit


def write_atomically(text, path):
    with open(path + ".partial", "w", encoding="utf-8") as f:
        f.write(text)
    os.replace(path + ".partial", path)


def with_port_range(client, ports):
    """Starts the client's kernel on HTTP ports from `ports` ("first-last") instead of its kernel spec's range, so that
    kernels started for one purpose (the tests) keep out of the ports of any other kernel on the machine."""
    argv = client.create_kernel_manager().kernel_spec.argv
    if "--http-port-range" not in argv:
        raise ValueError(f"the kernel spec {client.kernel_name} takes no --http-port-range: {argv}")
    argv[argv.index("--http-port-range") + 1] = ports


def execute(path, output_dir, timeout, html, kernel_ports=None):
    nb = nbformat.read(path, as_version=4)
    kernel = nb.metadata.get("kernelspec", {}).get("name", ".net-csharp")
    code_cells = sum(1 for c in nb.cells if c.cell_type == "code")
    started = time.monotonic()
    done = 0
    running = None  # the cell being executed: where a timeout or a dead kernel is reported

    def on_cell_execute(cell, cell_index, **_):
        nonlocal running
        running = cell_index

    def on_cell_executed(cell, cell_index, **_):
        nonlocal done
        if cell.cell_type != "code":
            return
        done += 1
        print(f"  [{done}/{code_cells}] {time.monotonic() - started:6.1f}s  {first_line(cell.source)}", flush=True)

    client = KernelNotebookClient(nb, kernel_name=kernel, timeout=timeout, allow_errors=True,
                                  resources={"metadata": {"path": os.path.dirname(os.path.abspath(path))}},
                                  on_cell_execute=on_cell_execute, on_cell_executed=on_cell_executed)
    if kernel_ports:
        with_port_range(client, kernel_ports)
    # The kernel's own log (its web server's start-up lines) goes to a file beside the executed notebook.
    name = os.path.splitext(os.path.basename(path))[0]
    os.makedirs(output_dir, exist_ok=True)
    with open(os.path.join(output_dir, name + ".kernel.log"), "w") as kernel_log:
        try:
            client.execute(stdout=kernel_log, stderr=subprocess.STDOUT)
        except Exception as e:  # a cell past its time limit, a kernel that dies or never starts
            # The notebook is still written, with the error in the cell that was running (or the first code
            # cell, when the kernel never started), so that the page shows where the run stopped.
            index = running if running is not None else next((i for i, c in enumerate(nb.cells) if c.cell_type == "code"), None)
            if index is None:
                raise
            nb.cells[index].setdefault("outputs", []).append(nbformat.v4.new_output(
                "error", ename=type(e).__name__, evalue=" ".join(str(e).split())[:2000], traceback=[]))
    drop_noise(nb)
    run = nb.metadata.setdefault("fashion_mnist", {})
    run["seconds"] = round(time.monotonic() - started, 1)
    run["quick"] = os.environ.get("FASHION_MNIST_QUICK") in ("1", "true", "yes")
    run["commit"] = checkout_commit()
    write_atomically(nbformat.writes(nb), os.path.join(output_dir, name + ".ipynb"))
    if html:
        from nbconvert import HTMLExporter
        body, _ = HTMLExporter().from_notebook_node(nb)
        write_atomically(body, os.path.join(output_dir, name + ".html"))
    return list(cell_errors(nb)), time.monotonic() - started


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="+")
    parser.add_argument("--output-dir", default=os.path.join(root, "build", "notebooks"))
    parser.add_argument("--html", action="store_true", help="also write an HTML rendering of each notebook")
    parser.add_argument("--quick", action="store_true", help="quick mode: less data, fewer iterations (FASHION_MNIST_QUICK=1)")
    parser.add_argument("--timeout", type=int, default=3600, help="seconds one cell may take")
    parser.add_argument("--kernel-ports", metavar="FIRST-LAST", help="HTTP ports of the kernels started (default: the kernel spec's range)")
    args = parser.parse_args()
    if args.kernel_ports and not re.fullmatch(r"\d+-\d+", args.kernel_ports):
        parser.error(f"--kernel-ports {args.kernel_ports}: give a range of ports as FIRST-LAST, for example 3100-3999")

    # The project-local kernel spec (environment/setup writes it) comes first.
    os.environ["JUPYTER_PATH"] = os.pathsep.join(p for p in [os.path.join(root, ".jupyter"), os.environ.get("JUPYTER_PATH")] if p)
    if args.quick:
        os.environ["FASHION_MNIST_QUICK"] = "1"

    failures = []
    for path in args.notebooks:
        print(f"{path}{' (quick mode)' if args.quick else ''}", flush=True)
        started = time.monotonic()
        try:
            errors, seconds = execute(path, args.output_dir, args.timeout, args.html, args.kernel_ports)
        except Exception as e:  # a notebook that cannot be read or written
            errors, seconds = [(0, "", f"{type(e).__name__}: {e}")], time.monotonic() - started
        for number, line, message in errors:
            failures.append(f"{path}: cell {number} ({line}): {message}")
        print(f"  {'FAILED' if errors else 'ok'} in {seconds:.1f}s", flush=True)

    if failures:
        print(f"\n{len(failures)} failure(s):", file=sys.stderr)
        for failure in failures:
            print(f"- {failure}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
