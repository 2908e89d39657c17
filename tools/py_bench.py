#!/usr/bin/env python3
"""Throughput of RuleSet.evaluate_frame against `ansinh eval` on the same data.

Builds a registry of about 100k households by repeating the example registry
(examples/households.csv + persons.csv, 407 households, with ids suffixed so
that every household is distinct), writes it as a CSV pair, then times

  cli csv    ansinh eval rules/vn H.csv P.csv --as-of D --format csv   -o /dev/null
  cli jsonl  ansinh eval rules/vn H.csv P.csv --as-of D --format jsonl -o /dev/null
  py frame   rules.evaluate_frame(households_df, persons_df, as_of=D)   (reasons on)
  py lean    the same with reasons=False
  read_csv   pandas.read_csv of the pair (the analyst's step before evaluate_frame)

and the C++ batch alone (RecordBatch in memory, Evaluate on all threads), each
the best of --runs, all threads; then evaluate_frame stage by stage. Prints
Markdown tables (docs/python.md quotes them). Usage (from the repository root, after a build with
-DANSINH_BUILD_PYTHON=ON):

  /usr/bin/python3 tools/py_bench.py [--households 100000] [--runs 3] [--build build]
"""

import argparse
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def make_registry(out, households):
    import pandas as pd

    hh = pd.read_csv(ROOT / "examples" / "households.csv", dtype=str, keep_default_na=False)
    pp = pd.read_csv(ROOT / "examples" / "persons.csv", dtype=str, keep_default_na=False)
    copies = -(-households // len(hh))
    suffix = lambda s, k: s.where(s == "", s + f"-{k}")  # noqa: E731
    hh_all = pd.concat([hh.assign(id=suffix(hh.id, k)) for k in range(copies)], ignore_index=True)[:households]
    pp_all = pd.concat([pp.assign(household_id=suffix(pp.household_id, k), id=suffix(pp.id, k),
                                  mother_id=suffix(pp.mother_id, k), father_id=suffix(pp.father_id, k))
                        for k in range(copies)], ignore_index=True)
    pp_all = pp_all[pp_all.household_id.isin(set(hh_all.id))]
    out.mkdir(parents=True, exist_ok=True)
    h_path, p_path = out / "households.csv", out / "persons.csv"
    hh_all.to_csv(h_path, index=False)
    pp_all.to_csv(p_path, index=False)
    return h_path, p_path, len(hh_all), len(pp_all)


def _cpu():
    """CPU seconds used so far by this process (all threads) and its finished children."""
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def best(runs, fn):
    """(wall seconds, CPU seconds) of the fastest of `runs` calls. CPU time is less
    disturbed than wall time when other work shares the machine."""
    results = []
    for _ in range(runs):
        wall, cpu = time.perf_counter(), _cpu()
        fn()
        results.append((time.perf_counter() - wall, _cpu() - cpu))
    return min(results)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--households", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--build", default=str(ROOT / "build"))
    parser.add_argument("--as-of", default="2026-01-01")
    args = parser.parse_args()
    build = Path(args.build)
    sys.path.insert(0, str(build / "python"))
    import pandas as pd

    import ansinh

    cli = build / "bin" / "ansinh"
    rules_path = ROOT / "rules" / "vn"
    h_path, p_path, n_h, n_p = make_registry(build / "py_bench", args.households)
    print(f"registry: {n_h} households, {n_p} persons ({h_path.parent}); {os.cpu_count()} cores; "
          f"load average {os.getloadavg()[0]:.1f}", flush=True)

    def run_cli(fmt):
        subprocess.run([str(cli), "eval", str(rules_path), str(h_path), str(p_path), "--as-of", args.as_of,
                        "--format", fmt, "-o", os.devnull], check=True, stderr=subprocess.DEVNULL)

    rules = ansinh.load(rules_path)
    read = {}

    def read_csv():
        read["hh"], read["pp"] = pd.read_csv(h_path), pd.read_csv(p_path)

    t_read = best(args.runs, read_csv)
    hh, pp = read["hh"], read["pp"]
    result = {}

    def frame(reasons):
        result["r"] = rules.evaluate_frame(hh, pp, as_of=args.as_of, reasons=reasons)

    from ansinh import _ansinh, frames

    records = frames.prepare_records(rules, hh, pp)

    def batch(reasons):
        _ansinh._run(rules, records, "as_of", args.as_of, 0, reasons)

    rows = [
        ("`ansinh eval --format csv` (files in, CSV out)", best(args.runs, lambda: run_cli("csv"))),
        ("`ansinh eval --format jsonl` (files in, JSON Lines out)", best(args.runs, lambda: run_cli("jsonl"))),
        ("`evaluate_frame` (DataFrames in and out, reasons)", best(args.runs, lambda: frame(True))),
        ("`evaluate_frame(reasons=False)`", best(args.runs, lambda: frame(False))),
        ("C++ batch `Evaluate` alone, records in memory, reasons kept", best(args.runs, lambda: batch(True))),
        ("C++ batch `Evaluate` alone, records in memory, no reasons", best(args.runs, lambda: batch(False))),
        ("`pd.read_csv` of the pair (before evaluate_frame)", t_read),
    ]
    del records
    # Where evaluate_frame's time goes: the C++ batch itself is `evaluate`.
    stages = {}

    def staged():
        t = time.perf_counter()
        records = frames.prepare_records(rules, hh, pp)
        stages["convert DataFrames to records"] = time.perf_counter() - t
        t = time.perf_counter()
        decisions = _ansinh._run(rules, records, "as_of", args.as_of, 0, True)
        stages["evaluate (the C++ batch, records in memory)"] = time.perf_counter() - t
        t = time.perf_counter()
        columns = frames.frame_columns(rules, decisions, True, None, 0, rows=False)
        stages["read decisions into numpy columns (reasons vi+en)"] = time.perf_counter() - t
        t = time.perf_counter()
        frames.assemble(rules, columns, True)
        stages["assemble the DataFrames"] = time.perf_counter() - t

    frame(False)
    benefit_rows = len(result.pop("r").benefits)
    staged()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\n| What ({n_h:,} households, {n_p:,} persons, {benefit_rows:,} benefit rows) | wall s | "
          "households/s | CPU s |")
    print("|---|---:|---:|---:|")
    for what, (wall, cpu) in rows:
        print(f"| {what} | {wall:.2f} | {n_h / wall:,.0f} | {cpu:.2f} |")
    (cli_wall, cli_cpu), (frame_wall, frame_cpu) = rows[0][1], rows[2][1]
    print("\n| evaluate_frame, stage by stage (one run) | wall s |")
    print("|---|---:|")
    for what, seconds in stages.items():
        print(f"| {what} | {seconds:.2f} |")
    print(f"\nevaluate_frame / ansinh eval --format csv: {frame_wall / cli_wall:.2f}x the wall time, "
          f"{frame_cpu / cli_cpu:.2f}x the CPU time; peak RSS of this process {peak:,.0f} MB; "
          f"load average after {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
