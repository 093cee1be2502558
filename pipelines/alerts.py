"""Alerts: one JSON line per problem in the home's alerts.jsonl (always), then a webhook and e-mail when set.

Channels come from the environment (DESIGN.md): ``KZUZ_ALERT_WEBHOOK_URL`` gets a Slack-compatible POST,
``KZUZ_SMTP_URL`` (``smtp://`` or ``smtps://``, optional ``user:password@``) sends mail to the
comma-separated ``KZUZ_ALERT_EMAIL_TO`` (sender ``KZUZ_ALERT_EMAIL_FROM``, default ``kzuz@<host>``).
``send_alert`` writes each problem once per run (the ``problem`` identity is checked against the run's
earlier lines), and a channel that fails never fails the run: its failure becomes a ``channel_failure``
note in alerts.jsonl and a log line, with passwords and webhook paths masked. Delivery is hand-written on
requests and smtplib: the Slack SDK would add a dependency for one POST.
"""

from __future__ import annotations

import fcntl
import json
import logging
import os
import smtplib
import socket
import ssl
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from email.message import EmailMessage
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

log = logging.getLogger("kzuz.alerts")

WEBHOOK_ENV = "KZUZ_ALERT_WEBHOOK_URL"
SMTP_ENV = "KZUZ_SMTP_URL"
EMAIL_TO_ENV = "KZUZ_ALERT_EMAIL_TO"
EMAIL_FROM_ENV = "KZUZ_ALERT_EMAIL_FROM"
TIMEOUT_SECONDS = 10
SAMPLE_ROWS_IN_MESSAGE = 3


@dataclass
class Alert:
    """One alert as alerts.jsonl keeps it and the channels send it: kind, summary, severity, run, details, time."""

    kind: str  # failed_check | parse_error | stale_source | failed_run | yield_drop | fetch_failure | channel_failure
    # | news_vs_official (a news figure far from the official one)
    summary: str
    severity: str = "error"  # error | warn
    run_id: str | None = None
    details: dict[str, Any] = field(default_factory=dict)
    at: str = field(default_factory=lambda: datetime.now(UTC).isoformat(timespec="seconds"))
    problem: str = ""  # identity of the problem: written once per run (empty: always written)


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
    """The alerts of ``alerts_path`` (newest last), those at or after ``since`` when given; none without the file."""
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


@contextmanager
def _alerts_lock(alerts_path: Path) -> Iterator[None]:
    """Serialises "already alerted this run?" + append across processes of one home."""
    alerts_path.parent.mkdir(parents=True, exist_ok=True)
    with open(alerts_path.with_name(alerts_path.name + ".lock"), "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _already_alerted(alerts_path: Path, run_id: str, problem: str) -> bool:
    return any(a.get("run_id") == run_id and a.get("problem") == problem for a in read_alerts(alerts_path))


def send_alert(alerts_path: Path, alert: Alert, environ: Mapping[str, str] | None = None) -> bool:
    """Write ``alert`` to alerts.jsonl and deliver it to the configured channels, once per problem and run.

    Returns False when the same problem was already alerted in this run. Never raises for a channel.
    """
    env = os.environ if environ is None else environ
    with _alerts_lock(alerts_path):
        if alert.run_id and alert.problem and _already_alerted(alerts_path, alert.run_id, alert.problem):
            return False
        write_alert(alerts_path, alert)
    for channel, deliver in (("webhook", _post_webhook), ("email", _send_email)):
        try:
            deliver(alert, env)
        except Exception as exc:  # noqa: BLE001 - a broken channel must never fail the run
            message = mask_secrets(f"{type(exc).__name__}: {exc}", env)
            log.warning("alert channel %s failed: %s", channel, message)
            write_alert(
                alerts_path,
                Alert(
                    kind="channel_failure",
                    severity="warn",
                    run_id=alert.run_id,
                    summary=f"could not deliver the alert by {channel}: {message}",
                    details={"channel": channel, "alert_problem": alert.problem, "alert_summary": alert.summary},
                ),
            )
    return True


def alert_failed_run(
    home: Any,
    run_id: str,
    failure: str | None,
    environ: Mapping[str, str] | None = None,
    failures: list[dict] | None = None,
) -> bool:
    """Alert a run that ended without promotion, unless a blocking check already said why.

    ``home`` is a ``KzuzHome`` or its root folder. A run stopped by a blocking check was alerted as that
    check (with its rows and sources), so a second alert for the same problem is not sent. ``failures``
    (pipelines/run_failures.py) name each failed test or step, its model, rows and pages: they go into the
    alert's details, and the summary lists them.
    """
    alerts_path = Path(getattr(home, "alerts", None) or Path(home) / "alerts.jsonl")
    earlier = [a for a in read_alerts(alerts_path) if a.get("run_id") == run_id]
    if any(a["kind"] == "failed_check" and a.get("details", {}).get("severity") == "blocking" for a in earlier):
        return False
    lines = [f["line"] for f in failures or []]
    reason = "; ".join(lines) if lines else failure or "the run failed before promotion"
    return send_alert(
        alerts_path,
        Alert(
            kind="failed_run",
            summary=f"refresh run {run_id[:8]} not promoted: {reason}",
            run_id=run_id,
            problem=f"failed_run:{run_id}",
            details={"failure": reason, "failures": failures or []},
        ),
        environ,
    )


# --- masking -----------------------------------------------------------------------------------------


def mask_url(url: str) -> str:
    """The URL without its secrets: password replaced, and a webhook's path (its token) hidden."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    if parts.port:
        host = f"{host}:{parts.port}"
    user = (
        f"{unquote(parts.username)}:***@"
        if parts.username and parts.password
        else (f"{unquote(parts.username)}@" if parts.username else "")
    )
    path = "/***" if parts.path not in ("", "/") else parts.path
    return f"{parts.scheme}://{user}{host}{path}"


def mask_secrets(text: str, environ: Mapping[str, str]) -> str:
    """Replace every configured channel URL, password and webhook path in ``text`` by its masked form."""
    for name in (WEBHOOK_ENV, SMTP_ENV):
        url = environ.get(name)
        if not url:
            continue
        parts = urlsplit(url)
        text = text.replace(url, mask_url(url))
        for secret in (parts.password, unquote(parts.password or ""), parts.path if name == WEBHOOK_ENV else None):
            if secret and secret not in ("/",):
                text = text.replace(secret, "***")
    return text


# --- channels ----------------------------------------------------------------------------------------


def _lines(alert: Alert) -> list[str]:
    d = alert.details
    lines = []
    for label, key in (
        ("mart", "mart"),
        ("expectation", "expectation"),
        ("severity", "severity"),
        ("observed", "observed_value"),
        ("unexpected rows", "unexpected_count"),
        ("site", "site"),
        ("failure", "failure"),
    ):
        if d.get(key) not in (None, "", []):
            lines.append(f"{label}: {d[key]}")
    if alert.run_id:
        lines.append(f"run: {alert.run_id}")
    return lines


def slack_body(alert: Alert) -> dict[str, Any]:
    """A Slack-compatible message: ``text`` for notifications, ``blocks`` for the details."""
    title = f"kzuz {alert.severity}: {alert.summary}"
    blocks: list[dict[str, Any]] = [
        {"type": "header", "text": {"type": "plain_text", "text": f"kzuz {alert.kind} ({alert.severity})"[:150]}},
        {"type": "section", "text": {"type": "mrkdwn", "text": alert.summary[:3000]}},
    ]
    if lines := _lines(alert):
        blocks.append({"type": "section", "text": {"type": "mrkdwn", "text": "\n".join(lines)[:3000]}})
    if samples := alert.details.get("sample_rows"):
        text = json.dumps(samples[:SAMPLE_ROWS_IN_MESSAGE], ensure_ascii=False, default=str, indent=1)
        blocks.append({"type": "section", "text": {"type": "mrkdwn", "text": f"sample rows:\n```{text[:2900]}```"}})
    if urls := alert.details.get("source_urls"):
        sources = "sources: " + " ".join(urls)
        blocks.append({"type": "context", "elements": [{"type": "mrkdwn", "text": sources[:2900]}]})
    footer = f"kind: {alert.kind} | problem: {alert.problem or '-'}"
    blocks.append({"type": "context", "elements": [{"type": "mrkdwn", "text": footer[:2900]}]})
    return {"text": title, "blocks": blocks}


def _post_webhook(alert: Alert, env: Mapping[str, str]) -> None:
    url = env.get(WEBHOOK_ENV)
    if not url:
        return
    import requests  # noqa: PLC0415 - only when a webhook is configured

    response = requests.post(url, json=slack_body(alert), timeout=TIMEOUT_SECONDS)
    if response.status_code >= 300:
        raise RuntimeError(f"webhook {mask_url(url)} answered HTTP {response.status_code}")


def email_message(alert: Alert, sender: str, recipients: list[str]) -> EmailMessage:
    """The e-mail an alert is sent as: severity and summary in the subject, details and sample rows in the body."""
    message = EmailMessage()
    message["Subject"] = f"[kzuz {alert.severity}] {alert.summary}"[:200]
    message["From"] = sender
    message["To"] = ", ".join(recipients)
    body = [alert.summary, "", *_lines(alert)]
    if samples := alert.details.get("sample_rows"):
        body += ["", "sample rows:", json.dumps(samples, ensure_ascii=False, default=str, indent=2)]
    if urls := alert.details.get("source_urls"):
        body += ["", "sources:", *urls]
    body += ["", f"kind: {alert.kind} | problem: {alert.problem or '-'} | at {alert.at}"]
    message.set_content("\n".join(body))
    return message


def _send_email(alert: Alert, env: Mapping[str, str]) -> None:
    url = env.get(SMTP_ENV)
    recipients = [a.strip() for a in (env.get(EMAIL_TO_ENV) or "").split(",") if a.strip()]
    if not url:
        return
    if not recipients:
        raise ValueError(f"{SMTP_ENV} is set but {EMAIL_TO_ENV} names no recipient")
    parts = urlsplit(url)
    if parts.scheme not in ("smtp", "smtps"):
        raise ValueError(f"{SMTP_ENV} must start with smtp:// or smtps://, not {parts.scheme}://")
    host = parts.hostname or "localhost"
    sender = env.get(EMAIL_FROM_ENV) or f"kzuz@{socket.getfqdn() or 'localhost'}"
    if parts.scheme == "smtps":
        client: smtplib.SMTP = smtplib.SMTP_SSL(
            host, parts.port or 465, timeout=TIMEOUT_SECONDS, context=ssl.create_default_context()
        )
    else:
        client = smtplib.SMTP(host, parts.port or 25, timeout=TIMEOUT_SECONDS)
    with client:
        client.ehlo()
        if parts.scheme == "smtp" and client.has_extn("starttls"):
            client.starttls(context=ssl.create_default_context())
            client.ehlo()
        if parts.username:
            client.login(unquote(parts.username), unquote(parts.password or ""))
        client.send_message(email_message(alert, sender, recipients))
