#!/usr/bin/env python3
"""Counts the diagnostics of Vietnamese golden files that fall back to English.

A diagnostic without its own Vietnamese text is printed in Vietnamese as the
catalogue's meaning of its code followed by the English message in brackets
(MessageIn, include/ansinh/diagnostic.hpp). This finds those lines by the
catalogue's meanings (lib/common/diagnostic_catalogue.cpp).

  python3 tools/count_vi_fallback.py [GLOB]   (default: tests/data/bad/*.vi.expected)
"""
import glob
import re
import sys

ROOT = __file__.rsplit("/tools/", 1)[0] if "/tools/" in __file__ else "."


def meanings():
    src = open(f"{ROOT}/lib/common/diagnostic_catalogue.cpp", encoding="utf-8").read()
    text = r'"(?:[^"\\]|\\.)*"'
    strings = rf"((?:{text}\s*)+)"
    entries = re.findall(rf"\{{DiagnosticCode::k\w+,\s*{text}\s*,\s*{strings},\s*{strings},\s*{strings},", src)
    join = lambda s: "".join(eval(p) for p in re.findall(text, s))  # C string literals: Python's syntax suffices
    return [join(e[2]).replace("`", "") for e in entries]


def main():
    pattern = sys.argv[1] if len(sys.argv) > 1 else f"{ROOT}/tests/data/bad/*.vi.expected"
    known = meanings()
    files = sorted(glob.glob(pattern))
    total = fallback = files_with = 0
    for path in files:
        n = 0
        for line in open(path, encoding="utf-8"):
            m = re.match(r"^\S.*?: (lỗi|cảnh báo|ghi chú): (.*)$", line)
            if not m:
                continue
            total += 1
            if any(m.group(2).startswith(k + " (") for k in known):
                n += 1
                print(f"{path}: {m.group(2)}")
        fallback += n
        files_with += n > 0
    print(f"{len(files)} files, {total} diagnostics; English fallback: {fallback} diagnostics in {files_with} files")
    return 0


if __name__ == "__main__":
    sys.exit(main())
