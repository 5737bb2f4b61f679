#!/usr/bin/env bash
# CNN training throughput, ours (TorchSharp, lib/Cnn/CnnTrainer.cs) against PyTorch (Debian's python3-torch),
# side by side in one run: same architecture, batch size, optimizer and loop, same number of images.
# usage: tests/benchmarks/cnn/run.sh [model: tensorflow|small|best] [batch size] [images] [rounds]
# Ours and the peer alternate for several rounds and the best round of each counts: the machine is shared,
# and the best round is the one least disturbed by others.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
model="${1:-tensorflow}" batch="${2:-100}" images="${3:-6000}" rounds="${4:-3}"
export FASHION_MNIST_ROOT="$root"
source "$root/environment/apt.sh"
apt_require "cnn benchmark" python3-torch
dotnet build -c Release "$here/CnnBenchmark.csproj" -v quiet -nologo >/dev/null
ours_dll="$here/bin/Release/net10.0/CnnBenchmark.dll"
# Our run also puts the verified data into data/fashion, which the peer then reads.
best_ours=0 best_peer=0 mem_ours=0 mem_peer=0
figure() { sed -n "s/.*RESULT images_per_second=\([0-9.]*\) peak_rss_mb=\([0-9]*\).*/\1 \2/p"; }
for round in $(seq "$rounds"); do
  out=$(dotnet "$ours_dll" throughput "$model" "$batch" "$images"); echo "$out" | grep -v RESULT
  read -r ips mem < <(echo "$out" | figure)
  best_ours=$(python3 -c "print(max($best_ours, $ips))"); mem_ours=$mem
  out=$(/usr/bin/python3 "$here/peer.py" "$model" "$batch" "$images" "$root/data/fashion"); echo "$out" | grep -v RESULT
  read -r ips mem < <(echo "$out" | figure)
  best_peer=$(python3 -c "print(max($best_peer, $ips))"); mem_peer=$mem
done
echo "model $model, batch $batch, $images images per round, $rounds rounds, $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "ours (TorchSharp 0.107.0): $best_ours images/s, peak memory $mem_ours MB"
echo "peer (PyTorch $(/usr/bin/python3 -c 'import torch; print(torch.__version__)')): $best_peer images/s, peak memory $mem_peer MB"
/usr/bin/python3 -c "print(f'ratio ours/peer: {$best_ours / $best_peer:.2f}')"
