"""A first live refresh discovers and archives the relevant pages; a second sends conditional requests,
gets 304s, stores nothing new and takes well under half the time."""

from __future__ import annotations

import json
import time
from datetime import date

from pipelines.fetch import DEFAULT_USER_AGENT, FetchState
from pipelines.fetch.live import fetch_live
from tests.fetch.sites import Page, article, make_config, rss, sitemap

TODAY = date(2024, 5, 10)  # a Friday
RENDER = 0.15  # what a full page costs the imitated server; a 304 is instant


G = "https://www.gazeta.uz"


def gazeta_routes() -> dict:
    return {
        # the two cited pages: one with an ETag, one with only Last-Modified
        "/ru/2017/03/22/region/": Page(article("Регион"), etag='"r1"', delay=RENDER),
        "/ru/2022/01/07/kaz-uzb/": Page(
            article("Казахстан и Узбекистан"), last_modified="Fri, 07 Jan 2022 10:00:00 GMT", delay=RENDER
        ),
        "/ru/rss/": Page(
            rss(
                [
                    (f"{G}/ru/2024/05/10/astana-visit/", "Мирзиёев прибыл в Астану", "Fri, 10 May 2024 09:00:00 +0500"),
                    (f"{G}/ru/2024/05/10/cotton/", "Урожай хлопка в Узбекистане", "Fri, 10 May 2024 08:00:00 +0500"),
                ]
            ),
            etag='"rss1"',
        ),
        "/oz/rss/": Page(
            rss(
                [
                    (
                        f"{G}/oz/2024/05/09/qozogiston/",
                        "Qozog‘iston bilan savdo o‘sdi",
                        "Thu, 09 May 2024 12:00:00 +0500",
                    ),
                ]
            ),
            etag='"rss2"',
        ),
        # the weekly map of 6-12 May 2024, named by its Monday; it also lists a story of 8 May, before the window
        "/sitemap/materials-ru-2024-05-06.xml": Page(
            sitemap(
                [
                    f"{G}/ru/2024/05/08/kazakhstan-uzbekistan-border/",
                    f"{G}/ru/2024/05/09/uzbekistan-kazakhstan-trade/",
                    f"{G}/ru/2024/05/09/weather/",
                    f"{G}/ru/2024/05/10/astana-visit/",
                ],
                lastmod=[date(2024, 5, 8), date(2024, 5, 9), date(2024, 5, 9), date(2024, 5, 10)],
            ),
            etag='"s6"',
        ),
        "/ru/2024/05/10/astana-visit/": Page(article("Мирзиёев прибыл в Астану"), etag='"a1"', delay=RENDER),
        "/ru/2024/05/10/cotton/": Page(article("Хлопок"), etag='"a2"', delay=RENDER),
        "/oz/2024/05/09/qozogiston/": Page(article("Qozog‘iston"), etag='"a3"', delay=RENDER),
        "/ru/2024/05/09/uzbekistan-kazakhstan-trade/": Page(article("Торговля"), etag='"a4"', delay=RENDER),
        "/ru/2024/05/08/kazakhstan-uzbekistan-border/": Page(article("Граница"), delay=RENDER),
        "/ru/2024/05/09/weather/": Page(article("Погода"), delay=RENDER),
    }


def zakon_routes() -> dict:
    feed = {
        "data_list": [
            {
                "data": "2024-05-10",
                "news_list": [
                    {
                        "id": 6430001,
                        "alias": "vlast-kazakhstana/6430001-tokaev-i-mirziyoev.html",
                        "page_title": "Токаев и Мирзиёев обсудили транзит",
                    },
                    {"id": 6430002, "alias": "obshchestvo/6430002-pogoda.html", "page_title": "Погода в Алматы"},
                ],
            },
            {"data": "2024-05-01", "news_list": []},
        ]
    }
    return {
        "/api/all-news-ajax/?pn=1&pSize=50": Page(
            json.dumps(feed, ensure_ascii=False).encode(), content_type="application/json", etag='"z1"'
        ),
        "/vlast-kazakhstana/6430001-tokaev-i-mirziyoev.html": Page(
            article("Токаев и Мирзиёев"), etag='"z-a1"', delay=RENDER
        ),
    }


def test_second_refresh_is_conditional_and_stores_nothing(fake_site, store, home):
    gazeta, zakon = fake_site(gazeta_routes()), fake_site(zakon_routes())
    config = make_config({"gazeta.uz": gazeta, "zakon.kz": zakon})

    started = time.monotonic()
    first = fetch_live(store, home, {"gazeta.uz", "zakon.kz"}, config=config, today=TODAY)
    first_seconds = time.monotonic() - started
    urls = {c.url for c in store.captures()}
    assert urls == {
        "https://www.gazeta.uz/ru/2017/03/22/region/",
        "https://www.gazeta.uz/ru/2022/01/07/kaz-uzb/",
        "https://www.gazeta.uz/ru/2024/05/10/astana-visit/",  # RSS and sitemap: fetched once
        "https://www.gazeta.uz/oz/2024/05/09/qozogiston/",  # uz Latin spelling
        "https://www.gazeta.uz/ru/2024/05/09/uzbekistan-kazakhstan-trade/",  # untitled sitemap item: slug
        "https://www.zakon.kz/vlast-kazakhstana/6430001-tokaev-i-mirziyoev.html",  # zakon.kz alias with section
    }, "irrelevant items (cotton, weather, Almaty weather) and items before the window are not fetched"
    assert "/ru/2024/05/10/cotton/" not in gazeta.paths()
    assert "/ru/2024/05/08/kazakhstan-uzbekistan-border/" not in gazeta.paths(), "8 May is before the window"
    # lookback_days=2 from Friday 10 May: Thursday and Friday, both in the week of Monday 6 May: one map per language
    assert sorted(p for p in gazeta.paths() if p.startswith("/sitemap/materials-")) == [
        f"/sitemap/materials-{lang}-2024-05-06.xml" for lang in ("en", "oz", "ru", "uz")
    ]
    assert first.fetched == 6 and first.failed == 0, first.summary_lines()
    assert all(r.headers.get("User-Agent") == DEFAULT_USER_AGENT for r in gazeta.requests + zakon.requests)
    count = store.count()

    gazeta.requests.clear()
    started = time.monotonic()
    second = fetch_live(store, home, {"gazeta.uz", "zakon.kz"}, config=config, today=TODAY)
    second_seconds = time.monotonic() - started
    assert store.count() == count, "a 304 stores no new capture"
    assert second.fetched == 0 and second.not_modified == 2 and second.failed == 0, second.summary_lines()
    assert gazeta.hits("/ru/2017/03/22/region/")[0].headers.get("If-None-Match") == '"r1"'
    assert gazeta.hits("/ru/2022/01/07/kaz-uzb/")[0].headers.get("If-Modified-Since") == (
        "Fri, 07 Jan 2022 10:00:00 GMT"
    )
    assert "/ru/2024/05/10/astana-visit/" not in gazeta.paths(), "discovered pages are fetched once"
    assert second_seconds < first_seconds / 2, (first_seconds, second_seconds)
    lines = second.summary_lines()
    assert any(line.startswith("gazeta.uz: queued 2, fetched 0, not modified 2") for line in lines), lines


def test_unchanged_body_without_validators_stores_nothing(fake_site, store, home):
    routes = {"/ru/2017/03/22/region/": Page(article("Регион")), "/ru/2022/01/07/kaz-uzb/": Page(article("K"))}
    gazeta = fake_site(routes)
    config = make_config({"gazeta.uz": gazeta})
    fetch_live(store, home, {"gazeta.uz"}, config=config, today=TODAY)
    assert store.count() == 2
    again = fetch_live(store, home, {"gazeta.uz"}, config=config, today=TODAY)
    assert store.count() == 2 and again.fetched == 0 and again.not_modified == 2
    routes["/ru/2022/01/07/kaz-uzb/"].body = article("K, updated")
    third = fetch_live(store, home, {"gazeta.uz"}, config=config, today=TODAY)
    assert third.fetched == 1 and store.count() == 3, "a changed page is a new capture, the old one stays"


def ru_maps(server) -> list[str]:
    return [p for p in server.paths() if p.startswith("/sitemap/materials-ru-")]


def test_discovery_state_survives_restarts(fake_site, store, home):
    gazeta = fake_site(gazeta_routes())
    config = make_config({"gazeta.uz": gazeta}, lookback_days=7)
    fetch_live(store, home, {"gazeta.uz"}, config=config, today=TODAY)
    # 4-10 May: Saturday and Sunday of the week of 29 April, then the week of 6 May
    assert ru_maps(gazeta) == ["/sitemap/materials-ru-2024-04-29.xml", "/sitemap/materials-ru-2024-05-06.xml"], (
        "a first refresh looks back the bounded window, each week's map once"
    )
    assert store.latest_for_url(f"{G}/ru/2024/05/08/kazakhstan-uzbekistan-border/") is not None, "inside 7 days"
    state = FetchState(home.archive)
    assert state.feed_last_seen("gazeta.uz/sitemap-ru") == TODAY
    gazeta.requests.clear()
    fetch_live(store, home, {"gazeta.uz"}, config=config, today=date(2024, 5, 14))
    assert ru_maps(gazeta) == ["/sitemap/materials-ru-2024-05-06.xml", "/sitemap/materials-ru-2024-05-13.xml"], (
        "the next refresh starts from the last successful discovery: the rest of that week, then the new one"
    )
    assert gazeta.hits("/sitemap/materials-ru-2024-05-06.xml")[0].headers.get("If-None-Match") == '"s6"'
    assert state.feed_last_seen("gazeta.uz/sitemap-ru") == date(2024, 5, 14)


def test_a_failed_week_is_read_again_next_time(fake_site, store, home):
    routes = gazeta_routes()
    routes["/sitemap/materials-ru-2024-05-13.xml"] = Page(b"busy", status=503)
    gazeta = fake_site(routes)
    config = make_config({"gazeta.uz": gazeta}, lookback_days=7, retries=0)
    fetch_live(store, home, {"gazeta.uz"}, config=config, today=date(2024, 5, 7))
    fetch_live(store, home, {"gazeta.uz"}, config=config, today=date(2024, 5, 14))
    state = FetchState(home.archive)
    assert state.feed_last_seen("gazeta.uz/sitemap-ru") == date(2024, 5, 12), "up to the end of the week read"
    gazeta.requests.clear()
    gazeta.routes["/sitemap/materials-ru-2024-05-13.xml"] = Page(sitemap([]))
    fetch_live(store, home, {"gazeta.uz"}, config=config, today=date(2024, 5, 14))
    assert ru_maps(gazeta) == ["/sitemap/materials-ru-2024-05-06.xml", "/sitemap/materials-ru-2024-05-13.xml"]
    assert state.feed_last_seen("gazeta.uz/sitemap-ru") == date(2024, 5, 14)
