#!/usr/bin/env bash
# Regenerates the OpenGL 3.3 core loader in third_party/glad with Debian's
# python3-glad (glad 2), offline and byte for byte reproducible.
set -euo pipefail
cd "$(dirname "$0")/.."
rm -rf third_party/glad
glad --api gl:core=3.3 --extensions "" --out-path third_party/glad --reproducible --quiet c --loader
