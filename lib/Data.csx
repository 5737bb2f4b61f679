// lib/Data.csx: The data set: the IDX format, the verified files and their download, Fashion-MNIST and MNIST as
// labeled images, mini-batches. Notebook 01.
// Notebooks #load this one file; it #loads what the topic builds on and every file of lib/Data/.
// (tests/FashionMnist.Tests/ManifestTests.cs fails when a file of the folder is missing here.)
#load "Shared.csx"
#load "Data/DatasetFiles.cs"
#load "Data/FashionMnist.cs"
#load "Data/Idx.cs"
#load "Data/LabeledImages.cs"
#load "Data/MiniBatches.cs"
#load "Data/ValidationSplit.cs"
