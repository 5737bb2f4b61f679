#!/usr/bin/env python3
"""Puts the FSharp.Core that Plotly.NET needs into the project's own copy of dotnet-interactive.

Why: Plotly.NET 6.0.0 is built against FSharp.Core 10.1; dotnet-interactive 1.0.712001 ships and loads
FSharp.Core 10.0 first, so every chart cell fails with "Could not load file or assembly 'FSharp.Core,
Version=10.1.0.0'". FSharp.Core is backward compatible, so the tool runs on the newer one. Applied only
when the tool's FSharp.Core is older than the pinned one, and only to the tool in the project's .tools/.

Usage: fix_fsharp_core.py TOOL_DIR NUGET_PACKAGES_DIR PACKAGES_PROPS
"""
import filecmp
import json
import os
import re
import shutil
import sys


def version_tuple(text):
    return tuple(int(part) for part in re.findall(r"\d+", text)[:3])


def main(tool_dir, packages, props):
    pinned = re.search(r'Include="FSharp.Core" Version="([^"]+)"', open(props).read()).group(1)
    deps = json.load(open(os.path.join(tool_dir, "Microsoft.DotNet.Interactive.App.deps.json")))
    shipped = next(name.split("/")[1] for name in deps["libraries"] if name.startswith("FSharp.Core/"))
    if version_tuple(shipped) >= version_tuple(pinned):
        print(f"not needed: dotnet-interactive ships FSharp.Core {shipped}, the charts need {pinned}")
        return
    source = os.path.join(packages, "fsharp.core", pinned, "lib", "netstandard2.1", "FSharp.Core.dll")
    target = os.path.join(tool_dir, "FSharp.Core.dll")
    if not os.path.isfile(source):
        raise SystemExit(f"fix_fsharp_core: {source} is missing: the restore of Directory.Packages.props should have brought it")
    if filecmp.cmp(source, target, shallow=False):
        print(f"already applied: {target} is FSharp.Core {pinned} (the tool shipped {shipped})")
        return
    temporary = target + ".new"
    shutil.copyfile(source, temporary)
    os.replace(temporary, target)
    print(f"applied: {target} replaced by FSharp.Core {pinned} (the tool shipped {shipped})")


if __name__ == "__main__":
    if len(sys.argv) != 4:
        raise SystemExit(__doc__)
    main(*sys.argv[1:])
