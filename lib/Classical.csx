// lib/Classical.csx: The classical benchmark: the classifiers (ML.NET's trainers; ours: kNN, Gaussian naive Bayes, MLP,
// the kernel SVM and its random-feature approximation, CART trees and forests, SGD and the perceptron, passive-aggressive,
// liblinear's linear SVM), the scaler, the grids, the resumable runner, the paper's table and figures. Notebook 04.
// Notebooks #load this one file; it #loads what the topic builds on and every file of lib/Classical/.
// (tests/FashionMnist.Tests/ManifestTests.cs fails when a file of the folder is missing here.)
#load "Pictures.csx"
#load "Classical/BenchmarkCatalog.cs"
#load "Classical/BenchmarkRunDescription.cs"
#load "Classical/BenchmarkRunner.cs"
#load "Classical/DecisionTree.cs"
#load "Classical/FamilyChoices.cs"
#load "Classical/GaussianNaiveBayes.cs"
#load "Classical/IClassifier.cs"
#load "Classical/KernelSvm.cs"
#load "Classical/KNearestNeighbors.cs"
#load "Classical/LinearScores.cs"
#load "Classical/LinearSvc.cs"
#load "Classical/MlNetClassifier.cs"
#load "Classical/MlpClassifier.cs"
#load "Classical/PaperGrid.cs"
#load "Classical/PaperResults.cs"
#load "Classical/PassiveAggressiveClassifier.cs"
#load "Classical/RandomFeatureSvm.cs"
#load "Classical/RandomForest.cs"
#load "Classical/RandomFourierFeatures.cs"
#load "Classical/SgdClassifier.cs"
#load "Classical/StandardScaler.cs"
#load "Classical/SvmKernel.cs"
