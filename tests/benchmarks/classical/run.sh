#!/usr/bin/env bash
# The classical-model benchmark: runs the quick grid (one small configuration per family, 2000 training and
# 1000 test images, about five minutes), the default grid (a few settings per family, all of Fashion-MNIST, hours),
# the paper grid (every row of the paper's Table 3) or the choices (each paper family's best configuration on
# validation, scored on the test set) and prints the results beside the paper's scikit-learn figures. Rerun to
# resume: finished configurations are skipped. The default, paper and choices grids run on MNIST as well when its
# files are in data/mnist (environment/prepare fetches them), into <grid>[-validation]-mnist.jsonl.
# For the quick grid it also runs the scikit-learn peers on the same images (peer.py, /usr/bin/python3).
#   tests/benchmarks/classical/run.sh [quick|default|paper|choices] [--validation] [--repeats R] [--only Family,Family] [--train N] [--test N]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
export FASHION_MNIST_ROOT="$root"
# LightGBM's OpenMP threads spin while they wait; on a shared machine that steals the cores from everything.
export OMP_WAIT_POLICY=PASSIVE
grid="${1:-quick}"
source "$root/environment/apt.sh"
[ "$grid" != quick ] || apt_require "classical benchmark" python3-sklearn python3-numpy libopenblas0-pthread
dotnet build "$here/Classical.csproj" -c Release --nologo -v quiet >/dev/null
nice -n 10 dotnet "$here/bin/Release/net10.0/Classical.dll" "$@"
mnist="$root/data/mnist"
mnist_present() { for f in train-images-idx3 train-labels-idx1 t10k-images-idx3 t10k-labels-idx1; do ls "$mnist/$f-ubyte"* >/dev/null 2>&1 || return 1; done; }
if [ "$grid" != quick ] && [[ " $* " != *" --dataset "* ]] && mnist_present; then
  echo
  echo "MNIST is in $mnist: the same grid on it."
  nice -n 10 dotnet "$here/bin/Release/net10.0/Classical.dll" "$@" --dataset mnist
fi
if [ "$grid" = quick ]; then
  echo
  echo "scikit-learn peers on the same images:"
  nice -n 10 /usr/bin/python3 "$here/peer.py" "$root/build/benchmark/quick-subset" "$root/build/benchmark/quick.jsonl"
fi
