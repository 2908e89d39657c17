#!/usr/bin/env python3
"""Keeps docs/rule-file.schema.json equal to what the loader accepts, and every
shipped rule file valid against it.

1. Drift: the key lists the loader checks (every `CheckKeys(entries, {"a", ...}, ...)`
   of lib/yaml/*.cpp, and a file's top-level keys: the sections of `Sections()`
   plus `PackageKeys()`) must be exactly the key sets of the schema's closed
   objects (`"additionalProperties": false`), both ways: a key the loader
   accepts and the schema lacks (or the reverse) fails.
2. Every rule file under rules/ (not ansinh-workspace.yaml) starts with
   `# yaml-language-server: $schema=<relative path to the schema>` and
   validates against the schema (YAML 1.2 style: dates stay text, as in the
   editor's YAML extension).
3. The schema rejects what it must: an unknown key in a benefit, a condition
   without `test`.

    check_rule_schema.py [--root DIR] [--fix-modelines]

--fix-modelines writes the modeline into the rule files that lack it (or have
another path). Exit 0 pass, 1 fail.
"""
import argparse
import pathlib
import re
import sys

import jsonschema
import yaml

MODELINE = "# yaml-language-server: $schema="


class Yaml12Loader(yaml.SafeLoader):
    """SafeLoader without YAML 1.1 timestamps (a date stays a string)."""


Yaml12Loader.yaml_implicit_resolvers = {
    k: [(tag, rx) for tag, rx in v if tag != "tag:yaml.org,2002:timestamp"]
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def string_lists(text):
    return [s for s in re.findall(r'"((?:[^"\\]|\\.)*)"', text)]


def loader_key_sets(root):
    sets = []
    for path in sorted((root / "lib" / "yaml").glob("*.cpp")):
        text = path.read_text(encoding="utf-8")
        for m in re.finditer(r"CheckKeys\(\s*[^,{]*,\s*\{([^}]*)\}", text, re.S):
            sets.append((f"{path.name}:{text.count(chr(10), 0, m.start()) + 1}", frozenset(string_lists(m.group(1)))))
    pkg = (root / "lib" / "yaml" / "package_reader.cpp").read_text(encoding="utf-8")
    sections = re.search(r"kSections = \{(.*?)\};", pkg, re.S)
    keys = re.search(r"kKeys = \{(.*?)\};", pkg, re.S)
    if not sections or not keys:
        raise SystemExit("check_rule_schema: cannot find Sections() or PackageKeys() in package_reader.cpp")
    top = set(re.findall(r'\{"([a-z_]+)",', sections.group(1))) | set(string_lists(keys.group(1)))
    sets.append(("package_reader.cpp: Sections() + PackageKeys()", frozenset(top)))
    return sets


def schema_key_sets(schema):
    found = []

    def walk(node, where):
        if isinstance(node, dict):
            if node.get("additionalProperties") is False and "properties" in node:
                found.append((where, frozenset(node["properties"])))
            for k, v in node.items():
                walk(v, f"{where}/{k}")
        elif isinstance(node, list):
            for i, v in enumerate(node):
                walk(v, f"{where}/{i}")

    walk(schema, "#")
    return found


def rule_files(root):
    for path in sorted((root / "rules").rglob("*.yaml")):
        if path.name != "ansinh-workspace.yaml":
            yield path


def expected_modeline(path, schema_path):
    import os
    return MODELINE + os.path.relpath(schema_path, path.parent)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--root", default=str(pathlib.Path(__file__).resolve().parent.parent))
    ap.add_argument("--fix-modelines", action="store_true")
    args = ap.parse_args()
    root = pathlib.Path(args.root)
    schema_path = root / "docs" / "rule-file.schema.json"
    import json
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    problems = []

    loader = loader_key_sets(root)
    in_schema = schema_key_sets(schema)
    schema_sets = {s for _, s in in_schema}
    loader_sets = {s for _, s in loader}
    for where, keys in loader:
        if keys not in schema_sets:
            close = min(schema_sets, key=lambda s: len(s ^ keys))
            problems.append(f"{where}: the loader accepts {sorted(keys)}, no object of the schema has exactly these "
                            f"keys (nearest: missing {sorted(keys - close)}, extra {sorted(close - keys)})")
    for where, keys in in_schema:
        if keys not in loader_sets:
            problems.append(f"docs/rule-file.schema.json {where}: keys {sorted(keys)} are not a key list of the loader")

    files = list(rule_files(root))
    for path in files:
        text = path.read_text(encoding="utf-8")
        want = expected_modeline(path, schema_path)
        first = text.split("\n", 1)[0]
        if first != want:
            if args.fix_modelines:
                rest = text.split("\n", 1)[1] if first.startswith(MODELINE) else text
                path.write_text(want + "\n" + rest, encoding="utf-8")
                text = path.read_text(encoding="utf-8")
            else:
                problems.append(f"{path.relative_to(root)}:1: the first line must be '{want}'")
        try:
            data = yaml.load(text, Loader=Yaml12Loader) or {}
        except yaml.YAMLError as e:
            problems.append(f"{path.relative_to(root)}: not YAML: {e}")
            continue
        for err in sorted(validator.iter_errors(data), key=lambda e: list(e.absolute_path)):
            where = "/".join(str(p) for p in err.absolute_path)
            problems.append(f"{path.relative_to(root)}: {where}: {err.message}")

    # The schema must reject what the loader rejects.
    for bad, what in (
        ({"benefits": [{"id": "x", "ammount": 1}]}, "an unknown benefit key"),
        ({"benefits": [{"id": "x", "when": [{"name": "a"}]}]}, "a condition without 'test'"),
        ({"parameters": {"p": {"values": {"2024-13-99x": 1}}}}, "a parameter date that is no date"),
    ):
        if validator.is_valid(bad):
            problems.append(f"the schema accepts {what}: {bad}")

    for p in problems:
        print(p)
    print(f"check_rule_schema: {len(loader)} key lists of the loader, {len(in_schema)} closed objects of the schema, "
          f"{len(files)} rule files: {'ok' if not problems else str(len(problems)) + ' problems'}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
