"""Progress of a running refresh: stages report here; the CLI shows it, elsewhere it goes to the log.

Test-only pause hook (harmless when unset): with ``KZUZ_TEST_PAUSE_AT=STAGE`` the first report of STAGE
(``fetch``, ``parse``, ``dbt``, ``checks`` or ``promote``; ``fetch:gazeta.uz`` matches ``fetch``) that is at
least half-way through its count pauses the reporting thread for ``KZUZ_TEST_PAUSE_SECONDS`` (default 120),
after printing ``kzuz-test-pause: STAGE`` to stderr and touching ``KZUZ_TEST_PAUSE_MARK`` when set. The crash
tests (tests/ops/test_crash_safety.py) use it to `kill -9` a refresh at a known point of each stage.
"""

from __future__ import annotations

import logging
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

log = logging.getLogger("kzuz.progress")

# (stage, done, total, message); total 0 means "a step without a count"
Listener = Callable[[str, int, int, str], None]
_listeners: list[Listener] = []
_paused: set[str] = set()


def subscribe(listener: Listener) -> Callable[[], None]:
    """Call ``listener(stage, done, total, message)`` on every report; return the function that unsubscribes."""
    _listeners.append(listener)
    return lambda: _listeners.remove(listener)


def report(stage: str, message: str = "", done: int = 0, total: int = 0) -> None:
    """Report progress of ``stage`` to the listeners (logged when there is none)."""
    if not _listeners:
        log.info("%s: %s %s", stage, message, f"{done}/{total}" if total else "")
    for listener in list(_listeners):
        listener(stage, done, total, message)
    _maybe_pause(stage, done, total)


def _maybe_pause(stage: str, done: int, total: int) -> None:
    wanted = os.environ.get("KZUZ_TEST_PAUSE_AT")
    if not wanted or stage.split(":")[0] != wanted or wanted in _paused:
        return
    if total and done < max(1, total // 2):
        return
    _paused.add(wanted)
    print(f"kzuz-test-pause: {wanted}", file=sys.stderr, flush=True)
    mark = os.environ.get("KZUZ_TEST_PAUSE_MARK")
    if mark:
        Path(mark).write_text(f"{wanted} {os.getpid()}\n")
    time.sleep(float(os.environ.get("KZUZ_TEST_PAUSE_SECONDS", "120")))
