#!/usr/bin/env python3
"""Runs every `ansinh ...` (or `build/bin/ansinh ...`) command of the ```sh
blocks of a Markdown page, as written, from the project root, with `ansinh`
replaced by the built binary and `-o FILE` / `--output FILE` / `> FILE`
redirected into a work folder. Each command must exit 0 (or N when its comment
says `exit N` or `mã thoát N`) and write something; HTML outputs must pass check_html.py with
their charts, JSON outputs must parse, xlsx outputs must open. A plain ```
block right after a ```sh block is an excerpt of the output of that block's
first command: each of its lines must appear in that output. A block right
after a line that names the file the reader is to type, "(tệp `x.yaml`)" or
"(file `x.yaml`)", is written to the work folder and the commands read it
there. Not run: synopsis lines (<...> placeholders, [...] options) and
`ansinh serve` (a service, tests/serve runs it). With ANSINH_DOCS_PYTHON=1
(the Python binding is built and on PYTHONPATH) every ```python block runs
too, from the root.

Usage: run_doc_commands.py <ansinh binary> <project root> <work dir> <page.md> [min commands]
"""
import json
import os
import re
import shlex
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import check_html  # noqa: E402

CHARTS = {
    "report": ["chart-cost", "chart-coverage", "chart-area"],
    "diff": ["chart-cost-change", "chart-area-change", "chart-coverage-change"],
}


NAMED_FILE = re.compile(r"\((?:tệp|file) `([^`/]+)`\)")
EXPECT_EXIT = re.compile(r"#.*\b(?:exit|mã thoát)\s+(\d+)")
PREFIXES = ("ansinh ", "build/bin/ansinh ")


def blocks(page):
    """Yields (kind, first line number, lines) for each fenced block."""
    kind, start, lines = None, 0, []
    with open(page, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            stripped = line.strip()
            if stripped.startswith("```"):
                if kind is None:
                    kind, start, lines = stripped[3:] or "plain", number, []
                else:
                    yield kind, start, lines
                    kind = None
                continue
            if kind is not None:
                lines.append((number, line.rstrip("\n")))


def named_files(page):
    """{name: text} of the blocks right after a line naming the file to type."""
    files, before, kind = {}, "", None
    with open(page, encoding="utf-8") as f:
        text = f.read().split("\n")
    i = 0
    while i < len(text):
        stripped = text[i].strip()
        if stripped.startswith("```"):
            named = NAMED_FILE.search(before)
            body = []
            i += 1
            while i < len(text) and not text[i].strip().startswith("```"):
                body.append(text[i])
                i += 1
            if named and not stripped.startswith("```sh"):
                files[named.group(1)] = "\n".join(body) + "\n"
            before = ""
        elif stripped:
            before = stripped
        i += 1
    return files


def joined(lines):
    """The lines of a block with `\\` continuations joined: [(first line number, text)]."""
    out, pending, start = [], "", 0
    for n, line in lines:
        if not pending:
            start = n
        if line.rstrip().endswith("\\"):
            pending += line.rstrip()[:-1] + " "
            continue
        out.append((start, pending + line))
        pending = ""
    if pending:
        out.append((start, pending))
    return out


ROOT = "."  # the project root (main sets it)


def generated(command):
    """The input the command needs that a benchmark generates (bench/data/, /tmp/), if absent."""
    words = shlex.split(command, comments=True)
    outputs = {words[i + 1] for i, w in enumerate(words[:-1]) if w in ("-o", "--output", ">")}
    for word in words:
        if word in outputs or word.startswith(">"):
            continue
        if word.startswith(("bench/data/", "/tmp/")) and not os.path.exists(os.path.join(ROOT, word)):
            return word
    return None


def not_run(command):
    """Why a command is shown but not run: a synopsis (<...> and [...] words), `ansinh
    serve`, a command on a benchmark's generated data; None for one to run."""
    words = shlex.split(command, comments=True)
    if any(w.startswith(("<", "[")) for w in words):
        return "synopsis"
    if words[0].endswith("ansinh") and len(words) > 1 and words[1] == "serve":
        return "a service: tests/serve runs it"
    data = generated(command)
    if data:
        return f"needs the generated {data}"
    return None


def commands(page):
    """Yields (line number, command, excerpt lines expected in its output or [])."""
    previous_sh = None
    for kind, start, lines in blocks(page):
        if kind == "sh":
            cmds = [(n, l.strip()) for n, l in joined(lines) if l.strip().startswith(PREFIXES)]
            for n, c in cmds:
                if not_run(c):
                    print(f"skip line {n} ({not_run(c)}): {c}")
            cmds = [(n, c) for n, c in cmds if not not_run(c)]
            previous_sh = cmds
            for i, (n, c) in enumerate(cmds):
                yield n, c, []
            continue
        if kind == "plain" and previous_sh:
            n, c = previous_sh[0]
            yield n, c, [l.strip() for _, l in lines if l.strip()]
        previous_sh = None


def check_html_file(path, charts):
    sys.argv = ["check_html.py", path] + charts
    return check_html.main() == 0


def run(binary, root, work, number, line, excerpt, typed):
    m = EXPECT_EXIT.search(line)
    expect = int(m.group(1)) if m else 0
    args = shlex.split(line, comments=True)
    args[0] = binary
    stdout_file = None
    if ">" in args:
        at = args.index(">")
        stdout_file = os.path.join(work, os.path.basename(args[at + 1]))
        del args[at:at + 2]
    elif args[-1].startswith(">"):
        stdout_file = os.path.join(work, os.path.basename(args[-1][1:]))
        del args[-1]
    outputs = [stdout_file] if stdout_file else []
    for i, a in enumerate(args):
        if a in ("-o", "--output") and i + 1 < len(args):
            args[i + 1] = os.path.join(work, os.path.basename(args[i + 1]))
            outputs.append(args[i + 1])
        elif a in typed:
            args[i] = typed[a]
    for path in outputs:
        if os.path.exists(path):
            os.remove(path)
    result = subprocess.run(args, cwd=root, capture_output=True)
    if stdout_file:
        with open(stdout_file, "wb") as f:
            f.write(result.stdout)
    where = f"line {number}: {line}"
    if result.returncode != expect:
        print(f"FAIL {where}\n  exit {result.returncode}, expected {expect}\n{result.stderr.decode(errors='replace')}")
        return False
    if not outputs and not result.stdout and expect == 0:
        print(f"FAIL {where}\n  no output")
        return False
    stdout = result.stdout.decode("utf-8", errors="replace")
    missing = [l for l in excerpt if l not in stdout]
    if missing:
        print(f"FAIL {where}\n  the page quotes lines the output does not have:\n    " + "\n    ".join(missing))
        return False
    if excerpt:
        print(f"ok   {where}: the {len(excerpt)} quoted lines")
        return True
    for path in outputs:
        if not os.path.exists(path) or os.path.getsize(path) == 0:
            print(f"FAIL {where}\n  {path} was not written")
            return False
        if path.endswith(".html") and not check_html_file(path, CHARTS.get(args[1], [])):
            print(f"FAIL {where}\n  {path} is not a valid page")
            return False
        if path.endswith(".json"):
            with open(path, encoding="utf-8") as f:
                json.load(f)
        if path.endswith(".xlsx"):
            try:
                import openpyxl
            except ImportError:
                openpyxl = None
            if openpyxl is not None and not openpyxl.load_workbook(path).sheetnames:
                print(f"FAIL {where}\n  {path} has no sheet")
                return False
    print(f"ok   {where}")
    return True


def run_python(root, page):
    blocks = [(start, "\n".join(l for _, l in lines)) for kind, start, lines in blocks_of(page, "python")]
    if os.environ.get("ANSINH_DOCS_PYTHON") != "1":
        if blocks:
            print(f"skip {len(blocks)} python blocks (ANSINH_DOCS_PYTHON is not 1)")
        return True
    cwd = os.getcwd()
    os.chdir(root)
    try:
        for start, code in blocks:
            try:
                exec(compile(code, f"{page} line {start}", "exec"), {"__name__": "__docs__"})
            except Exception as e:  # the message names the block
                print(f"FAIL python block at line {start}: {e!r}")
                return False
            print(f"ok   python block at line {start}")
    finally:
        os.chdir(cwd)
    return True


def blocks_of(page, wanted):
    return [b for b in blocks(page) if b[0] == wanted]


def main():
    if len(sys.argv) < 5:
        print(__doc__)
        return 2
    global ROOT
    binary, root, work, page = sys.argv[1:5]
    ROOT = root
    minimum = int(sys.argv[5]) if len(sys.argv) > 5 else 1
    os.makedirs(work, exist_ok=True)
    typed = {}
    for name, text in named_files(page).items():
        typed[name] = os.path.join(work, name)
        with open(typed[name], "w", encoding="utf-8") as f:
            f.write(text)
    found = list(commands(page))
    ok = all([run(binary, root, work, n, line, excerpt, typed) for n, line, excerpt in found])
    ok = run_python(root, page) and ok
    found = [f for f in found if not f[2]]
    if len(found) < minimum:
        print(f"FAIL {page}: {len(found)} commands, expected at least {minimum}")
        return 1
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
