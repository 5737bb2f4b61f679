// lib/Shared.csx: What every topic uses: where the project's folders are, the quick-mode switch, files written whole or not at all,
// keeping the k nearest, how many threads, where a result came from (commit, machine), and judging predictions (accuracy, confusion, precision, recall).
// Notebooks #load this one file; it #loads what the topic builds on and every file of lib/Shared/.
// (tests/FashionMnist.Tests/ManifestTests.cs fails when a file of the folder is missing here.)
#load "Shared/AtomicFile.cs"
#load "Shared/Evaluation.cs"
#load "Shared/NearestK.cs"
#load "Shared/Parallelism.cs"
#load "Shared/ProjectFolders.cs"
#load "Shared/Provenance.cs"
#load "Shared/QuickMode.cs"
