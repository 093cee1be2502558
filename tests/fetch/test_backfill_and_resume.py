"""Backfill walks daily sitemaps resumably with progress; a fetch killed with SIGKILL and rerun loses and
duplicates nothing."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from datetime import date
from pathlib import Path

from pipelines import progress
from pipelines.fetch import FetchState
from pipelines.fetching import backfill
from sources.archive.store import ArchiveStore
from tests.fetch.sites import Page, article, make_config, mirror_spec, rss, sitemap

REPO = Path(__file__).resolve().parents[2]
G = "https://www.gazeta.uz"


def test_backfill_is_resumable_and_reports_progress(fake_site, store, home):
    days = [date(2024, 5, d) for d in (1, 2, 3)]
    busy = {"on": True}

    def day2(handler):
        if busy["on"]:
            handler.send(Page(b"busy", status=503))
        else:
            handler.send(Page(sitemap([f"{G}/ru/2024/05/02/kazakhstan-gas/"])))

    routes = {
        "/sitemap/materials-ru-2024-05-01.xml": Page(
            sitemap([f"{G}/ru/2024/05/01/uzbekistan-kazakhstan/", f"{G}/ru/2024/05/01/football/"])
        ),
        "/sitemap/materials-ru-2024-05-02.xml": day2,
        "/sitemap/materials-ru-2024-05-03.xml": Page(sitemap([f"{G}/ru/2024/05/03/tashkent-astana-train/"])),
    }
    for day, slug in ((1, "uzbekistan-kazakhstan"), (2, "kazakhstan-gas"), (3, "tashkent-astana-train")):
        routes[f"/ru/2024/05/0{day}/{slug}/"] = Page(article(slug))
    gazeta = fake_site(routes)
    config = make_config({"gazeta.uz": gazeta}, retries=1)
    events = []
    unsubscribe = progress.subscribe(lambda stage, done, total, msg: events.append((stage, done, total, msg)))
    try:
        first = backfill(store, home, days[0], days[-1], "gazeta.uz", config=config)
    finally:
        unsubscribe()
    assert store.count() == 2 and first.sites["gazeta.uz"].faults["server_error"] == 1
    state = FetchState(home.archive)
    assert state.completed_days("gazeta.uz/sitemap-ru") == {days[0], days[2]}
    assert ("backfill:gazeta.uz/sitemap-ru", 3, 3, "done") in events
    assert any(stage == "fetch:gazeta.uz" for stage, *_ in events), "per-host counts while running"
    assert "/ru/2024/05/01/football/" not in gazeta.paths()

    busy["on"] = False
    gazeta.requests.clear()
    second = backfill(store, home, days[0], days[-1], "gazeta.uz", config=config)
    sitemaps = [p for p in gazeta.paths() if p.startswith("/sitemap/")]
    assert sitemaps == ["/sitemap/materials-ru-2024-05-02.xml"], "completed days are not read again"
    assert store.count() == 3 and second.fetched == 1
    assert state.completed_days("gazeta.uz/sitemap-ru") == set(days)


def test_zakon_backfill_pages_until_the_start_date(fake_site, store, home):
    def page(n: int, day: str, alias: str, title: str) -> Page:
        groups = [{"data": day, "news_list": [{"alias": alias, "page_title": title}]}]
        return Page(json.dumps(groups, ensure_ascii=False).encode(), content_type="application/json")

    zakon = fake_site(
        {
            "/api/all-news-ajax/?pn=1&pSize=50": page(1, "2024-05-03", "3-tokaev-tashkent", "Токаев в Ташкенте"),
            "/api/all-news-ajax/?pn=2&pSize=50": page(2, "2024-05-02", "2-uzbekistan-gaz", "Газ для Узбекистана"),
            "/api/all-news-ajax/?pn=3&pSize=50": page(3, "2024-04-20", "1-old-uzbekistan", "Узбекистан давно"),
            "/3-tokaev-tashkent.html": Page(article("3")),
            "/2-uzbekistan-gaz.html": Page(article("2")),
        }
    )
    config = make_config({"zakon.kz": zakon})
    report = backfill(store, home, date(2024, 5, 1), date(2024, 5, 3), "zakon.kz", config=config)
    assert {c.url for c in store.captures()} == {
        "https://www.zakon.kz/3-tokaev-tashkent.html",
        "https://www.zakon.kz/2-uzbekistan-gaz.html",
    }
    assert "/api/all-news-ajax/?pn=4&pSize=50" not in zakon.paths() and report.failed == 0


SCRIPT = """
import sys
from datetime import date
from pipelines.fetching import fetch_live
from pipelines.home import KzuzHome
from sources.archive.store import ArchiveStore
home = KzuzHome(__import__("pathlib").Path(sys.argv[1])).ensure()
report = fetch_live(ArchiveStore(home.archive), home, {"gazeta.uz"}, today=date(2024, 5, 10))
print(report)
"""


def test_killed_fetch_resumes_without_loss_or_duplicates(fake_site, tmp_path):
    n_items = 16
    items = [
        (f"{G}/ru/2024/05/10/kz-{n}/", f"Казахстан и Узбекистан {n}", "Fri, 10 May 2024 09:00:00 +0500")
        for n in range(n_items)
    ]
    routes = {f"/ru/2024/05/10/kz-{n}/": Page(article(f"item {n}"), etag=f'"{n}"', delay=0.1) for n in range(n_items)}
    routes.update(
        {
            "/ru/rss/": Page(rss(items), etag='"rss"'),
            "/ru/2017/03/22/region/": Page(article("R")),
            "/ru/2022/01/07/kaz-uzb/": Page(article("K")),
        }
    )
    gazeta = fake_site(routes)
    home = tmp_path / "home"
    env = {
        **os.environ,
        "KZUZ_MIRROR": mirror_spec({"gazeta.uz": gazeta}),
        "KZUZ_MIRROR_ONLY": "1",
        "KZUZ_RATE_GAZETA_UZ": "0.02",
        "KZUZ_LOOKBACK_DAYS": "1",
        "PYTHONPATH": str(REPO),
    }
    command = [sys.executable, "-c", SCRIPT, str(home)]

    victim = subprocess.Popen(command, env=env, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    index = home / "archive" / "index.sqlite"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if index.exists() and 5 <= ArchiveStore(home / "archive").count():
            break
        time.sleep(0.02)
    os.kill(victim.pid, signal.SIGKILL)
    victim.wait(timeout=10)
    store = ArchiveStore(home / "archive")
    before = store.count()
    assert 5 <= before < n_items + 2, "killed mid-way"

    done = subprocess.run(command, env=env, cwd=REPO, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    captures = list(store.captures())
    per_url = Counter(c.url for c in captures)
    assert len(per_url) == n_items + 2, "nothing lost: every relevant item and cited page is archived"
    assert set(per_url.values()) == {1}, "nothing duplicated"
    item_gets = Counter(p for p in gazeta.paths() if "/kz-" in p)
    assert sum(item_gets.values()) <= n_items + 1, "at most the request in flight at the kill is repeated"
    # The rerun's RSS was a 304: the items it still fetched came from the queue remembered before the kill.
    assert gazeta.hits("/ru/rss/")[-1].headers.get("If-None-Match") == '"rss"'
