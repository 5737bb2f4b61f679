#!/usr/bin/env bash
# Trains the class-conditional DCGAN on all 60,000 training images and measures it with a CNN of
# notebook 05's best design, frozen (data/models/judge-convnet.bin; its penultimate layer gives the features of the Fréchet distance):
#   conditional accuracy per class, Fréchet distance generated-vs-test beside the train-vs-test floor, time; then the
#   Fréchet distance, KID and precision/recall of the generator beside real images unchanged, shifted one pixel and half blurred.
#   tests/benchmarks/gan/run.sh [epochs=5] [--width 32] [--train-count N] [--judge judge-convnet.bin]
#                               [--save data/models/fashion-cdcgan.bin] [--load checkpoint] [--unconditional]
#                               [--threads 1] [--pictures folder] [--measure-every N] [--sample-sizes 1000,2000,5000]
# --measure-every N also measures after every N epochs (lines "CURVE epoch=..."): the learning curve.
# The committed generator is the recipe of lib/Gan/GanRecipe.cs: run.sh 40 --threads 2 --save data/models/fashion-cdcgan.bin
#
#   tests/benchmarks/gan/run.sh --calibrate
# how far real training images are from the test images once slightly changed (noise, blur, a one-pixel shift),
# beside the floor: what a Fréchet distance of a few tenths asks of a generator.
# Targets: conditional accuracy >= 0.90, Fréchet distance <= 3x the floor, training <= 30 min on 2 cores.
# On a machine shared with other jobs, --threads 1 is much faster than 2 (OpenMP threads wait for each other).
#
#   tests/benchmarks/gan/run.sh time [steps=50] [threads=1] [width=32]
# times one training step, ours beside the same network and step in PyTorch (peer.py), and their ratio.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
dotnet build -c Release -v quiet "$here/Gan.csproj" >/dev/null
cd "$here/../../.."
if [ "${1:-}" = time ]; then
  source environment/apt.sh
  apt_require "gan benchmark" python3-torch
  steps=${2:-50}; threads=${3:-1}; width=${4:-32}
  ours=$(dotnet "$here/bin/Release/net10.0/Gan.dll" --time-steps "$steps" --threads "$threads" --width "$width" | tail -n 1)
  peer=$(/usr/bin/python3 "$here/peer.py" data/fashion "$steps" "$width" "$threads" | tail -n 1)
  echo "TorchSharp: $ours"
  echo "PyTorch:    $peer"
  awk -v a="${ours%% ms*}" -v b="${peer%% ms*}" 'BEGIN { printf "ratio TorchSharp / PyTorch: %.2f\n", a / b }'
  exit 0
fi
dotnet "$here/bin/Release/net10.0/Gan.dll" "$@"
