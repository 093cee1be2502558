"""Freshness alerts: a sensor that writes an alert (pipelines.alerts.write_alert) when a mart is older than
its freshness policy.

The policies themselves sit on the assets (pipelines/defs/assets.py: every model of models/marts/ and the
`warehouse` asset), so the UI shows each mart's freshness state (Dagster's freshness daemon evaluates them).
Open-source Dagster raises no alert for a failing policy, so this sensor does: every 15 minutes it reads
each policed asset's latest materialisation from the instance (or the later time a no-op refresh verified
the warehouse current), and alerts once per stale episode (the
cursor remembers which materialisation it already alerted about).
"""

import json
import time

import dagster as dg

from pipelines.alerts import Alert, write_alert
from pipelines.defs.areas.schedules import sensor_status
from pipelines.defs.resources import default_home
from pipelines.home import KzuzHome


def _now() -> float:
    return time.time()


def policed_assets(repository: dg.RepositoryDefinition | None) -> dict[dg.AssetKey, float]:
    """Asset key -> fail window in seconds, for every asset with a time-window freshness policy."""
    if repository is None:
        from pipelines.defs.assets import MART_FRESHNESS, MART_KEYS  # noqa: PLC0415

        fail = MART_FRESHNESS.fail_window.to_timedelta().total_seconds()
        return {key: fail for key in [*MART_KEYS, dg.AssetKey("warehouse")]}
    policed = {}
    for node in repository.asset_graph.asset_nodes:
        window = getattr(node.freshness_policy, "fail_window", None)
        if window is not None:
            policed[node.key] = window.to_timedelta().total_seconds()
    return policed


def verified_at(instance: dg.DagsterInstance) -> float:
    """When a refresh last found every input unchanged and so kept the warehouse as it was (its observation
    on the `warehouse` asset, pipelines/defs/assets.py): the marts were current then, though not rebuilt.
    """
    records = instance.fetch_observations(dg.AssetKey("warehouse"), limit=1).records
    return records[0].timestamp if records else 0.0


def stale_assets(instance: dg.DagsterInstance, policed: dict[dg.AssetKey, float], now: float) -> dict[str, dict]:
    """Assets whose latest materialisation (or verification by a no-op refresh) is older than their fail
    window (never-materialised ones are unknown, not stale).
    """
    stale = {}
    verified = verified_at(instance)
    for key, fail_seconds in sorted(policed.items(), key=lambda kv: kv[0].to_user_string()):
        event = instance.get_latest_materialization_event(key)
        if event is None:
            continue
        current_at = max(event.timestamp, verified)
        age = now - current_at
        if age > fail_seconds:
            stale[key.to_user_string()] = {
                "materialized_at": current_at,
                "age_hours": round(age / 3600, 1),
                "policy_hours": round(fail_seconds / 3600, 1),
            }
    return stale


def build_freshness_sensor(home: str) -> dg.SensorDefinition:
    """The sensor that writes a stale_mart alert into ``home``'s alerts, once per stale episode."""

    @dg.sensor(
        name="mart_freshness_alerts",
        minimum_interval_seconds=15 * 60,
        default_status=sensor_status(),
        description="Writes an alert when a mart is older than its freshness policy (once per stale episode).",
    )
    def mart_freshness_alerts(context: dg.SensorEvaluationContext):
        repository = getattr(context, "repository_def", None)
        stale = stale_assets(context.instance, policed_assets(repository), _now())
        alerted = json.loads(context.cursor) if context.cursor else {}
        fresh_news = {k: v for k, v in stale.items() if alerted.get(k) != v["materialized_at"]}
        context.update_cursor(json.dumps({k: v["materialized_at"] for k, v in stale.items()}))
        if not fresh_news:
            return dg.SkipReason(f"{len(stale)} stale asset(s), none newly stale" if stale else "all fresh")
        names = ", ".join(f"{k} ({v['age_hours']} h > {v['policy_hours']} h)" for k, v in fresh_news.items())
        write_alert(
            KzuzHome.resolve(home).alerts,
            Alert(
                kind="stale_mart",
                severity="error",
                summary=f"older than their freshness policy: {names}",
                details={"assets": fresh_news},
            ),
        )
        context.log.warning(f"alert: stale marts {names}")
        return dg.SkipReason(f"alerted: {names}")

    return mart_freshness_alerts


defs = dg.Definitions(sensors=[build_freshness_sensor(default_home())])
