"""The Comtrade live fetch against a local imitation of the API: keys, faults, politeness, vintages, archive first."""

from __future__ import annotations

import json
import time
from datetime import date
from urllib.parse import urlsplit

from pipelines.alerts import read_alerts
from pipelines.fetch.comtrade import SITE, ComtradeSettings, planned_queries
from pipelines.fetch.config import FetchConfig, Mirrors
from pipelines.fetch.live import fetch_live
from sources.comtrade.parser import parse
from tests.comtrade.fake_api import envelope, record, refusal
from tests.fetch.sites import Page

TODAY = date(2024, 5, 10)
KEY = "test-key-0123456789abcdef"
YEARS = ComtradeSettings(enabled=True, first_year=2019, last_year=2020, monthly=False)
RECORDS = [  # test data, not Comtrade figures
    record(398, 860, "X", "2019", 1898420000.0),
    record(398, 860, "M", "2019", 983600000.0),
    record(398, 860, "X", "2020", 2001750000.0),
    record(860, 398, "X", "2020", 997640000.0),
    record(860, 398, "M", "2020", 2061480000.0),
]


def config(api, rate: float = 0.05, **overrides) -> FetchConfig:
    values = dict(
        rates={SITE: rate},
        default_rate=rate,
        mirrors=Mirrors.parse(f"{SITE}={api.base}", only=True),
        connect_timeout=2.0,
        read_timeout=5.0,
        retries=2,
        backoff_factor=0.05,
        retry_after_cap=2.0,
    )
    values.update(overrides)
    return FetchConfig(**values)


def fetch(store, home, api, settings=YEARS, **overrides):
    return fetch_live(store, home, {SITE}, config=config(api, **overrides), today=TODAY, comtrade=settings)


def fault_alerts(home) -> list[dict]:
    return [a for a in read_alerts(home.alerts) if a["kind"] == "fetch_failure"]


def test_plan_asks_each_catalog_country_as_reporter_with_the_others_as_partners():
    plan = planned_queries(ComtradeSettings(enabled=True, first_year=2023, last_year=None), TODAY)
    urls = [q.url() for q in plan]
    assert urls == [
        "https://comtradeapi.un.org/data/v1/get/C/A/HS?reporterCode=398&period=2023&partnerCode=860&partner2Code=0"
        "&cmdCode=TOTAL&flowCode=M,X&customsCode=C00&motCode=0",
        "https://comtradeapi.un.org/data/v1/get/C/M/HS?reporterCode=398&period=202301,202302,202303,202304,202305,"
        "202306,202307,202308,202309,202310,202311,202312&partnerCode=860&partner2Code=0&cmdCode=TOTAL&flowCode=M,X"
        "&customsCode=C00&motCode=0",
        "https://comtradeapi.un.org/data/v1/get/C/M/HS?reporterCode=398&period=202401,202402,202403,202404"
        "&partnerCode=860&partner2Code=0&cmdCode=TOTAL&flowCode=M,X&customsCode=C00&motCode=0",
        "https://comtradeapi.un.org/data/v1/get/C/A/HS?reporterCode=860&period=2023&partnerCode=398&partner2Code=0"
        "&cmdCode=TOTAL&flowCode=M,X&customsCode=C00&motCode=0",
        "https://comtradeapi.un.org/data/v1/get/C/M/HS?reporterCode=860&period=202301,202302,202303,202304,202305,"
        "202306,202307,202308,202309,202310,202311,202312&partnerCode=398&partner2Code=0&cmdCode=TOTAL&flowCode=M,X"
        "&customsCode=C00&motCode=0",
        "https://comtradeapi.un.org/data/v1/get/C/M/HS?reporterCode=860&period=202401,202402,202403,202404"
        "&partnerCode=398&partner2Code=0&cmdCode=TOTAL&flowCode=M,X&customsCode=C00&motCode=0",
    ]


def test_off_unless_switched_on(fake_api, store, home):
    api = fake_api(RECORDS)
    assert ComtradeSettings.from_env({}).enabled is False
    report = fetch(store, home, api, settings=ComtradeSettings.from_env({"KZUZ_COMTRADE_KEY": KEY}))
    assert api.answered == [] and SITE not in report.sites and store.count() == 0
    assert ComtradeSettings.from_env({"KZUZ_COMTRADE": "on", "KZUZ_COMTRADE_YEARS": "2019-2020"}) == ComtradeSettings(
        enabled=True, first_year=2019, last_year=2020
    )


def test_keyless_run_asks_the_preview_and_archives_each_answer_before_reading(fake_api, store, home):
    api = fake_api(RECORDS)
    report = fetch(store, home, api)
    assert [urlsplit(p).path for p in api.api_paths()] == ["/public/v1/preview/C/A/HS"] * 2
    captures = list(store.captures())
    assert sorted(c.url for c in captures) == [
        "https://comtradeapi.un.org/public/v1/preview/C/A/HS?reporterCode=398&period=2019,2020&partnerCode=860"
        "&partner2Code=0&cmdCode=TOTAL&flowCode=M,X&customsCode=C00&motCode=0",
        "https://comtradeapi.un.org/public/v1/preview/C/A/HS?reporterCode=860&period=2019,2020&partnerCode=398"
        "&partner2Code=0&cmdCode=TOTAL&flowCode=M,X&customsCode=C00&motCode=0",
    ]
    by_reporter = {json.loads(store.read_body(c))["data"][0]["reporterCode"]: c for c in captures}
    parsed = parse(store.read_body(by_reporter[860]), by_reporter[860].url, by_reporter[860].fetched_at)
    assert [(r["flow_code"], r["period"], r["primary_value"]) for r in parsed.rows["comtrade_records"]] == [
        ("X", "2020", 997640000.0),
        ("M", "2020", 2061480000.0),
    ]
    assert report.sites[SITE].fetched == 2 and report.failed == 0 and not fault_alerts(home)


def test_the_key_travels_in_a_header_and_never_into_the_archive(fake_api, store, home):
    api = fake_api(RECORDS, keys={KEY})
    fetch(
        store,
        home,
        api,
        settings=ComtradeSettings(enabled=True, key=KEY, first_year=2019, last_year=2020, monthly=False),
    )
    assert [urlsplit(p).path for p in api.api_paths()] == ["/data/v1/get/C/A/HS"] * 2
    assert all(r.headers.get("Ocp-Apim-Subscription-Key") == KEY for r in api.requests if "/data/" in r.path)
    assert store.count() == 2
    for capture in store.captures():
        assert KEY not in capture.url and KEY not in json.dumps(capture.headers)
        assert KEY.encode() not in (home.archive / capture.warc_path).read_bytes()


def test_an_expired_key_is_reported_and_the_run_goes_on_keyless(fake_api, store, home):
    api = fake_api(RECORDS, expired_keys={KEY})
    report = fetch(
        store,
        home,
        api,
        settings=ComtradeSettings(enabled=True, key=KEY, first_year=2019, last_year=2020, monthly=False),
    )
    assert [(urlsplit(p).path, s) for p, s in api.answered] == [
        ("/data/v1/get/C/A/HS", 401),
        ("/public/v1/preview/C/A/HS", 200),
        ("/public/v1/preview/C/A/HS", 200),
    ]
    assert store.count() == 2 and all("/public/v1/preview/" in c.url for c in store.captures())
    summary = report.sites[SITE]
    assert summary.faults == {"key_refused": 1} and not summary.stale
    [alert] = fault_alerts(home)
    assert alert["severity"] == "warn" and "key_refused" in alert["summary"]
    assert "expired or invalid" in alert["details"]["examples"][0]["detail"]


def test_429_with_retry_after_is_waited_out(fake_api, store, home):
    api = fake_api(
        RECORDS, script=[refusal(429, "Rate limit is exceeded. Try again in 1 seconds.", {"Retry-After": "1"})]
    )
    report = fetch(store, home, api)
    first, second = [r.at for r in api.requests if "/preview/" in r.path][:2]
    assert second - first >= 0.95, "Retry-After: 1 was honoured"
    assert store.count() == 2 and report.failed == 0


def test_429_past_the_retries_ends_the_run_politely_with_an_alert(fake_api, store, home):
    too_many = refusal(429, "Out of call volume quota.", {"Retry-After": "0"})
    api = fake_api(RECORDS, script=[too_many] * 3)
    report = fetch(store, home, api)
    assert len(api.answered) == 3, "one try and two retries, then no other query is sent"
    summary = report.sites[SITE]
    assert summary.faults == {"rate_limited": 1} and summary.skipped == 1 and summary.stale
    assert store.count() == 0
    [alert] = fault_alerts(home)
    assert alert["severity"] == "error" and alert["details"]["stale"] is True


def test_5xx_is_retried_then_that_query_given_up_while_the_next_carries_on(fake_api, store, home):
    busy = Page(b"<html>Service Unavailable</html>", status=503)
    api = fake_api(RECORDS, script=[busy] * 3)
    report = fetch(store, home, api)
    assert [s for _, s in api.answered] == [503, 503, 503, 200]
    summary = report.sites[SITE]
    assert summary.faults == {"server_error": 1} and summary.fetched == 1 and not summary.stale
    assert store.count() == 1
    assert fault_alerts(home)[0]["details"]["faults"] == {"server_error": 1}


def test_an_empty_answer_is_archived_and_yields_no_records_and_no_error(fake_api, store, home):
    api = fake_api([])
    report = fetch(store, home, api)
    assert report.sites[SITE].fetched == 2 and store.count() == 2
    capture = next(iter(store.captures()))
    parsed = parse(store.read_body(capture), capture.url, capture.fetched_at)
    assert parsed.errors == [] and "comtrade_records" not in parsed.rows
    assert parsed.rows["documents"][0]["title"].startswith("UN Comtrade annual trade: no records for reporter")


def test_an_error_envelope_or_a_broken_body_is_recorded_not_archived(fake_api, store, home):
    error = Page(
        b'{"elapsedTime":"0.01 secs","count":0,"data":null,"error":"Invalid period"}', content_type="application/json"
    )
    broken = Page(b'{"elapsedTime":"0.01 secs","count":2,"data":[{"reporterCode":398', content_type="application/json")
    api = fake_api(RECORDS, script=[error, broken])
    report = fetch(store, home, api)
    assert report.sites[SITE].faults == {"bad_response": 2} and store.count() == 0
    details = [e["detail"] for e in fault_alerts(home)[0]["details"]["examples"]]
    assert "Invalid period" in details[0] and "not valid JSON" in details[1]


def test_same_records_are_not_a_new_vintage_and_a_revision_is(fake_api, store, home):
    api = fake_api(RECORDS)
    fetch(store, home, api)
    again = fetch(store, home, api)  # the envelope differs (elapsedTime) but the records do not
    assert again.sites[SITE].not_modified == 2 and store.count() == 2
    api.records = [dict(r, primaryValue=r["primaryValue"] + 1e6) if r["reporterCode"] == 860 else r for r in RECORDS]
    revised = fetch(store, home, api)
    assert revised.sites[SITE].fetched == 1 and store.count() == 3
    urls = [c.url for c in store.captures()]
    assert len(set(urls)) == 2, "the revision is a new capture (vintage) of the same URL"


def test_requests_keep_the_rate_the_api_allows(fake_api, store, home):
    api = fake_api(RECORDS, min_interval=0.25)
    settings = ComtradeSettings(enabled=True, first_year=2019, last_year=2020, monthly=True)
    started = time.monotonic()
    fetch(store, home, api, settings=settings, rate=0.3)
    statuses = [s for _, s in api.answered]
    assert len(statuses) == 6 and set(statuses) == {200}, "never faster than the API's limit: no 429"
    arrivals = [r.at for r in api.requests if "/preview/" in r.path]
    assert min(b - a for a, b in zip(arrivals, arrivals[1:], strict=False)) >= 0.29
    assert time.monotonic() - started >= 5 * 0.3


def test_envelope_helper_is_comtrade_layout():
    body = json.loads(envelope([record(398, 860, "X", "2020", 1.0)]))
    assert set(body) == {"elapsedTime", "count", "data", "error"} and body["count"] == 1


def test_api_unreachable_finishes_stale_with_an_alert_and_keeps_the_archive(fake_api, store, home):
    api = fake_api(RECORDS)
    fetch(store, home, api)
    api.close()  # the API goes away: connections are refused from now on
    report = fetch(store, home, api)
    summary = report.sites[SITE]
    assert summary.faults == {"unreachable": 1} and summary.skipped == 1 and summary.stale
    assert store.count() == 2, "the earlier answers stay"
    assert [a["details"]["stale"] for a in fault_alerts(home)] == [True]
