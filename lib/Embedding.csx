// lib/Embedding.csx: Maps of the data in two or three dimensions: PCA, the exact neighbour lists, t-SNE with its
// Barnes-Hut quadtree or FFT interpolation, UMAP, trustworthiness and k-NN accuracy in a map, maps side by side as a
// picture. Notebook 03.
// Notebooks #load this one file; it #loads what the topic builds on and every file of lib/Embedding/.
// (tests/FashionMnist.Tests/ManifestTests.cs fails when a file of the folder is missing here.)
#load "Pictures.csx"
#load "Embedding/ExactNeighbors.cs"
#load "Embedding/InterpolatedRepulsion.cs"
#load "Embedding/MapNeighborAccuracy.cs"
#load "Embedding/MapPicture.cs"
#load "Embedding/Pca.cs"
#load "Embedding/QuadTree.cs"
#load "Embedding/SymmetricNeighborGraph.cs"
#load "Embedding/TensorMemory.cs"
#load "Embedding/TorchThread.cs"
#load "Embedding/Trustworthiness.cs"
#load "Embedding/Tsne.cs"
#load "Embedding/TsneOptions.cs"
#load "Embedding/Umap.cs"
#load "Embedding/UmapOptions.cs"
