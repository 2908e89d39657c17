#!/usr/bin/env python3
"""Load test of `ansinh serve` (docs/performance.md, "ansinh serve"): loopback
only, bounded in time (about a minute) and count.

  1. one-household POST /v1/evaluate?detail=summary with wrk at 1, 16 and 256
     connections: requests/s, p50, p99;
  2. a reload under load: SIGHUP three times while wrk runs at 16 connections;
     every request must be answered 200 (wrk's errors and non-2xx count 0);
  3. malformed input: truncated bodies, huge bodies, slow clients, garbage,
     while the server runs: it must still answer and never have exited.

    bench/serve_load.py [--ansinh build/bin/ansinh] [--seconds 5] [--threads 2] [--wrk-threads 1]

Needs `wrk` (Debian, tools/deps.txt). Prints a table and exits 1 if a request
failed under reload or the server died.
"""
import argparse
import json
import os
import pathlib
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parent

LUA = r"""
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local f = io.open(os.getenv("ANSINH_BODY"), "rb")
wrk.body = f:read("*a")
f:close()
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT {\"requests\": %d, \"seconds\": %.3f, \"p50_us\": %d, \"p99_us\": %d, \"max_us\": %d, " ..
    "\"connect\": %d, \"read\": %d, \"write\": %d, \"status\": %d, \"timeout\": %d}\n",
    summary.requests, summary.duration / 1e6, latency:percentile(50), latency:percentile(99), latency.max,
    e.connect, e.read, e.write, e.status, e.timeout))
end
"""


def start(ansinh, rules, threads, log):
    return start_command([ansinh, "serve", str(rules), "--listen", "127.0.0.1:0", "--threads", str(threads),
                          "--access-log", str(log) + ".access", "--max-connections", "1024"], log, 60)


def start_command(cmd, log, seconds):
    """Starts a server command (`ansinh serve ... --listen 127.0.0.1:0`, maybe under valgrind) and
    waits for the port it prints; (process, port). bench/serve_cost.py uses it too."""
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=open(log, "w"))
    deadline = time.time() + seconds
    while time.time() < deadline:
        m = re.search(r"listening on http://127\.0\.0\.1:(\d+)/", pathlib.Path(log).read_text())
        if m:
            return proc, int(m.group(1))
        if proc.poll() is not None:
            sys.exit("server exited: " + pathlib.Path(log).read_text())
        time.sleep(0.05)
    sys.exit("server did not start")


def wrk(port, connections, seconds, lua, body, threads=1):
    threads = min(connections, threads)
    out = subprocess.run(["wrk", "-t", str(threads), "-c", str(connections), "-d", f"{seconds}s", "--timeout", "5s",
                          "-s", str(lua), f"http://127.0.0.1:{port}/v1/evaluate?period=2026-07&detail=summary"],
                         capture_output=True, text=True, env=dict(os.environ, ANSINH_BODY=str(body)))
    m = re.search(r"RESULT (\{.*\})", out.stdout)
    if not m:
        sys.exit("wrk gave no result:\n" + out.stdout + out.stderr)
    r = json.loads(m.group(1))
    r["rps"] = r["requests"] / r["seconds"]
    r["failed"] = r["connect"] + r["read"] + r["write"] + r["status"] + r["timeout"]
    return r


def cpu_seconds(pid):
    """User + system CPU seconds of process `pid` so far (all its threads)."""
    fields = pathlib.Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def healthz(port):
    with socket.create_connection(("127.0.0.1", port), timeout=10) as c:
        c.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        data = b""
        while chunk := c.recv(65536):
            data += chunk
    return json.loads(data.split(b"\r\n\r\n", 1)[1])


def malformed(port, body, seconds):
    """Bad clients for `seconds`; returns counts by kind."""
    counts = {"truncated": 0, "huge": 0, "slow": 0, "garbage": 0, "bad_json": 0}
    stop = time.time() + seconds

    def send(data, close_early=False, read=True):
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=3) as c:
                c.sendall(data)
                if close_early or not read:
                    return
                while c.recv(65536):
                    pass
        except OSError:
            pass

    def slow():
        while time.time() < stop:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=15) as c:
                    for b in b"POST /v1/evaluate?period=2026-07 HTTP/1.1\r\nHost: x\r\n":
                        c.sendall(bytes([b]))
                        time.sleep(0.05)
                        if time.time() > stop:
                            break
                counts["slow"] += 1
            except OSError:
                counts["slow"] += 1

    slow_threads = [threading.Thread(target=slow) for _ in range(16)]
    for t in slow_threads:
        t.start()
    head = "POST /v1/evaluate?period=2026-07 HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
    i = 0
    while time.time() < stop:
        i += 1
        cut = body[: (i * 37) % len(body)]
        send((head + f"Content-Length: {len(body)}\r\n\r\n").encode() + cut, close_early=True)
        counts["truncated"] += 1
        send((head + "Content-Length: 104857600\r\n\r\n").encode() + b"[" * 65536)
        counts["huge"] += 1
        send(os.urandom(512))
        counts["garbage"] += 1
        bad = cut + b"}}}"
        send((head + f"Content-Length: {len(bad)}\r\nConnection: close\r\n\r\n").encode() + bad)
        counts["bad_json"] += 1
    for t in slow_threads:
        t.join()
    return counts


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--ansinh", default=str(ROOT / "build" / "bin" / "ansinh"))
    ap.add_argument("--rules", default=str(ROOT / "rules" / "vn"))
    ap.add_argument("--seconds", type=int, default=5)
    ap.add_argument("--threads", type=int, default=2, help="server threads")
    ap.add_argument("--wrk-threads", type=int, default=1,
                    help="wrk's threads (default 1: on 2 cores, a second client thread takes a core from the server)")
    args = ap.parse_args()
    if not shutil.which("wrk"):
        sys.exit("serve_load: wrk is not installed (apt-get install wrk; tools/deps.txt)")
    tmp = pathlib.Path(tempfile.mkdtemp(prefix="ansinh-serve-load-"))
    try:
        body = tmp / "household.json"
        body.write_bytes((ROOT / "examples" / "registry.jsonl").read_text().splitlines()[0].encode())
        lua = tmp / "post.lua"
        lua.write_text(LUA)
        # A copy of the rules to reload (touched between SIGHUPs).
        shutil.copytree(ROOT / "rules", tmp / "rules", symlinks=True)
        rules = tmp / "rules" / pathlib.Path(args.rules).name
        log = tmp / "serve.log"
        proc, port = start(args.ansinh, rules, args.threads, log)
        load = os.getloadavg()
        print(f"ansinh serve load test: {os.cpu_count()} cores, load average {load[0]:.1f} {load[1]:.1f} {load[2]:.1f} "
              f"at start; server threads {args.threads}; wrk on the same machine, {args.wrk_threads} thread(s); "
              f"{args.seconds} s per run")
        print(f"body: one household, {body.stat().st_size} bytes; POST /v1/evaluate?period=2026-07&detail=summary")
        print()
        print(f"{'connections':>11} {'requests/s':>11} {'p50 ms':>8} {'p99 ms':>8} {'max ms':>8} {'failed':>7} "
              f"{'server CPU us/request':>22}")
        ok = True
        for c in (1, 16, 256):
            cpu0 = cpu_seconds(proc.pid)
            r = wrk(port, c, args.seconds, lua, body, args.wrk_threads)
            cpu = (cpu_seconds(proc.pid) - cpu0) / max(r["requests"], 1) * 1e6
            ok &= r["failed"] == 0
            print(f"{c:>11} {r['rps']:>11,.0f} {r['p50_us'] / 1000:>8.3f} {r['p99_us'] / 1000:>8.3f} "
                  f"{r['max_us'] / 1000:>8.1f} {r['failed']:>7} {cpu:>22.1f}")
        # Reload under load.
        result = {}
        runner = threading.Thread(target=lambda: result.update(wrk(port, 16, 3 * args.seconds // 2 + 3, lua, body,
                                                                          args.wrk_threads)))
        gen0 = healthz(port)["generation"]
        runner.start()
        time.sleep(1)
        meta = rules / "package.yaml"
        for n in range(3):
            text = meta.read_text()
            meta.write_text(text + f"\n# reload {n}\n")
            proc.send_signal(signal.SIGHUP)
            time.sleep(args.seconds / 3)
        runner.join()
        gen1 = healthz(port)["generation"]
        print()
        print(f"reload under load: 3 x SIGHUP during {result['requests']:,} requests at 16 connections "
              f"({result['rps']:,.0f}/s, p99 {result['p99_us'] / 1000:.3f} ms): generation {gen0} -> {gen1}, "
              f"failed requests {result['failed']}")
        ok &= result["failed"] == 0 and gen1 == gen0 + 3
        # Malformed input.
        counts = malformed(port, body.read_bytes(), args.seconds * 2)
        alive = proc.poll() is None
        health = healthz(port) if alive else {}
        print(f"malformed input for {args.seconds * 2} s: " + ", ".join(f"{v} {k}" for k, v in counts.items()) +
              f"; server {'alive, /healthz ' + health.get('status', '?') if alive else 'DIED'}")
        ok &= alive
        proc.send_signal(signal.SIGTERM)
        code = proc.wait(timeout=30)
        print(f"SIGTERM: exit {code}")
        ok &= code == 0
        return 0 if ok else 1
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
