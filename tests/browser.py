"""Headless Chromium for the page tests (``test_html_report.py``, ``test_docs_site.py``): the distribution's
package (``apt-get install chromium``); a test that needs it skips, saying so, when it is absent."""
from __future__ import annotations

import shutil
import struct
import subprocess

import pytest

BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


def browser() -> str:
    for name in BROWSERS:
        path = shutil.which(name)
        if path:
            return path
    pytest.skip("no headless Chromium here (apt-get install chromium): the page is not checked in a browser")


def headless(*args, timeout=90) -> subprocess.CompletedProcess:
    cmd = [browser(), "--headless=new", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
           "--disable-dev-shm-usage", "--no-first-run", *args]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)


def dom(path, fragment: str = "", width: int = 1280) -> str:
    """The page's DOM after its scripts ran (a URL ``fragment`` applied), at ``width`` px."""
    out = headless(f"--window-size={width},900", "--virtual-time-budget=3000", "--dump-dom",
                   f"file://{path}{'#' + fragment if fragment else ''}")
    assert out.returncode == 0 and "<html" in out.stdout, out.stderr[-2000:]
    return out.stdout


def png_size(path) -> tuple[int, int]:
    with open(path, "rb") as fh:
        head = fh.read(24)
    assert head[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    return struct.unpack(">II", head[16:24])
