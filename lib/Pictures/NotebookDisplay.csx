// NotebookDisplay: how lib's pictures appear in a .NET Interactive notebook. The only notebook-specific
// code in lib/ (a .csx, so the xunit project, which compiles lib/*.cs, leaves it out).
// A PngImage shows as image/png: a real picture in Jupyter, VS Code, GitHub and the HTML pages.
using Microsoft.DotNet.Interactive.Formatting;

Formatter.Register<PngImage>((image, writer) => writer.Write(Convert.ToBase64String(image.Bytes)), "image/png");
Formatter.SetPreferredMimeTypesFor(typeof(PngImage), "image/png");
