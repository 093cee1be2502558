"""`kzuz refresh` without --offline, against local servers imitating the sites (reached through KZUZ_MIRROR)."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

from tests.conftest import KZUZ
from tests.fetch.sites import FakeSite, Page, rss

BUNDLED = Path(__file__).resolve().parents[1] / "sources" / "bundled"
NEW_ARTICLE = """<!DOCTYPE html><html lang="ru"><head><meta charset="utf-8">
<title>Товарооборот с Казахстаном вырос</title>
<meta property="article:published_time" content="2024-05-10T09:00:00+05:00"></head>
<body><header><nav><a href="/ru/">Газета.uz</a></nav></header><main>
<h1 id="article_title">Товарооборот Узбекистана с Казахстаном вырос</h1>
<div class="articleDateTime">10 мая 2024, 09:00</div>
<div class="articleContent"><p>Узбекистан и Казахстан обсудили торговлю и транзит.</p>
<p>Стороны договорились расширить сотрудничество.</p></div></main></body></html>"""


def bundled_routes(host_prefix: str) -> dict[str, Page]:
    """Every bundled page of one host as the "live" site serves it (its chrome differs from the
    reconstruction, so it is a new capture), with an ETag so a second fetch gets 304."""
    routes = {}
    for line in (BUNDLED / "manifest.tsv").read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        url, rel = line.split("\t")[:2]
        if url.startswith(host_prefix):
            path = url[len(host_prefix) :]
            body = (BUNDLED / rel).read_bytes()
            if not body.startswith(b"%PDF"):
                body += b"\n<!-- served by the live site -->\n"
            routes[path] = Page(body, etag=f'"{abs(hash(path))}"')
    return routes


def run(home: Path, mirror: str) -> subprocess.CompletedProcess:
    env = {
        **os.environ,
        "KZUZ_HOME": str(home),
        "KZUZ_MIRROR": mirror,
        "KZUZ_MIRROR_ONLY": "1",
        "KZUZ_RATE": "0.02",
        "KZUZ_LOOKBACK_DAYS": "1",
    }
    return subprocess.run([KZUZ, "refresh"], env=env, capture_output=True, text=True, timeout=600)


def test_live_refresh_builds_marts_then_second_run_gets_304s(tmp_path):
    gazeta_routes = bundled_routes("https://www.gazeta.uz")
    gazeta_routes["/ru/rss/"] = Page(
        rss(
            [
                (
                    "https://www.gazeta.uz/ru/2024/05/10/trade-kz/",
                    "Товарооборот с Казахстаном вырос",
                    "Fri, 10 May 2024 09:00:00 +0500",
                ),
            ]
        ),
        etag='"rss"',
    )
    gazeta_routes["/ru/2024/05/10/trade-kz/"] = Page(NEW_ARTICLE.encode(), etag='"new"')
    sites = {
        "www.gazeta.uz": FakeSite(gazeta_routes),
        "lex.uz": FakeSite(bundled_routes("https://lex.uz")),
        "online.zakon.kz": FakeSite(bundled_routes("https://online.zakon.kz")),
    }
    mirror = ",".join(f"{host}={site.base}" for host, site in sites.items())
    home = tmp_path / "home"
    try:
        first = run(home, mirror)
        assert first.returncode == 0, first.stderr
        assert "promoted" in first.stderr
        query = [
            KZUZ,
            "sql",
            "select source_url, is_reconstruction from dim_documents",
            "--format",
            "json",
            "--home",
            str(home),
        ]
        docs = json.loads(subprocess.run(query, capture_output=True, text=True, check=True).stdout)
        urls = {d["source_url"] for d in docs}
        assert "https://www.gazeta.uz/ru/2024/05/10/trade-kz/" in urls  # discovered through the RSS feed
        live = [d for d in docs if not d["is_reconstruction"]]
        assert {d["source_url"] for d in live} >= {
            "https://lex.uz/docs/2553826",
            "https://www.gazeta.uz/ru/2022/01/07/kaz-uzb/",
        }
        served = {host: len(site.requests) for host, site in sites.items()}

        second = run(home, mirror)
        assert second.returncode == 0, second.stderr
        assert "nothing new" in second.stderr
        conditional = [
            r
            for host, site in sites.items()
            for r in site.requests[served[host] :]
            if r.path in ("/docs/2553826", "/ru/2022/01/07/kaz-uzb/")
        ]
        assert {r.path for r in conditional} == {"/docs/2553826", "/ru/2022/01/07/kaz-uzb/"}
        assert all(r.headers.get("If-None-Match") for r in conditional), "refetches are conditional"
    finally:
        for site in sites.values():
            site.close()
