#!/usr/bin/env python3
"""Turns `ansinh eval --format jsonl` decisions (docs/decision-format.md) into the
canonical form of bench/README.md, so bench/verify.py can compare them with the baseline.

Usage: ansinh eval bench/vn-core F.jsonl --as-of 2026-01-01 --format jsonl | cli_canonical.py > OUT

Only paid (eligible) benefits are listed, sorted by id; a decision whose status is
not "ok" gets the status "error", which never matches the baseline. Streams.
"""

import json
import sys


def canonical(decision):
    status = "error"
    if decision.get("status") == "ok":
        status = str(decision.get("variables", {}).get("poverty_status"))
    parts = [f"{decision['household_id']} {status} {int(decision['total_monthly'])}"]
    for member in decision.get("members", []):
        paid = sorted((b["benefit"], int(b["amount"])) for b in member.get("benefits", [])
                      if b.get("status") == "eligible")
        text = f"{member['person_id']} {int(member.get('total_monthly', 0))}"
        text += "".join(f" {benefit}:{amount}" for benefit, amount in paid)
        parts.append(text)
    return " | ".join(parts) + "\n"


def main():
    out = sys.stdout
    buffer = []
    for line in sys.stdin:
        if line.strip():
            buffer.append(canonical(json.loads(line)))
            if len(buffer) >= 10_000:
                out.write("".join(buffer))
                buffer = []
    out.write("".join(buffer))
    return 0


if __name__ == "__main__":
    sys.exit(main())
