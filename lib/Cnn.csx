// lib/Cnn.csx: Convolutional networks in TorchSharp: the networks, images as tensors, the trainer with its options,
// the best network as a judge of images, any picture brought to a Fashion-MNIST image (with the shipped example),
// and an image beside its class probabilities. Notebook 05.
// Notebooks #load this one file; it #loads what the topic builds on and every file of lib/Cnn/.
// (tests/FashionMnist.Tests/ManifestTests.cs fails when a file of the folder is missing here.)
#load "Pictures.csx"
#load "Cnn/BestConvNet.cs"
#load "Cnn/CnnJudge.cs"
#load "Cnn/CnnModels.cs"
#load "Cnn/CnnTrainer.cs"
#load "Cnn/CnnTrainingOptions.cs"
#load "Cnn/CnnTrainingRecord.cs"
#load "Cnn/CompactConvNet.cs"
#load "Cnn/ExamplePicture.cs"
#load "Cnn/ImageTensors.cs"
#load "Cnn/MixedPrecision.cs"
#load "Cnn/PictureToFashionMnist.cs"
#load "Cnn/ProbabilityChart.cs"
#load "Cnn/SmallConvNet.cs"
#load "Cnn/TensorFlowConvNet.cs"
