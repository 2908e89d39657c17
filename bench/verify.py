#!/usr/bin/env python3
"""Checks that an engine's canonical output is identical to the baseline's.

Usage: verify.py BASELINE.txt ENGINE.txt [--name ENGINE] [--households N]

Exit 0 when the files are byte-identical (and, with --households, hold N lines);
exit 1 otherwise, printing the number of differing households and the first few
differences side by side. Standard library only.
"""

import argparse
import itertools
import sys


def main(argv):
    ap = argparse.ArgumentParser(description="verify an engine's canonical output")
    ap.add_argument("baseline")
    ap.add_argument("engine")
    ap.add_argument("--name", default="engine")
    ap.add_argument("--households", type=int, default=None,
                    help="the number of households the files must hold")
    ap.add_argument("--show", type=int, default=5, help="differences to print")
    args = ap.parse_args(argv)

    try:
        with open(args.baseline, "rb") as fb, open(args.engine, "rb") as fe:
            baseline, engine = fb.read().split(b"\n"), fe.read().split(b"\n")
    except OSError as e:
        print(f"VERIFY FAILED: {args.name}: {e}", file=sys.stderr)
        return 1
    for lines in (baseline, engine):
        if lines and lines[-1] == b"":
            lines.pop()

    problems = []
    if args.households is not None and len(baseline) != args.households:
        problems.append(f"baseline has {len(baseline)} households, expected {args.households}")
    if len(engine) != len(baseline):
        problems.append(f"{args.name} has {len(engine)} households, baseline {len(baseline)}")
    differing = []
    for i, (b, e) in enumerate(itertools.zip_longest(baseline, engine)):
        if b != e:
            differing.append(i)
    if differing:
        problems.append(f"{len(differing)} of {max(len(baseline), len(engine))} households differ")

    if problems:
        print(f"VERIFY FAILED: {args.name} vs baseline: " + "; ".join(problems), file=sys.stderr)
        for i in differing[:args.show]:
            b = baseline[i].decode() if i < len(baseline) else "<missing>"
            e = engine[i].decode() if i < len(engine) else "<missing>"
            print(f"  line {i + 1}:\n    baseline: {b}\n    {args.name}: {e}", file=sys.stderr)
        return 1
    print(f"verified: {args.name} identical to baseline on {len(baseline)} households")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
