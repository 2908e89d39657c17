#!/usr/bin/env python3
"""Tests of `ansinh serve` (docs/service.md): each case starts the real server on
an ephemeral loopback port, talks HTTP to it with urllib or raw sockets, and
stops it.

    serve_test.py ANSINH_BINARY SOURCE_DIR CASE
"""
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
import urllib.error
import urllib.request

ANSINH, SOURCE = sys.argv[1], pathlib.Path(sys.argv[2])
RULES = SOURCE / "rules" / "vn"
REGISTRY = SOURCE / "examples" / "registry.jsonl"
PERIOD = "2026-07"


class Server:
    def __init__(self, *packages, args=(), access_log=None):
        self.log_path = tempfile.mktemp(prefix="ansinh-serve-log-")
        self.access = access_log or tempfile.mktemp(prefix="ansinh-serve-access-")
        cmd = [ANSINH, "serve", *map(str, packages), "--listen", "127.0.0.1:0", "--access-log", self.access, *args]
        self.log_file = open(self.log_path, "w")
        self.proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=self.log_file)
        deadline = time.time() + 30
        self.port = None
        while time.time() < deadline and self.port is None:
            m = re.search(r"listening on http://127\.0\.0\.1:(\d+)/", self.log())
            if m:
                self.port = int(m.group(1))
            elif self.proc.poll() is not None:
                raise AssertionError(f"server exited {self.proc.returncode}: {self.log()}")
            else:
                time.sleep(0.05)
        assert self.port, "server did not start: " + self.log()
        self.base = f"http://127.0.0.1:{self.port}"

    def log(self):
        return pathlib.Path(self.log_path).read_text()

    def request(self, path, body=None, method=None, headers=None):
        data = body.encode() if isinstance(body, str) else body
        req = urllib.request.Request(self.base + path, data=data, method=method)
        if data is not None:
            req.add_header("Content-Type", "application/json")
        for k, v in (headers or {}).items():
            req.add_header(k, v)
        try:
            with urllib.request.urlopen(req, timeout=30) as r:
                return r.status, dict(r.headers), r.read()
        except urllib.error.HTTPError as e:
            return e.code, dict(e.headers), e.read()

    def stop(self, sig=signal.SIGTERM, timeout=15):
        if self.proc.poll() is None:
            self.proc.send_signal(sig)
            self.proc.wait(timeout=timeout)
        self.log_file.close()
        return self.proc.returncode

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
        self.log_file.close()


def cli_eval(path, fmt, detail="full"):
    out = subprocess.run([ANSINH, "eval", str(RULES), str(path), "--period", PERIOD, "--format", fmt,
                          "--detail", detail], capture_output=True, check=False)
    assert out.returncode == 0, out.stderr
    return out.stdout


def check(cond, message):
    if not cond:
        raise AssertionError(message)


def case_endpoints():
    with Server(RULES) as s:
        status, headers, body = s.request("/healthz")
        health = json.loads(body)
        check(status == 200 and health["status"] == "ok" and health["generation"] == 1, body)
        status, _, body = s.request("/v1/packages")
        pkgs = json.loads(body)["packages"]
        check(status == 200 and pkgs[0]["id"] == "vn" and pkgs[0]["hash"].startswith("sha256:"), body)
        status, _, body = s.request("/v1/benefits?package=vn")
        benefits = json.loads(body)["benefits"]
        check(status == 200 and len(benefits) > 10 and all(b["label"]["vi"] for b in benefits), body[:200])
        status, _, body = s.request("/v1/parameters")
        params = json.loads(body)["parameters"]
        check(status == 200 and params and params[0]["steps"], body[:200])
        status, _, body = s.request("/v1/schema/household")
        check(status == 200 and json.loads(body)["$schema"].endswith("2020-12/schema"), body[:200])
        status, _, body = s.request("/v1/openapi.json")
        api = json.loads(body)
        check(status == 200 and api["openapi"].startswith("3.") and "/v1/evaluate" in api["paths"], body[:200])
        check(body == (SOURCE / "docs" / "openapi.json").read_bytes(), "served OpenAPI differs from docs/openapi.json")
        status, headers, body = s.request("/")
        check(status == 200 and headers["Content-Type"].startswith("text/html") and b'lang="vi"' in body, body[:200])
        first = REGISTRY.read_text().splitlines()[0]
        status, _, body = s.request(f"/v1/evaluate?period={PERIOD}&detail=summary", first)
        d = json.loads(body)
        check(status == 200 and d["household_id"] == "CL-0001" and d["status"] == "ok", body[:300])
        status, _, body = s.request(f"/v1/explain?period={PERIOD}", first)
        e = json.loads(body)
        check(status == 200 and e["ok"] and e["brief"]["vi"]["household_id"] == "CL-0001", body[:300])
        check(e["brief"]["en"]["total_monthly"] == d["total_monthly"], "explain total differs from evaluate total")
        # The text is what `ansinh explain` prints, in each language.
        one = pathlib.Path(tempfile.mkdtemp()) / "one.json"
        one.write_text(first)
        for lang in ("vi", "en"):
            want = subprocess.run([ANSINH, "explain", str(RULES), str(one), "--period", PERIOD, "--lang", lang],
                                  capture_output=True, text=True).stdout
            check(e["text"][lang] == want, f"explain text ({lang}) differs from ansinh explain:\n{e['text'][lang]}")
        status, _, body = s.request(f"/v1/explain?period={PERIOD}", "[" + first + "," + first.replace("CL-0001", "X") + "]")
        check(status == 400 and json.loads(body)["error"]["code"] == "E_HOUSEHOLD", body)
        status, _, body = s.request("/metrics")
        text = body.decode()
        for needle in ("ansinh_http_requests_total{endpoint=\"/v1/evaluate\",code=\"200\"} 1",
                       "ansinh_http_request_duration_seconds_bucket{le=\"+Inf\"}",
                       "ansinh_rule_set_info{package=\"vn\"", "ansinh_rule_set_generation 1"):
            check(needle in text, f"/metrics lacks {needle}:\n{text}")
        # The access log: one JSON line per request, no record content.
        lines = [json.loads(l) for l in pathlib.Path(s.access).read_text().splitlines()]
        check(len(lines) >= 10 and all({"time", "method", "path", "status", "us"} <= set(l) for l in lines), lines)
        check(b"CL-0001" not in pathlib.Path(s.access).read_bytes(), "household id in the access log")
        check(any(l.get("household", "").startswith("sha256:") for l in lines), "no household hash in the log")
        check(s.stop() == 0, s.log())


def case_equality():
    """The registry through the service, byte for byte as `ansinh eval` gives it."""
    tmp = pathlib.Path(tempfile.mkdtemp())
    try:
        records = REGISTRY.read_text().splitlines()
        array = tmp / "registry.json"
        array.write_text("[\n" + ",\n".join(records) + "\n]\n")
        with Server(RULES) as s:
            for detail in ("summary", "reasons", "full"):
                want = cli_eval(array, "json", detail)
                status, _, got = s.request(f"/v1/evaluate?period={PERIOD}&detail={detail}", array.read_bytes())
                check(status == 200 and got == want, f"array, detail {detail}: the service's bytes differ from eval's")
            want_lines = cli_eval(REGISTRY, "jsonl").splitlines(keepends=True)
            for i, record in enumerate(records[:60]):
                status, _, got = s.request(f"/v1/evaluate?period={PERIOD}", record)
                check(status == 200 and got == want_lines[i], f"record {i}: the service's bytes differ from eval's")
            s.stop()
        print(f"equal: {len(records)} households as an array at 3 detail levels, 60 one by one")
    finally:
        shutil.rmtree(tmp)


def case_schema():
    import jsonschema
    with Server(RULES) as s:
        _, _, body = s.request("/v1/schema/household")
        schema = json.loads(body)
        jsonschema.Draft202012Validator.check_schema(schema)
        # format "date" checked too (2022-02-30 is no date): clients are told to check formats.
        validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
        records = [json.loads(l) for l in REGISTRY.read_text().splitlines()]
        # Every record `ansinh eval` takes without a value error passes the schema;
        # the registry's deliberately broken records (bad enum values ...) do not.
        decisions = [json.loads(l) for l in cli_eval(REGISTRY, "jsonl", "summary").splitlines()]
        value_errors = {"R_UNKNOWN_ENUM_VALUE", "R_WRONG_TYPE", "R_BAD_DATE", "R_BAD_NUMBER"}
        good = bad_found = 0
        for r, d in zip(records, decisions):
            errors = list(validator.iter_errors(r))
            codes = {e["code"] for e in d["errors"]}
            if d["status"] == "ok":
                check(not errors, f"{r['id']}: {[e.message for e in errors[:3]]}")
                good += 1
            elif codes & value_errors:
                check(errors, f"{r['id']} ({codes}) passes the schema")
                bad_found += 1
        check(good > 300 and bad_found > 0, (good, bad_found))
        bad = dict(records[0], area="moon")
        check(list(validator.iter_errors(bad)), "an unknown enum value passes the schema")
        bad = dict(records[0], income_per_capita="lots")
        check(list(validator.iter_errors(bad)), "a text for money passes the schema")
        s.stop()
    print(f"schema: {good} example records valid, {bad_found} with value errors refused, 2 broken ones refused")


def raw(port, data, read=True, timeout=10):
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as c:
        c.sendall(data)
        if not read:
            return b""
        out = b""
        try:
            while True:
                chunk = c.recv(65536)
                if not chunk:
                    break
                out += chunk
        except (socket.timeout, ConnectionResetError):
            pass
        return out


def case_errors():
    with Server(RULES, args=["--max-body", "65536", "--max-header", "4096", "--read-timeout-ms", "1000"]) as s:
        status, _, body = s.request(f"/v1/evaluate?period={PERIOD}", '{"id": "A",\n "area": tru}')
        e = json.loads(body)["error"]
        check(status == 400 and e["code"] == "J_SYNTAX" and e["line"] == 2 and e["column"] == 13, body)
        # Every error in both languages; `message` in the request's: Vietnamese by default,
        # ?lang=en, or the one of vi/en that Accept-Language prefers.
        check(e["message"] == e["message_vi"] and e["message_vi"].startswith("2:13: không phải JSON hợp lệ (")
              and e["message_en"].startswith("2:13: syntax error"), body)
        status, _, body = s.request(f"/v1/evaluate?period={PERIOD}&lang=en", '{"id": "A",\n "area": tru}')
        e = json.loads(body)["error"]
        check(status == 400 and e["message"] == e["message_en"] and e["message"].startswith("2:13: syntax error"), body)
        for accept, want in [("en-US,en;q=0.9", "en"), ("fr, vi;q=0.5, en;q=0.4", "vi"), ("fr", "vi"),
                             ("vi;q=0, en;q=0.1", "en"), ("EN", "en")]:
            status, _, body = s.request(f"/v1/evaluate?period={PERIOD}&package=nope", '{"id": "A"}',
                                        headers={"Accept-Language": accept})
            e = json.loads(body)["error"]
            check(status == 404 and e["message"] == e["message_" + want], (accept, body))
        check(e["message_vi"] == "không có gói luật 'nope' nào được nạp (xem /v1/packages)"
              and e["message_en"] == "no package 'nope' is loaded (see /v1/packages)", body)
        status, _, body = s.request(f"/v1/evaluate?period={PERIOD}&package=nope&lang=en", '{"id": "A"}',
                                    headers={"Accept-Language": "vi"})  # lang= wins
        check(status == 404 and json.loads(body)["error"]["message"] == "no package 'nope' is loaded (see /v1/packages)",
              body)
        status, _, body = s.request(f"/v1/packages?lang=xx")
        e = json.loads(body)["error"]
        check(status == 400 and e["code"] == "E_LANG" and e["message"] == "lang=xx không phải vi hay en", body)
        status, _, body = s.request("/v1/evaluate?period=2026-13", '{"id": "A"}')
        e = json.loads(body)["error"]
        check(status == 400 and e["code"] == "E_WHEN" and e["message"].startswith("period=2026-13 không phải một tháng"),
              body)
        status, _, body = s.request(f"/v1/evaluate?period={PERIOD}", "")
        check(status == 400 and json.loads(body)["error"]["code"] == "J_EMPTY", body)
        status, _, body = s.request(f"/v1/evaluate?period={PERIOD}", "42")
        check(status == 400 and json.loads(body)["error"]["code"] == "J_NOT_RECORDS", body)
        status, _, body = s.request(f"/v1/evaluate?period={PERIOD}", '[{"id": "A"}, {"id": ')
        check(status == 400 and json.loads(body)["error"]["code"] == "J_SYNTAX", body)
        status, _, body = s.request("/v1/evaluate", '{"id": "A"}')
        check(status == 400 and json.loads(body)["error"]["code"] == "E_WHEN", body)
        status, _, body = s.request(f"/v1/evaluate?period={PERIOD}&detail=all", '{"id": "A"}')
        check(status == 400 and json.loads(body)["error"]["code"] == "E_DETAIL", body)
        status, _, body = s.request(f"/v1/evaluate?period={PERIOD}&package=nope", '{"id": "A"}')
        check(status == 404 and json.loads(body)["error"]["code"] == "E_UNKNOWN_PACKAGE", body)
        status, _, body = s.request("/v1/nothing")
        check(status == 404, body)
        status, headers, body = s.request(f"/v1/evaluate?period={PERIOD}")
        check(status == 405 and headers.get("Allow") == "POST", body)
        status, _, body = s.request(f"/v1/evaluate?period={PERIOD}", b"{}", headers={"Content-Type": "text/plain"})
        check(status == 415, body)
        # A bad record is a decision with status error, not an HTTP error.
        status, _, body = s.request(f"/v1/evaluate?period={PERIOD}", '{"id": "A", "area": "moon"}')
        check(status == 200 and json.loads(body)["status"] == "error", body)
        # Huge body: 413 before it is read whole.
        big = b'{"id": "' + b"x" * 200000 + b'"}'
        status, _, body = s.request(f"/v1/evaluate?period={PERIOD}", big)
        e = json.loads(body)["error"]
        check(status == 413 and e["message"] == "nội dung gửi lên lớn hơn 65536 byte"
              and e["message_en"] == "the body is larger than 65536 bytes", body)
        status, _, body = s.request(f"/v1/evaluate?period={PERIOD}", big, headers={"Accept-Language": "en"})
        check(status == 413 and json.loads(body)["error"]["message"] == "the body is larger than 65536 bytes", body)
        # Huge header: 431.
        answer = raw(s.port, b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * 8000 + b"\r\n\r\n")
        check(answer.startswith(b"HTTP/1.1 431"), answer[:100])
        e = json.loads(answer.split(b"\r\n\r\n", 1)[1])["error"]
        check(e["message_vi"].startswith("phần đầu (headers) của yêu cầu lớn hơn 4096 byte"), answer[-300:])
        # Garbage: 400.
        answer = raw(s.port, b"NOT HTTP AT ALL\r\n\r\n")
        check(answer.startswith(b"HTTP/1.1 400"), answer[:100])
        # Truncated body then silence: the connection is closed at the read timeout
        # (Beast's stream closes the socket on its deadline: no 408 can be sent).
        t = time.time()
        answer = raw(s.port, b"POST /v1/evaluate?period=2026-07 HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                              b"Content-Length: 100\r\n\r\n{\"id\":")
        check(answer == b"" and time.time() - t < 5, answer[:100])
        time.sleep(0.3)  # the stream closes the socket before the server's handler logs it
        check('"status":408' in pathlib.Path(s.access).read_text(), pathlib.Path(s.access).read_text()[-700:])
        # Still serving.
        status, _, _ = s.request("/healthz")
        check(status == 200, "server no longer answers")
        check(s.stop() == 0, s.log())


def case_connections():
    with Server(RULES, args=["--max-connections", "4", "--read-timeout-ms", "3000"]) as s:
        held = [socket.create_connection(("127.0.0.1", s.port)) for _ in range(4)]
        time.sleep(0.3)
        answer = raw(s.port, b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
        check(answer.startswith(b"HTTP/1.1 503") and b"Retry-After: 1" in answer, answer[:200])
        head, body = answer.split(b"\r\n\r\n", 1)
        e = json.loads(body)["error"]
        check(e["code"] == "E_BUSY" and e["message"] == e["message_vi"] == "quá nhiều kết nối: hãy thử lại sau 1 giây"
              and e["message_en"] == "too many connections: retry after 1 second"
              and f"Content-Length: {len(body)}".encode() in head, answer)
        for c in held:
            c.close()
        time.sleep(0.3)
        status, _, _ = s.request("/healthz")
        check(status == 200, "no answer once connections were freed")
        check(s.stop() == 0, s.log())


def case_token():
    tmp = pathlib.Path(tempfile.mkdtemp())
    try:
        token = tmp / "token"
        token.write_text("s3cret-token-0123456789\n")
        with Server(RULES, args=["--token-file", str(token)]) as s:
            status, headers, body = s.request("/v1/packages")
            check(status == 401 and headers.get("WWW-Authenticate") == "Bearer", status)
            e = json.loads(body)["error"]
            check(e["message"] == "cần gửi mã truy cập: Authorization: Bearer TOKEN"
                  and e["message_en"] == "send Authorization: Bearer TOKEN", body)
            status, _, body = s.request("/v1/packages?lang=en")
            check(status == 401 and json.loads(body)["error"]["message"] == "send Authorization: Bearer TOKEN", body)
            status, _, _ = s.request("/v1/packages", headers={"Authorization": "Bearer wrong"})
            check(status == 401, status)
            status, _, _ = s.request("/v1/packages", headers={"Authorization": "Bearer s3cret-token-0123456789"})
            check(status == 200, status)
            status, _, _ = s.request("/healthz")
            check(status == 200, status)
            s.stop()
        # Beyond loopback, a token is required.
        out = subprocess.run([ANSINH, "serve", str(RULES), "--listen", "0.0.0.0:0"], capture_output=True, text=True,
                             timeout=60)
        check(out.returncode == 2 and "--token-file" in out.stderr
              and "không phải địa chỉ nội bộ (loopback)" in out.stderr, out.stderr)  # Vietnamese by default
        out = subprocess.run([ANSINH, "serve", str(RULES), "--listen", "0.0.0.0:0", "--lang", "en"], capture_output=True,
                             text=True, timeout=60)
        check(out.returncode == 2 and "is not a loopback address: give --token-file" in out.stderr, out.stderr)
        out = subprocess.run([ANSINH, "serve", str(RULES), "--listen", "localhost"], capture_output=True, text=True,
                             timeout=60)
        check(out.returncode == 2 and "--listen localhost: viết HOST:PORT" in out.stderr, out.stderr)
        # No CORS unless configured.
        with Server(RULES, args=["--cors-origin", "http://intake.example"]) as s:
            _, headers, _ = s.request("/healthz", headers={"Origin": "http://intake.example"})
            check(headers.get("Access-Control-Allow-Origin") == "http://intake.example", headers)
            _, headers, _ = s.request("/healthz", headers={"Origin": "http://evil.example"})
            check("Access-Control-Allow-Origin" not in headers, headers)
            s.stop()
        with Server(RULES) as s:
            _, headers, _ = s.request("/healthz", headers={"Origin": "http://intake.example"})
            check("Access-Control-Allow-Origin" not in headers, headers)
            s.stop()
    finally:
        shutil.rmtree(tmp)


def case_reload():
    tmp = pathlib.Path(tempfile.mkdtemp())
    try:
        # A copy of the vn package beside its workspace (it may extend nothing outside).
        shutil.copytree(SOURCE / "rules", tmp / "rules", symlinks=True)
        pkg = tmp / "rules" / "vn"
        first = REGISTRY.read_text().splitlines()[0]
        with Server(pkg) as s:
            _, _, body = s.request("/v1/packages")
            hash1 = json.loads(body)["packages"][0]["hash"]
            _, _, before = s.request(f"/v1/evaluate?period={PERIOD}", first)
            # A good change: the package's version.
            meta = pkg / "package.yaml"
            text = meta.read_text()
            version = re.search(r"^version:\s*(\S+)", text, re.M).group(1)
            meta.write_text(text.replace(f"version: {version}", "version: 9999.1.0", 1))
            s.proc.send_signal(signal.SIGHUP)
            deadline = time.time() + 60
            while time.time() < deadline and json.loads(s.request("/healthz")[2])["generation"] != 2:
                time.sleep(0.1)
            health = json.loads(s.request("/healthz")[2])
            check(health["generation"] == 2 and health["packages"][0]["version"] == "9999.1.0", health)
            check(json.loads(s.request("/v1/packages")[2])["packages"][0]["hash"] != hash1, "hash unchanged")
            # A bad change: refused, the old set stays, diagnostics in /healthz and the log.
            (pkg / "variables.yaml").write_text((pkg / "variables.yaml").read_text() + "\n  broken: [\n")
            s.proc.send_signal(signal.SIGHUP)
            deadline = time.time() + 60
            while time.time() < deadline and json.loads(s.request("/healthz")[2])["status"] == "ok":
                time.sleep(0.1)
            health = json.loads(s.request("/healthz")[2])
            check(health["status"] == "degraded" and health["generation"] == 2 and "[E_YAML_SYNTAX]" in
                  health["last_load"]["diagnostics"], health)
            check("reload refused" in s.log(), s.log())
            status, _, after = s.request(f"/v1/evaluate?period={PERIOD}", first)
            check(status == 200 and json.loads(after)["total_monthly"] == json.loads(before)["total_monthly"], after[:200])
            metrics = s.request("/metrics")[2].decode()
            check('ansinh_reloads_total{result="ok"} 1' in metrics and 'ansinh_reloads_total{result="refused"} 1' in
                  metrics, metrics)
            check(s.stop() == 0, s.log())
        # A package with errors at start: not started.
        out = subprocess.run([ANSINH, "serve", str(pkg), "--listen", "127.0.0.1:0"], capture_output=True, text=True,
                             timeout=60)
        check(out.returncode == 1 and "not started" in out.stderr, out.stderr)
    finally:
        shutil.rmtree(tmp)


def case_sigterm():
    """SIGTERM while a slow request is in flight: it is answered, then the server exits 0."""
    with Server(RULES) as s:
        body = ("[" + ",".join(REGISTRY.read_text().splitlines()) + "]").encode()
        head = (f"POST /v1/evaluate?period={PERIOD} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                f"Content-Length: {len(body)}\r\n\r\n").encode()
        c = socket.create_connection(("127.0.0.1", s.port), timeout=20)
        c.sendall(head + body[: len(body) // 2])
        time.sleep(0.2)
        s.proc.send_signal(signal.SIGTERM)
        time.sleep(0.2)
        c.sendall(body[len(body) // 2:])
        answer = b""
        while True:
            chunk = c.recv(1 << 20)
            if not chunk:
                break
            answer += chunk
        c.close()
        check(answer.startswith(b"HTTP/1.1 200"), answer[:200])
        check(s.proc.wait(timeout=15) == 0, s.log())
        check("stopped" in s.log(), s.log())
        # No new connection once stopped.
        try:
            socket.create_connection(("127.0.0.1", s.port), timeout=2).close()
            refused = False
        except OSError:
            refused = True
        check(refused, "still accepting after SIGTERM")


def case_proxy():
    """docs/examples/nginx-ansinh.conf: nginx -t, then HTTPS through nginx to ansinh."""
    import ssl
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    if not os.path.exists(nginx):
        print("serve:proxy skipped: nginx is not installed (Debian nginx-light, tools/deps.txt)")
        sys.exit(77)
    tmp = pathlib.Path(tempfile.mkdtemp())
    try:
        subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=localhost",
                        "-keyout", str(tmp / "key.pem"), "-out", str(tmp / "cert.pem")], check=True, capture_output=True)
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            tls_port = probe.getsockname()[1]
        with Server(RULES) as s:
            conf = (SOURCE / "docs" / "examples" / "nginx-ansinh.conf").read_text()
            conf = conf.replace("listen 443 ssl;", f"listen 127.0.0.1:{tls_port} ssl;")
            conf = conf.replace("/etc/ssl/certs/ansinh.pem", str(tmp / "cert.pem"))
            conf = conf.replace("/etc/ssl/private/ansinh.key", str(tmp / "key.pem"))
            conf = conf.replace("http://127.0.0.1:8080", f"http://127.0.0.1:{s.port}")
            (tmp / "ansinh.conf").write_text(conf)
            temp = "".join(f"{k}_temp_path {tmp}/{k};\n" for k in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
            (tmp / "nginx.conf").write_text(
                f"pid {tmp}/nginx.pid;\nerror_log {tmp}/error.log;\nworker_processes 1;\nevents {{}}\n"
                f"http {{\naccess_log off;\n{temp}include {tmp}/ansinh.conf;\n}}\n")
            t = subprocess.run([nginx, "-t", "-c", str(tmp / "nginx.conf")], capture_output=True, text=True)
            check(t.returncode == 0, t.stderr)
            proc = subprocess.Popen([nginx, "-c", str(tmp / "nginx.conf"), "-g", "daemon off;"], stderr=subprocess.PIPE)
            try:
                context = ssl.create_default_context(cafile=str(tmp / "cert.pem"))
                context.check_hostname = False
                first = REGISTRY.read_text().splitlines()[0]
                deadline = time.time() + 20
                while True:
                    try:
                        req = urllib.request.Request(f"https://127.0.0.1:{tls_port}/v1/evaluate?period={PERIOD}",
                                                     data=first.encode(), headers={"Content-Type": "application/json"})
                        with urllib.request.urlopen(req, context=context, timeout=10) as r:
                            body = r.read()
                        break
                    except (urllib.error.URLError, ConnectionError):
                        if time.time() > deadline:
                            raise
                        time.sleep(0.2)
                direct = s.request(f"/v1/evaluate?period={PERIOD}", first)[2]
                check(body == direct, "the decision through nginx differs")
            finally:
                proc.terminate()
                proc.wait(timeout=10)
            s.stop()
        print(f"proxy: nginx -t passed; HTTPS through nginx gives the decision byte for byte")
    finally:
        shutil.rmtree(tmp)


CASES = {name[5:]: fn for name, fn in globals().items() if name.startswith("case_")}

if __name__ == "__main__":
    CASES[sys.argv[3]]()
    print(f"serve:{sys.argv[3]}: ok")
