"""Progress of a running refresh: stages report here; the CLI shows it, elsewhere it goes to the log."""

from __future__ import annotations

import logging
from collections.abc import Callable

log = logging.getLogger("kzuz.progress")

# (stage, done, total, message); total 0 means "a step without a count"
Listener = Callable[[str, int, int, str], None]
_listeners: list[Listener] = []


def subscribe(listener: Listener) -> Callable[[], None]:
    _listeners.append(listener)
    return lambda: _listeners.remove(listener)


def report(stage: str, message: str = "", done: int = 0, total: int = 0) -> None:
    if not _listeners:
        log.info("%s: %s %s", stage, message, f"{done}/{total}" if total else "")
    for listener in list(_listeners):
        listener(stage, done, total, message)
