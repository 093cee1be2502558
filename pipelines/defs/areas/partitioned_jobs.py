"""Partitioned jobs: re-run one site (fetch + re-parse its captures), backfill gazeta.uz weekly sitemaps by week.

Decision: the asset graph stays unpartitioned. The warehouse is one DuckDB file built whole (NEXT, then an
atomic rename), so a "site partition" of the marts cannot be materialised on its own, and a partitioned asset
in the graph would make the CLI's `refresh` job (every asset) a partitioned job. Instead:
- `refresh_site` is the refresh job with a static partition per catalog site: its run config fetches only
  that site and ignores the parse ledger for that site's captures; other sites' parse results are reused.
  A site can be re-run, or several backfilled, from the job's Partitions tab.
- `gazeta_sitemap_backfill` is an archive-only job with one weekly partition per ISO week (keyed by its
  Monday, as gazeta.uz names its archive maps): it walks that week's maps in every language through
  pipelines.fetch.live.backfill (resumable, polite; a week read whole is remembered). A date range is a
  backfill in the UI; the next refresh (schedule, sensor or `kzuz refresh --offline`) parses what it archived.
"""

import os
from datetime import date, timedelta

import dagster as dg

from pipelines.defs.resources import KzuzSettings
from sources.catalog import load_catalog

BACKFILL_SITE = "gazeta.uz"


def site_partitions() -> dg.StaticPartitionsDefinition:
    """One partition per catalog site."""
    return dg.StaticPartitionsDefinition(sorted(load_catalog().sites))


def site_run_config(site: str) -> dict:
    """The run config that fetches only ``site`` and re-parses only its captures."""
    return {
        "ops": {"archive_captures": {"config": {"sites": [site]}}, "raw_tables": {"config": {"reparse_sites": [site]}}}
    }


def gazeta_weeks() -> dg.WeeklyPartitionsDefinition:
    """ISO weeks (Monday to Sunday, Tashkent time) from KZUZ_BACKFILL_START's week; the current week included."""
    start = date.fromisoformat(os.environ.get("KZUZ_BACKFILL_START") or "2017-01-02")
    monday = start - timedelta(days=start.weekday())
    return dg.WeeklyPartitionsDefinition(
        start_date=monday.isoformat(), day_offset=1, timezone="Asia/Tashkent", end_offset=1
    )


@dg.op(description="Walk one ISO week's gazeta.uz weekly sitemaps (and feeds) into the archive.")
def fetch_gazeta_week(context: dg.OpExecutionContext, settings: KzuzSettings) -> dg.Output:
    """Fetch one ISO week of gazeta.uz sitemaps (the partition's Monday) into the archive."""
    from pipelines.fetch.live import backfill  # noqa: PLC0415 - the HTTP stack loads only when used
    from sources.archive import ArchiveStore  # noqa: PLC0415

    monday = date.fromisoformat(context.partition_key)
    home = settings.paths
    report = backfill(ArchiveStore(home.archive), home, monday, monday + timedelta(days=6), site=BACKFILL_SITE)
    for line in report.summary_lines():
        context.log.info(line)
    return dg.Output(None, metadata={"week": monday.isoformat(), "fetched": report.fetched, "failed": report.failed})


def build_partitioned_jobs() -> dg.Definitions:
    """`refresh_site` (a static partition per catalog site) and `gazeta_sitemap_backfill` (one per ISO week)."""
    sites = site_partitions()

    @dg.static_partitioned_config(partition_keys=sites.get_partition_keys())
    def per_site(partition_key: str) -> dict:
        return site_run_config(partition_key)

    refresh_site = dg.define_asset_job(
        "refresh_site",
        selection=dg.AssetSelection.all(include_sources=False),
        config=per_site,
        tags={"kzuz/trigger": "site_partition"},
        description="Refresh with one site re-fetched and its captures re-parsed; the other sites are reused.",
    )

    @dg.job(
        partitions_def=gazeta_weeks(),
        tags={"kzuz/trigger": "gazeta_backfill"},
        description="Archive-only backfill of gazeta.uz weekly sitemaps, one partition per ISO week.",
    )
    def gazeta_sitemap_backfill():
        fetch_gazeta_week()

    return dg.Definitions(jobs=[refresh_site, gazeta_sitemap_backfill])


defs = build_partitioned_jobs()
