"""A throwaway PostgreSQL server for the tests: ``initdb`` in a temporary folder, ``pg_ctl`` on a
free loopback port with its socket in that folder, stopped and deleted at the end of the session.

Run as root (as CI is), the server runs as the ``postgres`` user (``initdb`` refuses root). The
tests share one migrated database, emptied before each test (:meth:`Server.emptied`).
"""

from __future__ import annotations

import glob
import itertools
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

from khabar.store import _pg

SHARED_DB = "khabar_tests"


def find_bin(name: str) -> str | None:
    """``initdb`` or ``pg_ctl``: on PATH, or in Debian's versioned folder."""
    found = shutil.which(name)
    if found:
        return found
    for candidate in sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), reverse=True):
        return candidate
    return None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Server:
    """One running server; :meth:`database` makes a fresh database and gives its address."""

    def __init__(self) -> None:
        initdb, pg_ctl = find_bin("initdb"), find_bin("pg_ctl")
        if not initdb or not pg_ctl:
            raise FileNotFoundError("initdb")
        self.pg_ctl = pg_ctl
        self.root = Path(tempfile.mkdtemp(prefix="khabar-pg-"))
        self.data = self.root / "data"
        self.port = _free_port()
        self.prefix: list[str] = []
        if os.geteuid() == 0:
            user = pwd.getpwnam("postgres")
            os.chown(self.root, user.pw_uid, user.pw_gid)
            self.prefix = ["runuser", "-u", "postgres", "--"]
        self._run(
            initdb,
            "-D",
            str(self.data),
            "--auth=trust",
            "-U",
            "postgres",
            "-E",
            "UTF8",
            "--locale=C.UTF-8",
            "--no-sync",
        )
        options = (
            f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 -c fsync=off"
            " -c synchronous_commit=off -c full_page_writes=off -c max_connections=200"
        )
        self._run(pg_ctl, "-D", str(self.data), "-o", options, "-l", str(self.root / "log"), "-w", "start")
        self.url = f"postgresql://postgres@127.0.0.1:{self.port}"
        self.shared = f"{self.url}/{SHARED_DB}"
        self._numbers = itertools.count(1)
        self._admin(f"CREATE DATABASE {SHARED_DB}")
        from khabar.store.postgres import PostgresStore

        PostgresStore(self.shared).close()
        # Emptying: DELETE from every table with foreign keys off (a few ms on the small tables of a
        # test, where TRUNCATE makes new files for each: ~0.3 s), then restart every id.
        self._admin(
            """CREATE FUNCTION khabar_test_reset() RETURNS void LANGUAGE plpgsql AS $$
            DECLARE t text; s text;
            BEGIN
                SET LOCAL session_replication_role = replica;
                FOR t IN SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename != 'meta'
                LOOP EXECUTE format('DELETE FROM %I', t); END LOOP;
                FOR s IN SELECT sequencename FROM pg_sequences WHERE schemaname = 'public'
                LOOP EXECUTE format('ALTER SEQUENCE %I RESTART', s); END LOOP;
            END $$""",
            SHARED_DB,
        )

    def _run(self, *args: str) -> None:
        subprocess.run([*self.prefix, *args], check=True, capture_output=True, timeout=120)

    def _admin(self, sql: str, db: str = "postgres") -> None:
        import psycopg

        with psycopg.connect(f"{self.url}/{db}", autocommit=True) as conn:
            conn.execute(sql)

    def emptied(self) -> str:
        """The shared test database, emptied (every row deleted, ids restarted): tests run
        one at a time, and emptying takes milliseconds where creating a database takes seconds."""
        self._admin("SELECT khabar_test_reset()", SHARED_DB)
        return self.shared

    def database(self) -> str:
        """A new database of its own, migrated on first open (for tests of more than one store)."""
        name = f"t{next(self._numbers)}"
        self._admin(f"CREATE DATABASE {name}")
        return f"{self.url}/{name}"

    def drop(self, url: str) -> None:
        """Close the pool of ``url`` and drop its database."""
        _pg.close_pool(url)
        self._admin(f"DROP DATABASE IF EXISTS {url.rsplit('/', 1)[1]} WITH (FORCE)")

    def stop(self) -> None:
        """Stop the server and delete its folder."""
        _pg.close_pools()
        try:
            self._run(self.pg_ctl, "-D", str(self.data), "-m", "immediate", "stop")
        finally:
            shutil.rmtree(self.root, ignore_errors=True)


def server() -> Iterator[Server]:
    """Start a server for the session (a generator for a session fixture)."""
    running = Server()
    try:
        yield running
    finally:
        running.stop()
