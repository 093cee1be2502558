"""Backfill walks weekly sitemaps resumably with progress; a fetch killed with SIGKILL and rerun loses and
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
from pipelines.fetch.live import backfill
from sources.archive.store import ArchiveStore
from tests.fetch.sites import Page, article, make_config, mirror_spec, rss, sitemap

REPO = Path(__file__).resolve().parents[2]
G = "https://www.gazeta.uz"


def test_backfill_walks_weekly_maps_resumably_and_reports_progress(fake_site, store, home):
    """2-19 May 2024 (Thursday to Sunday) spans three ISO weeks: each week's Monday map is read once."""
    weeks = [date(2024, 4, 29), date(2024, 5, 6), date(2024, 5, 13)]
    busy = {"on": True}

    def week2(handler):
        if busy["on"]:
            handler.send(Page(b"busy", status=503))
        else:
            handler.send(Page(sitemap([f"{G}/ru/2024/05/08/kazakhstan-gas/"])))

    routes = {
        "/sitemap/materials-ru-2024-04-29.xml": Page(
            sitemap(
                [
                    f"{G}/ru/2024/04/30/kazakhstan-before-the-range/",
                    f"{G}/ru/2024/05/02/uzbekistan-kazakhstan/",
                    f"{G}/ru/2024/05/03/football/",
                ]
            )
        ),
        "/sitemap/materials-ru-2024-05-06.xml": week2,
        "/sitemap/materials-ru-2024-05-13.xml": Page(sitemap([f"{G}/ru/2024/05/14/tashkent-astana-train/"])),
        "/sitemap/materials-oz-2024-05-13.xml": Page(sitemap([f"{G}/oz/2024/05/15/qozogiston-tranzit/"])),
    }
    for path in ("/ru/2024/05/02/uzbekistan-kazakhstan/", "/ru/2024/05/08/kazakhstan-gas/",
                 "/ru/2024/05/14/tashkent-astana-train/", "/oz/2024/05/15/qozogiston-tranzit/",
                 "/ru/2024/04/30/kazakhstan-before-the-range/"):  # fmt: skip
        routes[path] = Page(article(path))
    gazeta = fake_site(routes)
    config = make_config({"gazeta.uz": gazeta}, retries=0)
    events = []
    unsubscribe = progress.subscribe(lambda stage, done, total, msg: events.append((stage, done, total, msg)))
    try:
        first = backfill(store, home, date(2024, 5, 2), date(2024, 5, 19), "gazeta.uz", config=config)
    finally:
        unsubscribe()
    assert {c.url for c in store.captures()} == {
        f"{G}/ru/2024/05/02/uzbekistan-kazakhstan/",
        f"{G}/ru/2024/05/14/tashkent-astana-train/",
        f"{G}/oz/2024/05/15/qozogiston-tranzit/",
    }, "30 April is in the first week's map but before the range; 'football' is not relevant"
    assert first.sites["gazeta.uz"].faults["server_error"] == 1
    maps = [p for p in gazeta.paths() if p.startswith("/sitemap/materials-ru-")]
    assert maps == [f"/sitemap/materials-ru-{w.isoformat()}.xml" for w in weeks], "each week's map once, by Monday"
    state = FetchState(home.archive)
    # the first week is only partly in the range (it starts on Thursday 2 May): read, not remembered as whole
    assert state.completed_weeks("gazeta.uz/sitemap-ru") == {weeks[2]}
    assert state.completed_weeks("gazeta.uz/sitemap-oz") == set(weeks[1:])
    assert ("backfill:gazeta.uz/sitemap-ru", 3, 3, "done") in events
    assert ("backfill:gazeta.uz/sitemap-ru", 1, 3, "week of 2024-05-06") in events
    assert any(stage == "fetch:gazeta.uz" for stage, *_ in events), "per-host counts while running"
    assert "/ru/2024/05/03/football/" not in gazeta.paths()

    busy["on"] = False
    gazeta.requests.clear()
    second = backfill(store, home, date(2024, 5, 2), date(2024, 5, 19), "gazeta.uz", config=config)
    maps = [p for p in gazeta.paths() if p.startswith("/sitemap/materials-ru-")]
    assert maps == ["/sitemap/materials-ru-2024-04-29.xml", "/sitemap/materials-ru-2024-05-06.xml"], (
        "completed weeks are not read again; the partial first week and the failed one are"
    )
    assert store.count() == 4 and second.fetched == 1
    assert state.completed_weeks("gazeta.uz/sitemap-ru") == set(weeks[1:])


def test_zakon_backfill_pages_until_the_start_date(fake_site, store, home):
    def page(day: str, alias: str, title: str) -> Page:
        groups = {"data_list": [{"data": day, "news_list": [{"alias": alias, "page_title": title}]}]}
        return Page(json.dumps(groups, ensure_ascii=False).encode(), content_type="application/json")

    zakon = fake_site(
        {
            "/api/all-news-ajax/?pn=1&pSize=50": page(
                "2024-05-03", "vlast/3-tokaev-tashkent.html", "Токаев в Ташкенте"
            ),
            "/api/all-news-ajax/?pn=2&pSize=50": page("2024-05-02", "finansy/2-uzbekistan-gaz.html", "Газ Узбекистану"),
            "/api/all-news-ajax/?pn=3&pSize=50": page("2024-04-20", "novosti/1-old-uzbekistan.html", "Узбекистан"),
            "/vlast/3-tokaev-tashkent.html": Page(article("3")),
            "/finansy/2-uzbekistan-gaz.html": Page(article("2")),
        }
    )
    config = make_config({"zakon.kz": zakon})
    report = backfill(store, home, date(2024, 5, 1), date(2024, 5, 3), "zakon.kz", config=config)
    assert {c.url for c in store.captures()} == {
        "https://www.zakon.kz/vlast/3-tokaev-tashkent.html",
        "https://www.zakon.kz/finansy/2-uzbekistan-gaz.html",
    }
    assert "/api/all-news-ajax/?pn=4&pSize=50" not in zakon.paths() and report.failed == 0


SCRIPT = """
import sys
from datetime import date
from pipelines.fetch.live import fetch_live
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
