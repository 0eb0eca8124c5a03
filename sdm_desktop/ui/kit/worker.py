"""Running slow work off the GUI thread, with its result delivered back on it.

``run_off_gui(work, done, failed)`` runs ``work()`` on a daemon thread; its
return value reaches ``done`` and an exception's message reaches ``failed``,
both through queued signals, so they run on the thread that owns ``owner``.
Nothing raised in the worker ever reaches the screen as a traceback.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal


class _Relay(QObject):
    done = Signal(object)
    failed = Signal(str)


def run_off_gui(
    owner: QObject, name: str, work: Callable[[], Any], done: Callable[[Any], None], failed: Callable[[str], None]
) -> threading.Thread:
    """Start ``work`` on a thread called ``name``; returns the thread."""
    relay = _Relay(owner)
    relay.done.connect(done)
    relay.failed.connect(failed)

    def run() -> None:
        try:
            result = work()
        except Exception as exc:  # reported in the window, never as a traceback
            relay.failed.emit(f"{type(exc).__name__}: {exc}")
            return
        relay.done.emit(result)

    thread = threading.Thread(target=run, name=name, daemon=True)
    thread.start()
    return thread
