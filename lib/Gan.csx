// lib/Gan.csx: The class-conditional DCGAN: its two networks, the training loop and recipe, samples, and how good
// the samples are (the CNN judge's accuracy, the Fréchet distance and its calibration, the
// kernel inception distance, precision and recall). Notebook 06.
// Notebooks #load this one file; it #loads what the topic builds on and every file of lib/Gan/.
// (tests/FashionMnist.Tests/ManifestTests.cs fails when a file of the folder is missing here.)
#load "Cnn.csx"
#load "Gan/DcGan.cs"
#load "Gan/FrechetCalibration.cs"
#load "Gan/FrechetDistance.cs"
#load "Gan/GanDiscriminator.cs"
#load "Gan/GanGenerator.cs"
#load "Gan/GanMeasures.cs"
#load "Gan/GanProgress.cs"
#load "Gan/GanQuality.cs"
#load "Gan/GanRecipe.cs"
#load "Gan/GanSamples.cs"
#load "Gan/GanTrainer.cs"
#load "Gan/GenerativePrecisionRecall.cs"
#load "Gan/KernelInceptionDistance.cs"
