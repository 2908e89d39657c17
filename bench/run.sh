#!/usr/bin/env bash
# The vn-core benchmark (issue 6), one command from a fresh clone:
#
#   bash bench/run.sh            full run: 10k, 100k, 1M; writes bench/results/latest.json
#   bash bench/run.sh --smoke    CI: a 500-household population, every engine verified, no timing
#   bash bench/run.sh --smoke --no-peers   the CTest smoke (bench:smoke): baseline, ansinh runner and CLI only
#
# Steps: install the npm peers if missing (bench/package.json); build the bench programs if missing;
# generate the data if missing; then for every size and engine: write the
# engine's canonical output, verify it is identical to the hand-written
# baseline's on the whole population (fail loudly otherwise) and only then time
# it. Finally print a table and write the JSON record.
#
# Options: --sizes 10k,100k,1M     sizes for the baseline and ansinh
#          --peer-sizes 10k,100k   sizes for ZEN and JsonLogic (slow: ~10k persons/s for ZEN)
#          --runs N                timed runs per engine and size (median reported; default 5)
#          --peer-runs N           timed runs of the peers (default 3)
#          --cli-sizes 10k,100k    sizes for `ansinh eval` end to end (its JSON is ~11 KB/household)
#          --e2e-size 100k         the population of the end-to-end table (issue 14): the hand-written
#                                  nlohmann::json program beside `ansinh eval` at each --detail, JSONL and
#                                  CSV out, verified, CPU time; two threads vs one; peak RSS
#          --e2e-big 1M            a second size for the peak-RSS line (streaming: it must not grow)
#          --e2e-runs N            timed runs per end-to-end row (median; default 3)
#          --build-dir DIR         the CMake build folder (default: build)
#          --ansinh-cli PATH       the ansinh CLI (default: <build-dir>/bin/ansinh)
#          --out FILE              where to write the JSON (default: bench/results/latest.json)
#          --data-dir DIR          generated data and work files (default: bench/data)
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(dirname "$HERE")"
SIZES="10k,100k,1M"
PEER_SIZES="10k,100k"
CLI_SIZES="10k,100k"
E2E_SIZE="100k"
E2E_BIG="1M"
E2E_RUNS=3
ANSINH_CLI=""
RUNS=5
PEER_RUNS=3
BUILD_DIR="$ROOT/build"
OUT="$HERE/results/latest.json"
SMOKE=0
PEERS=1
DATA_DIR=""
AS_OF="2026-01-01"

while [[ $# -gt 0 ]]; do
  case "$1" in
    --smoke) SMOKE=1; shift ;;
    --no-peers) PEERS=0; shift ;;
    --sizes) SIZES="$2"; shift 2 ;;
    --peer-sizes) PEER_SIZES="$2"; shift 2 ;;
    --cli-sizes) CLI_SIZES="$2"; shift 2 ;;
    --e2e-size) E2E_SIZE="$2"; shift 2 ;;
    --e2e-big) E2E_BIG="$2"; shift 2 ;;
    --e2e-runs) E2E_RUNS="$2"; shift 2 ;;
    --ansinh-cli) ANSINH_CLI="$2"; shift 2 ;;
    --runs) RUNS="$2"; shift 2 ;;
    --peer-runs) PEER_RUNS="$2"; shift 2 ;;
    --build-dir) BUILD_DIR="$(cd "$2" && pwd)"; shift 2 ;;
    --out) OUT="$2"; shift 2 ;;
    --data-dir) mkdir -p "$2"; DATA_DIR="$(cd "$2" && pwd)"; shift 2 ;;
    -h|--help) sed -n '2,20p' "${BASH_SOURCE[0]}"; exit 0 ;;
    *) echo "run.sh: unknown option $1" >&2; exit 2 ;;
  esac
done
if [[ $SMOKE == 1 ]]; then
  SIZES="500"; PEER_SIZES="500"; CLI_SIZES="500"; RUNS=0; PEER_RUNS=0
  E2E_SIZE="500"; E2E_BIG=""; E2E_RUNS=0
  [[ $PEERS == 1 ]] || PEER_SIZES=""
fi

DATA="${DATA_DIR:-$HERE/data}"
[[ $SMOKE == 1 ]] && OUT="$DATA/smoke.json"   # a smoke run never replaces the recorded figures
WORK="$DATA/run"
mkdir -p "$WORK"
RECORDS="$WORK/records.jsonl"
LOAD_AT_START="$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || true)"
: > "$RECORDS"
PY=python3
[[ -x /usr/bin/python3 ]] && PY=/usr/bin/python3

die() { echo "run.sh: $*" >&2; exit 1; }
step() { echo "== $*" >&2; }

# --- 1. peers from npm (bench/node_modules, exact versions in bench/package.json)
if [[ $PEERS == 0 ]]; then
  step "peers skipped (--no-peers)"
  PEER_SIZES=""
else
command -v node >/dev/null || die "node is required (node 20)"
if [[ ! -d "$HERE/node_modules/@gorules/zen-engine" || ! -d "$HERE/node_modules/json-logic-js" ]]; then
  step "installing the npm peers into bench/node_modules"
  # Versions are pinned exactly in bench/package.json. (No lock file: npm 11 writes one
  # without the other platforms' optional ZEN binaries, which `npm ci` then rejects.)
  (cd "$HERE" && npm install --no-package-lock --no-audit --no-fund --loglevel=error) \
    || die "npm install failed"
fi
fi

# --- 2. bench programs
BASELINE="$BUILD_DIR/bench/vn_core_baseline"
HANDWRITTEN="$BUILD_DIR/bench/vn_core_handwritten"
ANSINH_BENCH="$BUILD_DIR/bench/ansinh_vn_core_bench"
[[ -n "$ANSINH_CLI" ]] || ANSINH_CLI="$BUILD_DIR/bin/ansinh"
if [[ ! -x "$BASELINE" || ! -x "$HANDWRITTEN" ]]; then
  step "building the bench programs in $BUILD_DIR"
  generator=(); [[ -f "$BUILD_DIR/CMakeCache.txt" ]] || generator=(-G Ninja)
  # (Re)configure with the bench programs on: a build made with ANSINH_BUILD_BENCH=OFF lacks them.
  cmake -S "$ROOT" -B "$BUILD_DIR" "${generator[@]}" -DANSINH_BUILD_BENCH=ON >/dev/null \
    || die "cmake failed"
  cmake --build "$BUILD_DIR" -j2 --target vn_core_baseline vn_core_handwritten || die "build failed"
fi
[[ -x "$BASELINE" ]] || die "$BASELINE missing (configure with -DANSINH_BUILD_BENCH=ON)"

step "baseline self-test"
"$BASELINE" --self-test >&2 || die "the baseline's self-test failed"

if [[ -x "$ANSINH_CLI" ]]; then
  step "ansinh check + test of bench/vn-core"
  "$ANSINH_CLI" check "$HERE/vn-core" >&2 || die "bench/vn-core does not pass ansinh check"
  "$ANSINH_CLI" test "$HERE/vn-core" >&2 || die "bench/vn-core's YAML tests fail"
else
  step "ansinh CLI not built ($ANSINH_CLI): bench/vn-core not checked, no end-to-end figure"
fi

# --- 3. data
ALL_SIZES="$(printf '%s\n' ${SIZES//,/ } ${PEER_SIZES//,/ } ${CLI_SIZES//,/ } $E2E_SIZE $E2E_BIG | awk 'NF && !seen[$0]++' | paste -sd, -)"
step "data: $ALL_SIZES"
"$PY" "$HERE/gen_vn_core.py" --out "$DATA" --sizes "$ALL_SIZES" >&2 || die "generator failed"

in_list() { [[ ",$2," == *",$1,"* ]]; }

# Appends the runner's JSON line, tagged with size and verification, to the records.
record() {  # record SIZE VERIFIED JSON
  "$PY" -c 'import json,sys; r=json.loads(sys.argv[3]); r["size"]=sys.argv[1]; r["verified"]=sys.argv[2]=="1"; print(json.dumps(r))' \
    "$1" "$2" "$3" >> "$RECORDS"
}

# verify SIZE ENGINE FILE: dies unless FILE is identical to the baseline's output.
verify() {
  "$PY" "$HERE/verify.py" "$WORK/baseline_$1.txt" "$3" --name "$2" >&2 \
    || die "$2 at $1: output differs from the baseline — no timing recorded"
}

MIN_SECONDS=0.2
for size in ${ALL_SIZES//,/ }; do
  jsonl="$DATA/vn_core_$size.jsonl"
  hcsv="$DATA/vn_core_${size}_households.csv"
  pcsv="$DATA/vn_core_${size}_persons.csv"
  households="$(wc -l < "$jsonl")"

  # Baseline: the reference output, then its timing.
  step "$size: baseline"
  base_runs=$RUNS; in_list "$size" "$SIZES" || base_runs=0
  line="$("$BASELINE" --data "$jsonl" --as-of "$AS_OF" --canonical "$WORK/baseline_$size.txt" \
          --runs "$base_runs" --threads 1,2 --min-seconds "$MIN_SECONDS")" || die "baseline failed at $size"
  "$PY" "$HERE/verify.py" "$WORK/baseline_$size.txt" "$WORK/baseline_$size.txt" --name baseline \
    --households "$households" >/dev/null || die "baseline output at $size is incomplete"
  record "$size" 1 "$line"
  persons="$("$PY" -c 'import json,sys; print(json.loads(sys.argv[1])["persons"])' "$line")"
  checksum="$(awk '{s += $3} END {printf "%.0f", s}' "$WORK/baseline_$size.txt")"

  # ---- ansinh: PLUG-IN POINT -------------------------------------------------
  # Runs when the lead's runner exists (contract: bench/README.md).
  if in_list "$size" "$SIZES" && [[ -x "$ANSINH_BENCH" ]]; then
    step "$size: ansinh"
    national=(); [[ -d "$ROOT/rules/vn" ]] && national=(--national-rules "$ROOT/rules/vn")
    "$ANSINH_BENCH" --rules "$HERE/vn-core" --data "$jsonl" --as-of "$AS_OF" \
      --canonical "$WORK/ansinh_$size.txt" --runs 0 >/dev/null || die "ansinh runner failed at $size"
    verify "$size" ansinh "$WORK/ansinh_$size.txt"
    line="$("$ANSINH_BENCH" --rules "$HERE/vn-core" --data "$jsonl" --csv "$hcsv" "$pcsv" \
            --as-of "$AS_OF" --runs "$RUNS" --expect-checksum "$checksum" "${national[@]}")" \
      || die "ansinh runner failed at $size"
    record "$size" 1 "$line"
  elif [[ $size == "${SIZES%%,*}" ]]; then
    step "ansinh runner not built ($ANSINH_BENCH): its figures stay null"
  fi
  # ---------------------------------------------------------------------------

  # ansinh CLI, end to end: JSONL file in, full JSON decisions out (1 thread).
  if in_list "$size" "$CLI_SIZES" && [[ -x "$ANSINH_CLI" ]]; then
    step "$size: ansinh eval (CLI)"
    "$ANSINH_CLI" eval "$HERE/vn-core" "$jsonl" --as-of "$AS_OF" --format jsonl --threads 1 2>/dev/null \
      | "$PY" "$HERE/ansinh/cli_canonical.py" > "$WORK/ansinh_cli_$size.txt" \
      || die "ansinh eval failed at $size"
    verify "$size" ansinh-cli "$WORK/ansinh_cli_$size.txt"
    times_file="$WORK/ansinh_cli_times.txt"; : > "$times_file"
    for ((r = 0; r < PEER_RUNS; r++)); do
      TIMEFORMAT='%R %U %S'
      { time "$ANSINH_CLI" eval "$HERE/vn-core" "$jsonl" --as-of "$AS_OF" --format jsonl --threads 1 \
          --output /dev/null 2>/dev/null; } 2>> "$times_file" || die "ansinh eval failed at $size"
    done
    line="$("$PY" -c '
import json, statistics, sys
persons, households = int(sys.argv[2]), int(sys.argv[3])
runs = [tuple(map(float, l.split())) for l in open(sys.argv[1]) if l.strip()]
wall = statistics.median(persons / r[0] for r in runs) if runs else None
cpu = statistics.median(persons / (r[1] + r[2]) for r in runs) if runs else None
print(json.dumps({"engine": "ansinh_cli", "households": households, "persons": persons,
                  "threads": 1, "runs": len(runs), "persons_per_s": wall,
                  "persons_per_cpu_s": cpu}))' "$times_file" "$persons" "$households")"
    record "$size" 1 "$line"
  fi

  if in_list "$size" "$PEER_SIZES"; then
    for peer in zen jsonlogic; do
      step "$size: $peer"
      node "$HERE/peers/run_$peer.js" --data "$jsonl" --as-of "$AS_OF" \
        --canonical "$WORK/${peer}_$size.txt" --runs 0 >/dev/null || die "$peer failed at $size"
      verify "$size" "$peer" "$WORK/${peer}_$size.txt"
      line="$(node "$HERE/peers/run_$peer.js" --data "$jsonl" --as-of "$AS_OF" --runs "$PEER_RUNS" \
              --expect-checksum "$checksum")" || die "$peer failed at $size"
      record "$size" 1 "$line"
    done
  fi
done

# --- 4. end to end (issue 14): file in -> decisions out, the hand-written program beside ansinh eval
E2E_JSON="$WORK/end_to_end.json"; rm -f "$E2E_JSON"
if [[ -n "$E2E_SIZE" && -x "$ANSINH_CLI" && -x "$HANDWRITTEN" ]]; then
  [[ -f "$WORK/baseline_$E2E_SIZE.txt" ]] || die "no reference digest for $E2E_SIZE"
  step "$E2E_SIZE: end to end (hand-written, ansinh eval --detail summary|reasons|full, jsonl|csv)"
  big=(); [[ -n "$E2E_BIG" ]] && big=(--big "$DATA/vn_core_$E2E_BIG.jsonl")
  e2e_json=(); [[ $E2E_RUNS -gt 0 ]] && e2e_json=(--json "$E2E_JSON")
  "$PY" "$HERE/end_to_end.py" --ansinh "$ANSINH_CLI" --handwritten "$HANDWRITTEN" --rules "$HERE/vn-core" \
    --data "$DATA/vn_core_$E2E_SIZE.jsonl" --reference "$WORK/baseline_$E2E_SIZE.txt" --as-of "$AS_OF" \
    --runs "$E2E_RUNS" --work "$WORK" "${big[@]}" "${e2e_json[@]}" || die "end-to-end table failed"
elif [[ -n "$E2E_SIZE" ]]; then
  step "end-to-end table skipped: $ANSINH_CLI or $HANDWRITTEN is not built"
fi

report_args=(--out "$OUT" --reference-size "100k" --load-at-start "$LOAD_AT_START")
[[ -f "$E2E_JSON" ]] && report_args+=(--end-to-end "$E2E_JSON")
[[ $SMOKE == 1 ]] && report_args+=(--smoke)
"$PY" "$HERE/report.py" "$RECORDS" "${report_args[@]}"
if [[ $SMOKE == 1 ]]; then
  echo "bench smoke: every engine verified identical to the baseline (no timing)"
fi
