#!/usr/bin/env bash
# Builds the libFuzzer targets (clang, ASan+UBSan) in build-fuzz/ and runs each
# for SECONDS seconds (default 30: the CI smoke; docs/reliability.md gives the
# long-run figures). Seeds come from the repository (tools/fuzz_seeds.py); the
# corpus grows in build-fuzz/corpus/<target>. A crash, leak, timeout or broken
# invariant stops the run with its input in build-fuzz/artifacts/<target>/:
# reproduce with build-fuzz/fuzz/<target>_fuzzer <file>, then keep it in
# tests/fuzz/regressions/<target>/ once fixed.
#
# Usage: tools/fuzz.sh [--build-only | --no-build] [--dir DIR] [--jobs N] [SECONDS] [TARGET...]
#   (targets: expr package records eval yamlrec rulefile; --jobs N runs N targets at a time, default 1;
#   --dir DIR: the build directory (default build-fuzz); with --no-build, any clang build
#   configured with -DANSINH_BUILD_FUZZERS=ON: tools/test.sh runs the fuzzers of its
#   sanitizer build, build-asan, which also holds the ASan+UBSan test programs)
set -euo pipefail
cd "$(dirname "$0")/.."
build=1
run=1
parallel=1
dir=build-fuzz
while [ $# -gt 0 ]; do
  case "$1" in
    --build-only) run=0; shift ;;
    --no-build) build=0; shift ;;
    --jobs) parallel=$2; shift 2 ;;
    --dir) dir=$2; shift 2 ;;
    *) break ;;
  esac
done
seconds=${1:-30}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(expr package records eval yamlrec rulefile)

if [ $build -eq 1 ]; then
  . tools/ccache.sh   # sets launcher
  # -O1 and a unity build (as the sanitizer builds of tools/test.sh): a third of
  # the compiler's CPU time of -O2 file by file.
  CC=clang CXX=clang++ cmake -S . -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo "${launcher[@]}" \
    "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O1 -DNDEBUG" -DCMAKE_UNITY_BUILD=ON \
    -DANSINH_BUILD_FUZZERS=ON -DANSINH_BUILD_TESTS=OFF -DANSINH_BUILD_CLI=OFF -DANSINH_BUILD_BENCH=OFF \
    -DANSINH_BUILD_PYTHON=OFF -DANSINH_INSTALL=OFF >/dev/null
  cmake --build "$dir" -j "${ANSINH_JOBS:-$(nproc)}" --target "${targets[@]/%/_fuzzer}"
fi
[ $run -eq 1 ] || exit 0

rm -rf "$dir/seeds"
/usr/bin/python3 tools/fuzz_seeds.py "$dir/seeds" >/dev/null

declare -A max_len=([expr]=2048 [package]=100000 [records]=16384 [eval]=16384 [yamlrec]=16384 [rulefile]=32768)
fuzz_one() {
  local t=$1 corpus=$dir/corpus/$1 log=$dir/$1.log
  mkdir -p "$corpus" "$dir/artifacts/$t"
  echo "== fuzz $t for ${seconds}s"
  # Seeds and saved regressions are read but not written to; new inputs go to $corpus.
  ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=1 UBSAN_OPTIONS=print_stacktrace=1 \
    "$dir/fuzz/${t}_fuzzer" -max_total_time="$seconds" -max_len="${max_len[$t]}" -timeout=25 \
    -rss_limit_mb=2560 -print_final_stats=1 -dict="$dir/seeds/$t.dict" \
    -artifact_prefix="$dir/artifacts/$t/" \
    "$corpus" "$dir/seeds/$t" "tests/fuzz/regressions/$t" >"$log" 2>&1
}
# Targets run $parallel at a time; every one runs to its end, then any failure stops the script.
declare -A pid_of
failed=()
for t in "${targets[@]}"; do
  while [ "$(jobs -rp | wc -l)" -ge "$parallel" ]; do wait -n || true; done
  fuzz_one "$t" &
  pid_of[$t]=$!
done
for t in "${targets[@]}"; do
  wait "${pid_of[$t]}" || failed+=("$t")
done
for t in "${failed[@]}"; do
  tail -n 60 "$dir/$t.log"
  echo "fuzz $t FAILED: input saved in $dir/artifacts/$t/ (log: $dir/$t.log)"
done
[ ${#failed[@]} -eq 0 ] || exit 1

summary=()
for t in "${targets[@]}"; do
  corpus=$dir/corpus/$t
  log=$dir/$t.log
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
  speed=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log")
  cov=$(grep -o 'cov: [0-9]*' "$log" | tail -n 1 | cut -d' ' -f2)
  ft=$(grep -o 'ft: [0-9]*' "$log" | tail -n 1 | cut -d' ' -f2)
  summary+=("$(printf '%-8s %10s runs %7s exec/s  cov %6s  ft %7s  corpus %5s' "$t" "$runs" "$speed" "$cov" "$ft" \
      "$(ls "$corpus" | wc -l)")")
done
printf '%s\n' "== fuzz summary (${seconds}s per target, no crash)" "${summary[@]}"
