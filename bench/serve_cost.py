#!/usr/bin/env python3
"""Cost of one `ansinh serve` request, independent of the machine's load
(docs/performance.md, "ansinh serve"): the same one-household
POST /v1/evaluate?period=2026-07&detail=summary as bench/serve_load.py, sent N
times, one after another, on one keep-alive connection (loopback only), and

  - instructions per request in the server (valgrind --tool=callgrind, one
    server thread; counted between a warm-up and the end), with the functions
    that take the most of them (inclusive, per request);
  - system calls per request in the server (strace -c, two server threads).

    bench/serve_cost.py [--ansinh build/bin/ansinh] [--requests 500] [--top 25] [--keep DIR]

With --keep DIR the callgrind profile is kept as DIR/callgrind.out.PID.1 (for
`callgrind_annotate --inclusive=yes`), the strace counts as DIR/strace.txt.

Needs valgrind and strace (Debian). Both slow the server down: the figures are
counts, not times.
"""
import argparse
import os
import pathlib
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import serve_load  # noqa: E402  (its server start-up)

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parent


def request_bytes():
    body = (ROOT / "examples" / "registry.jsonl").read_text().splitlines()[0].encode()
    head = ("POST /v1/evaluate?period=2026-07&detail=summary HTTP/1.1\r\nHost: x\r\n"
            f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n")
    return head.encode() + body


def send(port, count):
    """`count` requests on one connection, each answered before the next; checks every answer is 200."""
    req = request_bytes()
    with socket.create_connection(("127.0.0.1", port), timeout=120) as c:
        buf = b""
        for _ in range(count):
            c.sendall(req)
            while True:
                h = buf.find(b"\r\n\r\n")
                if h >= 0:
                    head = buf[:h].decode("latin-1")
                    length = int(re.search(r"content-length: *(\d+)", head, re.I).group(1))
                    if len(buf) >= h + 4 + length:
                        if not head.startswith("HTTP/1.1 200"):
                            sys.exit("serve_cost: answer " + head.splitlines()[0])
                        buf = buf[h + 4 + length:]
                        break
                chunk = c.recv(65536)
                if not chunk:
                    sys.exit("serve_cost: the server closed the connection")
                buf += chunk


def start(cmd, log):
    return serve_load.start_command(cmd, log, 300)


def serve_args(ansinh, tmp, threads):
    return [ansinh, "serve", str(ROOT / "rules" / "vn"), "--listen", "127.0.0.1:0", "--threads", str(threads),
            "--access-log", str(tmp / "access.log")]


def instructions(ansinh, tmp, n, top):
    out = tmp / "callgrind.out"
    proc, port = start(["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}"] +
                       serve_args(ansinh, tmp, 1), tmp / "cg.log")
    send(port, 10)  # warm-up: thread caches, buffers
    subprocess.run(["callgrind_control", "-z", str(proc.pid)], capture_output=True, check=True)
    send(port, n)
    subprocess.run(["callgrind_control", "-d", str(proc.pid)], capture_output=True, check=True)
    proc.send_signal(signal.SIGTERM)
    proc.wait(timeout=120)
    dumps = sorted(tmp.glob("callgrind.out.*"))
    text = subprocess.run(["callgrind_annotate", "--inclusive=yes", str(dumps[0])], capture_output=True,
                          text=True).stdout
    total = int(re.search(r"([\d,]+) +\(100\.0%\) +PROGRAM TOTALS", text).group(1).replace(",", ""))
    print(f"instructions per request (callgrind, {n} requests, 1 server thread): {total // n:,}")
    rows = []
    for line in text.split("file:function", 1)[1].splitlines():
        m = re.match(r"\s*([\d,]+) +\( *[\d.]+%\) +\S*?:(.*?)( \[.*\])?$", line)
        if not m:
            continue
        name = re.sub(r"\((?:[^()]|\([^()]*\))*\)", "", m.group(2))  # argument lists away
        name = re.sub(r"<(?:[^<>]|<[^<>]*>)*>", "<>", name)
        per = int(m.group(1).replace(",", "")) // n
        # Below the request's own frames (the CLI, Serve, Asio and Beast wrappers around every request).
        if per < total // n * 97 // 100 and any(k in name for k in ("ansinh::", "malloc", "free", "operator new",
                                                                     "operator delete", "beast::http")):
            rows.append((per, name.strip()))
    for per, name in rows[:top]:
        print(f"  {per:>10,}  {name[:110]}")


def syscalls(ansinh, tmp, n):
    proc, port = start(serve_args(ansinh, tmp, 2), tmp / "st.log")
    send(port, 10)
    out = tmp / "strace.txt"
    tracer = subprocess.Popen(["strace", "-c", "-f", "-p", str(proc.pid), "-o", str(out)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(1)
    send(port, n)
    tracer.send_signal(signal.SIGINT)
    tracer.wait(timeout=60)
    proc.send_signal(signal.SIGTERM)
    proc.wait(timeout=60)
    counts = {}
    for line in out.read_text().splitlines():
        f = line.split()
        if len(f) >= 5 and f[0][0].isdigit() and f[-1] != "total":
            counts[f[-1]] = int(f[3])
    total = sum(counts.values())
    parts = ", ".join(f"{k} {v / n:.1f}" for k, v in sorted(counts.items(), key=lambda kv: -kv[1]) if v / n >= 0.05)
    print(f"system calls per request (strace -c, {n} requests, 2 server threads): {total / n:.1f} ({parts})")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--ansinh", default=str(ROOT / "build" / "bin" / "ansinh"))
    ap.add_argument("--requests", type=int, default=500)
    ap.add_argument("--top", type=int, default=25)
    ap.add_argument("--keep", help="a directory to keep the callgrind and strace outputs in")
    args = ap.parse_args()
    for tool in ("valgrind", "callgrind_control", "callgrind_annotate", "strace"):
        if subprocess.run(["which", tool], capture_output=True).returncode != 0:
            sys.exit(f"serve_cost: {tool} is not installed (apt-get install valgrind strace)")
    with tempfile.TemporaryDirectory(prefix="ansinh-serve-cost-") as t:
        tmp = pathlib.Path(t)
        syscalls(args.ansinh, tmp, args.requests)
        instructions(args.ansinh, tmp, args.requests, args.top)
        if args.keep:
            keep = pathlib.Path(args.keep)
            keep.mkdir(parents=True, exist_ok=True)
            for f in list(tmp.glob("callgrind.out.*")) + [tmp / "strace.txt"]:
                shutil.copy(f, keep / f.name)
            print(f"kept in {keep}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
