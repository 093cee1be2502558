"""The discovery sensor requests a refresh only for a new relevant feed item (a local imitation of the feeds);
the freshness sensor alerts once when a mart is older than its policy."""

from __future__ import annotations

import json

import dagster as dg
import pytest

from pipelines.defs.areas import freshness_sensor
from pipelines.defs.areas.discovery_sensor import build_discovery_sensor
from pipelines.defs.areas.freshness_sensor import build_freshness_sensor
from pipelines.fetch import FetchState
from pipelines.home import KzuzHome
from tests.fetch.sites import FakeSite, Page, mirror_spec, rss

G = "https://www.gazeta.uz"


@pytest.fixture
def sites(monkeypatch):
    servers = {site: FakeSite() for site in ("gazeta.uz", "lex.uz", "zakon.kz")}
    monkeypatch.setenv("KZUZ_MIRROR", mirror_spec(servers))
    monkeypatch.setenv("KZUZ_MIRROR_ONLY", "1")
    monkeypatch.setenv("KZUZ_RATE", "0.01")
    monkeypatch.delenv("KZUZ_OFFLINE", raising=False)
    yield servers
    for server in servers.values():
        server.close()


def _tick(sensor, cursor):
    context = dg.build_sensor_context(cursor=cursor)
    result = sensor.evaluate_tick(context)
    return result, result.cursor


def test_discovery_sensor_requests_a_run_only_for_a_new_relevant_item(sites, tmp_path):
    home = KzuzHome(tmp_path / "home").ensure()
    sensor = build_discovery_sensor(str(home.root))
    feed = sites["gazeta.uz"].routes
    feed["/ru/rss/"] = Page(
        rss([(f"{G}/ru/2026/03/02/cotton/", "Урожай хлопка", "Mon, 02 Mar 2026 09:00:00 +0500")]),
        content_type="application/rss+xml",
    )

    result, cursor = _tick(sensor, None)
    assert not result.run_requests, "an irrelevant item requests nothing"
    assert json.loads(cursor)["new"] == 0

    feed["/ru/rss/"] = Page(
        rss(
            [
                (f"{G}/ru/2026/03/02/cotton/", "Урожай хлопка", "Mon, 02 Mar 2026 09:00:00 +0500"),
                (f"{G}/ru/2026/03/02/astana/", "Мирзиёев прибыл в Казахстан", "Mon, 02 Mar 2026 10:00:00 +0500"),
            ]
        ),
        content_type="application/rss+xml",
    )
    result, cursor = _tick(sensor, cursor)
    assert len(result.run_requests) == 1
    request = result.run_requests[0]
    assert request.job_name in (None, "refresh") and request.tags["kzuz/new_items"] == "1"
    assert request.run_key.startswith("discovery-")
    pending = [i.url for i in FetchState(home.archive).pending_items("gazeta.uz")]
    assert pending == [f"{G}/ru/2026/03/02/astana/"], "the refresh it requests will fetch exactly the new item"
    assert any(r.path == "/ru/rss/" for r in sites["gazeta.uz"].requests)

    result, cursor = _tick(sensor, cursor)
    assert not result.run_requests, "an item seen before is not new"
    assert json.loads(cursor)["seen_total"] == 1


def test_discovery_sensor_skips_offline(monkeypatch, tmp_path):
    monkeypatch.setenv("KZUZ_OFFLINE", "1")
    result, _ = _tick(build_discovery_sensor(str(tmp_path / "home")), None)
    assert not result.run_requests and "offline" in result.skip_message


def test_freshness_sensor_alerts_once_when_a_mart_is_older_than_its_policy(tmp_path, monkeypatch):
    home = KzuzHome(tmp_path / "home").ensure()
    instance = dg.DagsterInstance.ephemeral()
    instance.report_runless_asset_event(dg.AssetMaterialization("fct_trade_flows"))
    sensor = build_freshness_sensor(str(home.root))
    fresh = instance.get_latest_materialization_event(dg.AssetKey("fct_trade_flows")).timestamp

    def tick(cursor, hours_later):
        monkeypatch.setattr(freshness_sensor, "_now", lambda: fresh + hours_later * 3600)
        result = sensor.evaluate_tick(dg.build_sensor_context(instance=instance, cursor=cursor))
        return result, result.cursor

    _result, cursor = tick(None, 2)
    assert not home.alerts.exists(), "two hours old is fresh"
    _result, cursor = tick(cursor, 31)
    alerts = [json.loads(line) for line in home.alerts.read_text().splitlines()]
    assert len(alerts) == 1 and alerts[0]["kind"] == "stale_mart" and "fct_trade_flows" in alerts[0]["summary"]
    tick(cursor, 32)
    assert len(home.alerts.read_text().splitlines()) == 1, "one alert per stale episode"


def test_a_no_op_refresh_keeps_the_marts_fresh(tmp_path, monkeypatch):
    """A refresh that found nothing changed rebuilds nothing, but it verified the marts current: its
    observation on `warehouse` counts as fresh (pipelines/defs/assets.py, raw_tables)."""
    home = KzuzHome(tmp_path / "home").ensure()
    instance = dg.DagsterInstance.ephemeral()
    assert freshness_sensor.verified_at(instance) == 0.0
    instance.report_runless_asset_event(dg.AssetMaterialization("fct_trade_flows"))
    built = instance.get_latest_materialization_event(dg.AssetKey("fct_trade_flows")).timestamp
    instance.report_runless_asset_event(dg.AssetObservation("warehouse", metadata={"unchanged": True}))
    assert freshness_sensor.verified_at(instance) >= built, "the no-op's observation is read back"
    sensor = build_freshness_sensor(str(home.root))
    # the event log stamps events with the wall clock, so place the verification 20 h after the build
    monkeypatch.setattr(freshness_sensor, "verified_at", lambda _instance: built + 20 * 3600)
    monkeypatch.setattr(freshness_sensor, "_now", lambda: built + 31 * 3600)
    sensor.evaluate_tick(dg.build_sensor_context(instance=instance))
    assert not home.alerts.exists(), "built 31 h ago, but verified current 11 h ago"
    monkeypatch.setattr(freshness_sensor, "_now", lambda: built + 51 * 3600)
    sensor.evaluate_tick(dg.build_sensor_context(instance=instance))
    assert "stale_mart" in home.alerts.read_text(), "31 h after the last verification it is stale"
