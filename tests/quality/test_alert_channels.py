"""Alert channels against real local receivers: one delivery per problem and run, secrets never written."""

from __future__ import annotations

from pipelines.alerts import Alert, alert_failed_run, mask_url, read_alerts, send_alert


def _alert(problem: str = "failed_check:fct_trade_flows:x", run_id: str = "run-1") -> Alert:
    return Alert(
        kind="failed_check",
        summary="fct_trade_flows: x",
        run_id=run_id,
        problem=problem,
        details={
            "mart": "fct_trade_flows",
            "expectation": "x",
            "observed_value": 3.3e12,
            "sample_rows": [{"observation_id": "a", "value_usd": 3.3e12}],
            "source_urls": ["https://www.gazeta.uz/ru/2022/01/07/kaz-uzb/"],
        },
    )


def test_each_problem_is_delivered_once_per_run_to_webhook_and_mail(tmp_path, webhook, mail, alert_env):
    sink, _ = mail
    path = tmp_path / "alerts.jsonl"
    assert send_alert(path, _alert())
    assert not send_alert(path, _alert())  # same problem, same run
    assert send_alert(path, _alert(run_id="run-2"))

    assert webhook.problems() == ["failed_check:fct_trade_flows:x"] * 2
    body = webhook.bodies[0]
    assert body["text"].startswith("kzuz error: fct_trade_flows: x")
    assert "gazeta.uz/ru/2022/01/07/kaz-uzb" in str(body["blocks"])
    assert len(sink.messages) == 2
    assert sink.messages[0]["To"] == "analyst@example.org, oncall@example.org"
    assert len(read_alerts(path)) == 2


def test_a_failing_channel_is_a_note_not_a_failure_and_hides_secrets(tmp_path, monkeypatch):
    monkeypatch.setenv("KZUZ_ALERT_WEBHOOK_URL", "http://127.0.0.1:9/hooks/secret-token")
    monkeypatch.setenv("KZUZ_SMTP_URL", "smtps://bot:p%40ss-w0rd@127.0.0.1:9")
    monkeypatch.setenv("KZUZ_ALERT_EMAIL_TO", "a@example.org")
    path = tmp_path / "alerts.jsonl"

    assert send_alert(path, _alert())

    text = path.read_text()
    kinds = [a["kind"] for a in read_alerts(path)]
    assert kinds == ["failed_check", "channel_failure", "channel_failure"]
    assert "secret-token" not in text and "p%40ss-w0rd" not in text and "p@ss-w0rd" not in text
    assert mask_url("smtps://bot:pw@mail.example.org:465") == "smtps://bot:***@mail.example.org:465"


def test_a_run_stopped_by_a_blocking_check_is_not_alerted_twice(tmp_path, webhook, mail, alert_env):
    path = tmp_path / "alerts.jsonl"
    blocking = _alert("failed_check:dim_documents:dup", "run-9")
    blocking.details["severity"] = "blocking"
    send_alert(path, blocking)
    assert not alert_failed_run(tmp_path, "run-9", "check failed")
    assert alert_failed_run(tmp_path, "run-10", "dbt_models: dbt build failed")
    assert not alert_failed_run(tmp_path, "run-10", "dbt_models: dbt build failed")  # sensor and CLI both call
    assert [a["kind"] for a in read_alerts(path)] == ["failed_check", "failed_run"]
