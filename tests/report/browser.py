"""Headless Debian Chromium for the report tests: screenshots and the DOM after load, with no network at all."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# every request that is not a file: or data: URL fails: a DNS rule that resolves nothing and a dead proxy
OFFLINE = [
    "--host-resolver-rules=MAP * ~NOTFOUND",
    "--proxy-server=http://127.0.0.1:9",
    "--proxy-bypass-list=<-loopback>",
]
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
    "--virtual-time-budget=5000",
    *OFFLINE,
]


def available() -> bool:
    return Path(CHROMIUM).exists()


def _run(page: Path, profile: Path, *extra: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [CHROMIUM, *FLAGS, f"--user-data-dir={profile}", *extra, page.resolve().as_uri()],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def screenshot(page: Path, out: Path, profile: Path, width: int = 1280, height: int = 2400) -> Path:
    done = _run(page, profile, f"--window-size={width},{height}", f"--screenshot={out}")
    assert out.is_file(), f"no screenshot from chromium (exit {done.returncode}): {done.stderr[-2000:]}"
    return out


def dump_dom(page: Path, profile: Path) -> str:
    done = _run(page, profile, "--window-size=1280,2400", "--dump-dom")
    assert done.stdout.strip(), f"no DOM from chromium (exit {done.returncode}): {done.stderr[-2000:]}"
    return done.stdout
