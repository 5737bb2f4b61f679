#!/usr/bin/env bash
# UMAP against our t-SNE on the same PCA-50 coordinates of N Fashion-MNIST images: time, trustworthiness and
# 10-NN accuracy in the map (Program.cs).
# Usage: tests/benchmarks/umap/run.sh [--n N (default 70000)] [--trust-n M (default 10000)] [--threads T] [--data FOLDER] [--out FOLDER]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
export FASHION_MNIST_ROOT="$root"
echo "machine: $(nproc) cores, $(uptime | sed 's/.*load/load/') (shared with other jobs: timings are noisy)"
dotnet build -c Release "$here/UmapBenchmark.csproj" -v quiet -nologo | grep -E "error|Warn" || true
dotnet "$here/bin/Release/net10.0/UmapBenchmark.dll" "$@"
