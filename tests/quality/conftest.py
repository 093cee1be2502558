"""Real alert receivers on 127.0.0.1: an http.server webhook and an aiosmtpd SMTP server, plus their env."""

from __future__ import annotations

import json
import re
import socket
import threading
from collections.abc import Iterator
from email import message_from_bytes
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from aiosmtpd.controller import Controller

PROBLEM = re.compile(r"problem: ([^\s\"|]+)")


class WebhookReceiver:
    def __init__(self) -> None:
        self.bodies: list[dict] = []
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 - http.server's name
                length = int(self.headers.get("Content-Length") or 0)
                receiver.bodies.append(json.loads(self.rfile.read(length)))
                self.send_response(200)
                self.end_headers()
                self.wfile.write(b"ok")

            def log_message(self, *args) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/services/T000/B000/secret-token"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def problems(self) -> list[str]:
        found = []
        for body in self.bodies:
            text = json.dumps(body["blocks"], ensure_ascii=False)
            found += PROBLEM.findall(text)
        return found


class MailSink:
    def __init__(self) -> None:
        self.messages: list = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's name
        self.messages.append(message_from_bytes(envelope.content))
        return "250 OK"

    def problems(self) -> list[str]:
        return [m for msg in self.messages for m in PROBLEM.findall(msg.get_payload(decode=True).decode("utf-8"))]


@pytest.fixture
def webhook() -> Iterator[WebhookReceiver]:
    receiver = WebhookReceiver()
    receiver.thread.start()
    try:
        yield receiver
    finally:
        receiver.server.shutdown()
        receiver.server.server_close()


@pytest.fixture
def mail() -> Iterator[tuple[MailSink, int]]:
    sink = MailSink()
    with socket.socket() as probe:  # aiosmtpd's start() connects to its port, so it cannot be 0
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(sink, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield sink, port
    finally:
        controller.stop()


@pytest.fixture
def alert_env(webhook, mail, monkeypatch) -> dict[str, str]:
    sink, port = mail
    env = {
        "KZUZ_ALERT_WEBHOOK_URL": webhook.url,
        "KZUZ_SMTP_URL": f"smtp://127.0.0.1:{port}",
        "KZUZ_ALERT_EMAIL_TO": "analyst@example.org, oncall@example.org",
    }
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    return env
