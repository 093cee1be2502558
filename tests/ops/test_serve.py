"""`kzuz serve` starts the Dagster webserver and daemon on the code location: the UI answers on localhost,
lists the assets from raw captures to the warehouse, and a headless Chromium screenshot of the asset graph
renders. Stopping it (SIGTERM, as Ctrl-C) stops both processes."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path
from urllib.parse import quote

import pytest

from tests.ops.marts import start_kzuz
from tests.report import browser

GROUPS = ("archive", "raw", "staging", "intermediate", "marts", "warehouse", "report")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str, data: bytes | None = None) -> bytes:
    headers = {"Content-Type": "application/json"} if data else {}
    with urllib.request.urlopen(urllib.request.Request(url, data=data, headers=headers), timeout=10) as r:
        return r.read()


def graph_url(base: str) -> str:
    """The global asset graph with the groups expanded (the README's screenshot)."""
    return f"{base}/asset-groups?expanded=" + quote(",".join(f"global@global:{g}" for g in GROUPS))


def screenshot(url: str, out: Path) -> None:
    profile = tempfile.mkdtemp()
    try:
        subprocess.run(
            [
                browser.CHROMIUM,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                f"--user-data-dir={profile}",
                "--virtual-time-budget=30000",
                "--window-size=1800,3000",
                f"--screenshot={out}",
                url,
            ],
            capture_output=True,
            timeout=240,
            check=False,
        )
    finally:
        shutil.rmtree(profile, ignore_errors=True)


def test_serve_answers_lists_the_assets_and_stops(tmp_path):
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    proc = start_kzuz("serve", "--port", str(port), "--offline", home=tmp_path / "home", log=tmp_path / "serve.log")
    try:
        deadline = time.monotonic() + 300
        info = None
        while time.monotonic() < deadline and proc.poll() is None:
            try:
                info = json.loads(_get(f"{base}/server_info"))
                break
            except OSError:
                time.sleep(1)
        assert info and info["dagster_version"].startswith("1.13"), (tmp_path / "serve.log").read_text()[-3000:]
        assert (tmp_path / "home" / "dagster" / "dagster.yaml").exists()
        query = json.dumps({"query": "{ assetNodes { assetKey { path } } }"}).encode()
        deadline = time.monotonic() + 240
        keys: set[str] = set()
        while time.monotonic() < deadline and "warehouse" not in keys:
            try:
                nodes = json.loads(_get(f"{base}/graphql", query))["data"]["assetNodes"]
                keys = {"/".join(n["assetKey"]["path"]) for n in nodes}
            except (OSError, KeyError, TypeError):
                time.sleep(2)
        assert {"archive_captures", "raw/documents", "fct_trade_flows", "warehouse"} <= keys
        if browser.available():
            _get(f"{base}/graphql", json.dumps({"query": "mutation { setNuxSeen }"}).encode())  # no welcome modal
            shot = tmp_path / "asset-graph.png"
            screenshot(graph_url(base), shot)
            assert shot.exists() and shot.stat().st_size > 50_000, "the asset graph rendered"
            if os.environ.get("KZUZ_UPDATE_SCREENSHOT") == "1":
                shutil.copyfile(shot, Path(__file__).resolve().parents[2] / "docs" / "img" / "asset-graph.png")
    finally:
        if proc.poll() is None:
            proc.terminate()  # SIGTERM to kzuz serve only: it must stop its children itself
        assert proc.wait(timeout=90) == 0, (tmp_path / "serve.log").read_text()[-3000:]
    assert "kzuz serve: stopped" in (tmp_path / "serve.log").read_text()
    with pytest.raises(OSError):
        _get(f"{base}/server_info")
    if not browser.available():  # every other check ran; only the screenshot needs Chromium
        pytest.skip(f"no Chromium at {browser.CHROMIUM}: the UI answered and stopped, the screenshot was not taken")
