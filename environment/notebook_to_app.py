#!/usr/bin/env python3
"""Turns a notebook into a .NET 10 file-based app (`dotnet run app.cs`): the same lesson without the kernel.

One source of truth: the notebook. The app is generated, never edited:
- `#r "nuget: X, v"` becomes `#:package X@v` (kernel-only packages such as Plotly.NET.Interactive are left out);
- the `#load "../lib/Topic.csx"` of lib's manifest becomes `#:project` of lib/Lib.csproj (all of lib, compiled
  like the tests do); `#load "../lib/OptimizedKernel.csx"` goes (the app is compiled by `dotnet run -c Release`);
- markdown cells become `//` comments, in place;
- what a cell shows is shown by the app: `display(x)` and `HTML(s)` write into an HTML page beside the app
  (lib/Pictures/AppPage.cs), and a cell's last expression, which the kernel shows, is displayed the same way;
- `using` directives move to the top and type declarations (a network written as a class) to the end, where C#
  wants them in a program of top-level statements.
Anything the generator cannot carry over (another magic command, a `#r` of a file, a `#load` of something other
than lib's manifests) stops it with the notebook, the cell and the line.

Usage: notebook_to_app.py NOTEBOOK.ipynb APP.cs
"""
import json
import os
import re
import sys

from build_site import notebook_title

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
KERNEL_ONLY_PACKAGES = {"Plotly.NET.Interactive"}
TYPE_DECLARATION = re.compile(r"^(\[[^\]]*\]\s*)*((public|internal|private|sealed|static|abstract|partial|readonly|file|unsafe)\s+)*"
                              r"(class|record|struct|interface|enum)\s+[A-Za-z_]")
# A declaration at the start of a statement: `var x =`, `int x =`, `List<int> x =`, `(int A, int B) x =` ...
DECLARATION = re.compile(r"^(?:var|[A-Za-z_][\w.]*(?:<[^=;]*?>)?(?:\[\])?\??|\([^()=;]*\))\s+([A-Za-z_]\w*)\s*(?:=(?!=)|;)")
USING_DIRECTIVE = re.compile(r"^using\s+(static\s+)?[A-Za-z_][\w.]*(\s*=\s*[\w.<>, ]+)?\s*;$")


class CannotCarryOver(Exception):
    pass


def statements(code):
    """Splits C# top-level code into statements: (text, ends_with_semicolon_or_block). Strings, characters,
    comments and interpolations are skipped over; a statement ends at a ';' or at a '}' that closes a block at
    depth 0 and is not followed by more of the same expression ('.', ')', ',', an operator...)."""
    result, start, depth, i, n = [], 0, 0, 0, len(code)
    while i < n:
        c = code[i]
        if code.startswith("//", i):
            i = code.find("\n", i)
            i = n if i < 0 else i
            continue
        if code.startswith("/*", i):
            i = code.find("*/", i + 2)
            i = n if i < 0 else i + 2
            continue
        if c in "$@\"'":
            i = skip_literal(code, i)
            continue
        if c in "([{":
            depth += 1
        elif c in ")]}":
            depth -= 1
            if c == "}" and depth == 0:
                rest = code[i + 1:].lstrip()
                if not rest or re.match(r"[A-Za-z_@$\"\[/#]", rest) and not re.match(r"(else|catch|finally|while)\b", rest):
                    result.append(code[start:i + 1])
                    start = i + 1
        elif c == ";" and depth == 0:
            end = i + 1
            comment = re.match(r"[ \t]*//[^\n]*", code[end:])  # a comment on the same line stays with its statement
            if comment:
                end += comment.end()
            result.append(code[start:end])
            start = i = end
            continue
        i += 1
    tail = code[start:]
    return [s for s in result if s.strip()], tail


def skip_literal(code, i):
    """The index after the string or character literal starting at i (also $"...{...}...", @"...", raw strings)."""
    n = len(code)
    prefix = re.match(r"\$*@?\$*", code[i:]).group(0)
    j = i + len(prefix)
    if j >= n or code[j] not in "\"'":
        return i + max(1, len(prefix))
    if code[j] == "'":
        k = j + 1
        while k < n and code[k] != "'":
            k += 2 if code[k] == "\\" else 1
        return k + 1
    quotes = len(re.match(r'"+', code[j:]).group(0))
    if quotes >= 3:  # a raw string literal
        end = code.find('"' * quotes, j + quotes)
        return n if end < 0 else end + quotes
    verbatim, interpolated = "@" in prefix, "$" in prefix
    k = j + 1
    while k < n:
        ch = code[k]
        if ch == "\\" and not verbatim:
            k += 2
            continue
        if ch == '"':
            if verbatim and k + 1 < n and code[k + 1] == '"':
                k += 2
                continue
            return k + 1
        if interpolated and ch == "{":
            if k + 1 < n and code[k + 1] == "{":
                k += 2
                continue
            k = skip_interpolation(code, k + 1)
            continue
        k += 1
    return n


def skip_interpolation(code, k):
    depth, n = 1, len(code)
    while k < n and depth:
        ch = code[k]
        if ch in "$@\"'":
            k = skip_literal(code, k)
            continue
        depth += ch == "{"
        depth -= ch == "}"
        k += 1
    return k


def strip_comments_at_end(text):
    """The text without a trailing // comment on its last line (outside strings)."""
    lines = text.rstrip().split("\n")
    last = lines[-1]
    i = 0
    while i < len(last):
        if last.startswith("//", i):
            lines[-1] = last[:i].rstrip()
            break
        i = skip_literal(last, i) if last[i] in "$@\"'" else i + 1
    return "\n".join(lines).rstrip()


def convert(notebook_path, app_path):
    notebook = json.load(open(notebook_path, encoding="utf-8"))
    name = os.path.basename(notebook_path)
    packages, usings, body, types = [], [], [], []
    names = {}  # variable -> the cell that declares it
    title = notebook_title(notebook, name)
    for number, cell in enumerate(notebook["cells"], start=1):
        source = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
        if cell["cell_type"] == "markdown":
            body.append("\n".join(("// " + line).rstrip() for line in source.splitlines()))
            continue
        if cell["cell_type"] != "code":
            continue
        code_lines = []
        for line in source.splitlines():
            stripped = line.strip()
            reference = re.fullmatch(r'#r\s+"nuget:\s*([^,"]+),\s*([^"]+)"', stripped)
            load = re.fullmatch(r'#load\s+"\.\./lib/([A-Za-z]+)\.csx"', stripped)
            if reference:
                package, version = reference.group(1).strip(), reference.group(2).strip()
                if package not in KERNEL_ONLY_PACKAGES:
                    packages.append(f"#:package {package}@{version}")
            elif load:
                if not os.path.exists(os.path.join(root, "lib", load.group(1) + ".csx")):
                    raise CannotCarryOver(f"{name}: cell {number}: {stripped}: no such manifest in lib/")
            elif stripped.startswith("#"):
                raise CannotCarryOver(f"{name}: cell {number}: {stripped}: the app generator cannot carry this over")
            else:
                code_lines.append(line)
        code = "\n".join(code_lines).strip()
        if not code:
            continue
        found, tail = statements(code)
        cell_body = []
        for statement in found:
            text = statement.strip()
            if USING_DIRECTIVE.match(text):
                if text not in usings:
                    usings.append(text)
            elif TYPE_DECLARATION.match(re.sub(r"^(\s*//[^\n]*\n)+", "", text)):
                types.append(text)
            else:
                declared = DECLARATION.match(re.sub(r"^(\s*//[^\n]*\n)+", "", text))
                if declared:
                    if declared.group(1) in names:
                        raise CannotCarryOver(f"{name}: cell {number} declares '{declared.group(1)}' again (first in cell {names[declared.group(1)]}): "
                                              "the kernel allows that, one program does not; give it another name")
                    names[declared.group(1)] = number
                cell_body.append(statement.strip("\n"))
        result = strip_comments_at_end(tail.strip("\n")) if tail.strip() else ""
        if result and not re.sub(r"//[^\n]*", "", result).strip():
            cell_body.append(result)  # only a comment
        elif result:
            cell_body.append(f"display({result.strip()});")
        body.append("AppPage.Cell();\n" + "\n".join(cell_body))
    lib = os.path.relpath(os.path.join(root, "lib", "Lib.csproj"), os.path.dirname(os.path.abspath(app_path)))
    header = [
        f"// {title}: generated from notebooks/{name} by environment/make-apps. Do not edit: edit the notebook and generate again.",
        f"// Run it from the project folder: dotnet run -c Release {os.path.relpath(os.path.abspath(app_path), root)}",
        "// (FASHION_MNIST_QUICK=1 for quick mode). What the notebook shows goes into the .html page beside this file.",
        "#:property ManagePackageVersionsCentrally=false",
        "#:property PublishAot=false",
        "#:property NoWarn=$(NoWarn);CS1701;CS1702;CS8321",
        *sorted(set(packages), key=packages.index),
        f"#:project {lib.replace(os.sep, '/')}",
        *usings,
        "",
        f'AppPage.Open(System.IO.Path.ChangeExtension(System.IO.Path.Combine(ProjectFolders.Root, "build", "apps", "{os.path.splitext(name)[0]}"), ".html"), {json.dumps(title, ensure_ascii=False)});',
        "AppDisplay display(object value) => AppPage.Display(value);",
        "AppHtml HTML(string html) => new(html);",
        "",
    ]
    return "\n".join(header) + "\n\n".join(body) + "\n" + ("\n\n" + "\n\n".join(types) + "\n" if types else "")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        raise SystemExit(__doc__)
    try:
        text = convert(sys.argv[1], sys.argv[2])
    except CannotCarryOver as e:
        print(f"notebook_to_app: {e}", file=sys.stderr)
        sys.exit(1)
    os.makedirs(os.path.dirname(os.path.abspath(sys.argv[2])), exist_ok=True)
    with open(sys.argv[2] + ".partial", "w", encoding="utf-8") as f:
        f.write(text)
    os.replace(sys.argv[2] + ".partial", sys.argv[2])
    print(f"notebook_to_app: {sys.argv[2]}")
