"""Where the central store is: machine-wide settings, and the libpq connection string.

IT writes the machine-wide settings file (``/etc/sdm-desktop/central.json``, or
the file named by ``SDM_DESKTOP_MACHINE_CONFIG``)::

    {"conninfo": "service=sdm_central", "site": "Riverside Surgery"}

``conninfo`` is a libpq connection string, normally just the name of a service
in libpq's own service file, which holds the host, database, user and
``sslmode=verify-full``; the password (if any) is in a pgpass file. A password
in the settings or on the command line is refused. Over TCP the server's
certificate must be checked (``sslmode=verify-full``); a Unix socket needs no TLS.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psycopg
from psycopg.conninfo import conninfo_to_dict

MACHINE_SETTINGS = Path("/etc/sdm-desktop/central.json")
CONNECT_TIMEOUT = 10  # seconds


class CentralError(Exception):
    """The central store could not be used; ``str(error)`` is the message to show."""


@dataclass(frozen=True)
class CentralSettings:
    conninfo: str
    site: str = ""


def settings_path() -> Path:
    override = os.environ.get("SDM_DESKTOP_MACHINE_CONFIG")
    return Path(override) if override else MACHINE_SETTINGS


def check_conninfo(conninfo: str) -> str:
    """``conninfo`` if it is usable, else :class:`CentralError` saying why."""
    try:
        parts = conninfo_to_dict(conninfo)
    except psycopg.Error as exc:
        raise CentralError(f"The central store's connection string is not valid ({_first_line(exc)}).") from exc
    if "password" in parts:
        raise CentralError(
            "The central store's connection string holds a password. Put the password in a "
            "pgpass file (see docs/central-store.md) and leave it out of the settings."
        )
    if not parts:
        raise CentralError("The central store's connection string is empty.")
    return conninfo


def load_settings(override: str | None = None) -> CentralSettings | None:
    """The central store to use: ``override`` (``--central``), else the machine-wide settings, else None."""
    site = ""
    conninfo: str | None = None
    path = settings_path()
    try:
        raw: Any = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raw = None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise CentralError(f"The machine-wide settings {path} could not be read ({exc}).") from exc
    if raw is not None:
        if (
            not isinstance(raw, dict)
            or not isinstance(raw.get("conninfo", ""), str)
            or not isinstance(raw.get("site", ""), str)
        ):
            raise CentralError(
                f"The machine-wide settings {path} are not in the expected form "
                '({"conninfo": "service=...", "site": "..."}).'
            )
        conninfo = raw.get("conninfo") or None
        site = raw.get("site", "")
    if override is not None:
        conninfo = override
    if conninfo is None:
        return None
    return CentralSettings(check_conninfo(conninfo), site)


def connect(conninfo: str, *, autocommit: bool = False) -> psycopg.Connection[Any]:
    """A connection to the central store, with its schema on the search path; errors in plain words."""
    check_conninfo(conninfo)
    try:
        conn = psycopg.connect(
            conninfo, connect_timeout=CONNECT_TIMEOUT, autocommit=autocommit, application_name="sdm-desktop"
        )
    except psycopg.OperationalError as exc:
        raise CentralError(
            f"The central store could not be reached ({_first_line(exc)}). Records wait on this "
            "computer and are sent at the next sync."
        ) from exc
    host = conn.info.host
    options = {o.keyword: o.val for o in conn.pgconn.info}
    if not host.startswith("/") and options.get(b"sslmode") != b"verify-full":
        conn.close()
        raise CentralError(
            "The central store must be reached with its certificate checked: set "
            "sslmode=verify-full in the service file (see docs/central-store.md)."
        )
    conn.execute("SET search_path TO sdm")
    if not autocommit:
        conn.commit()
    return conn


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__
