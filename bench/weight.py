"""The first-load weight of the main pages, in a real browser (`make bench-national`).

    python -m bench.weight http://127.0.0.1:PORT var/bench-national/accounts.json

Each page opens in a fresh browser context (empty cache) in Debian's chromium; the
weight is the bytes of the HTML, style sheets, scripts and fonts it loads, compressed as
served (WhiteNoise serves static files brotli- or gzip-compressed; the app gzips pages,
thanrak.core.middleware). HTML that comes uncompressed (a deployment leaving it to the
proxy) counts gzip-compressed at level 6. Images are not counted. Prints `page_weight_<page>_kb` per
page and `page_weight_max_kb`.
"""

import gzip
import json
import sys

from playwright.sync_api import sync_playwright

COUNTED = {"document", "stylesheet", "script", "font"}


def pages(accounts: dict) -> list[tuple[str, str | None, str]]:
    """(figure name, username or None, path) of the main pages."""
    public = accounts["public"]
    result = [
        ("landing", None, public[0]),
        ("catalogue", None, "/catalogue/"),
        ("login", None, "/accounts/login/"),
    ]
    roles = accounts["roles"]
    if roles.get("district_officer"):
        officer = roles["district_officer"][0]
        home, activities = officer["pages"][1], officer["pages"][2]
        result += [
            ("district_home", officer["username"], home),
            ("activities_list", officer["username"], activities),
        ]
    if roles.get("province_officer"):
        officer = roles["province_officer"][0]
        dashboard, compliance = officer["pages"][1], officer["pages"][2]
        result += [
            ("dashboard_province", officer["username"], dashboard),
            ("compliance", officer["username"], compliance),
        ]
    return result


def weigh(browser, base: str, password: str, username: str | None, path: str) -> int:
    context = browser.new_context()
    page = context.new_page()
    if username:
        page.goto(f"{base}/accounts/login/")
        page.fill("input[name=username]", username)
        page.fill("input[name=password]", password)
        with page.expect_navigation():
            page.press("input[name=password]", "Enter")
        if "/accounts/login/" in page.url:
            raise RuntimeError(f"{username} could not sign in")
        # The login page filled the cache: the page itself loads as on a first visit.
        page.close()
        page = context.new_page()
        client = context.new_cdp_session(page)
        client.send("Network.enable")
        client.send("Network.setCacheDisabled", {"cacheDisabled": True})
    responses = []
    page.on("response", lambda response: responses.append(response))
    response = page.goto(f"{base}{path}", wait_until="networkidle")
    if response is None or response.status != 200:
        raise RuntimeError(f"GET {path} answered {response and response.status}")
    total = 0
    for item in responses:
        if item.request.resource_type not in COUNTED:
            continue
        if item.request.resource_type == "document" and not item.headers.get("content-encoding"):
            total += len(gzip.compress(item.body(), compresslevel=6))
        else:
            total += max(0, item.request.sizes()["responseBodySize"])
    context.close()
    return total


def main() -> None:
    base, accounts_path = sys.argv[1].rstrip("/"), sys.argv[2]
    with open(accounts_path, encoding="utf-8") as f:
        accounts = json.load(f)
    weights = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path="/usr/bin/chromium",
            args=["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
        )
        for name, username, path in pages(accounts):
            weights[name] = weigh(browser, base, accounts["password"], username, path) / 1024
            print(f"page_weight_{name}_kb: {weights[name]:.1f} KB", flush=True)
        browser.close()
    print(f"page_weight_max_kb: {max(weights.values()):.1f} KB", flush=True)


if __name__ == "__main__":
    main()


# The same figure through Django's test client, for tests and scripts (bench/page_weight.py).
from bench.page_weight import first_load_bytes, first_load_kb  # noqa: E402, F401
