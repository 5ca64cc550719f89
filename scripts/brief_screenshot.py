"""Screenshots of northwind briefs for the documentation (docs/img/brief-<id>.png).

    .venv/bin/python scripts/brief_screenshot.py                 # marco and priya
    .venv/bin/python scripts/brief_screenshot.py --person dana   # someone else

Renders the briefs into a temporary folder, opens each in Debian's Chromium (never
Playwright's own download) and saves a full-page screenshot at a device scale factor of 1.
The as-of day is fixed, so the pictures only change when the plan or the templates do.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from playwright.sync_api import sync_playwright

import cascade
from cascade.rendering import render

ROOT = Path(__file__).resolve().parent.parent
PLAN = ROOT / "examples" / "northwind" / "plan.yaml"
OUT = ROOT / "docs" / "img"
AS_OF = dt.date(2026, 11, 27)
CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Screenshots of northwind briefs for the documentation.")
    parser.add_argument("--person", action="append", help="a person id (repeatable; default: marco and priya)")
    parser.add_argument("--paper", choices=("a4", "letter"), default="a4")
    parser.add_argument("--out", type=Path, default=OUT, help=f"folder for the PNG files (default: {OUT})")
    parser.add_argument("--width", type=int, default=860, help="viewport width in CSS pixels")
    args = parser.parse_args(argv)
    people: list[str] = args.person or ["marco", "priya"]

    plan = cascade.load(PLAN)
    unknown = [p for p in people if p not in plan.index.people]
    if unknown:
        print(f"brief_screenshot: no person {', '.join(unknown)} in {PLAN}", file=sys.stderr)
        return 2
    if not Path(CHROMIUM).is_file():
        print(f"brief_screenshot: {CHROMIUM} is missing (apt-get install chromium)", file=sys.stderr)
        return 2
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="briefs-") as folder, sync_playwright() as playwright:
        render(plan, folder, formats=["html"], people=people, paper=args.paper, as_of=AS_OF)
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            context = browser.new_context(viewport={"width": args.width, "height": 1000}, device_scale_factor=1)
            page = context.new_page()
            for person in people:
                page.goto((Path(folder) / f"{person}.html").as_uri())
                target = out / f"brief-{person}.png"
                page.screenshot(path=str(target), full_page=True)
                print(f"wrote {target.relative_to(ROOT) if target.is_relative_to(ROOT) else target}")
            context.close()
        finally:
            browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
