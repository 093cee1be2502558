"""Per-host rate measured by the servers themselves, retries included; cp1251 pages stored byte-identical."""

from __future__ import annotations

import itertools
from datetime import date

from pipelines.fetch import decode_body
from pipelines.fetch.live import fetch_live
from tests.fetch.sites import Page, article, make_config, rss

TODAY = date(2024, 5, 10)
SLACK = 0.01  # clock granularity between the client's and the server's monotonic readings


def gaps(server) -> list[float]:
    times = [r.at for r in server.requests]
    return [b - a for a, b in itertools.pairwise(times)]


def test_request_rate_never_exceeds_the_limit(fake_site, store, home):
    g = "https://www.gazeta.uz"
    items = [(f"{g}/ru/2024/05/10/kz-{n}/", f"Казахстан {n}", "Fri, 10 May 2024 09:00:00 +0500") for n in range(6)]
    flaky = iter([503, 503, 200])

    def sometimes_busy(handler):
        status = next(flaky, 200)
        handler.send(Page(article("ok") if status == 200 else b"busy", status=status))

    routes = {f"/ru/2024/05/10/kz-{n}/": Page(article(f"K{n}")) for n in range(6)}
    routes.update(
        {
            "/ru/rss/": Page(rss(items)),
            "/ru/2017/03/22/region/": sometimes_busy,
            "/ru/2022/01/07/kaz-uzb/": Page(article("K")),
        }
    )
    gazeta = fake_site(routes)
    lex = fake_site({"/ru/docs/3107042": Page(article("A")), "/docs/2553826": Page(article("B"))})
    config = make_config(
        {"gazeta.uz": gazeta, "lex.uz": lex},
        lookback_days=1,
        rates={"gazeta.uz": 0.2, "lex.uz": 0.1},
        retries=3,
        backoff_factor=0.0,
    )
    report = fetch_live(store, home, {"gazeta.uz", "lex.uz"}, config=config, today=TODAY)
    assert report.failed == 0, report.summary_lines()
    assert len(gazeta.hits("/ru/2017/03/22/region/")) == 3, "two urllib3 retries"
    assert len(gazeta.requests) >= 12 and len(lex.requests) >= 3
    assert min(gaps(gazeta)) >= 0.2 - SLACK, gaps(gazeta)
    assert min(gaps(lex)) >= 0.1 - SLACK, gaps(lex)


def test_crawl_delay_in_robots_slows_us_down(fake_site, store, home):
    gazeta = fake_site(
        {"/ru/2017/03/22/region/": Page(article("R")), "/ru/2022/01/07/kaz-uzb/": Page(article("K"))},
        robots="User-agent: *\nCrawl-delay: 0.3\n",
    )
    fetch_live(store, home, {"gazeta.uz"}, config=make_config({"gazeta.uz": gazeta}, lookback_days=1), today=TODAY)
    assert min(gaps(gazeta)) >= 0.3 - SLACK


CP1251_TEXT = "Соглашение между Республикой Узбекистан и Республикой Казахстан"


def test_cp1251_pages_decode_and_are_stored_byte_identical(fake_site, store, home):
    by_header = f"<html><head><title>{CP1251_TEXT}</title></head><body>{CP1251_TEXT}</body></html>".encode("cp1251")
    by_meta = (
        f'<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1251">'
        f"<title>{CP1251_TEXT}</title></head><body>{CP1251_TEXT}</body></html>"
    ).encode("cp1251")
    lex = fake_site(
        {
            "/ru/docs/3107042": Page(by_header, content_type="text/html; charset=windows-1251"),
            "/docs/2553826": Page(by_meta, content_type="text/html"),
        }
    )
    fetch_live(store, home, {"lex.uz"}, config=make_config({"lex.uz": lex}), today=TODAY)
    for url, original in (("https://lex.uz/ru/docs/3107042", by_header), ("https://lex.uz/docs/2553826", by_meta)):
        capture = store.latest_for_url(url)
        body = store.read_body(capture)
        assert body == original, "bytes are stored untouched"
        assert CP1251_TEXT in decode_body(body, capture.headers)
