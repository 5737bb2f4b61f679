#!/usr/bin/env bash
# Mixed precision, side by side in one run: our model trained with its recipe in float32 and in bfloat16 (float32
# master weights and loss, lib/Cnn/MixedPrecision.cs) from the same seed, each one's training images per second
# and test accuracy (single views), beside PyTorch's float32 throughput for the same architecture and batch.
# usage: tests/benchmarks/cnn/precision.sh [model: small|best|tensorflow] [epochs] [peer images] [peer rounds]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
model="${1:-small}" epochs="${2:-3}" peer_images="${3:-6000}" peer_rounds="${4:-2}"
export FASHION_MNIST_ROOT="$root"
source "$root/environment/apt.sh"
apt_require "cnn benchmark" python3-torch
dotnet build -c Release "$here/CnnBenchmark.csproj" -v quiet -nologo >/dev/null
ours=$(dotnet "$here/bin/Release/net10.0/CnnBenchmark.dll" precision "$model" "$epochs" | tee /dev/stderr)
batch=$(dotnet "$here/bin/Release/net10.0/CnnBenchmark.dll" batch "$model")
best_peer=0
for round in $(seq "$peer_rounds"); do
  out=$(/usr/bin/python3 "$here/peer.py" "$model" "$batch" "$peer_images" "$root/data/fashion"); echo "$out" | grep -v RESULT >&2
  ips=$(echo "$out" | sed -n 's/.*RESULT images_per_second=\([0-9.]*\).*/\1/p')
  best_peer=$(python3 -c "print(max($best_peer, $ips))")
done
field() { echo "$ours" | grep "RESULT precision=$1 " | sed -n "s/.* $2=\([0-9.]*\).*/\1/p"; }
echo
echo "model $model, batch $batch, $epochs epochs on 50,000 images, $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "| training | images/s | x float32 | test accuracy | seconds |"
echo "|---|---|---|---|---|"
f32=$(field Float32 images_per_second)
for p in Float32 BFloat16; do
  ips=$(field $p images_per_second)
  echo "| ours, $p | $ips | $(python3 -c "print(f'{$ips / $f32:.2f}')") | $(field $p test_accuracy) | $(field $p train_seconds) |"
done
echo "| PyTorch $(/usr/bin/python3 -c 'import torch; print(torch.__version__)'), float32 ($peer_images images, best of $peer_rounds) | $best_peer | $(python3 -c "print(f'{$best_peer / $f32:.2f}')") | | |"
