#!/usr/bin/env bash
# Mixed precision, side by side in one run, for one model:
#  1. throughput: ours in float32, ours in bfloat16 (float32 master weights and loss, lib/Cnn/MixedPrecision.cs) and
#     PyTorch (Debian's) in float32, the same loop on the same images without augmentation (as run.sh), best of
#     `rounds` rounds each;
#  2. the model's whole recipe (augmentation included) trained from the same seed in float32 and in bfloat16 on the
#     50,000 training images of the validation split: training images per second and test accuracy (single views).
# usage: tests/benchmarks/cnn/precision.sh [model: compact|small|best|tensorflow] [epochs] [images] [rounds]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
model="${1:-compact}" epochs="${2:-3}" images="${3:-6000}" rounds="${4:-2}"
export FASHION_MNIST_ROOT="$root"
source "$root/environment/apt.sh"
apt_require "cnn benchmark" python3-torch
dotnet build -c Release "$here/CnnBenchmark.csproj" -v quiet -nologo >/dev/null
ours_dll="$here/bin/Release/net10.0/CnnBenchmark.dll"
batch=$(dotnet "$ours_dll" batch "$model" | tail -n 1)
rate() { sed -n 's/.*RESULT images_per_second=\([0-9.]*\).*/\1/p'; }
best() { python3 -c "print(max($1, $2))"; }
f32=0 bf16=0 peer=0
for round in $(seq "$rounds"); do
  f32=$(best "$f32" "$(dotnet "$ours_dll" throughput "$model" "$batch" "$images" float32 | tee -a /dev/stderr | rate)")
  bf16=$(best "$bf16" "$(dotnet "$ours_dll" throughput "$model" "$batch" "$images" bfloat16 | tee -a /dev/stderr | rate)")
  out=$(/usr/bin/python3 "$here/peer.py" "$model" "$batch" "$images" "$root/data/fashion") \
    || { echo "precision: the PyTorch peer failed (model $model, batch $batch)" >&2; exit 1; }
  echo "$out" >&2
  peer=$(best "$peer" "$(echo "$out" | rate)")
done
recipe=$(dotnet "$ours_dll" precision "$model" "$epochs" | tee -a /dev/stderr)
field() { echo "$recipe" | grep "RESULT precision=$1 " | sed -n "s/.* $2=\([0-9.]*\).*/\1/p"; }
ratio() { python3 -c "print(f'{$1 / $2:.2f}')"; }
torch_version=$(/usr/bin/python3 -c 'import torch; print(torch.__version__)')
echo
echo "model $model, batch $batch, $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "Throughput, $images images without augmentation, best of $rounds rounds:"
echo "| training | images/s | x ours float32 |"
echo "|---|---|---|"
echo "| ours, float32 | $f32 | 1.00 |"
echo "| ours, bfloat16 | $bf16 | $(ratio "$bf16" "$f32") |"
echo "| PyTorch $torch_version, float32 | $peer | $(ratio "$peer" "$f32") |"
echo "The recipe, $epochs epochs on 50,000 images, from the same seed:"
echo "| training | images/s | seconds | test accuracy, single views |"
echo "|---|---|---|---|"
for p in Float32 BFloat16; do
  echo "| ours, $p | $(field $p images_per_second) | $(field $p train_seconds) | $(field $p test_accuracy) |"
done
echo "bfloat16 minus float32 accuracy: $(python3 -c "print(f'{($(field BFloat16 test_accuracy) - $(field Float32 test_accuracy)) * 100:+.2f}')") points"
