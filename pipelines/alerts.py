"""Alerts: one JSON line per problem in the home's alerts.jsonl (always); webhook and e-mail come later."""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any


@dataclass
class Alert:
    kind: str  # failed_check | parse_error | stale_source | failed_run | yield_drop | fetch_failure
    summary: str
    severity: str = "error"  # error | warn
    run_id: str | None = None
    details: dict[str, Any] = field(default_factory=dict)
    at: str = field(default_factory=lambda: datetime.now(UTC).isoformat(timespec="seconds"))


def write_alert(alerts_path: Path, alert: Alert) -> None:
    """Append one alert line; O_APPEND keeps concurrent writers' lines whole."""
    alerts_path.parent.mkdir(parents=True, exist_ok=True)
    line = json.dumps(asdict(alert), ensure_ascii=False, default=str) + "\n"
    fd = os.open(alerts_path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    try:
        os.write(fd, line.encode("utf-8"))
    finally:
        os.close(fd)


def read_alerts(alerts_path: Path, since: datetime | None = None) -> list[dict]:
    if not alerts_path.exists():
        return []
    out = []
    for line in alerts_path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        alert = json.loads(line)
        if since is None or datetime.fromisoformat(alert["at"]) >= since:
            out.append(alert)
    return out
