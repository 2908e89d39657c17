#!/usr/bin/env python3
"""The intake page of `ansinh serve` in a real browser (headless Chromium through
Selenium): fill household CL-0001 of the example registry and its members in
the form, press “Xét hưởng”, and find the amounts `ansinh eval` decides.

    browser_test.py ANSINH_BINARY SOURCE_DIR

Exit 77 (CTest: skipped) with the reason printed when chromium, chromedriver
or python3-selenium is absent.
"""
import json
import pathlib
import shutil
import subprocess
import sys

ANSINH, SOURCE = sys.argv[1], pathlib.Path(sys.argv[2])
sys.argv = [sys.argv[0], ANSINH, str(SOURCE), "browser"]
sys.path.insert(0, str(pathlib.Path(__file__).parent))
import serve_test  # noqa: E402  (the server helper)

DRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"
BROWSER = shutil.which("chromium") or "/usr/bin/chromium"
try:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select, WebDriverWait
except ImportError:
    print("serve:browser skipped: python3-selenium is not installed (tools/deps.txt)")
    sys.exit(77)
if not pathlib.Path(DRIVER).exists() or not pathlib.Path(BROWSER).exists():
    print(f"serve:browser skipped: no {'chromedriver' if not pathlib.Path(DRIVER).exists() else 'chromium'} "
          "(Debian chromium + chromium-driver, tools/deps.txt)")
    sys.exit(77)


def fill(driver, prefix, record, schema_def):
    for name, value in record.items():
        if name == "members" or value is None:
            continue
        found = driver.find_elements(By.ID, f"{prefix}.{name}")
        if not found:
            raise AssertionError(f"the form has no field {prefix}.{name}")
        control = found[0]
        kind = "string" if name == "id" else schema_def["properties"][name]["x-ansinh-type"]
        if kind == "set":
            for box in control.find_elements(By.TAG_NAME, "input"):
                if (box.get_attribute("value") in value) != box.is_selected():
                    box.click()
        elif kind in ("enum", "bool"):
            Select(control).select_by_value(str(value).lower() if kind == "bool" else str(value))
        elif kind == "date":
            # A date input's typing order follows the browser's locale: set the ISO value.
            driver.execute_script("arguments[0].value = arguments[1]", control, value)
        else:
            control.clear()
            control.send_keys(str(value))


def main():
    record = json.loads(serve_test.REGISTRY.read_text().splitlines()[0])
    one = pathlib.Path(serve_test.tempfile.mkdtemp()) / "one.json"
    one.write_text(json.dumps(record))
    decision = json.loads(serve_test.cli_eval(one, "jsonl", "summary"))
    want = {}
    for m in decision["members"]:
        for b in m["benefits"]:
            if b["status"] == "eligible":
                want[(m["person_id"], b["benefit"])] = b["amount"]
    for b in decision["benefits"]:
        if b["status"] == "eligible":
            want[("", b["benefit"])] = b["amount"]
    options = webdriver.ChromeOptions()
    options.binary_location = BROWSER
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--lang=vi"):
        options.add_argument(arg)
    with serve_test.Server(serve_test.RULES) as server:
        driver = webdriver.Chrome(service=Service(DRIVER), options=options)
        try:
            driver.get(server.base + "/")
            wait = WebDriverWait(driver, 30)
            wait.until(lambda d: d.find_elements(By.ID, "m0.id"))
            assert driver.find_element(By.ID, "decide").text == "Xét hưởng", "the page is not in Vietnamese"
            schema = json.loads(server.request("/v1/schema/household")[2])
            driver.execute_script("arguments[0].value = '2026-07'", driver.find_element(By.ID, "period"))
            fill(driver, "h", record, schema)
            for i, member in enumerate(record["members"]):
                if i > 0:
                    driver.find_element(By.ID, "add-member").click()
                fill(driver, f"m{i}", member, schema["$defs"]["person"])
            driver.find_element(By.ID, "decide").click()
            wait.until(lambda d: d.find_elements(By.ID, "total"))
            total = driver.find_element(By.ID, "total")
            assert int(total.get_attribute("data-amount")) == decision["total_monthly"], total.text
            assert total.text == f"{decision['total_monthly']:,}".replace(",", ".") + " đ", total.text
            got = {}
            for row in driver.find_elements(By.CSS_SELECTOR, "table.receives tr[data-benefit]"):
                cell = row.find_element(By.CSS_SELECTOR, "td.amount")
                got[(row.get_attribute("data-person"), row.get_attribute("data-benefit"))] = \
                    int(cell.get_attribute("data-amount")) if cell.get_attribute("data-amount") else None
            assert got == want, f"the page shows {got}, ansinh eval decides {want}"
            assert not driver.find_elements(By.CSS_SELECTOR, ".question"), "questions asked of a complete record"
            # A fact left unknown: exactly the questions it opens are asked.
            Select(driver.find_element(By.ID, "m1.disability")).select_by_value("")
            driver.execute_script("document.getElementById('total').remove()")
            driver.find_element(By.ID, "decide").click()
            wait.until(lambda d: d.find_elements(By.ID, "total"))
            asked = [q.get_attribute("data-path") for q in driver.find_elements(By.CSS_SELECTOR, ".question")]
            del record["members"][1]["disability"]
            one.write_text(json.dumps(record))
            unknown = json.loads(serve_test.cli_eval(one, "jsonl", "summary"))
            missing = sorted({p for m in unknown["members"] for b in m["benefits"] if b["status"] == "undetermined"
                              for p in b.get("missing", []) if not p.startswith("param.")})
            assert missing and sorted(asked) == missing, (asked, missing)
            # Print: the form is hidden by the print style sheet.
            driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
            assert not driver.find_element(By.ID, "form-section").is_displayed(), "the form shows in print"
            assert driver.find_element(By.ID, "total").is_displayed(), "the result is hidden in print"
            print(f"serve:browser: {len(got)} benefits and the total {decision['total_monthly']} shown as decided; "
                  f"{len(asked)} questions")
        finally:
            driver.quit()
        server.stop()


if __name__ == "__main__":
    main()
