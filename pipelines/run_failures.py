"""Why a refresh run did not promote, read from its Dagster events: blocking checks, dbt nodes, failed steps.

Used by the CLI (`kzuz refresh`) and by the run-failure sensor of daemon runs, so both say the same thing:
each failing check or dbt test by name, its model, the number of failing rows and up to five pages behind
them, never a cut-off exception text.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

MAX_URLS = 5


def metadata_value(entry: Any) -> Any:
    """The plain value of a Dagster metadata entry (or the entry itself when it is plain already)."""
    return getattr(entry, "value", getattr(entry, "data", entry))


def blocking_check_failures(evaluations: Iterable[Any]) -> list[dict]:
    """Failed asset checks whose expectation blocks promotion (severity metadata 'blocking')."""
    failures = []
    for evaluation in evaluations:
        meta = {k: metadata_value(v) for k, v in evaluation.metadata.items()}
        if evaluation.passed or meta.get("severity") != "blocking":
            continue
        model = evaluation.asset_key.to_user_string()
        rows = meta.get("unexpected_count")
        urls = list(meta.get("source_urls") or [])[:MAX_URLS]
        detail = f"{rows} failing row(s)" if rows else (meta.get("error") or f"observed {meta.get('observed_value')}")
        pages = f"; pages: {', '.join(urls)}" if urls else ""
        failures.append(
            {
                "kind": "check",
                "name": evaluation.check_name,
                "model": model,
                "failing_rows": rows,
                "source_urls": urls,
                "line": f"check {evaluation.check_name} on {model} (blocking): {detail}{pages}",
            }
        )
    return failures


def step_failures(events: Iterable[Any]) -> list[dict]:
    """Failed steps: the dbt step's own list of failed nodes when it gave one, else the step and its error."""
    failures = []
    for event in events:
        if not event.is_step_failure:
            continue
        data = event.step_failure_data
        user = data.user_failure_data
        listed = metadata_value(user.metadata.get("failures")) if user is not None else None
        if listed:
            failures.extend(listed)
            continue
        text = (user.description if user is not None else None) or (data.error.message if data.error else "")
        message = " ".join(str(text).split()) or "failed"
        failures.append(
            {
                "kind": "step",
                "name": event.step_key,
                "model": event.step_key,
                "failing_rows": None,
                "source_urls": [],
                "line": f"step {event.step_key} failed: {message[:600]}",
            }
        )
    return failures


def check_evaluations(events: Iterable[Any]) -> list[Any]:
    """The asset-check evaluations among a run's events."""
    return [e.event_specific_data for e in events if e.event_type_value == "ASSET_CHECK_EVALUATION"]


def run_failures(events: list[Any]) -> list[dict]:
    """Every reason a run did not promote: blocking checks first, then failed steps."""
    return blocking_check_failures(check_evaluations(events)) + step_failures(events)
