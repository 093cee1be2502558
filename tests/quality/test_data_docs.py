"""GX Data Docs are built into HOME/docs/gx by a refresh and render in headless Chromium."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

from expectations.docs import docs_index
from expectations.suites import all_suites

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


def test_refresh_builds_data_docs_with_every_suite(built_home):
    index = docs_index(built_home / "docs")
    assert index.is_file()
    html = index.read_text(encoding="utf-8")
    for suite in all_suites():
        assert suite.name in html, suite.name
    validations = list((index.parent / "validations").rglob("*.html"))
    assert validations, "the last validation of each suite has its page"


@pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="chromium is not installed")
def test_data_docs_open_in_headless_chromium(built_home, tmp_path):
    index = docs_index(built_home / "docs")
    shot = tmp_path / "data-docs.png"
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            [
                CHROMIUM,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                f"--user-data-dir={profile}",
                f"--screenshot={shot}",
                "--window-size=1280,900",
                "--virtual-time-budget=5000",
                index.as_uri(),
            ],
            check=True,
            capture_output=True,
            timeout=120,
        )
        dom = subprocess.run(
            [
                CHROMIUM,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                f"--user-data-dir={profile}",
                "--virtual-time-budget=5000",
                "--dump-dom",
                index.as_uri(),
            ],
            check=True,
            capture_output=True,
            text=True,
            timeout=120,
        ).stdout
    assert shot.stat().st_size > 10_000
    assert "kzuz expectation suites and their last validation" in dom  # readable with no CDN
    for suite in all_suites():
        assert f">{suite.name}</a>" in dom, suite.name
    shutil.copyfile(shot, Path(tempfile.gettempdir()) / "kzuz-data-docs.png")  # for a human look
