"""Take phone and desktop screenshots of pages of a running Thanrak (for looking at them).

Usage: .venv/bin/python scripts/screenshots.py [--user phunphin] [--base URL] [--out DIR] PATH...
"""

import argparse
import re
from pathlib import Path

from playwright.sync_api import sync_playwright

WIDTHS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 900}}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("paths", nargs="+")
    parser.add_argument("--user", default="")
    parser.add_argument("--password", default="thanrak-demo")
    parser.add_argument("--base", default="http://127.0.0.1:8000")
    parser.add_argument("--out", default="screenshots")
    parser.add_argument("--lang", default="th", choices=["th", "en"])
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path="/usr/bin/chromium",
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
            ],
        )
        for label, viewport in WIDTHS.items():
            context = browser.new_context(viewport=viewport)
            context.add_cookies([{"name": "django_language", "value": args.lang, "url": args.base}])
            page = context.new_page()
            if args.user:
                page.goto(f"{args.base}/accounts/login/")
                page.fill("input[name=username]", args.user)
                page.fill("input[name=password]", args.password)
                page.click("main button[type=submit]")
                page.wait_for_load_state()
            for path in args.paths:
                page.goto(f"{args.base}{path}")
                page.wait_for_load_state("networkidle")
                name = re.sub(r"[^a-zA-Z0-9]+", "_", path).strip("_") or "root"
                file = out / f"{args.user or 'anon'}-{name}-{args.lang}-{label}.png"
                page.screenshot(path=str(file), full_page=True)
                overflow = page.evaluate("document.documentElement.scrollWidth > window.innerWidth")
                print(f"{file}{'  OVERFLOWS' if overflow else ''}")
            context.close()
        browser.close()


if __name__ == "__main__":
    main()
