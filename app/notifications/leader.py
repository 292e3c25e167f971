"""The leader lock: at most one scheduler per database runs the jobs, the others wait to take over.

PostgreSQL: a session-level advisory lock held by a dedicated connection for the life of
the process; the server releases it the moment that connection dies, however the process
ended. SQLite: an exclusive flock on a file beside the database file (so under instance/
for the default database), which the kernel releases when the process dies.
"""

import fcntl
import hashlib
import logging
import os
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.pool import NullPool

log = logging.getLogger(__name__)

#: The advisory lock's number: a fixed 64-bit value derived from a name, not shared with anything else.
ADVISORY_KEY = int.from_bytes(hashlib.sha256(b"docket.scheduler.leader").digest()[:8], "big", signed=True)


class PostgresLeaderLock:
    """`pg_try_advisory_lock` on a connection of its own, outside the application's pool."""

    def __init__(self, url: str):
        self.engine = sa.create_engine(url, poolclass=NullPool, isolation_level="AUTOCOMMIT")
        self.connection: sa.Connection | None = None
        self.holding = False

    def acquire(self) -> bool:
        try:
            if self.connection is None:
                self.connection = self.engine.connect()
            self.holding = bool(
                self.connection.execute(sa.text("SELECT pg_try_advisory_lock(:key)"), {"key": ADVISORY_KEY}).scalar()
            )
        except sa.exc.DBAPIError as error:
            log.warning("scheduler: cannot reach the database for the leader lock: %s", error.orig)
            self._drop()
        return self.holding

    def held(self) -> bool:
        """True while the lock's connection still answers (the server keeps the lock exactly as long)."""
        if not self.holding or self.connection is None:
            return False
        try:
            self.connection.execute(sa.text("SELECT 1"))
        except sa.exc.DBAPIError:
            self._drop()
        return self.holding

    def release(self) -> None:
        if self.connection is not None and self.holding:
            try:
                self.connection.execute(sa.text("SELECT pg_advisory_unlock(:key)"), {"key": ADVISORY_KEY})
            except sa.exc.DBAPIError:
                pass
        self._drop()

    def _drop(self) -> None:
        self.holding = False
        if self.connection is not None:
            try:
                self.connection.close()
            except sa.exc.DBAPIError:
                pass
            self.connection = None


class FileLeaderLock:
    """An exclusive, non-blocking flock on a lock file."""

    def __init__(self, path: Path):
        self.path = path
        self.file = None

    def acquire(self) -> bool:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        handle = open(self.path, "a+")  # noqa: SIM115  (kept open for as long as the lock is held)
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.close()
            return False
        handle.seek(0)
        handle.truncate()
        handle.write(f"{os.getpid()}\n")
        handle.flush()
        self.file = handle
        return True

    def held(self) -> bool:
        """True while we hold the lock on the file that is still at the path (not deleted or replaced)."""
        if self.file is None:
            return False
        try:
            return os.fstat(self.file.fileno()).st_ino == os.stat(self.path).st_ino
        except FileNotFoundError:
            return False

    def release(self) -> None:
        if self.file is not None:
            fcntl.flock(self.file, fcntl.LOCK_UN)
            self.file.close()
            self.file = None


def leader_lock_for(database_url: str, instance_path: str):
    """The leader lock that fits the database."""
    url = sa.make_url(database_url)
    if url.get_backend_name() == "postgresql":
        return PostgresLeaderLock(database_url)
    if url.get_backend_name() == "sqlite":
        database = url.database
        if not database or database == ":memory:":
            return FileLeaderLock(Path(instance_path) / "scheduler.lock")
        return FileLeaderLock(Path(database).with_name(Path(database).name + ".scheduler.lock"))
    raise RuntimeError(f"no leader lock for {url.get_backend_name()} databases")
