#!/usr/bin/env python3
"""Checks that the includes of lib/ point down the documented layer order.

The order is read from docs/architecture.md, from the lines

    Layer order: common < model < yaml, expr, records < check < ...
    Public API only: cli

A file in lib/<layer>/ may include its own layer's headers, the public API
("ansinh/..."), and the headers of any layer left of its own; layers
separated by commas share a rank and may not include each other. A layer
named under "Public API only" may include nothing of lib/ but itself. A folder
of lib/ missing from the order is an error too (place it before using it).

The public headers (include/ansinh) are checked too (docs/api.md, "What the
public headers may use"): they may include only each other ("ansinh/x.hpp",
a file that exists there) and the C++17 standard library headers (the C
API's headers, *.h, the C99 standard headers instead); never a
lib/ header, Boost, yaml-cpp or any other third-party header. Nor may they
open a `detail` namespace or declare an `impl()` accessor (the library reaches
its internals through internal::Access, lib/runtime/access.hpp).

    check_layers.py [--root DIR] [--doc FILE] [--expect FILE]

--root: the tree whose lib/ is checked (default: this repository).
--doc:  the document with the order (default: ROOT/docs/architecture.md).
--expect: a file listing, one a line, the violations expected
          ("lib/eval/vm.hpp -> runtime/rule_set_impl.hpp"); the run passes when
          exactly those are found (the test's own fixture shows the check fails).
Exit status: 0 pass, 1 violations (or not the expected ones), 2 bad input.
"""
import argparse
import pathlib
import re
import sys

INCLUDE = re.compile(r'^\s*#\s*include\s*"([^"]+)"')
ANY_INCLUDE = re.compile(r'^\s*#\s*include\s*([<"])([^">]+)[">]')
# The C++17 standard library headers (and the C headers it keeps as <cxxx>).
STANDARD = set("""
algorithm any array atomic bitset cassert cctype cerrno cfloat charconv chrono cinttypes climits clocale
cmath codecvt complex condition_variable csetjmp csignal cstdarg cstddef cstdint cstdio cstdlib cstring
ctime cuchar cwchar cwctype deque exception execution filesystem forward_list fstream functional future
initializer_list iomanip ios iosfwd iostream istream iterator limits list locale map memory memory_resource
mutex new numeric optional ostream queue random ratio regex scoped_allocator set shared_mutex sstream
stack stdexcept streambuf string string_view system_error thread tuple type_traits typeindex typeinfo
unordered_map unordered_set utility valarray variant vector
""".split())
# The C99 standard headers, for the C API's headers (include/ansinh/*.h).
STANDARD_C = set("""
assert.h complex.h ctype.h errno.h fenv.h float.h inttypes.h iso646.h limits.h locale.h math.h setjmp.h
signal.h stdarg.h stdbool.h stddef.h stdint.h stdio.h stdlib.h string.h tgmath.h time.h wchar.h wctype.h
""".split())
FORBIDDEN = [
    (re.compile(r"\bnamespace\s+detail\b|\bdetail::"), "a `detail` namespace in a public header"),
    (re.compile(r"\bimpl\s*\(\s*\)"), "an impl() accessor in a public header (use internal::Access)"),
]


def public_violations(include):
    """Includes of include/ansinh that leave the public API and the standard library."""
    found = []
    public = include / "ansinh"
    if not public.is_dir():
        return found
    for path in sorted(public.rglob("*")):
        if path.suffix not in SOURCES or not path.is_file():
            continue
        name = f"include/{path.relative_to(include).as_posix()}"
        for number, text in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), 1):
            code = text.split("//")[0]
            for pattern, why in FORBIDDEN:
                if pattern.search(code):
                    found.append((f"{name} -> {pattern.search(code).group(0)}", f"{name}:{number}: {why}"))
            m = ANY_INCLUDE.match(text)
            if not m:
                continue
            quote, target = m.groups()
            if quote == '"' and target.startswith("ansinh/") and (include / target).is_file():
                continue
            if quote == "<" and target in (STANDARD_C if path.suffix == ".h" else STANDARD):
                continue
            why = ("a public header includes only include/ansinh and the standard library"
                   if quote == '"' else "a public header includes no header beyond the C++17 standard library")
            found.append((f"{name} -> {target}", f'{name}:{number}: includes {quote}{target}{">" if quote == "<" else quote}: {why}'))
    return found
SOURCES = {".hpp", ".cpp", ".h", ".hh", ".cc", ".ipp"}


def read_order(doc):
    ranks, public_only = {}, set()
    for line in doc.read_text(encoding="utf-8").splitlines():
        line = line.strip().strip("`")
        m = re.match(r"Layer order:\s*(.+)$", line)
        if m:
            for rank, tier in enumerate(m.group(1).split("<")):
                for name in tier.split(","):
                    if name.strip():
                        ranks[name.strip()] = rank
        m = re.match(r"Public API only:\s*(.+)$", line)
        if m:
            public_only.update(n.strip() for n in m.group(1).split(",") if n.strip())
    return ranks, public_only


def violations(lib, ranks, public_only):
    found = []  # (key, message)
    for path in sorted(lib.rglob("*")):
        if path.suffix not in SOURCES or not path.is_file():
            continue
        rel = path.relative_to(lib)
        if len(rel.parts) < 2:
            continue
        layer = rel.parts[0]
        name = f"lib/{rel.as_posix()}"
        for number, text in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), 1):
            m = INCLUDE.match(text)
            if not m:
                continue
            target = m.group(1)
            if "/" not in target or target.startswith("ansinh/"):
                continue  # same folder, or the public API
            to = target.split("/")[0]
            if to == layer:
                continue
            if layer not in ranks and layer not in public_only:
                why = f"lib/{layer} is not in the layer order"
            elif layer in public_only:
                why = f"{layer} uses only the public API (include/ansinh)"
            elif to not in ranks:
                why = f"lib/{to} is not in the layer order"
            elif ranks[to] < ranks[layer]:
                continue
            elif ranks[to] == ranks[layer]:
                why = f"{layer} and {to} share a rank and may not include each other"
            else:
                why = f"{layer} may not include {to}, a layer above it"
            found.append((f"{name} -> {target}", f'{name}:{number}: includes "{target}": {why}'))
    return found


def main():
    here = pathlib.Path(__file__).resolve().parent.parent
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=pathlib.Path, default=here)
    parser.add_argument("--doc", type=pathlib.Path)
    parser.add_argument("--expect", type=pathlib.Path)
    args = parser.parse_args()
    doc = args.doc or args.root / "docs" / "architecture.md"
    lib = args.root / "lib"
    if not doc.is_file() or not lib.is_dir():
        print(f"check_layers: need {lib}/ and {doc}", file=sys.stderr)
        return 2
    ranks, public_only = read_order(doc)
    if not ranks:
        print(f"check_layers: no 'Layer order:' line in {doc}", file=sys.stderr)
        return 2
    found = violations(lib, ranks, public_only) + public_violations(args.root / "include")
    for _, message in found:
        print(message)
    if args.expect:
        expected = {l.strip() for l in args.expect.read_text(encoding="utf-8").splitlines()
                    if l.strip() and not l.startswith("#")}
        got = {key for key, _ in found}
        for key in sorted(expected - got):
            print(f"expected but not found: {key}")
        if expected != got:
            return 1
        print(f"check_layers: the {len(found)} expected violations were found")
        return 0
    if found:
        print(f"check_layers: {len(found)} include(s) against the layer order of {doc}")
        return 1
    print(f"check_layers: every include of {lib} follows the layer order; include/ansinh uses only itself "
          "and the standard library")
    return 0


if __name__ == "__main__":
    sys.exit(main())
