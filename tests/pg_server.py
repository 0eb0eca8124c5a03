"""A throwaway PostgreSQL server for tests: ``initdb`` into a temporary folder, ``pg_ctl`` on a Unix socket.

Needs the Debian ``postgresql`` package (scripts/bootstrap.sh installs it in test
mode). As root, the server runs as the ``postgres`` user, since PostgreSQL
refuses to run as root. Every server is stopped and its folder removed.
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest


def _bin_dir() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"))
    return Path(found[-1]).parent if found else None


class PgServer:
    def __init__(self) -> None:
        bindir = _bin_dir()
        if bindir is None:
            pytest.skip("PostgreSQL is not installed (scripts/bootstrap.sh test installs it)")
        self.bin = bindir
        self.root = Path(tempfile.mkdtemp(prefix="sdm-pg-"))
        self.data = self.root / "data"
        self.socket_dir = self.root
        self._as: list[str] = []
        if os.geteuid() == 0:
            os.chmod(self.root, 0o755)
            shutil.chown(self.root, "postgres", "postgres")
            self._as = ["runuser", "-u", "postgres", "--"]
        self._run(
            "initdb", "-D", str(self.data), "-A", "trust", "-U", "postgres", "--no-sync", "-E", "UTF8", "--locale=C"
        )
        self.running = False

    def _run(self, tool: str, *args: str) -> None:
        subprocess.run([*self._as, str(self.bin / tool), *args], check=True, capture_output=True, timeout=120)

    def start(self) -> None:
        options = (
            f"-c listen_addresses='' -c unix_socket_directories='{self.socket_dir}' -c fsync=off -c max_connections=40"
        )
        self._run("pg_ctl", "-D", str(self.data), "-o", options, "-l", str(self.root / "log"), "-w", "start")
        self.running = True

    def stop(self, mode: str = "fast") -> None:
        if self.running:
            self._run("pg_ctl", "-D", str(self.data), "-m", mode, "-w", "stop")
            self.running = False

    def conninfo(self, dbname: str = "postgres") -> str:
        return f"host={self.socket_dir} user=postgres dbname={dbname}"

    def new_database(self) -> str:
        import psycopg

        name = f"t_{uuid.uuid4().hex[:12]}"
        with psycopg.connect(self.conninfo(), autocommit=True) as conn:
            conn.execute(f"CREATE DATABASE {name}")
        return self.conninfo(name)

    def close(self) -> None:
        try:
            self.stop("immediate")
        finally:
            shutil.rmtree(self.root, ignore_errors=True)


@pytest.fixture(scope="session")
def pg_shared() -> Iterator[PgServer]:
    """One server for the whole run; each test takes its own database (``central`` fixture)."""
    server = PgServer()
    try:
        server.start()
        yield server
    finally:
        server.close()


@pytest.fixture
def central(pg_shared: PgServer) -> str:
    """The connection string of a new, empty database on the shared server."""
    return pg_shared.new_database()


@pytest.fixture
def pg_own() -> Iterator[PgServer]:
    """A server of the test's own, which it may stop and start."""
    server = PgServer()
    try:
        server.start()
        yield server
    finally:
        server.close()
