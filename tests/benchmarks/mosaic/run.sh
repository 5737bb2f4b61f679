#!/usr/bin/env bash
# The full 70,000-image mosaic rendered and PNG-encoded (target: under 5 seconds on 2 cores).
#   tests/benchmarks/mosaic/run.sh [repeats]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
dotnet build -c Release -v quiet "$here/Mosaic.csproj" >/dev/null
dotnet "$here/bin/Release/net10.0/Mosaic.dll" "${1:-3}"
