// lib/Embedding.csx: Maps of the data in two or three dimensions: PCA, the exact neighbour lists, t-SNE with its
<<<<<<< HEAD
// Barnes-Hut quadtree, UMAP, trustworthiness and k-NN accuracy in a map, maps side by side as a picture. Notebook 03.
=======
// Barnes-Hut quadtree or FFT interpolation, trustworthiness, maps side by side as a picture. Notebook 03.
>>>>>>> helper-fft
// Notebooks #load this one file; it #loads what the topic builds on and every file of lib/Embedding/.
// (tests/FashionMnist.Tests/ManifestTests.cs fails when a file of the folder is missing here.)
#load "Pictures.csx"
#load "Embedding/ExactNeighbors.cs"
<<<<<<< HEAD
#load "Embedding/MapNeighborAccuracy.cs"
=======
#load "Embedding/InterpolatedRepulsion.cs"
>>>>>>> helper-fft
#load "Embedding/MapPicture.cs"
#load "Embedding/Pca.cs"
#load "Embedding/QuadTree.cs"
#load "Embedding/Trustworthiness.cs"
#load "Embedding/Tsne.cs"
#load "Embedding/TsneOptions.cs"
#load "Embedding/Umap.cs"
#load "Embedding/UmapOptions.cs"
