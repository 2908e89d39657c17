#!/usr/bin/python3
"""Writes the seed corpora and dictionaries of the fuzz targets (tests/fuzz).

Seeds come from the repository's own inputs: every expression of the shipped
rule packages and test packages (expr), those packages as multi-file inputs
(package), the example registry as JSON Lines, JSON, YAML and CSV pair
(records), and its households on several days and months (eval). The input
formats are described at the top of each tests/fuzz/<name>_fuzzer.cpp.

Usage: tools/fuzz_seeds.py OUT_DIR   (writes OUT_DIR/<name>/ and OUT_DIR/<name>.dict)
Needs /usr/bin/python3 with PyYAML (Debian python3-yaml).
"""
import hashlib
import json
import os
import struct
import sys

import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
RULE_DIRS = ["rules", "tests/data", "tests/fuzz/expr_package"]


def write(out, name, data):
    os.makedirs(os.path.join(out, name), exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8", errors="surrogateescape")
    digest = hashlib.sha1(data).hexdigest()[:16]
    with open(os.path.join(out, name, digest), "wb") as f:
        f.write(data)


def yaml_files(top):
    for base, dirs, files in os.walk(os.path.join(ROOT, top)):
        dirs.sort()
        for f in sorted(files):
            if f.endswith(".yaml"):
                yield os.path.join(base, f)


def load_yaml(path):
    try:
        with open(path, encoding="utf-8") as f:
            return yaml.safe_load(f)
    except Exception:  # the bad test packages are meant not to load
        return None


# --- expr: [slot] [expression] ----------------------------------------------
def expressions(node, key=None):
    if isinstance(node, dict):
        for k, v in node.items():
            yield from expressions(v, k)
    elif isinstance(node, list):
        for v in node:
            if key == "when" and isinstance(v, dict) and len(v) == 1 and isinstance(next(iter(v.values())), str):
                yield "when", next(iter(v.values()))
            else:
                yield from expressions(v, key)
    elif isinstance(node, str) and key in ("formula", "when", "amount", "test", "filter", "numerator"):
        yield key, node


def expr_seeds(out):
    slots = {"when": [4, 0, 6, 7], "test": [4, 0], "filter": [7], "numerator": [7], "amount": [5, 2],
             "formula": [0, 1, 2, 3, 7]}
    seen = set()
    for top in RULE_DIRS:
        for path in yaml_files(top):
            for key, text in expressions(load_yaml(path)):
                for slot in slots[key]:
                    if (slot, text) not in seen:
                        seen.add((slot, text))
                        write(out, "expr", bytes([slot]) + text.encode("utf-8"))
    words = ["and", "or", "not", "in", "if", "then", "else", "true", "false", "as_of", "period_start",
             "period_end", "household", "members", "param.", "id", "==", "!=", "<=", ">=", "#", "_000",
             "2024-02-29", "0.000001", "9223372036854775807", "m in household.members"]
    words += ["months_between(", "years_between(", "days_between(", "add_months(", "add_years(", "year(",
              "month(", "day(", "min(", "max(", "abs(", "round(", "size(", "known(", "default(", "count(",
              "any(", "all(", "sum(", "receives(", "qualifies("]
    words += ["area", "income_per_capita", "deprivations", "registered_on", "difficult_area", "size_declared",
              "coefficient", "note", "birth_date", "sex", "disability", "pension_amount", "injury_rate",
              "lives_alone", "mother_id", "tags", "share", "base", "poverty_line", "allowance", "threshold",
              "ratio", "age_months", "age_years", "poor", "children", "fz_person_bool", "fz_person_int",
              "fz_household_money", "fz_household_date", "fz_household_bool", "fz_benefit", "by_rate",
              '"rural"', '"urban"', '"water"', '"farmer"', '"severe"', '"allowance"']
    write_dict(out, "expr", words)


# --- package: "=== path" files -------------------------------------------------
def package_files(pkg_dir, prefix, skip_tests):
    parts = []
    for path in yaml_files(pkg_dir):
        rel = os.path.relpath(path, os.path.join(ROOT, pkg_dir))
        if skip_tests and rel.startswith("tests/"):
            continue
        if rel.startswith("tra-vinh/"):  # a package of its own inside rules/vn
            continue
        if os.path.islink(path):
            parts.append("=== %s/%s -> %s\n" % (prefix, rel, os.readlink(path)))
            continue
        with open(path, encoding="utf-8", errors="surrogateescape") as f:
            parts.append("=== %s/%s\n%s" % (prefix, rel, f.read()))
    return parts


def package_seeds(out):
    for group in ("tests/data/good", "tests/data/bad"):
        for name in sorted(os.listdir(os.path.join(ROOT, group))):
            if os.path.isdir(os.path.join(ROOT, group, name)):
                write(out, "package", "".join(package_files(os.path.join(group, name), "pkg", False)))
    write(out, "package", "".join(package_files("tests/fuzz/expr_package", "pkg", False)))
    vn = package_files("rules/vn", "pkg", True)
    write(out, "package", "".join(vn))
    # Smaller slices of rules/vn (a schema, some parameters, variables, one benefit file, tests).
    keep = ["package.yaml", "schema.yaml", "variables.yaml", "parameters/social_assistance.yaml",
            "parameters/poverty.yaml", "groups.yaml", "benefits/social_allowance.yaml", "tests/elderly.yaml"]
    write(out, "package", "".join(p for p in package_files("rules/vn", "pkg", False)
                                  if any(p.startswith("=== pkg/" + k + "\n") for k in keep)))
    base = package_files("rules/vn", "vn", True)
    for child in ("rules/vn/tra-vinh/cang-long", "rules/scenarios/nq42-2030"):
        write(out, "package", "".join(base + package_files(child, "pkg", False)))
    write(out, "package", "=== pkg/package.yaml\nid: a\nextends: [../../outside]\n")
    write(out, "package", "=== pkg/package.yaml\nid: a\nextends: [b]\n=== b/package.yaml\nid: b\nextends: [a]\n"
                          "=== pkg/loop -> ..\n=== @root pkg\n")
    write_dict(out, "package", ["=== pkg/", "=== vn/", " -> ..", "=== @root ", "id:", "name:", "version:",
                                "extends:", "language:", "month_rule:", "schema:", "household:", "person:",
                                "type:", "values:", "label:", "default:", "parameters:", "kind:", "table",
                                "brackets", "variables:", "entity:", "formula:", "benefits:", "applies_to:",
                                "group:", "adds_to:", "effective:", "from:", "to:", "versions:", "when:",
                                "amount:", "groups:", "policy:", "order:", "checks:", "severity:", "field:",
                                "message:", "indicators:", "population:", "numerator:", "filter:", "target:",
                                "tests:", "as_of:", "period:", "expect:", "override: true", "status:",
                                "provisional", "rounding:", "unit:", "frequency:", "&a", "*a", "<<: *a",
                                "2024-07-01", "null", "[]", "{}", "|\n", ">-\n", "\"\\u00e9\""])


# --- records: [control] [split?] [data] ---------------------------------------
def registry():
    with open(os.path.join(ROOT, "examples/registry.jsonl"), encoding="utf-8") as f:
        return [line for line in f.read().splitlines() if line.strip()]


def csv_pair(households, persons):
    hh_bytes, pp_bytes = households.encode("utf-8"), persons.encode("utf-8")
    return struct.pack("<H", len(hh_bytes) % 65536) + hh_bytes + pp_bytes


def records_seeds(out, lines):
    for start in range(0, len(lines), 8):
        chunk = lines[start:start + 8]
        control = (start // 8) % 4 << 2  # chunk sizes vary
        write(out, "records", bytes([0 | control]) + ("\n".join(chunk) + "\n").encode("utf-8"))
        write(out, "records", bytes([1 | control]) + ("[\n" + ",\n".join(chunk) + "\n]\n").encode("utf-8"))
        docs = [json.loads(line) for line in chunk[:6]]
        write(out, "records", bytes([2 | control]) +
              yaml.safe_dump(docs, allow_unicode=True, sort_keys=False).encode("utf-8"))
    with open(os.path.join(ROOT, "examples/households.csv"), encoding="utf-8") as f:
        hh = f.read().splitlines()
    with open(os.path.join(ROOT, "examples/persons.csv"), encoding="utf-8") as f:
        pp = f.read().splitlines()
    for start in range(1, len(hh), 12):
        rows = hh[start:start + 12]
        ids = {r.split(",")[0] for r in rows}
        persons = [p for p in pp[1:] if p.split(",")[0] in ids]
        write(out, "records", bytes([3 | (start % 4) << 2]) +
              csv_pair("\n".join([hh[0]] + rows) + "\n", "\n".join([pp[0]] + persons) + "\n"))
    # the 10% corrupt shapes of tests/reliability, small
    write(out, "records", bytes([0]) + b'{"id":"T1","area":"rur\n{"id":"T2","note":"\xff"}\n{"id":"T2"}\n'
          b'{"id":"T3","income_per_capita":"abc","members":[]}\n{"id":"T4","members":[{"id":"P"},{"id":"P"}]}\n')
    write(out, "records", bytes([3 | 16]) + csv_pair("id,area\nH1,rural\nH1,urban\nH2,x\n",
                                                     "household_id,id,birth_date\nH9,P1,2020-02-30\nH1,P1,1/2/2003\n"))
    write_dict(out, "records", schema_words())


# --- yamlrec: [control] [YAML records]; rulefile: [control] [one rule file] ----
def yamlrec_seeds(out, lines):
    for start in range(0, len(lines), 6):
        docs = [json.loads(line) for line in lines[start:start + 6]]
        text = yaml.safe_dump(docs, allow_unicode=True, sort_keys=False, default_style=None)
        # Quoted values, so that there are quotes to leave open (control bit 0).
        quoted = "\n".join(l.replace(": ", ': "', 1) + '"' if l.strip().startswith(("commune:", "id:")) and
                           ": " in l else l for l in text.splitlines()) + "\n"
        for control in (0, 1 + 2 * (start % 7), 3 + 4 * (start % 5)):
            write(out, "yamlrec", bytes([control]) + quoted.encode("utf-8"))
    write(out, "yamlrec", bytes([1]) + "- id: Q1\n  commune: 'Xã A'\n  area: rural\n  members: []\n"
          "- id: Q2\n  commune: \"Xã \\\"B\\\"\"\n  area: urban\n".encode("utf-8"))
    write_dict(out, "yamlrec", schema_words() + ['"', "'", ": ", "- ", "---", "\\\""])


def rulefile_seeds(out):
    for top in ("rules/vn", "tests/data/good"):
        for n, path in enumerate(yaml_files(top)):
            if os.path.basename(path) == "package.yaml":
                continue
            with open(path, "rb") as f:
                data = f.read()
            for control in (0, 1 + 2 * (n % 9)):
                write(out, "rulefile", bytes([control]) + data)
    write_dict(out, "rulefile", ['"', "'", ": ", "- ", "when:", "amount:", "reference:", "label:", "id:",
                                 "benefits:", "parameters:", "variables:", "tests:"])


def schema_words():
    schema = load_yaml(os.path.join(ROOT, "rules/vn/schema.yaml"))["schema"]
    words = ['"id"', '"members"', "null", "true", "false", "[]", "{}", "\\u00e9", "\\ud800", ",,", '""']
    for entity in ("household", "person"):
        for name, field in schema[entity].items():
            words.append('"%s":' % name)
            for value in (field.get("values") or {}):
                words.append('"%s"' % value)
    return words


# --- eval: [day lo] [day hi] [flags] [chunk] [JSON Lines] ----------------------
def eval_seeds(out, lines):
    for start in range(0, len(lines), 4):
        day = (start * 37) % (12 * 366)
        flags = (start // 4) % 4
        header = struct.pack("<HBB", day, flags, start % 7)
        write(out, "eval", header + ("\n".join(lines[start:start + 4]) + "\n").encode("utf-8"))
    write_dict(out, "eval", schema_words())


def dict_entry(word):
    """A libFuzzer dictionary line: printable ASCII as is, other bytes as \\xNN."""
    out = []
    for b in word.encode("utf-8"):
        c = chr(b)
        out.append("\\" + c if c in '"\\' else c if 32 <= b < 127 else "\\x%02X" % b)
    return '"' + "".join(out) + '"'


def write_dict(out, name, words):
    with open(os.path.join(out, name + ".dict"), "w", encoding="ascii") as f:
        for w in words:
            f.write(dict_entry(w) + "\n")


def main():
    out = sys.argv[1]
    lines = registry()
    expr_seeds(out)
    package_seeds(out)
    records_seeds(out, lines)
    eval_seeds(out, lines)
    yamlrec_seeds(out, lines)
    rulefile_seeds(out)
    for name in ("expr", "package", "records", "eval", "yamlrec", "rulefile"):
        print("%s: %d seeds" % (name, len(os.listdir(os.path.join(out, name)))))


if __name__ == "__main__":
    main()
