"""Take the README's screenshots: see scripts/screenshots."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from benchmarks.run import CHROMIUM, CHROMIUM_ARGS  # noqa: E402 - the browser setup the tests use

OUT = ROOT / "docs" / "screenshots"
PAGES = {"home": "/", "story": "/stories/russia-us-ukraine-talks/"}
WIDTHS = {"desktop": (1400, 900), "phone": (390, 844)}


def build(scratch: Path) -> Path:
    """The shipped notes built with `briefing build` in a copy of the project."""
    shutil.copytree(ROOT / "seeds", scratch / "seeds")
    (scratch / "docs").mkdir()
    shutil.copy(ROOT / "docs" / "about.md", scratch / "docs" / "about.md")
    shutil.copytree(ROOT / "docs" / "assets", scratch / "docs" / "assets")
    config = (ROOT / "mkdocs.yml").read_text("utf-8")
    (scratch / "mkdocs.yml").write_text(config.replace(" generator/", f" {ROOT.as_posix()}/generator/"), "utf-8")
    subprocess.run([sys.executable, "-m", "generator", "--root", str(scratch), "build"], check=True,
                   env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    return scratch / "site"


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def main() -> int:
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as scratch:
        site = build(Path(scratch))
        handler = functools.partial(_Quiet, directory=str(site))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{server.server_address[1]}"
        OUT.mkdir(parents=True, exist_ok=True)
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
                for device, (width, height) in WIDTHS.items():
                    context = browser.new_context(viewport={"width": width, "height": height})
                    page = context.new_page()
                    for name, path in PAGES.items():
                        page.goto(base + path)
                        page.wait_for_load_state("networkidle")
                        target = OUT / f"{name}-{width}.png"
                        page.screenshot(path=str(target))  # the first screen, as a reader sees it
                        print(f"wrote {target.relative_to(ROOT)}")
                    context.close()
                browser.close()
        finally:
            server.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
