#!/usr/bin/env python3
"""The end-to-end table of issue 14: file in -> decisions out, one thread, CPU time.

Usage: end_to_end.py --ansinh BIN --handwritten BIN --rules DIR --data F.jsonl
                     --reference BASELINE.txt [--runs 3] [--big F_1M.jsonl] [--json OUT.json]

Rows: the hand-written nlohmann::json program (bench/baseline/handwritten.cpp), then
`ansinh eval --threads 1` at --detail summary, reasons and full, each with --format jsonl
and --format csv. Every row's output is first checked against the reference digest (the
baseline's canonical output: household id, poverty status, totals, paid benefits with
their amounts) and only then timed: CPU time (user + system) of the process, median of
--runs. Then: `--detail summary` with two threads against one (wall time), and, with
--big, the peak resident memory of `ansinh eval` at both sizes (streaming: the peak must
not grow with the file). Prints the table; with --json writes the figures. Standard
library only.
"""

import argparse
import csv
import json
import os
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "ansinh"))
import cli_canonical  # noqa: E402  (bench/ansinh/cli_canonical.py)


def run(cmd, stdout=subprocess.DEVNULL):
    """Runs cmd; returns (wall s, cpu s, peak RSS MB)."""
    start = time.monotonic()
    proc = subprocess.Popen(cmd, stdout=stdout, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.monotonic() - start
    if status != 0:
        raise SystemExit(f"end_to_end: {' '.join(cmd)} failed (status {status})")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024.0


def jsonl_digest(path):
    with open(path, encoding="utf-8") as f:
        return [cli_canonical.canonical(json.loads(line)) for line in f if line.strip()]


def paid_rows_from_reference(reference):
    """(household, person, benefit, amount) of every paid benefit in the baseline's canonical lines."""
    rows = []
    with open(reference, encoding="utf-8") as f:
        for line in f:
            parts = line.rstrip("\n").split(" | ")
            household = parts[0].split(" ")[0]
            for member in parts[1:]:
                words = member.split(" ")
                for paid in words[2:]:
                    benefit, amount = paid.rsplit(":", 1)
                    rows.append((household, words[0], benefit, amount))
    return rows


def csv_digest(path):
    """The same rows from `ansinh eval --format csv` (eligible benefits only) plus the household ids."""
    rows, households = [], []
    with open(path, encoding="utf-8", newline="") as f:
        reader = csv.reader(f)
        header = next(reader)
        col = {name: i for i, name in enumerate(header)}
        for r in reader:
            if not households or households[-1] != r[col["household_id"]]:
                households.append(r[col["household_id"]])
            if r[col["status"]] == "error":
                rows.append(("error",) + tuple(r))
            elif r[col["status"]] == "eligible":
                rows.append((r[col["household_id"]], r[col["person_id"]], r[col["benefit"]], r[col["amount"]]))
    return rows, households


def verify(name, fmt, out_path, reference_lines, reference_rows):
    if fmt == "jsonl":
        got = jsonl_digest(out_path)
        if got != reference_lines:
            bad = next(i for i, (a, b) in enumerate(zip(got + [""], reference_lines + [""])) if a != b)
            raise SystemExit(f"end_to_end: {name}: digest differs from the reference at household {bad + 1}")
    else:
        rows, _ = csv_digest(out_path)
        if sorted(rows) != sorted(reference_rows):
            raise SystemExit(f"end_to_end: {name}: the paid benefits differ from the reference")


def median_cpu(cmd, runs):
    samples = [run(cmd) for _ in range(max(runs, 1))]
    return statistics.median(s[1] for s in samples), statistics.median(s[0] for s in samples), \
        max(s[2] for s in samples)


def main(argv):
    ap = argparse.ArgumentParser()
    ap.add_argument("--ansinh", required=True)
    ap.add_argument("--handwritten", required=True)
    ap.add_argument("--rules", required=True)
    ap.add_argument("--data", required=True)
    ap.add_argument("--reference", required=True)
    ap.add_argument("--as-of", default="2026-01-01")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--big", default="")
    ap.add_argument("--work", default="/tmp")
    ap.add_argument("--json", default="")
    args = ap.parse_args(argv)

    with open(args.reference, encoding="utf-8") as f:
        reference_lines = f.readlines()
    reference_rows = paid_rows_from_reference(args.reference)
    persons = sum(line.count(" | ") for line in reference_lines)
    in_mb = os.path.getsize(args.data) / 1e6

    def eval_cmd(detail, fmt, out, threads=1, data=None):
        return [args.ansinh, "eval", args.rules, data or args.data, "--as-of", args.as_of, "--format", fmt,
                "--detail", detail, "--threads", str(threads), "--output", out]

    if args.runs == 0:  # the smoke run: every row verified, nothing timed
        out_path = os.path.join(args.work, "e2e_out")
        run([args.handwritten, "--data", args.data, "--as-of", args.as_of, "--output", out_path + ".jsonl"])
        verify("handwritten", "jsonl", out_path + ".jsonl", reference_lines, reference_rows)
        os.remove(out_path + ".jsonl")
        for detail in ("summary", "reasons", "full"):
            for fmt in ("jsonl", "csv"):
                target = f"{out_path}.{detail}.{fmt}"
                run(eval_cmd(detail, fmt, target))
                verify(f"ansinh eval --detail {detail} --format {fmt}", fmt, target, reference_lines, reference_rows)
                os.remove(target)
        print("end to end: the hand-written program and ansinh eval at every detail level, JSONL and CSV, "
              "verified against the reference digest (no timing)")
        return 0
    rows = []
    out_path = os.path.join(args.work, "e2e_out")
    hw = [args.handwritten, "--data", args.data, "--as-of", args.as_of, "--output", out_path + ".jsonl"]
    run(hw)
    verify("handwritten", "jsonl", out_path + ".jsonl", reference_lines, reference_rows)
    cpu, wall, _ = median_cpu(hw, args.runs)
    rows.append(("hand-written (nlohmann::json)", "jsonl", cpu, os.path.getsize(out_path + ".jsonl")))
    print(f"  {rows[-1][0]}: {cpu:.2f} CPU s", file=sys.stderr, flush=True)
    hw_cpu = cpu
    figures = {"handwritten_end_to_end_persons_per_cpu_s": persons / cpu}
    for detail in ("summary", "reasons", "full"):
        for fmt in ("jsonl", "csv"):
            target = f"{out_path}.{detail}.{fmt}"
            cmd = eval_cmd(detail, fmt, target)
            run(cmd)
            verify(f"ansinh eval --detail {detail} --format {fmt}", fmt, target, reference_lines, reference_rows)
            size = os.path.getsize(target)
            os.remove(target)
            cpu, wall, _ = median_cpu(cmd, args.runs)
            os.remove(target)
            rows.append((f"ansinh eval --detail {detail}", fmt, cpu, size))
            print(f"  {rows[-1][0]} {fmt}: {cpu:.2f} CPU s, verified", file=sys.stderr, flush=True)
            if fmt == "jsonl" and detail in ("summary", "full"):
                figures[f"end_to_end_{detail}_persons_per_cpu_s"] = persons / cpu
                figures[f"end_to_end_{detail}_vs_handwritten"] = hw_cpu / cpu
    os.remove(out_path + ".jsonl")

    print(f"\nEnd to end, vn-core {len(reference_lines)} households ({persons} persons, {in_mb:.1f} MB JSONL in), "
          f"one thread, CPU s (median of {args.runs}); every row verified against the reference digest")
    print(f"{'program':<34} {'out':<6} {'CPU s':>7} {'persons/CPU-s':>14} {'vs hand-written':>16} {'output MB':>10}")
    for name, fmt, cpu, size in rows:
        print(f"{name:<34} {fmt:<6} {cpu:>7.2f} {persons / cpu:>14,.0f} {hw_cpu / cpu:>15.2f}x {size / 1e6:>10.1f}")

    # Two threads against one, end to end (wall time: on a busy machine this understates it).
    one = median_cpu(eval_cmd("summary", "jsonl", "/dev/null", 1), args.runs)
    two = median_cpu(eval_cmd("summary", "jsonl", "/dev/null", 2), args.runs)
    figures["end_to_end_two_threads_vs_one"] = one[1] / two[1]
    print(f"\n--detail summary, two threads vs one (wall): {one[1]:.2f} s / {two[1]:.2f} s = "
          f"{one[1] / two[1]:.2f}x  (load average {os.getloadavg()[0]:.1f})")
    figures["end_to_end_peak_rss_mb"] = one[2]
    line = f"peak RSS of ansinh eval --detail summary: {one[2]:.1f} MB at {len(reference_lines)} households"
    if args.big:
        big = run(eval_cmd("summary", "jsonl", "/dev/null", 1, data=args.big))
        with open(args.big, "rb") as f:
            big_households = sum(1 for _ in f)
        figures["end_to_end_peak_rss_mb_big"] = big[2]
        figures["end_to_end_big_households"] = big_households
        line += f", {big[2]:.1f} MB at {big_households} households ({os.path.getsize(args.big) / 1e6:.0f} MB in)"
    print(line)
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump(figures, f, indent=2)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
