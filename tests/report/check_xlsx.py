#!/usr/bin/env python3
"""Runs `ansinh eval|report|diff --format xlsx` on the example registry and
reads the workbooks back with openpyxl: sheet names and headers (Vietnamese,
English with --lang en), frozen header row, filters, fitted widths, the VND
number format, and the figures against the JSON output of the same command
(a known household's amounts, the report's and diff's totals). Also checks
that an xlsx write error is an error that leaves no file, and --csv-bom.

Usage: check_xlsx.py ansinh-binary repository-root work-dir
Exits 77 (skipped) when python3-openpyxl is absent; 0 on success.
"""
import json
import os
import subprocess
import sys

try:
    import openpyxl
except ImportError:
    print("SKIP: python3-openpyxl is not installed (tools/install-deps.sh installs it)")
    sys.exit(77)

CLI, ROOT, WORK = sys.argv[1], sys.argv[2], sys.argv[3]
os.makedirs(WORK, exist_ok=True)
REG = "examples/registry.jsonl"
PKG = "rules/vn"
PERIOD = ["--period", "2026-11"]
problems = []


def run(*args, ok=True):
    p = subprocess.run([CLI, *args], cwd=ROOT, capture_output=True)
    if ok and p.returncode != 0:
        raise SystemExit(f"ansinh {' '.join(args)} failed ({p.returncode}): {p.stderr.decode()}")
    return p


def expect(cond, message):
    if not cond:
        problems.append(message)


def header(ws):
    return [c.value for c in ws[1]]


def rows(ws):
    head = header(ws)
    return [dict(zip(head, r)) for r in ws.iter_rows(min_row=2, values_only=True)]


def check_layout(path, wb):
    for ws in wb.worksheets:
        expect(ws.freeze_panes == "A2", f"{path} {ws.title}: header row not frozen ({ws.freeze_panes})")
        expect(bool(ws.auto_filter.ref), f"{path} {ws.title}: no filter")
        for i, title in enumerate(header(ws)):
            letter = openpyxl.utils.get_column_letter(i + 1)
            width = ws.column_dimensions[letter].width
            expect(width is not None and width >= min(len(title), 60) * 0.9,
                   f"{path} {ws.title}: column {title!r} is {width} wide, narrower than its header")


def xlsx(name, *args):
    path = os.path.join(WORK, name)
    if os.path.exists(path):
        os.remove(path)
    run(*args, "--format", "xlsx", "-o", path)
    wb = openpyxl.load_workbook(path)
    check_layout(name, wb)
    return wb


probe = run("report", PKG, REG, *PERIOD, "--format", "xlsx", "-o", os.path.join(WORK, "probe.xlsx"), ok=False)
if probe.returncode != 0 and b"built without libxlsxwriter" in probe.stderr:
    print("SKIP: this ansinh was built without libxlsxwriter (tools/install-deps.sh installs libxlsxwriter-dev)")
    sys.exit(77)

# --- eval -------------------------------------------------------------------
wb = xlsx("eval.xlsx", "eval", PKG, REG, *PERIOD)
expect(wb.sheetnames == ["Người hưởng", "Chưa xác định", "Theo xã", "Lỗi hồ sơ"], f"eval sheets: {wb.sheetnames}")
paid = wb["Người hưởng"]
expect(header(paid) == ["Mã hộ", "Mã thành viên", "Chế độ", "Mã chế độ", "Số tiền / mức", "Đơn vị", "Tạm tính",
                        "Căn cứ"], f"beneficiaries header: {header(paid)}")
decisions = json.loads(run("eval", PKG, REG, *PERIOD, "--format", "json", "--detail", "summary").stdout)
by_id = {d["household_id"]: d for d in decisions}
for hid in ("CL-0001", "CL-0005"):
    want = {}
    d = by_id[hid]
    for b in d["benefits"]:
        if b["status"] == "eligible":
            want[("(cả hộ)", b["benefit"])] = b["amount"]
    for m in d["members"]:
        for b in m["benefits"]:
            if b["status"] == "eligible":
                want[(m["person_id"], b["benefit"])] = b["amount"]
    got = {(r["Mã thành viên"], r["Mã chế độ"]): r["Số tiền / mức"] for r in rows(paid) if r["Mã hộ"] == hid}
    expect(want and got == want, f"{hid}: xlsx amounts {got} != JSON {want}")
money_cells = [r for r in paid.iter_rows(min_row=2) if r[5].value == "đồng/tháng" and r[4].value]
expect(money_cells, "no monthly money row")
for r in money_cells[:5]:
    expect(isinstance(r[4].value, int) or isinstance(r[4].value, float), f"amount {r[4].value!r} is not a number")
    expect("#,##0" in r[4].number_format and "₫" in r[4].number_format, f"amount format {r[4].number_format!r}")
labels = {r["Chế độ"] for r in rows(paid)}
expect(all(label and "_" not in label for label in labels), f"benefit labels with ids: {labels}")
und = rows(wb["Chưa xác định"])
expect(len(und) == sum(1 for d in decisions for m in d["members"] + [{"benefits": d["benefits"]}]
                       for b in m["benefits"] if b["status"] == "undetermined"),
       f"undetermined rows: {len(und)}")
questions = [r["Cần hỏi gia đình"] for r in und if r["Cần hỏi gia đình"]]
expect(questions, "no question to ask")
expect(not any("members[" in q or "param." in q or "_" in q for q in questions), f"questions as ids: {questions[:5]}")
expect(any(r["Chờ văn bản (số liệu chưa công bố)"] for r in und), "no benefit awaiting a legal text")
communes = rows(wb["Theo xã"])
report = json.loads(run("report", PKG, REG, *PERIOD, "--format", "json").stdout)
expect(sum(r["Tiền hằng tháng"] for r in communes) == report["monthly"],
       f"eval by commune {sum(r['Tiền hằng tháng'] for r in communes)} != report monthly {report['monthly']}")
errors = rows(wb["Lỗi hồ sơ"])
expect({r["Mã hộ"] for r in errors} == {e["household_id"] for e in report["errors"]["listed"]}, "error households differ")

wb = xlsx("eval-en.xlsx", "eval", PKG, REG, *PERIOD, "--lang", "en")
expect(wb.sheetnames == ["Beneficiaries", "Undetermined", "By commune", "Record errors"], f"en sheets: {wb.sheetnames}")
expect(header(wb["Beneficiaries"])[:3] == ["Household", "Person", "Benefit"], "en header")

# --- report -----------------------------------------------------------------
wb = xlsx("report.xlsx", "report", PKG, REG, *PERIOD)
expect(wb.sheetnames == ["Chi phí theo chế độ", "Theo xã", "Chỉ tiêu", "Chưa xác định", "Thông tin còn thiếu",
                         "Lỗi hồ sơ"], f"report sheets: {wb.sheetnames}")
costs = {r["Mã chế độ"]: r for r in rows(wb["Chi phí theo chế độ"]) if r["Loại"] == "chế độ"}
for b in report["benefits"]:
    row = costs[b["id"]]
    expect(row["Chế độ"] == b["label"]["vi"], f"{b['id']}: label {row['Chế độ']!r}")
    expect(row["Người được hưởng"] == b["beneficiaries"], f"{b['id']}: beneficiaries")
    if b["unit"] == "money" and b["frequency"] == "monthly":
        expect(row["Tiền hằng tháng"] == b["monthly"], f"{b['id']}: monthly {row['Tiền hằng tháng']} != {b['monthly']}")
communes = rows(wb["Theo xã"])
expect([r["Tiền hằng tháng"] for r in communes] == [c["monthly"] for c in report["by_commune"]], "report by commune")
facts = rows(wb["Thông tin còn thiếu"])
disability = [r for r in facts if r["Mã trường"] == "members[].disability"]
expect(disability and disability[0]["Thông tin"] != "members[].disability", f"disability label: {disability}")
und = rows(wb["Chưa xác định"])
expect(len(und) == report["undetermined"]["households"], "undetermined households")
expect(not any("members[" in (r["Cần hỏi gia đình"] or "") for r in und), "report questions as paths")

# --- diff -------------------------------------------------------------------
DIFF = ["diff", "rules/vn/tra-vinh/cang-long", "rules/scenarios/nq42-2030-cang-long", REG, *PERIOD]
wb = xlsx("diff.xlsx", *DIFF)
expect(wb.sheetnames == ["Chế độ", "Theo xã", "Hộ thay đổi"], f"diff sheets: {wb.sheetnames}")
diff = json.loads(run(*DIFF, "--format", "json").stdout)
lines = {r["Mã chế độ"]: r for r in rows(wb["Chế độ"])}
for b in diff["benefits"]:
    if b["unit"] == "money" and b["frequency"] == "monthly":
        expect(lines[b["id"]]["Hằng tháng (A)"] == b["monthly_a"] and lines[b["id"]]["Hằng tháng (B)"] == b["monthly_b"],
               f"diff {b['id']}: {lines[b['id']]} vs {b}")
changes = rows(wb["Hộ thay đổi"])
expect(len(changes) == sum(len(h["changes"]) for h in diff["changes"]), "diff change rows")

# --- whole or not at all ----------------------------------------------------
p = run("report", PKG, REG, *PERIOD, "--format", "xlsx", "-o", "/dev/full", ok=False)
expect(p.returncode != 0 and "không ghi được".encode() in p.stderr, f"xlsx to /dev/full: {p.returncode} {p.stderr!r}")
missing_dir = os.path.join(WORK, "no-such-dir", "r.xlsx")
p = run("report", PKG, REG, *PERIOD, "--format", "xlsx", "-o", missing_dir, ok=False)
expect(p.returncode != 0 and not os.path.exists(missing_dir), "xlsx into a missing folder")
p = run("report", PKG, REG, *PERIOD, "--format", "xlsx", ok=False)
expect(p.returncode == 2 and b"--output" in p.stderr, f"xlsx without --output: {p.returncode} {p.stderr!r}")

# --- CSV byte-order mark ----------------------------------------------------
with_bom = run("eval", PKG, REG, *PERIOD, "--format", "csv", "--csv-bom").stdout
plain = run("eval", PKG, REG, *PERIOD, "--format", "csv").stdout
expect(with_bom.startswith(b"\xef\xbb\xbf") and with_bom[3:] == plain, "eval --csv-bom")
expect(not plain.startswith(b"\xef\xbb\xbf"), "a BOM without --csv-bom")
table = run("report", PKG, REG, *PERIOD, "--format", "csv", "--table", "costs", "--csv-bom").stdout
expect(table.startswith(b"\xef\xbb\xbf") and b"#" not in table.split(b"\n")[0], "report --table costs --csv-bom")
p = run("eval", PKG, REG, *PERIOD, "--format", "json", "--csv-bom", ok=False)
expect(p.returncode == 2, "--csv-bom without csv is accepted")

for problem in problems:
    print("FAIL:", problem)
print(f"check_xlsx: {len(problems)} problems")
sys.exit(1 if problems else 0)
