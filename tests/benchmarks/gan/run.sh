#!/usr/bin/env bash
# Trains the class-conditional DCGAN on all 60,000 training images and measures it with a small CNN
# trained here (its penultimate layer gives the features of the Fréchet distance):
#   conditional accuracy per class, Fréchet distance generated-vs-test beside the train-vs-test floor, time.
#   tests/benchmarks/gan/run.sh [epochs=5] [--width 32] [--train-count N] [--classifier-epochs 2]
#                               [--save data/models/fashion-cdcgan.bin] [--load checkpoint] [--unconditional]
# Targets: conditional accuracy >= 0.90, Fréchet distance <= 3x the floor, training <= 30 min on 2 cores.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
dotnet build -c Release -v quiet "$here/Gan.csproj" >/dev/null
cd "$here/../../.."
dotnet "$here/bin/Release/net10.0/Gan.dll" "$@"
