#!/usr/bin/env python3
"""Checks an ansinh report/diff HTML page: well-formed (every element closed,
properly nested), self-contained (no scripts, no external resources), and
holding the expected charts, each an inline SVG with at least one shape.

Usage: check_html.py page.html chart-id [chart-id ...]
Exit 0 if the page passes; otherwise prints the problems and exits 1.
"""
import sys
from html.parser import HTMLParser

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
SVG_SHAPES = {"rect", "line", "text"}


class Checker(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []
        self.problems = []
        self.figures = {}      # id -> number of shapes inside its svg
        self.current_figure = None
        self.in_svg = False
        self.saw_html = False

    def where(self):
        line, col = self.getpos()
        return f"line {line}, column {col + 1}"

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "html":
            self.saw_html = True
        if tag in ("script", "iframe", "object", "embed", "link"):
            self.problems.append(f"{self.where()}: <{tag}> is not allowed in a self-contained page")
        for name in ("src", "href"):
            value = attrs.get(name)
            if value is not None and not value.startswith("#"):
                self.problems.append(f"{self.where()}: external reference {name}={value!r}")
        if tag == "figure":
            self.current_figure = attrs.get("id", "")
            self.figures[self.current_figure] = 0
        if tag == "svg":
            self.in_svg = True
        if self.in_svg and tag in SVG_SHAPES and self.current_figure is not None:
            self.figures[self.current_figure] += 1
        if tag not in VOID:
            self.stack.append((tag, self.where()))

    def handle_startendtag(self, tag, attrs):
        # <rect .../>, <meta .../>: opened and closed at once.
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.stack.pop()

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if not self.stack:
            self.problems.append(f"{self.where()}: </{tag}> closes nothing")
            return
        open_tag, opened_at = self.stack.pop()
        if open_tag != tag:
            self.problems.append(f"{self.where()}: </{tag}> closes <{open_tag}> opened at {opened_at}")
        if tag == "svg":
            self.in_svg = False
        if tag == "figure":
            self.current_figure = None


def main():
    if len(sys.argv) < 2:
        print(__doc__)
        return 2
    with open(sys.argv[1], encoding="utf-8") as f:
        text = f.read()
    checker = Checker()
    checker.feed(text)
    checker.close()
    problems = list(checker.problems)
    if not text.startswith("<!DOCTYPE html>"):
        problems.append("the page does not start with <!DOCTYPE html>")
    if not checker.saw_html:
        problems.append("no <html> element")
    for tag, opened_at in checker.stack:
        problems.append(f"<{tag}> opened at {opened_at} is never closed")
    for chart in sys.argv[2:]:
        if chart not in checker.figures:
            problems.append(f"chart {chart!r} is missing")
        elif checker.figures[chart] == 0:
            problems.append(f"chart {chart!r} has no SVG shapes")
    for p in problems:
        print(f"{sys.argv[1]}: {p}")
    if not problems:
        print(f"{sys.argv[1]}: ok ({len(checker.figures)} charts)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
