#!/usr/bin/env bash
# Quick start, command 2: every test — C++ (Catch2), the YAML rule tests of every
# shipped package, golden diagnostics, the CMake consumer, Python (pytest) — in a
# -Werror Release build and again under ASan+UBSan; the multi-threaded
# evaluator under ThreadSanitizer; each libFuzzer target for a short while
# (ANSINH_FUZZ_SECONDS, default 30; 0 skips it). .ci/run calls this.
# docs/reliability.md describes what each stage proves.
set -euo pipefail
cd "$(dirname "$0")/.."
tools/install-deps.sh
start=$(date +%s)
stage_start=$start
timings=()
stage_done() {
  local now
  now=$(date +%s)
  timings+=("$(printf '%-34s %5d s' "$1" $((now - stage_start)))")
  stage_start=$now
}
common=(-G Ninja -DANSINH_WERROR=ON -DANSINH_BUILD_PYTHON=ON -DPython_EXECUTABLE=/usr/bin/python3)

echo "== Release build (-Werror) and tests"
cmake -S . -B build "${common[@]}" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build -j2
ctest --test-dir build -j2 --output-on-failure
stage_done "Release build and tests"

echo "== ASan+UBSan build and tests"
# The Python tests do not run under the sanitizers (label no-sanitizer: the
# interpreter is not instrumented), so the binding is not built here.
cmake -S . -B build-asan "${common[@]}" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
      -DANSINH_SANITIZE=address,undefined -DANSINH_BUILD_BENCH=OFF -DANSINH_BUILD_PYTHON=OFF >/dev/null
cmake --build build-asan -j2
ASAN_OPTIONS=detect_leaks=1 ctest --test-dir build-asan -j2 --output-on-failure -LE no-sanitizer
stage_done "ASan+UBSan build and tests"

echo "== TSan: the batch evaluator from several threads (threads_tests)"
cmake -S . -B build-tsan -G Ninja -DANSINH_WERROR=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo \
      -DANSINH_SANITIZE=thread -DANSINH_BUILD_BENCH=OFF -DANSINH_BUILD_PYTHON=OFF >/dev/null
cmake --build build-tsan -j2 --target threads_tests
TSAN_OPTIONS="halt_on_error=1 second_deadlock_stack=1" build-tsan/tests/threads_tests
stage_done "TSan build and threads_tests"

fuzz_seconds=${ANSINH_FUZZ_SECONDS:-30}
if [ "$fuzz_seconds" -gt 0 ]; then
  echo "== Fuzz smoke: each libFuzzer target for ${fuzz_seconds}s (clang, ASan+UBSan)"
  tools/fuzz.sh "$fuzz_seconds"
  stage_done "Fuzz build and smoke (${fuzz_seconds}s x 4)"
fi

printf '%s\n' "== timings" "${timings[@]}"
echo "== all tests passed in $(( $(date +%s) - start )) s"
