#!/usr/bin/env bash
# Quick start, command 2: every test — C++ (Catch2), the YAML rule tests of every
# shipped package, golden diagnostics, the CMake consumers (find_package and
# add_subdirectory), Python (pytest) — in a -Werror Release build and again
# under ASan+UBSan; the multi-threaded evaluator under ThreadSanitizer; each
# libFuzzer target for a short while (ANSINH_FUZZ_SECONDS, default 30; 0 skips
# it). .ci/run calls this. docs/reliability.md describes what each stage proves.
#
# Usage: tools/test.sh [--quick]
#   --quick   the Release build and its tests only (build/): the contributor's loop.
# Environment: ANSINH_FUZZ_SECONDS (default 30), ANSINH_JOBS (default: the number
# of processors). ccache is used when it is installed (not required: CI starts
# with an empty cache).
#
# To keep both cores busy, a stage's tests run while the next configuration
# builds in the background (in its own build directory; its log is printed if
# it fails). Each stage's wall and CPU seconds are printed at the end.
set -euo pipefail
cd "$(dirname "$0")/.."

quick=0
case "${1:-}" in
  --quick) quick=1 ;;
  "") ;;
  *) echo "usage: tools/test.sh [--quick]" >&2; exit 2 ;;
esac

tools/install-deps.sh
jobs=${ANSINH_JOBS:-$(nproc)}
fuzz_seconds=${ANSINH_FUZZ_SECONDS:-30}
start=$(date +%s)
timings=()
. tools/ccache.sh   # sets launcher (ccache when installed)
common=(-G Ninja -DANSINH_WERROR=ON "${launcher[@]}")
# The sanitizer builds: no benchmark programs, no Python binding (the
# interpreter is not instrumented: those tests carry the label no-sanitizer),
# no libansinh.so (its tests are no-sanitizer too; clang leaves the sanitizer
# runtime to the program, which the library's --no-undefined refuses),
# -O1 -g1 (what the sanitizers' documentation recommends; the Release build
# keeps -O3). Their stack traces still have file and line. Unity builds (CMake
# joins up to 8 source files of a target into one): the heavy headers (Spirit,
# yaml-cpp, Catch2, fmt) are compiled once per batch instead of once per file.
sanitized=(-DCMAKE_BUILD_TYPE=RelWithDebInfo "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O1 -g1 -DNDEBUG"
           -DCMAKE_UNITY_BUILD=ON
           -DANSINH_BUILD_BENCH=OFF -DANSINH_BUILD_PYTHON=OFF -DANSINH_INSTALL=OFF -DANSINH_BUILD_SHARED=OFF)

# stage NAME COMMAND...: runs COMMAND in the foreground and records its wall and
# CPU (user + system, children included) seconds.
stage() {
  local name=$1 t0 rc=0
  shift
  echo "== $name"
  local TIMEFORMAT='%R %U %S'
  t0=$(mktemp)
  { time "$@" 2>&3 ; } 3>&2 2>"$t0" || rc=$?
  record "$name" "$(tail -n 1 "$t0")"
  rm -f "$t0"
  return $rc
}
record() {  # record NAME "WALL USER SYS": printed now and again at the end
  timings+=("$(awk -v n="$1" '{ printf "%-46s %6.0f s wall %6.0f s CPU", n, $1, $2 + $3 }' <<<"$2")")
  echo "== time: ${timings[-1]} (load average: $(cut -d' ' -f1-3 /proc/loadavg))"
}

# stage_bg NAME LOG COMMAND...: the same in the background, output in LOG;
# stage_wait NAME LOG waits for it and prints LOG's end if it failed.
declare -A bg_pid
stage_bg() {
  local name=$1 log=$2
  shift 2
  echo "== $name (in the background, log: $log)"
  ( TIMEFORMAT='%R %U %S'; { time "$@" >"$log" 2>&1 ; } 2>"$log.time" ) &
  bg_pid[$name]=$!
}
stage_wait() {
  local name=$1 log=$2 rc=0
  wait "${bg_pid[$name]}" || rc=$?
  if [ $rc -ne 0 ]; then
    tail -n 80 "$log"
    echo "== $name FAILED (log: $log)"
    exit $rc
  fi
  echo "== $name: done"
  record "$name" "$(tail -n 1 "$log.time")"
}

configure() {  # configure DIR ARGS...: quiet unless it fails
  local dir=$1 out
  shift
  if ! out=$(cmake -S . -B "$dir" "$@" 2>&1); then
    echo "$out"
    return 1
  fi
}

# The full run builds build/ as a unity build (about half the compiler's CPU
# time of file by file: 450 against 816 CPU s from a fresh clone); --quick
# builds it file by file, so that a one-line change recompiles one file (the
# first --quick after a full run recompiles build/ file by file, from ccache's
# cache when ccache is installed).
release_build() {
  local unity=ON
  [ $quick -eq 1 ] && unity=OFF
  configure build "${common[@]}" -DCMAKE_BUILD_TYPE=Release -DANSINH_BUILD_PYTHON=ON \
    -DPython_EXECUTABLE=/usr/bin/python3 -DCMAKE_UNITY_BUILD=$unity
  cmake --build build -j "$jobs"
}
# The sanitizer builds are clang's (Debian clang 14): it compiles this code in
# about half the CPU time of GCC at the same -O1, and one clang build serves two
# stages: the test programs under ASan+UBSan and the libFuzzer targets (the whole
# build carries the fuzzers' coverage instrumentation; only tests/fuzz links
# libFuzzer). A directory configured earlier with another compiler starts over.
with_clang() {  # with_clang DIR: empties DIR if its cache names another compiler
  local dir=$1
  if [ -f "$dir/CMakeCache.txt" ] && ! grep -q '^CMAKE_CXX_COMPILER:[A-Z]*=.*clang++' "$dir/CMakeCache.txt"; then
    rm -rf "$dir"
  fi
}
asan_build() {
  with_clang build-asan
  CC=clang CXX=clang++ configure build-asan "${common[@]}" "${sanitized[@]}" \
    -DANSINH_SANITIZE=address,undefined -DANSINH_BUILD_FUZZERS=ON
  cmake --build build-asan -j "$jobs"
}
# TSan: the library and threads_tests only (the batch evaluator from several threads).
tsan_build() {
  with_clang build-tsan
  CC=clang CXX=clang++ configure build-tsan "${common[@]}" "${sanitized[@]}" -DANSINH_SANITIZE=thread
  cmake --build build-tsan -j "$jobs" --target threads_tests
}

stage "Release build (-Werror)" release_build
if [ $quick -eq 1 ]; then
  stage "Release tests" ctest --test-dir build -j "$jobs" --output-on-failure
else
  stage_bg "ASan+UBSan build (clang, with the fuzzers)" build-asan.log asan_build
  stage "Release tests" ctest --test-dir build -j "$jobs" --output-on-failure
  stage_wait "ASan+UBSan build (clang, with the fuzzers)" build-asan.log

  stage_bg "TSan build (clang, library + threads_tests)" build-tsan.log tsan_build
  stage "ASan+UBSan tests" env ASAN_OPTIONS=detect_leaks=1 \
    ctest --test-dir build-asan -j "$jobs" --output-on-failure -LE no-sanitizer
  stage_wait "TSan build (clang, library + threads_tests)" build-tsan.log

  stage "TSan: threads_tests" env TSAN_OPTIONS="halt_on_error=1 second_deadlock_stack=1" \
    build-tsan/tests/threads_tests
  if [ "$fuzz_seconds" -gt 0 ]; then
    stage "Fuzz smoke (${fuzz_seconds}s x 6, $jobs at a time)" \
      tools/fuzz.sh --no-build --dir build-asan --jobs "$jobs" "$fuzz_seconds"
  fi
fi

printf '%s\n' "== timings (stages marked 'build' after the first overlap the tests before them)" \
  "${timings[@]}"
echo "== all tests passed in $(( $(date +%s) - start )) s (load average: $(cut -d' ' -f1-3 /proc/loadavg))"
