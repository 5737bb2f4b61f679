// lib/Cnn.csx: Convolutional networks in TorchSharp: the networks, images as tensors, the trainer with its options,
// and the best network as a judge of images. Notebook 05.
// Notebooks #load this one file; it #loads what the topic builds on and every file of lib/Cnn/.
// (tests/FashionMnist.Tests/ManifestTests.cs fails when a file of the folder is missing here.)
#load "Pictures.csx"
#load "Cnn/BestConvNet.cs"
#load "Cnn/CnnJudge.cs"
#load "Cnn/CnnModels.cs"
#load "Cnn/CnnTrainer.cs"
#load "Cnn/CnnTrainingOptions.cs"
#load "Cnn/ImageTensors.cs"
#load "Cnn/SmallConvNet.cs"
#load "Cnn/TensorFlowConvNet.cs"
