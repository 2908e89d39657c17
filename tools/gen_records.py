#!/usr/bin/env python3
"""Generate household records for tests and benchmarks (python3 stdlib only).

The schema is the small one of tests/io/test_schema.hpp and bench/read_bench.cpp:
  household: id, area (rural|urban), income_per_capita (money),
             extremely_difficult_area (bool), deprivations (set of employment,
             water, sanitation, housing_area), coefficient (decimal), rooms (int),
             note (string)
  person:    id, birth_date (date), sex (female|male), has_supporter (bool),
             monthly_income (money), disability (none|severe|extreme)

The same seed gives the same bytes. With --corrupt RATE, that share of the
households is damaged in one of six ways (truncated record, invalid UTF-8,
wrong type, duplicate id, unknown enum value, no members); the list goes to
corrupt.tsv (index, id, kind) in the output folder.

Examples:
  tools/gen_records.py --households 200000 --format all --out bench/data
  tools/gen_records.py --households 1000 --corrupt 0.1 --format jsonl --out /tmp/r
"""

import argparse
import json
import os
import random

AREAS = ["rural", "urban"]
DEPRIVATIONS = ["employment", "water", "sanitation", "housing_area"]
SEXES = ["female", "male"]
DISABILITY = ["none", "none", "none", "severe", "extreme"]
NOTES = [
    "",
    "Hộ nghèo, ấp 3",
    'Xã "Đại Phước", huyện Càng Long',
    "Chủ hộ là người cao tuổi sống một mình",
    "Nhà tạm, thiếu nước sạch",
    "Có trẻ em dưới 3 tuổi; mẹ đơn thân",
]
KINDS = ["truncated", "bad_utf8", "wrong_type", "duplicate_id", "unknown_enum", "no_members"]


def make_household(rng, n):
    members = []
    for k in range(rng.choice([1, 1, 2, 3, 3, 4, 4, 5, 6])):
        year = rng.randint(1935, 2024)
        date = "%04d-%02d-%02d" % (year, rng.randint(1, 12), rng.randint(1, 28))
        if rng.random() < 0.2:  # registries also export day-first dates
            date = "%s/%s/%s" % (date[8:10], date[5:7], date[0:4])
        members.append({
            "id": "P%d" % (k + 1),
            "birth_date": date,
            "sex": rng.choice(SEXES),
            "has_supporter": rng.random() < 0.7,
            "monthly_income": rng.randrange(0, 12_000_000, 1000),
            "disability": rng.choice(DISABILITY),
        })
    return {
        "id": "HH-%07d" % n,
        "area": rng.choice(AREAS),
        "income_per_capita": rng.randrange(300_000, 5_000_000, 500),
        "extremely_difficult_area": rng.random() < 0.2,
        "deprivations": sorted(rng.sample(DEPRIVATIONS, rng.randint(0, 3)), key=DEPRIVATIONS.index),
        "coefficient": "%d.%d" % (rng.randint(0, 2), rng.choice([0, 1, 25, 5])),
        "rooms": rng.randint(1, 6),
        "note": rng.choice(NOTES),
        "members": members,
    }


def corrupt(rng, households, rate):
    """Damages a share of the households in place; returns [(index, id, kind)]."""
    damaged = []
    for i, h in enumerate(households):
        if i == 0 or rng.random() >= rate:
            continue
        kind = KINDS[len(damaged) % len(KINDS)]
        if kind == "bad_utf8":
            h["note"] = b"h\xe1\xbb ng\xff".decode("latin-1")  # written back as raw bytes
            h["_raw_note"] = True
        elif kind == "wrong_type":
            h["income_per_capita"] = "abc"
        elif kind == "duplicate_id":
            h["id"] = households[i - 1]["id"]
        elif kind == "unknown_enum":
            h["area"] = "rurall"
        elif kind == "no_members":
            h["members"] = []
        else:
            h["_truncate"] = True
        damaged.append((i, h["id"], kind))
    return damaged


def json_record(h):
    record = {k: v for k, v in h.items() if not k.startswith("_")}
    record["coefficient"] = "@@%s@@" % record["coefficient"]  # an exact number literal
    text = json.dumps(record, ensure_ascii=False, separators=(",", ":"))
    text = text.replace('"@@', "").replace('@@"', "")
    data = text.encode("utf-8")
    if h.get("_raw_note"):
        data = data.replace(h["note"].encode("utf-8"), h["note"].encode("latin-1"))
    if h.get("_truncate"):
        data = data[: len(data) // 2]
    return data


def write_jsonl(path, households):
    with open(path, "wb") as out:
        for h in households:
            out.write(json_record(h) + b"\n")


def write_json(path, households):
    with open(path, "wb") as out:
        out.write(b"[\n")
        for i, h in enumerate(households):
            out.write(json_record(h) + (b",\n" if i + 1 < len(households) else b"\n"))
        out.write(b"]\n")


def yaml_scalar(v):
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, list):
        return "[" + ", ".join(v) + "]"
    if isinstance(v, str) and (v == "" or any(c in v for c in ':#,"[]{}') or v != v.strip()):
        return '"' + v.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return str(v)


def write_yaml(path, households):
    with open(path, "wb") as out:
        for h in households:
            lines = []
            for k, v in h.items():
                if k.startswith("_") or k == "members":
                    continue
                lines.append("%s: %s" % (k, yaml_scalar(v)))
            lines.append("members:" + (" []" if not h["members"] else ""))
            for m in h["members"]:
                lines.append("  - {" + ", ".join("%s: %s" % (k, yaml_scalar(v)) for k, v in m.items()) + "}")
            text = "- " + "\n  ".join(lines) + "\n"
            data = text.encode("utf-8")
            if h.get("_raw_note"):
                data = data.replace(h["note"].encode("utf-8"), h["note"].encode("latin-1"))
            if h.get("_truncate"):
                data = data.replace(b"members:", b"members: [{id: P1", 1)
            out.write(data)


def csv_cell(v):
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, list):
        return ";".join(v) if v else "[]"  # an empty cell would mean "unknown"
    s = str(v)
    if any(c in s for c in ',"\r\n'):
        return '"' + s.replace('"', '""') + '"'
    return s


HOUSEHOLD_COLUMNS = ["id", "area", "income_per_capita", "extremely_difficult_area", "deprivations",
                     "coefficient", "rooms", "note"]
PERSON_COLUMNS = ["id", "birth_date", "sex", "has_supporter", "monthly_income", "disability"]


def write_csv(folder, households):
    with open(os.path.join(folder, "households.csv"), "wb") as hh, \
            open(os.path.join(folder, "persons.csv"), "wb") as pp:
        hh.write((",".join(HOUSEHOLD_COLUMNS) + "\r\n").encode())
        pp.write((",".join(["household_id"] + PERSON_COLUMNS) + "\r\n").encode())
        seen = set()
        for h in households:
            cells = [csv_cell(h[c]) for c in HOUSEHOLD_COLUMNS]
            if h.get("_truncate"):
                cells = cells[:3]
            row = (",".join(cells) + "\r\n").encode("utf-8")
            if h.get("_raw_note"):
                row = row.replace(h["note"].encode("utf-8"), h["note"].encode("latin-1"))
            hh.write(row)
            if h["id"] in seen:  # a duplicate's persons would be joined to the first one
                continue
            seen.add(h["id"])
            for m in h["members"]:
                cells = [csv_cell(h["id"])] + [csv_cell(m[c]) for c in PERSON_COLUMNS]
                pp.write((",".join(cells) + "\r\n").encode("utf-8"))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--households", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--format", choices=["jsonl", "json", "yaml", "csv", "all"], default="all")
    parser.add_argument("--corrupt", type=float, default=0.0, help="share of damaged households (0..1)")
    parser.add_argument("--out", default=".")
    args = parser.parse_args()

    rng = random.Random(args.seed)
    households = [make_household(rng, n) for n in range(1, args.households + 1)]
    damaged = corrupt(rng, households, args.corrupt) if args.corrupt > 0 else []
    os.makedirs(args.out, exist_ok=True)
    formats = ["jsonl", "json", "yaml", "csv"] if args.format == "all" else [args.format]
    for f in formats:
        if f == "jsonl":
            write_jsonl(os.path.join(args.out, "records.jsonl"), households)
        elif f == "json":
            write_json(os.path.join(args.out, "records.json"), households)
        elif f == "yaml":
            write_yaml(os.path.join(args.out, "records.yaml"), households)
        else:
            write_csv(args.out, households)
    if damaged:
        with open(os.path.join(args.out, "corrupt.tsv"), "w", encoding="utf-8") as out:
            out.write("index\tid\tkind\n")
            for i, hid, kind in damaged:
                out.write("%d\t%s\t%s\n" % (i, hid, kind))


if __name__ == "__main__":
    main()
