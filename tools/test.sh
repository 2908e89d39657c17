#!/usr/bin/env bash
# Quick start, command 2: every test — C++ (Catch2), the YAML rule tests of every
# shipped package, golden diagnostics, the CMake consumer, Python (pytest) — in a
# -Werror Release build and again under ASan+UBSan. .ci/run calls this.
set -euo pipefail
cd "$(dirname "$0")/.."
tools/install-deps.sh
start=$(date +%s)
common=(-G Ninja -DANSINH_WERROR=ON -DANSINH_BUILD_PYTHON=ON -DPython_EXECUTABLE=/usr/bin/python3)

echo "== Release build (-Werror) and tests"
cmake -S . -B build "${common[@]}" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build -j2
ctest --test-dir build -j2 --output-on-failure

echo "== ASan+UBSan build and tests"
cmake -S . -B build-asan "${common[@]}" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
      -DANSINH_SANITIZE=address,undefined -DANSINH_BUILD_BENCH=OFF >/dev/null
cmake --build build-asan -j2
ASAN_OPTIONS=detect_leaks=1 ctest --test-dir build-asan -j2 --output-on-failure -LE no-sanitizer

echo "== all tests passed in $(( $(date +%s) - start )) s"
