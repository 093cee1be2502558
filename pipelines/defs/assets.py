"""Assets from raw captures to the promoted warehouse: archive -> raw tables -> dbt marts -> promotion.

Run-level options (all optional, so the CLI's plain `refresh` run needs no config): `archive_captures`
takes `sites` (fetch only these), `raw_tables` takes `reparse` / `reparse_sites` (ignore the parse ledger);
the schedules and the per-site job of pipelines/defs/areas/schedules.py set them.
"""

import contextlib
import os
from collections import Counter
from datetime import timedelta

import dagster as dg
import duckdb
from dagster_dbt import DagsterDbtTranslator, DagsterDbtTranslatorSettings, DbtCliResource, dbt_assets

from pipelines import fingerprint, progress
from pipelines.alerts import Alert, write_alert
from pipelines.dbt_failures import failed_nodes
from pipelines.defs.resources import WRITER_POOL, KzuzSettings, dbt_project
from pipelines.fingerprint import UNCHANGED, inputs_unchanged
from pipelines.load import (
    full_rebuild_recorded,
    load_catalog_tables,
    parse_and_load,
    record_refresh_scope,
    snapshot_captures,
)
from pipelines.project import BUNDLED_MANIFEST
from pipelines.refresh_lock import hold_refresh_lock, release_refresh_lock
from pipelines.warehouse import ALL_RAW_SCHEMAS, prepare_next, promote, writer_config
from sources.archive import ArchiveStore, import_manifest

MART_KEYS = [
    dg.AssetKey(name)
    for name in (
        "dim_documents",
        "fct_trade_flows",
        "fct_legal_acts",
        "fct_legal_act_articles",
        "fct_indicators",
        "fct_events",
        "dim_countries",
        "dim_sites",
        "parse_errors",
        "fct_legal_act_relations",
        "mart_trade_mirror",
        "mart_trade_targets",
        "mart_news_vs_official",
    )
]


def _mart_freshness() -> dg.FreshnessPolicy:
    """Marts are refreshed daily (06:00 Asia/Tashkent): warn after 26 h, fail after KZUZ_MART_FRESHNESS_HOURS
    (default 30 h). The UI shows the state; pipelines/defs/areas/schedules.py alerts on a failed one.
    """
    fail = timedelta(hours=float(os.environ.get("KZUZ_MART_FRESHNESS_HOURS") or 30))
    warn = timedelta(hours=26) if fail > timedelta(hours=26) else None
    return dg.FreshnessPolicy.time_window(fail_window=fail, warn_window=warn)


MART_FRESHNESS = _mart_freshness()


class CaptureConfig(dg.Config):
    """Which sites a run fetches."""

    sites: list[str] = []  # fetch only these sites (a site partition); empty = the resource's `only`, else all


class ParseConfig(dg.Config):
    """What a run re-parses, and whether it builds when no input changed."""

    reparse: bool = False  # ignore the parse ledger: re-parse every capture (weekly full re-parse)
    reparse_sites: list[str] = []  # ignore it for these sites' captures only
    rebuild: bool = False  # build dbt, checks and promotion even when no input changed (`kzuz refresh --rebuild`)


@dg.asset(group_name="archive", description="Raw captures: the bundled archive, plus live fetches when online.")
def archive_captures(
    context: dg.AssetExecutionContext, config: CaptureConfig, settings: KzuzSettings
) -> dg.MaterializeResult:
    """Import the bundled archive and, unless offline, fetch the sites into the archive."""
    home = settings.paths
    # no-op under the CLI, which holds the lock already; a daemon run takes it and cleans up dead runs
    hold_refresh_lock(home, context.log.warning, context.instance, context.run_id)
    store = ArchiveStore(home.archive)
    progress.report("archive", "importing the bundled archive")
    report = import_manifest(store, BUNDLED_MANIFEST)
    for line in report.failed:
        context.log.error(line)
    new = len(report.new)
    stale: list[str] = []
    if not settings.offline:
        from pipelines.fetch.live import fetch_live  # noqa: PLC0415 - optional heavy import

        fetched = fetch_live(store, home, set(config.sites) or set(settings.only) or None)
        for line in fetched.summary_lines():
            context.log.info(line)
            progress.report("fetch", line)
        new += len(fetched.new_capture_ids)
        stale = sorted(fetched.stale_sites)
    progress.report("archive", f"{new} new capture(s), {store.count()} in the archive")
    return dg.MaterializeResult(
        metadata={
            "new_captures": new,
            "unchanged": len(report.unchanged),
            "captures_total": store.count(),
            "import_failures": len(report.failed),
            "stale_sites": ", ".join(stale) or "none",
        }
    )


@dg.multi_asset(
    specs=[
        dg.AssetSpec(["raw", name], deps=[archive_captures], group_name="raw", skippable=True)
        for name in ALL_RAW_SCHEMAS
    ],
    pool=WRITER_POOL,
    description="Parse new captures (pure parsers) and bulk-load the rows into the NEXT warehouse. When no input "
    "changed since the current warehouse was built, nothing is materialised and the steps after it are skipped.",
)
def raw_tables(context: dg.AssetExecutionContext, config: ParseConfig, settings: KzuzSettings):
    """Parse the captures the ledger has not seen (or all, on a re-parse) into the raw tables of NEXT."""
    home = settings.paths
    store = ArchiveStore(home.archive)
    force = config.reparse or settings.reparse
    inputs, tables = fingerprint.current_inputs(store)
    if not (force or config.reparse_sites or config.rebuild) and inputs_unchanged(home, store, inputs):
        progress.report("unchanged", UNCHANGED)
        context.log.info(UNCHANGED)
        # Say on the warehouse asset that it was verified current: the freshness sensor counts it.
        context.log_event(dg.AssetObservation(asset_key=dg.AssetKey("warehouse"), metadata=inputs.observation()))
        release_refresh_lock(home)
        return
    nxt = prepare_next(home, on_stale=context.log.warning)
    if force or config.reparse_sites:
        context.log.info(f"re-parsing {'every capture' if force else ', '.join(config.reparse_sites)}")
    with duckdb.connect(str(nxt), config=writer_config()) as con:
        previous = fingerprint.stored(con)
        snapshot_captures(con)
        report = parse_and_load(
            con,
            store,
            lambda done, total: progress.report("parse", "parsing captures", done, total),
            force=force,
            force_sites=config.reparse_sites,
        )
        load_catalog_tables(con, store, tables)
        # dbt builds incrementally (the URLs that gained a capture) unless the code that makes the marts
        # changed, captures were re-parsed, or the user asked for a rebuild: then everything is rebuilt.
        full = bool(force or config.reparse_sites or config.rebuild or report.reparsed_stale)
        full = full or previous is None or previous.code_sha256 != inputs.code_sha256
        changed = record_refresh_scope(con, report.parsed_urls, full=full)
        context.log.info(f"dbt build: {'full' if full else f'incremental, {changed} changed URL(s)'}")
        fingerprint.record(con, inputs)
        counts = {name: con.execute(f"select count(*) from raw.{name}").fetchone()[0] for name in ALL_RAW_SCHEMAS}
    for err in report.errors:
        context.log.warning(f"parse error [{err['error_kind']}] {err['source_url']}: {err['message']}")
        # A page that cannot be read is noted in alerts.jsonl; the channels (webhook, mail) hear about a
        # layout change once, as the site's parser-yield drop, not once per broken page.
        write_alert(
            home.alerts,
            Alert(
                kind="parse_error",
                summary=f"{err['site']}: {err['message']}",
                run_id=context.run_id,
                details={"source_url": err["source_url"], "error_kind": err["error_kind"]},
            ),
        )
    progress.report("parse", f"{report.parsed} parsed, {report.reused} reused, {len(report.errors)} parse error(s)")
    errors = [{k: e[k] for k in ("source_url", "site", "error_kind", "message")} for e in report.errors]
    for name in ALL_RAW_SCHEMAS:
        metadata = {"rows": counts[name], "new_rows": report.rows.get(name, 0)}
        if name == "parse_errors":
            metadata["parse_errors"] = dg.MetadataValue.json(errors)
        yield dg.MaterializeResult(asset_key=["raw", name], metadata=metadata)


# dbt tests still run inside `dbt build` and fail the step (so promotion stops). They are not mirrored as
# Dagster checks, and a passing test is not recorded as an observation either: dagster-dbt would write one
# per test to the event log (~50 ms each, ~25 s of a refresh for ~480 tests; bench/README.md). A test that
# fails, warns or errors is still recorded on the model it tests.
DBT_LAYERS = ("staging", "intermediate", "marts")


class KzuzDbtTranslator(DagsterDbtTranslator):
    """dbt models as assets grouped by layer (staging, intermediate, marts: the folder under models/); the
    marts carry the freshness policy shown in the UI.
    """

    def get_asset_spec(self, manifest, unique_id, project):
        """The dbt model's asset spec, grouped by its layer; a mart's carries the freshness policy."""
        spec = super().get_asset_spec(manifest, unique_id, project)
        node = manifest["nodes"].get(unique_id, {})
        layer = next((part for part in node.get("fqn", []) if part in DBT_LAYERS), None)
        if layer is not None:
            spec = spec.replace_attributes(group_name=layer)
        if node.get("resource_type") == "model" and layer == "marts":
            spec = dg.apply_freshness_policy(spec, MART_FRESHNESS)
        return spec


TRANSLATOR = KzuzDbtTranslator(settings=DagsterDbtTranslatorSettings(enable_asset_checks=False))


@dbt_assets(
    manifest=dbt_project.manifest_path, project=dbt_project, pool=WRITER_POOL, dagster_dbt_translator=TRANSLATOR
)
def dbt_models(context: dg.AssetExecutionContext, dbt: DbtCliResource, settings: KzuzSettings):
    """`dbt build` into NEXT (models and tests), its log to HOME/logs; a failure names its tests, models and pages."""
    os.environ["KZUZ_WAREHOUSE_PATH"] = str(settings.paths.next_warehouse)
    total = len(context.selected_asset_keys)
    progress.report("dbt", "dbt build (staging -> intermediate -> marts, with tests)", 0, total)
    built = 0
    tests: dict[str, str] = {}  # unique_id -> status (a test of two models is observed on each)
    # dbt's own log (one line per model and test, ~700 a build) goes to a file, not to the terminal
    log_path = settings.paths.root / "logs" / f"dbt-{context.run_id[:8]}.log"
    log_path.parent.mkdir(parents=True, exist_ok=True)
    with duckdb.connect(str(settings.paths.next_warehouse), read_only=True) as con:
        args = ["build", "--full-refresh"] if full_rebuild_recorded(con) else ["build"]
    invocation = dbt.cli(args, context=context, target_path=settings.paths.dbt_target, raise_on_error=False)
    with open(log_path, "w", encoding="utf-8") as log, contextlib.redirect_stdout(log):
        for event in invocation.stream():
            if isinstance(event, dg.Output | dg.AssetMaterialization):
                built += 1
                progress.report("dbt", "dbt build (staging -> intermediate -> marts, with tests)", built, total)
            status = _test_status(event)
            if status is not None:
                tests[str(event.metadata["unique_id"].value)] = status
                if status == "pass":
                    continue
            yield event
    context.log.info(f"dbt's log: {log_path}")
    tally = Counter(tests.values())
    context.log.info("dbt tests: " + (", ".join(f"{n} {s}" for s, n in sorted(tally.items())) or "none ran"))
    if not invocation.is_successful():
        raise _dbt_failure(settings.paths)
    progress.report("checks", "expectation suites on the marts")


def _dbt_failure(home) -> dg.Failure:
    """The failed build as dbt itself reports it: each failed test or model, its model, rows and pages."""
    failures = [f.as_dict() for f in failed_nodes(home.dbt_target, home.next_warehouse)]
    lines = [f["line"] for f in failures] or [f"dbt build failed; its log is in {home.dbt_target}"]
    return dg.Failure(
        description="dbt build failed: " + "; ".join(lines),
        metadata={"failures": dg.MetadataValue.json(failures)},
    )


def _test_status(event) -> str | None:
    """The dbt status ("pass", "fail", "warn", "error", ...) of a test's observation; None for other events."""
    if not isinstance(event, dg.AssetObservation):
        return None
    unique_id = event.metadata.get("unique_id")
    status = event.metadata.get("status")
    if unique_id is None or status is None or not str(unique_id.value).startswith("test."):
        return None
    return str(status.value)


@dg.asset(
    deps=MART_KEYS,
    group_name="warehouse",
    pool=WRITER_POOL,
    freshness_policy=MART_FRESHNESS,
    description="Promote the NEXT warehouse over the current one (atomic rename) once blocking checks passed.",
)
def warehouse(settings: KzuzSettings) -> dg.MaterializeResult:
    """Promote NEXT to the current warehouse (atomic rename) and release the refresh lock."""
    home = settings.paths
    promote(home)
    release_refresh_lock(home)
    progress.report("promote", f"promoted {home.warehouse}")
    return dg.MaterializeResult(metadata={"path": str(home.warehouse)})
