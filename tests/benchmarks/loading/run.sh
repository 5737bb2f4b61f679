#!/usr/bin/env bash
# Loading all four Fashion-MNIST files: lib/ (C#) beside numpy's reader from the original repository,
# side by side in one run on this machine. Median of N runs each, after a warm-up.
#   tests/benchmarks/loading/run.sh [repeats]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
repeats=${1:-7}
folder="$root/data/fashion"
source "$root/environment/apt.sh"
apt_require "loading benchmark" python3-numpy libopenblas0-pthread
dotnet build -c Release -v quiet "$here/Loading.csproj" >/dev/null
ours=$(dotnet "$here/bin/Release/net10.0/Loading.dll" "$folder" "$repeats")
peer=$(/usr/bin/python3 "$here/peer.py" "$folder" "$repeats")
numpy=$(/usr/bin/python3 -c 'import numpy; print(numpy.__version__)')
echo "loading all four files, median of $repeats runs"
echo "  ours  (C#, lib/Data/Idx.cs, train and test read in parallel): ${ours} s"
echo "  numpy ${numpy} (np.frombuffer over gzip.open):           ${peer} s"
/usr/bin/python3 -c "import sys; o, p = map(float, sys.argv[1:]); print(f'  ratio: ours is {p / o:.2f}x the speed of numpy')" "$ours" "$peer"
