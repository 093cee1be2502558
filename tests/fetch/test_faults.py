"""Each fault with a real local server: it is waited out, retried, or recorded, and never archived as a page."""

from __future__ import annotations

import gzip
import json
import time
from datetime import date

import pytest

from pipelines.alerts import read_alerts
from pipelines.fetch import FetchState, HttpFetcher, classify_page
from pipelines.fetch.live import fetch_live
from pipelines.project import BUNDLED_MANIFEST
from sources.catalog import UnknownHostError
from tests.fetch.sites import Page, article, make_config, rss

TODAY = date(2024, 5, 10)
REGION = "/ru/2017/03/22/region/"
KAZUZB = "/ru/2022/01/07/kaz-uzb/"
LEX_RU = "/ru/docs/3107042"
LEX_UZ = "/docs/2553826"


def fault_alerts(home) -> list[dict]:
    return [a for a in read_alerts(home.alerts) if a["kind"] == "fetch_failure"]


def test_429_with_retry_after_is_waited_out(fake_site, store, home):
    calls = []

    def limited(handler):
        calls.append(time.monotonic())
        if len(calls) == 1:
            handler.send(Page(b"slow down", status=429, headers={"Retry-After": "1"}))
        else:
            handler.send(Page(article("Соглашение")))

    lex = fake_site({LEX_RU: limited, LEX_UZ: Page(article("Битим"))})
    report = fetch_live(store, home, {"lex.uz"}, config=make_config({"lex.uz": lex}), today=TODAY)
    assert len(calls) == 2 and calls[1] - calls[0] >= 0.95, "Retry-After: 1 was honoured"
    assert store.latest_for_url("https://lex.uz/ru/docs/3107042") is not None
    assert report.failed == 0 and not fault_alerts(home)


def test_retry_after_is_capped(fake_site, store, home):
    calls = []

    def limited(handler):
        calls.append(time.monotonic())
        if len(calls) == 1:
            handler.send(Page(b"", status=503, headers={"Retry-After": "3600"}))
        else:
            handler.send(Page(article("ok")))

    lex = fake_site({LEX_RU: limited})
    fetch_live(store, home, {"lex.uz"}, config=make_config({"lex.uz": lex}, retry_after_cap=0.3), today=TODAY)
    assert len(calls) == 2 and 0.25 <= calls[1] - calls[0] < 2


def test_503_is_retried_then_given_up_with_an_alert(fake_site, store, home):
    lex = fake_site(
        {LEX_RU: Page(b"busy", status=503), LEX_UZ: Page(b"busy", status=503), "/uz/rss": Page(b"busy", status=503)}
    )
    report = fetch_live(store, home, {"lex.uz"}, config=make_config({"lex.uz": lex}, retries=2), today=TODAY)
    assert len(lex.hits(LEX_RU)) == 3, "one try and two retries"
    assert store.count() == 0
    summary = report.sites["lex.uz"]
    assert summary.faults["server_error"] == 3 and summary.stale
    assert report.stale_sites == ["lex.uz"]
    [alert] = fault_alerts(home)
    assert alert["details"]["site"] == "lex.uz" and alert["details"]["stale"] is True
    assert FetchState(home.archive).stale_sites() == {"lex.uz"}


def test_host_down_finishes_with_last_captures_and_others_carry_on(fake_site, store, home):
    gazeta = fake_site({REGION: Page(article("Регион")), KAZUZB: Page(article("K"))})
    lex = fake_site({LEX_RU: Page(article("A")), LEX_UZ: Page(article("B"))})
    config = make_config({"gazeta.uz": gazeta, "lex.uz": lex})
    fetch_live(store, home, {"gazeta.uz", "lex.uz"}, config=config, today=TODAY)
    assert store.count() == 4
    lex.close()  # connection refused from now on
    report = fetch_live(store, home, {"gazeta.uz", "lex.uz"}, config=config, today=TODAY)
    assert report.sites["lex.uz"].stale and report.sites["lex.uz"].faults["unreachable"] == 1
    assert report.sites["lex.uz"].skipped >= 1, "the rest of a down host's queue is skipped, not hammered"
    assert not report.sites["gazeta.uz"].stale and report.sites["gazeta.uz"].not_modified == 2
    assert store.latest_for_url("https://lex.uz/ru/docs/3107042") is not None, "last captures are kept"
    assert [a["details"]["site"] for a in fault_alerts(home)] == ["lex.uz"]


def test_slow_host_does_not_stall_the_others(fake_site, store, home):
    gazeta = fake_site({REGION: Page(article("R")), KAZUZB: Page(article("K"))}, all_delay=0.5)
    lex = fake_site({LEX_RU: Page(article("A")), LEX_UZ: Page(article("B"))})
    config = make_config({"gazeta.uz": gazeta, "lex.uz": lex}, lookback_days=1)
    report = fetch_live(store, home, {"gazeta.uz", "lex.uz"}, config=config, today=TODAY)
    # gazeta.uz: robots, 2 pages, 2 RSS, 1 sitemap, each 0.5 s; lex.uz is done long before
    assert report.sites["lex.uz"].seconds < 1.0 < 2.5 < report.sites["gazeta.uz"].seconds
    assert lex.requests[-1].at < gazeta.requests[-1].at
    assert report.failed == 0


def test_robots_disallow_is_honoured(fake_site, store, home):
    gazeta = fake_site(
        {REGION: Page(article("R")), KAZUZB: Page(article("K"))}, robots="User-agent: *\nDisallow: /ru/2017/\n"
    )
    report = fetch_live(store, home, {"gazeta.uz"}, config=make_config({"gazeta.uz": gazeta}), today=TODAY)
    assert REGION not in gazeta.paths() and KAZUZB in gazeta.paths()
    assert report.sites["gazeta.uz"].skipped_reasons["robots_disallowed"] == 1
    assert gazeta.paths()[0] == "/robots.txt" and gazeta.paths().count("/robots.txt") == 1


def test_robots_txt_5xx_keeps_us_out_and_is_a_failure(fake_site, store, home):
    lex = fake_site({"/robots.txt": Page(b"busy", status=503), LEX_RU: Page(article("A"))})
    report = fetch_live(store, home, {"lex.uz"}, config=make_config({"lex.uz": lex}), today=TODAY)
    assert set(lex.paths()) == {"/robots.txt"}
    assert report.sites["lex.uz"].stale and report.sites["lex.uz"].faults["server_error"] >= 2
    assert fault_alerts(home)


def test_robots_for_our_user_agent(fake_site, store, home):
    robots = "User-agent: kzuz\nDisallow: /\n\nUser-agent: *\nAllow: /\n"
    gazeta = fake_site({REGION: Page(article("R"))}, robots=robots)
    fetch_live(store, home, {"gazeta.uz"}, config=make_config({"gazeta.uz": gazeta}), today=TODAY)
    assert gazeta.paths() == ["/robots.txt"]


def test_non_catalogued_host_is_refused(fake_site):
    server = fake_site({"/": Page(b"hello")})
    http = HttpFetcher(make_config({}))
    with pytest.raises(UnknownHostError):
        http.get(f"{server.base}/")
    with pytest.raises(UnknownHostError):
        http.get("https://example.org/")
    assert server.requests == []


def test_redirect_off_the_catalog_is_not_followed(fake_site, store, home):
    gazeta = fake_site(
        {
            REGION: Page(b"", status=302, headers={"Location": "https://evil.example/x"}),
            KAZUZB: Page(b"", status=301, headers={"Location": "/ru/2022/01/07/kaz-uzb-new/"}),
            "/ru/2022/01/07/kaz-uzb-new/": Page(article("moved")),
        }
    )
    report = fetch_live(store, home, {"gazeta.uz"}, config=make_config({"gazeta.uz": gazeta}), today=TODAY)
    assert report.sites["gazeta.uz"].faults["offsite_redirect"] == 1
    moved = store.latest_for_url("https://www.gazeta.uz/ru/2022/01/07/kaz-uzb/")
    assert moved is not None and moved.headers["Content-Location"] == "https://www.gazeta.uz/ru/2022/01/07/kaz-uzb-new/"
    assert store.count() == 1


def test_redirect_loop_is_recorded(fake_site, store, home):
    gazeta = fake_site(
        {
            REGION: Page(b"", status=302, headers={"Location": "/loop-b"}),
            "/loop-b": Page(b"", status=302, headers={"Location": REGION}),
        }
    )
    report = fetch_live(store, home, {"gazeta.uz"}, config=make_config({"gazeta.uz": gazeta}), today=TODAY)
    assert report.sites["gazeta.uz"].faults["redirect_loop"] == 1
    assert store.latest_for_url("https://www.gazeta.uz/ru/2017/03/22/region/") is None
    assert gazeta.paths().count(REGION) == 1


def test_truncated_body_is_recorded_not_archived(fake_site, store, home):
    def truncated(handler):
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html")
        handler.send_header("Content-Length", "5000")
        handler.end_headers()
        handler.wfile.write(article("half")[:100])
        handler.close_connection = True

    gazeta = fake_site({REGION: truncated, KAZUZB: Page(article("K"))})
    report = fetch_live(store, home, {"gazeta.uz"}, config=make_config({"gazeta.uz": gazeta}), today=TODAY)
    assert report.sites["gazeta.uz"].faults["truncated"] == 1
    assert store.latest_for_url("https://www.gazeta.uz/ru/2017/03/22/region/") is None
    assert store.latest_for_url("https://www.gazeta.uz/ru/2022/01/07/kaz-uzb/") is not None


def test_gzip_bomb_is_cut_at_the_cap(fake_site, store, home):
    bomb = gzip.compress(b"\0" * (64 * 1024 * 1024), compresslevel=9)
    assert len(bomb) < 100_000

    def serve_bomb(handler):
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html")
        handler.send_header("Content-Encoding", "gzip")
        handler.send_header("Content-Length", str(len(bomb)))
        handler.end_headers()
        handler.wfile.write(bomb)

    gazeta = fake_site({REGION: serve_bomb, KAZUZB: Page(article("K" * 5000), gzip=True)})
    config = make_config({"gazeta.uz": gazeta}, max_body_bytes=1024 * 1024)
    report = fetch_live(store, home, {"gazeta.uz"}, config=config, today=TODAY)
    assert report.sites["gazeta.uz"].faults["too_large"] == 1
    assert store.latest_for_url("https://www.gazeta.uz/ru/2017/03/22/region/") is None
    plain = store.latest_for_url("https://www.gazeta.uz/ru/2022/01/07/kaz-uzb/")
    assert store.read_body(plain) == article("K" * 5000), "gzip is decoded; the stored body is the page"
    assert "Content-Encoding" not in plain.headers


CHALLENGE = (
    b"<!DOCTYPE html><html><head><title>Just a moment...</title></head><body>"
    b"<div id='cf-challenge-running'>Verify you are human by completing the action below.</div>"
    b"<script>window._cf_chl_opt={};</script></body></html>"
)
LOGIN_FORM = (
    "<html><head><title>Вход в систему</title></head><body><form action='/login' method='post'>"
    "<input name='user'><input type='password' name='pass'></form></body></html>"
).encode()


def test_bot_challenge_and_login_wall_are_recorded_not_archived(fake_site, store, home):
    to_login = Page(b"", status=302, headers={"Location": "/account/login"})
    gazeta = fake_site({REGION: Page(CHALLENGE), KAZUZB: to_login})
    cf_403 = Page(CHALLENGE, status=403, headers={"cf-mitigated": "challenge"})
    lex = fake_site({LEX_RU: Page(LOGIN_FORM), LEX_UZ: cf_403})
    config = make_config({"gazeta.uz": gazeta, "lex.uz": lex})
    report = fetch_live(store, home, {"gazeta.uz", "lex.uz"}, config=config, today=TODAY)
    assert store.count() == 0, "neither a challenge nor a login wall is archived as a page"
    assert report.sites["gazeta.uz"].faults == {"bot_challenge": 1, "login_wall": 1}
    assert report.sites["lex.uz"].faults == {"login_wall": 1, "bot_challenge": 1}
    assert "/account/login" not in gazeta.paths()
    assert {a["details"]["site"] for a in fault_alerts(home)} == {"gazeta.uz", "lex.uz"}
    faults = FetchState(home.archive).fault_counts()
    assert faults == {"bot_challenge": 2, "login_wall": 2}


def test_a_partial_document_is_not_a_login_wall():
    page = (BUNDLED_MANIFEST.parent / "pages" / "ref04-online-zakon-kz-1014669.html").read_bytes()
    assert classify_page(200, page) is None
    assert classify_page(200, article("Каждый должен verify nothing")) is None


def test_hostile_feed_is_refused_and_recorded(fake_site, store, home):
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
        b"<rss><channel><item><title>&lol2;</title><link>https://www.gazeta.uz/x/</link></item></channel></rss>"
    )
    gazeta = fake_site({"/ru/rss/": Page(bomb), "/oz/rss/": Page(rss([]))})
    report = fetch_live(store, home, {"gazeta.uz"}, config=make_config({"gazeta.uz": gazeta}), today=TODAY)
    assert report.sites["gazeta.uz"].faults["bad_feed"] == 1
    assert "/x/" not in gazeta.paths()


def test_zakon_feed_that_is_not_json_is_recorded(fake_site, store, home):
    zakon = fake_site({"/api/all-news-ajax/?pn=1&pSize=50": Page(b"<html>oops</html>")})
    report = fetch_live(store, home, {"zakon.kz"}, config=make_config({"zakon.kz": zakon}), today=TODAY)
    assert report.sites["zakon.kz"].faults["bad_feed"] == 1
    assert json.loads(json.dumps(report.summary_lines()))


def test_no_network_at_all_finishes_with_every_site_stale(store, home):
    """KZUZ_MIRROR_ONLY with no mirror stands in for an absent network: nothing is contacted, nothing raises."""
    report = fetch_live(store, home, None, config=make_config({}), today=TODAY)
    assert store.count() == 0
    # every site with a cited page or a feed (adilet.zan.kz has neither yet)
    assert report.stale_sites == sorted(report.sites) and len(report.sites) == 11
    assert len(fault_alerts(home)) == 11
