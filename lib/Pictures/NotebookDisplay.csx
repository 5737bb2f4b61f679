// NotebookDisplay: how lib's pictures appear in a .NET Interactive notebook. Notebook-only code (a .csx, so
// lib/Lib.csproj, which compiles lib/**/*.cs for the tests and benchmarks, leaves it out); lib/Pictures.csx loads it.
// A PngImage shows as image/png: a real picture in Jupyter, VS Code, GitHub and the HTML pages.
using System;
using Microsoft.DotNet.Interactive.Formatting;

Formatter.Register<PngImage>((image, writer) => writer.Write(Convert.ToBase64String(image.Bytes)), "image/png");
Formatter.SetPreferredMimeTypesFor(typeof(PngImage), "image/png");
