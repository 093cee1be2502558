"""Which alerts a suite result raises: one per failed expectation, or one per failing key for per-row kinds.

Pure: a ``SuiteResult`` in, plain ``ProblemAlert``s out (the caller writes and delivers them). Each carries
a ``problem`` identity so that the same problem is alerted once per run, however often the suite runs.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from expectations.runner import SuiteResult
from expectations.suite import Suite


@dataclass(frozen=True)
class ProblemAlert:
    """One alert a failed expectation raises: kind, severity, summary, problem key (deduplicates) and details."""

    kind: str
    severity: str  # error | warn
    summary: str
    problem: str
    details: dict[str, Any] = field(default_factory=dict)


def problem_alerts(suite: Suite, result: SuiteResult) -> list[ProblemAlert]:
    """The alerts a suite's result raises: one when the mart could not be read, else one per failed expectation."""
    if result.error is not None:
        # The mart could not be read: one problem, although every expectation failed with it.
        return [
            ProblemAlert(
                kind="failed_check",
                severity="error",
                summary=f"{suite.mart}: could not be read, promotion stopped ({result.error.splitlines()[0][:200]})",
                problem=f"failed_check:{suite.name}:unreadable",
                details={
                    "suite": suite.name,
                    "mart": suite.mart,
                    "expectation": "mart readable",
                    "severity": "blocking",
                    "observed_value": result.error,
                    "unexpected_count": 0,
                    "sample_rows": [],
                    "source_urls": [],
                },
            )
        ]
    by_name = {e.name: e for e in suite.expectations}
    alerts: list[ProblemAlert] = []
    for r in result.results:
        if r.success:
            continue
        spec = by_name[r.name]
        level = "warn" if r.severity == "warn" else "error"
        details = {
            "suite": suite.name,
            "mart": suite.mart,
            "expectation": r.name,
            "check": r.check_name,
            "severity": r.severity,
            "observed_value": r.observed_value,
            "unexpected_count": r.unexpected_count,
            "sample_rows": list(r.sample_rows),
            "source_urls": list(r.source_urls),
        }
        if r.error:
            details["error"] = r.error
        if spec.alert_kind and r.unexpected_keys and not r.error:
            rows = {row.get(suite.key): row for row in r.sample_rows}
            for key in r.unexpected_keys:
                row = rows.get(key)
                alerts.append(
                    ProblemAlert(
                        kind=spec.alert_kind,
                        severity=level,
                        summary=f"{suite.mart} {key}: {r.name}",
                        problem=f"{spec.alert_kind}:{suite.name}:{r.check_name}:{key}",
                        details={
                            **details,
                            suite.key: key,
                            "sample_rows": [row] if row else [],
                            "source_urls": [row["source_url"]] if row and row.get("source_url") else [],
                        },
                    )
                )
            continue
        what = {
            "row": f"{r.unexpected_count} row(s) quarantined into {suite.quarantine_table}",
            "blocking": "promotion stopped",
            "warn": f"{r.unexpected_count} row(s) reported",
        }[r.severity]
        summary = f"{suite.mart}: {r.name} ({what})"
        if r.error:
            summary = f"{suite.mart}: {r.name} (promotion stopped: {r.error.splitlines()[0][:200]})"
        alerts.append(
            ProblemAlert(
                kind="failed_check",
                severity=level,
                summary=summary,
                problem=f"failed_check:{suite.name}:{r.check_name}",
                details=details,
            )
        )
    return alerts
