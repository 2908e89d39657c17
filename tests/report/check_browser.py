#!/usr/bin/env python3
"""Looks at ansinh's HTML pages in headless Chromium (Debian chromium,
chromium-driver, python3-selenium) at a desktop width (1280 px) and a phone's
(390 px) and checks what a person sees:

- no text overflows its box (an element whose content is wider than its box,
  unless it is inside a container that scrolls on its own);
- no horizontal scroll of the page at phone width (wide tables scroll inside
  their own container);
- no bare id: no visible text node is a snake_case id ("merit_monthly_allowance",
  "members[].disability", "param.x") without its label;
- chart labels are whole (no "…" cut).

Usage: check_browser.py page.html [page.html ...]
       check_browser.py --cli ansinh work-dir 'report|pkg|records|--period|2026-11' ...
         (writes each page with the CLI's arguments, | between them, plus --format html)
Exits 77 (skipped, with the reason) when Chromium or its driver is absent.
"""
import os
import re
import shutil
import subprocess
import sys

try:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
except ImportError:
    print("SKIP: python3-selenium is not installed (tools/install-deps.sh installs it)")
    sys.exit(77)

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver")
if not CHROMIUM or not DRIVER:
    print("SKIP: Chromium or chromedriver is absent (Debian chromium, chromium-driver)")
    sys.exit(77)

# A bare id: snake_case with at least one underscore, a path into the record, or a parameter.
BARE_ID = re.compile(r"^(param\.[a-z0-9_.]+|members\[[^\]]*\]\.[a-z0-9_]+|[a-z][a-z0-9]*(_[a-z0-9]+)+)$")

# Runs in the page: returns the problems it sees.
PROBE = r"""
const problems = [];
const scrollsOwn = (el) => {
  for (let p = el; p && p !== document.body; p = p.parentElement) {
    const s = getComputedStyle(p);
    if ((s.overflowX === 'auto' || s.overflowX === 'scroll') && p !== el) return true;
  }
  return false;
};
const describe = (el) => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
    (el.className && typeof el.className === 'string' ? '.' + el.className.split(' ').join('.') : '');
for (const el of document.body.querySelectorAll('*')) {
  if (el.closest('svg') && el.tagName.toLowerCase() !== 'svg') continue;
  const s = getComputedStyle(el);
  if (s.display === 'none' || s.visibility === 'hidden') continue;
  if (s.overflowX === 'auto' || s.overflowX === 'scroll') continue;
  if (el.scrollWidth > el.clientWidth + 1 && el.clientWidth > 0 && !scrollsOwn(el) &&
      !['html', 'body'].includes(el.tagName.toLowerCase())) {
    problems.push('overflow: ' + describe(el) + ' content ' + el.scrollWidth + 'px in a box of ' + el.clientWidth +
                  'px: ' + el.textContent.trim().slice(0, 60));
  }
}
const doc = document.documentElement;
if (doc.scrollWidth > window.innerWidth + 1) {
  problems.push('the page scrolls sideways: ' + doc.scrollWidth + 'px at a width of ' + window.innerWidth + 'px');
}
const texts = [];
const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
for (let n = walker.nextNode(); n; n = walker.nextNode()) {
  const t = n.textContent.trim();
  if (!t) continue;
  const p = n.parentElement;
  if (p && p.closest('code, pre')) continue;  // code, shown as code on purpose
  texts.push(t);
}
return [problems, texts];
"""


def check(driver, path, width):
    driver.set_window_size(width, 900)
    driver.get("file://" + path)
    problems, texts = driver.execute_script(PROBE)
    for t in texts:
        for part in re.split(r"[\s,;:()·—/]+", t):
            part = part.strip(".")
            if BARE_ID.match(part):
                problems.append(f"bare id {part!r} in {t[:80]!r}")
                break
        if "\u2026" in t and len(t) < 40:
            problems.append(f"cut label {t!r}")
    return [f"{path} at {width}px: {p}" for p in problems]


def main():
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for a in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"):
        options.add_argument(a)
    driver = webdriver.Chrome(service=Service(DRIVER), options=options)
    pages = sys.argv[1:]
    if pages and pages[0] == "--cli":
        cli, work, specs = pages[1], pages[2], pages[3:]
        os.makedirs(work, exist_ok=True)
        pages = []
        for n, spec in enumerate(specs, 1):
            out = os.path.abspath(os.path.join(work, f"page{n}.html"))
            p = subprocess.run([cli, *spec.split("|"), "--format", "html", "-o", out], capture_output=True)
            if p.returncode != 0:
                print(f"FAIL ansinh {spec}: {p.stderr.decode(errors='replace')}")
                return 1
            pages.append(out)
    problems = []
    try:
        for path in pages:
            for width in (1280, 390):
                problems += check(driver, path, width)
    finally:
        driver.quit()
    for p in problems:
        print("FAIL", p)
    print(f"check_browser: {len(pages)} pages at 1280 and 390 px, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
