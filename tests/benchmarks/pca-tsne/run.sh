#!/usr/bin/env bash
# PCA and t-SNE, ours (C#, lib/Embedding/Pca.cs + lib/Embedding/Tsne.cs, Barnes-Hut and FFT repulsion) against sklearn 1.2 (Debian's, /usr/bin/python3) in one run.
# Usage: tests/benchmarks/pca-tsne/run.sh [--tsne-n N (default 10000)] [--iterations I] [--threads T]
#        [--trust-n M (trustworthiness on the first M points; default 10000)] [--no-peer-tsne]
# Extra flags go to ours (e.g. --methods barnes-hut or --methods fft: one of ours only); --no-peer-tsne skips sklearn's t-SNE (e.g. for N = 70000, which takes it very long).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
export FASHION_MNIST_ROOT="$root"
out="$(mktemp -d /tmp/pca-tsne-bench.XXXXXX)"
trap 'rm -rf "$out"' EXIT
ours_args=() peer_args=()
for arg in "$@"; do
  if [[ "$arg" == --no-peer-tsne ]]; then peer_args+=(--no-tsne); else ours_args+=("$arg"); fi
done
source "$root/environment/apt.sh"
apt_require "pca-tsne benchmark" python3-numpy python3-sklearn libopenblas0-pthread
echo "machine: $(nproc) cores, $(uptime | sed 's/.*load/load/') (shared with other jobs: timings are noisy)"
dotnet build -c Release "$here/PcaTsneBenchmark.csproj" -v quiet -nologo | grep -E "error|Warn" || true
echo "== ours"
dotnet "$here/bin/Release/net10.0/PcaTsneBenchmark.dll" "$out" "${ours_args[@]}"
echo "== sklearn (the peer) and the comparison"
/usr/bin/python3 "$here/peer.py" "$out" "$root/data/fashion" "${peer_args[@]}"
