"""SQLite settings that make the embedded database behave like a real one."""

import sqlalchemy as sa


def configure_sqlite(engine: sa.Engine) -> None:
    """Enforce foreign keys, wait for locks, and let SQLAlchemy own transactions.

    pysqlite otherwise starts transactions lazily and ignores SAVEPOINT semantics;
    taking over BEGIN is the fix documented by SQLAlchemy ("Serializable isolation /
    Savepoints / Transactional DDL"), and it is what makes rolled-back test
    transactions and nested savepoints work.

    Transactions begin IMMEDIATE, taking the write lock at the start: a deferred
    transaction that reads and then writes fails at once with "database is locked"
    when another writer got in between (the busy timeout cannot help it), whereas an
    immediate one simply waits its turn. The web server's threads and the in-process
    scheduler's jobs then queue for the one writer SQLite allows; readers in WAL mode
    are not blocked by it.
    """

    @sa.event.listens_for(engine, "connect")
    def on_connect(dbapi_connection, _record):
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=10000")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.close()

    @sa.event.listens_for(engine, "begin")
    def on_begin(connection):
        connection.exec_driver_sql("BEGIN IMMEDIATE")
