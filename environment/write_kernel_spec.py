#!/usr/bin/env python3
"""Writes the Jupyter kernel spec of the project's C# kernel (.net-csharp).

- --http-local-only: without it dotnet-interactive's HTTP API listens on every network interface.
- LD_LIBRARY_PATH with TorchSharp's own libtorch first: Debian's libtorch (python3-torch pulls it in) is
  otherwise found first by the loader, and TorchSharp then fails with undefined symbols.
- The logos come from the tool's own `jupyter install`, so front ends show the usual .NET icon.

Usage: write_kernel_spec.py KERNEL_DIR TOOL_EXECUTABLE NATIVE_PATH
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile


def main(kernel_dir, tool, native_path):
    spec = {
        "argv": [tool, "jupyter", "--default-kernel", "csharp", "--http-local-only",
                 "{connection_file}", "--http-port-range", "2048-3000"],
        "display_name": ".NET (C#)",
        "language": "C#",
        "env": {
            "LD_LIBRARY_PATH": native_path,
            "DOTNET_INTERACTIVE_CLI_TELEMETRY_OPTOUT": "1",
            "DOTNET_CLI_TELEMETRY_OPTOUT": "1",
        },
        "metadata": {"vscode": {"extension_id": "ms-dotnettools.dotnet-interactive-vscode", "kernel_id": "dotnet-interactive"}},
    }
    text = json.dumps(spec, indent=2) + "\n"
    path = os.path.join(kernel_dir, "kernel.json")
    os.makedirs(kernel_dir, exist_ok=True)
    if not os.path.exists(os.path.join(kernel_dir, "logo-64x64.png")):
        copy_logos(tool, kernel_dir)
    if os.path.exists(path) and open(path).read() == text:
        print(f"unchanged: {path}")
        return
    with open(path + ".new", "w") as f:
        f.write(text)
    os.replace(path + ".new", path)
    print(f"written: {path}")


def copy_logos(tool, kernel_dir):
    with tempfile.TemporaryDirectory() as scratch:
        subprocess.run([tool, "jupyter", "install", "--path", scratch], check=False,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for name in ("logo-32x32.png", "logo-64x64.png"):
            logo = os.path.join(scratch, ".net-csharp", name)
            if os.path.exists(logo):
                shutil.copyfile(logo, os.path.join(kernel_dir, name))


if __name__ == "__main__":
    if len(sys.argv) != 4:
        raise SystemExit(__doc__)
    main(*sys.argv[1:])
