// lib/Pictures.csx: Pictures and charts of the data: image grids and the sprite as PNG, per-class statistics, Plotly charts,
// HTML tables, and how a PNG shows in the notebook. Notebook 02 (and every notebook that draws).
// Notebooks #load this one file; it #loads what the topic builds on and every file of lib/Pictures/.
// (tests/FashionMnist.Tests/ManifestTests.cs fails when a file of the folder is missing here.)
#load "Data.csx"
#load "Pictures/AppPage.cs"
#load "Pictures/Charts.cs"
#load "Pictures/ClassStatistics.cs"
#load "Pictures/HtmlTable.cs"
#load "Pictures/ImageGrid.cs"
#load "Pictures/NotebookDisplay.csx"
#load "Pictures/PngImage.cs"
#load "Pictures/Sprite.cs"
