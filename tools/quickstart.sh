#!/usr/bin/env bash
# Quick start, command 1: install what is missing, build, and run the main job —
# evaluate the shipped example registry (rules/vn, examples/) for one month.
set -euo pipefail
cd "$(dirname "$0")/.."
tools/install-deps.sh
# A unity build (CMake compiles up to 8 files as one: about half the compiler
# time), configured as tools/test.sh's full run configures build/.
. tools/ccache.sh   # sets launcher (ccache when installed)
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release -DANSINH_WERROR=ON "${launcher[@]}" \
      -DANSINH_BUILD_PYTHON=ON -DPython_EXECUTABLE=/usr/bin/python3 -DCMAKE_UNITY_BUILD=ON >/dev/null
cmake --build build -j2
echo
echo "== ansinh check rules/vn"
build/bin/ansinh check rules/vn
echo
echo "== ansinh eval rules/vn examples/registry.jsonl --period 2026-11  (decisions -> build/decisions.jsonl)"
build/bin/ansinh eval rules/vn examples/registry.jsonl --period 2026-11 --output build/decisions.jsonl
echo
echo "== ansinh explain rules/vn examples/registry.jsonl --household CL-0001 --period 2026-11"
build/bin/ansinh explain rules/vn examples/registry.jsonl --household CL-0001 --period 2026-11
