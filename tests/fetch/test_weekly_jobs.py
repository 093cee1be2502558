"""The Dagster side of the weekly maps: the backfill job's partitions are ISO weeks and one run walks its
week's maps; the discovery sensor reads the maps of the weeks holding yesterday and today."""

from __future__ import annotations

import os
import subprocess
from datetime import date, datetime, timedelta

import dagster as dg

from pipelines.defs.areas import partitioned_jobs
from pipelines.defs.areas.discovery_sensor import TASHKENT, build_discovery_sensor
from pipelines.defs.resources import KzuzSettings
from pipelines.fetch import FetchState
from pipelines.home import KzuzHome
from sources.archive.store import ArchiveStore
from sources.discovery import week_start
from tests.conftest import KZUZ
from tests.fetch.sites import GazetaImitation, Imitations, Story


def test_backfill_partitions_are_iso_weeks_keyed_by_monday(monkeypatch):
    monkeypatch.setenv("KZUZ_BACKFILL_START", "2024-05-09")  # a Thursday: its week's Monday is the first key
    keys = partitioned_jobs.gazeta_weeks().get_partition_keys(current_time=datetime(2024, 5, 29, 12))
    assert keys[:3] == ["2024-05-06", "2024-05-13", "2024-05-20"]
    assert all(date.fromisoformat(k).weekday() == 0 for k in keys)
    assert keys[-1] == "2024-05-27", "the current week is a partition too (its map still grows)"


def test_one_partition_run_walks_its_weeks_maps_and_remembers_the_week(monkeypatch, tmp_path):
    gazeta = GazetaImitation(
        [
            Story("ru", date(2024, 5, 9), "uzbekistan-kazakhstan-gas", "Узбекистан и Казахстан обсудили газ"),
            Story("uz", date(2024, 5, 12), "qozogiston-temir-yol", "Қозоғистон билан темир йўл қурилади"),
            Story("ru", date(2024, 5, 14), "kazakhstan-next-week", "Казахстан: новости следующей недели"),
        ]
    )
    try:
        for key, value in Imitations(gazeta).env(rate=0.01).items():
            monkeypatch.setenv(key, value)
        home = KzuzHome(tmp_path / "home").ensure()
        defs = dg.Definitions.merge(
            partitioned_jobs.defs,
            dg.Definitions(resources={"settings": KzuzSettings(home=str(home.root))}),
        )
        run = defs.resolve_job_def("gazeta_sitemap_backfill").execute_in_process(partition_key="2024-05-06")
        assert run.success
        maps = sorted(p for p in gazeta.server.paths() if p.startswith("/sitemap/materials-"))
        assert maps == [f"/sitemap/materials-{lang}-2024-05-06.xml" for lang in ("en", "oz", "ru", "uz")]
        assert {c.url for c in ArchiveStore(home.archive).captures()} == {
            "https://www.gazeta.uz/ru/2024/05/09/uzbekistan-kazakhstan-gas/",
            "https://www.gazeta.uz/uz/2024/05/12/qozogiston-temir-yol/",
        }, "the next week's story waits for its own partition"
        state = FetchState(home.archive)
        assert all(
            state.completed_weeks(f"gazeta.uz/sitemap-{lang}") == {date(2024, 5, 6)} for lang in "ru oz uz en".split()
        )
    finally:
        gazeta.close()


def test_the_discovery_sensor_reads_the_weekly_maps_of_yesterday_and_today(monkeypatch, tmp_path):
    today = datetime.now(TASHKENT).date()
    gazeta = GazetaImitation(
        [Story("en", today, "kazakhstan-uzbekistan-accord", "Kazakhstan and Uzbekistan sign an accord")]
    )
    try:
        for key, value in Imitations(gazeta).env(rate=0.01).items():
            monkeypatch.setenv(key, value)
        monkeypatch.delenv("KZUZ_OFFLINE", raising=False)
        home = KzuzHome(tmp_path / "home").ensure()
        sensor = build_discovery_sensor(str(home.root))
        result = sensor.evaluate_tick(dg.build_sensor_context(cursor=None))
        assert len(result.run_requests) == 1
        weeks = sorted({week_start(today - timedelta(days=1)), week_start(today)})
        maps = [p for p in gazeta.server.paths() if p.startswith("/sitemap/materials-en-")]
        assert maps == [f"/sitemap/materials-en-{w.isoformat()}.xml" for w in weeks]
        assert "/sitemap/google-news-ru.xml" in gazeta.server.paths()
        pending = [i.url for i in FetchState(home.archive).pending_items("gazeta.uz")]
        assert pending == [f"https://www.gazeta.uz/en/{today:%Y/%m/%d}/kazakhstan-uzbekistan-accord/"]
    finally:
        gazeta.close()


def test_kzuz_backfill_walks_weekly_maps(tmp_path):
    gazeta = GazetaImitation(
        [Story("oz", date(2024, 5, 16), "qozogiston-bilan-suv", "Qozog‘iston bilan suv bo‘yicha kelishuv")]
    )
    try:
        env = {**os.environ, **Imitations(gazeta).env(rate=0.01), "KZUZ_HOME": str(tmp_path / "home")}
        command = [KZUZ, "backfill", "--since", "2024-05-16", "--until", "2024-05-19", "--site", "gazeta.uz"]
        done = subprocess.run([*command, "--no-refresh"], env=env, capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stderr
        maps = sorted(p for p in gazeta.server.paths() if p.startswith("/sitemap/materials-"))
        assert maps == [f"/sitemap/materials-{lang}-2024-05-13.xml" for lang in ("en", "oz", "ru", "uz")]
        assert "gazeta.uz: queued 1, fetched 1" in done.stderr
    finally:
        gazeta.close()
