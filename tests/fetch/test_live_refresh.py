"""A first live refresh discovers and archives the relevant pages; a second sends conditional requests,
gets 304s, stores nothing new and takes well under half the time."""

from __future__ import annotations

import json
import time
from datetime import date

from pipelines.fetch import DEFAULT_USER_AGENT, FetchState
from pipelines.fetching import fetch_live
from tests.fetch.sites import Page, article, make_config, rss, sitemap

TODAY = date(2024, 5, 10)
RENDER = 0.15  # what a full page costs the imitated server; a 304 is instant


def gazeta_routes() -> dict:
    g = "https://www.gazeta.uz"
    return {
        # the two cited pages: one with an ETag, one with only Last-Modified
        "/ru/2017/03/22/region/": Page(article("Регион"), etag='"r1"', delay=RENDER),
        "/ru/2022/01/07/kaz-uzb/": Page(
            article("Казахстан и Узбекистан"), last_modified="Fri, 07 Jan 2022 10:00:00 GMT", delay=RENDER
        ),
        "/ru/rss/": Page(
            rss(
                [
                    (f"{g}/ru/2024/05/10/astana-visit/", "Мирзиёев прибыл в Астану", "Fri, 10 May 2024 09:00:00 +0500"),
                    (f"{g}/ru/2024/05/10/cotton/", "Урожай хлопка в Узбекистане", "Fri, 10 May 2024 08:00:00 +0500"),
                ]
            ),
            etag='"rss1"',
        ),
        "/oz/rss/": Page(
            rss(
                [
                    (
                        f"{g}/oz/2024/05/09/qozogiston/",
                        "Qozog‘iston bilan savdo o‘sdi",
                        "Thu, 09 May 2024 12:00:00 +0500",
                    ),
                ]
            ),
            etag='"rss2"',
        ),
        "/sitemap/materials-ru-2024-05-09.xml": Page(
            sitemap(
                [
                    f"{g}/ru/2024/05/09/uzbekistan-kazakhstan-trade/",
                    f"{g}/ru/2024/05/09/weather/",
                ]
            ),
            etag='"s9"',
        ),
        "/sitemap/materials-ru-2024-05-10.xml": Page(sitemap([f"{g}/ru/2024/05/10/astana-visit/"]), etag='"s10"'),
        "/ru/2024/05/10/astana-visit/": Page(article("Мирзиёев прибыл в Астану"), etag='"a1"', delay=RENDER),
        "/ru/2024/05/10/cotton/": Page(article("Хлопок"), etag='"a2"', delay=RENDER),
        "/oz/2024/05/09/qozogiston/": Page(article("Qozog‘iston"), etag='"a3"', delay=RENDER),
        "/ru/2024/05/09/uzbekistan-kazakhstan-trade/": Page(article("Торговля"), etag='"a4"', delay=RENDER),
        "/ru/2024/05/09/weather/": Page(article("Погода"), delay=RENDER),
    }


def zakon_routes() -> dict:
    feed = [
        {
            "data": "2024-05-10",
            "news_list": [
                {"alias": "6430001-tokaev-i-mirziyoev", "page_title": "Токаев и Мирзиёев обсудили транзит"},
                {"alias": "6430002-pogoda", "page_title": "Погода в Алматы"},
            ],
        },
        {"data": "2024-05-01", "news_list": []},
    ]
    return {
        "/api/all-news-ajax/?pn=1&pSize=50": Page(
            json.dumps(feed, ensure_ascii=False).encode(), content_type="application/json", etag='"z1"'
        ),
        "/6430001-tokaev-i-mirziyoev.html": Page(article("Токаев и Мирзиёев"), etag='"z-a1"', delay=RENDER),
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
        "https://www.zakon.kz/6430001-tokaev-i-mirziyoev.html",  # zakon.kz JSON feed
    }, "irrelevant items (cotton, weather, Almaty weather) are not fetched"
    assert "/ru/2024/05/10/cotton/" not in gazeta.paths()
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


def test_discovery_state_survives_restarts(fake_site, store, home):
    gazeta = fake_site(gazeta_routes())
    config = make_config({"gazeta.uz": gazeta}, lookback_days=7)
    fetch_live(store, home, {"gazeta.uz"}, config=config, today=TODAY)
    sitemaps = [p for p in gazeta.paths() if p.startswith("/sitemap/")]
    assert len(sitemaps) == 7, "a first refresh looks back the bounded window"
    state = FetchState(home.archive)
    assert state.feed_last_seen("gazeta.uz/sitemap-ru") == TODAY
    gazeta.requests.clear()
    fetch_live(store, home, {"gazeta.uz"}, config=config, today=date(2024, 5, 11))
    sitemaps = [p for p in gazeta.paths() if p.startswith("/sitemap/")]
    assert sitemaps == ["/sitemap/materials-ru-2024-05-10.xml", "/sitemap/materials-ru-2024-05-11.xml"], (
        "the next refresh starts from the last successful discovery"
    )
