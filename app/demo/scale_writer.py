"""Where `flask demo scale` writes its rows: reserved id ranges, then COPY (PostgreSQL) or executemany (SQLite).

Rows are plain tuples in the column order of `COLUMNS`, written table by table in an
order that satisfies the foreign keys, all in the caller's transaction. Ids are taken
from ranges after the largest id in use.

On PostgreSQL the tables are locked against other writers until the transaction ends,
each chunk is turned into COPY text and streamed by a writer thread while the next chunk
is generated, and each sequence is moved past the new rows at the end. A large load
drops the tables' secondary indexes and builds them again afterwards (faster than
keeping them up to date row by row), and skips the row-by-row foreign-key triggers when
the role may (`session_replication_role`, superusers): the generator's rows refer only
to rows it wrote before them or that exist, as the SQLite load (which checks every key)
and the tests show.
"""

import itertools
import queue
import threading
from datetime import UTC, date, datetime

import sqlalchemy as sa

COLUMNS: dict[str, tuple[str, ...]] = {
    "offices": ("id", "name", "timezone", "jurisdiction", "subdivision", "created_at"),
    "users": (
        "id", "email", "name", "role", "office_id", "active", "password_hash", "session_token", "failed_logins",
        "locked_until", "last_login_at", "password_changed_at", "deactivated_at", "created_at",
    ),
    "persons": (
        "id", "office_id", "first_name", "last_name", "aliases", "date_of_birth", "nationality", "search_name",
        "created_at",
    ),
    "cases": (
        "id", "office_id", "reference", "title", "jurisdiction", "operation_id", "prosecutor_id", "court", "stage",
        "sealed", "opened_on", "stage_changed_at", "last_activity_at", "version", "created_at",
    ),
    "defendants": ("id", "case_id", "person_id", "custody", "custody_since", "created_at"),
    "charges": (
        "id", "defendant_id", "statute", "offence_class", "max_penalty_months", "life_possible", "description",
        "created_at",
    ),
    "arrests": (
        "id", "case_id", "person_id", "arrested_at", "place", "agency", "custody_followed", "external_id",
        "recorded_by_id", "created_at",
    ),
    "seizures": (
        "id", "case_id", "arrest_id", "category", "substance", "quantity", "unit", "seized_on", "recorded_by_id",
        "created_at",
    ),
    "stage_moves": ("id", "case_id", "from_stage", "to_stage", "grounds", "reason", "facts", "actor_id", "moved_at"),
    "deadlines": (
        "id", "case_id", "defendant_id", "rule_id", "title", "kind", "reference", "due_at", "due_date", "act_by",
        "all_day", "status", "explanation", "steps", "reminder_offsets", "trigger_event", "trigger_at",
        "offence_class", "created_by_id", "closed_by_id", "closed_at", "closing_event", "met_on", "waive_reason",
        "superseded_by_id", "closed_by_move_id", "created_at",
    ),
    "judgments": (
        "id", "defendant_id", "case_id", "court", "court_file_number", "announced_on", "served_on", "final_on",
        "finality_basis", "quashed_on", "entered_by_id", "updated_at", "version", "created_at",
    ),
    "verdicts": ("id", "judgment_id", "charge_id", "outcome", "amended_statute"),
    "appeals": (
        "id", "judgment_id", "party", "lodged_on", "grounds_filed_on", "decision", "decided_on", "decision_final",
        "created_at",
    ),
    "sentences": (
        "id", "judgment_id", "appeal_id", "in_force", "prison_years", "prison_months", "prison_days", "life",
        "conditional_years", "conditional_months", "conditional_days", "probation_years", "fine_daily_rates",
        "fine_daily_rate", "fine_amount", "confiscation_amount", "forfeiture_amount", "other_orders",
    ),
    "assignments": ("id", "case_id", "from_id", "to_id", "by_id", "assigned_at", "automatic", "reason"),
    "notifications": (
        "id", "recipient_id", "address", "kind", "subject", "body_text", "body_html", "key", "message_id", "status",
        "attempts", "next_attempt_at", "claimed_until", "last_error", "created_at", "sent_at", "read_at",
    ),
}  # fmt: skip
#: Tables in an order that satisfies every foreign key (a deadline's successor is written before it, see below).
TABLES = tuple(COLUMNS)
#: The tables a chunk of cases fills (offices and accounts are made once, before the cases).
CHUNK_TABLES = TABLES[2:]
#: Columns whose values only grow during a load (each row's parent is written just before it) ...
GROWING = frozenset({"id", "case_id", "defendant_id", "charge_id", "arrest_id", "judgment_id", "closed_by_move_id"})
#: ... and columns of a handful of values in a load (generated cases belong to no operation). An index
#: led by a growing column, or made of few-valued columns and then a growing one, takes new entries at
#: a few ends of its tree: it is kept up to date during a large load; the others are cheaper built again.
FEW_VALUES = frozenset(
    {
        "kind",
        "rule_id",
        "status",
        "stage",
        "custody",
        "category",
        "jurisdiction",
        "office_id",
        "operation_id",
        "in_force",
    }
)


def check_columns(metadata: sa.MetaData) -> None:
    """Refuse to run when a table has columns the generator does not fill, or lacks one it does."""
    for table, columns in COLUMNS.items():
        known = {column.name for column in metadata.tables[table].columns}
        if known != set(columns):
            missing, unknown = sorted(known - set(columns)), sorted(set(columns) - known)
            raise RuntimeError(
                f"flask demo scale does not match the table {table}: "
                f"columns not generated {missing}, generated but not in the table {unknown}"
            )


#: SQLite's page cache during a load, in KiB.
SQLITE_CACHE_KIB = 256 * 1024


class Values:
    """How values are written: COPY text on PostgreSQL; on SQLite, text as SQLAlchemy stores it, and floats."""

    def __init__(self, dialect: str) -> None:
        self.dialect = dialect
        if dialect == "postgresql":
            self.moment, self.day = _remembered(datetime.isoformat), _remembered(date.isoformat)
            self.number, self.text = str, _copy_text
        else:
            self.moment, self.day = _remembered(_sqlite_moment), _remembered(date.isoformat)
            self.number, self.text = float, _same


def _remembered(convert):
    """`convert`, answering a value it has seen from memory (the same days and hours recur in every case)."""
    seen: dict = {}

    def converted(value):
        text = seen.get(value)
        if text is None:
            if len(seen) >= 200_000:
                seen.clear()
            text = seen[value] = convert(value)
        return text

    return converted


def _same(value):
    return value


def _copy_text(value: str) -> str:
    """Text that may hold backslashes, tabs or line breaks, escaped for COPY's text format."""
    return value.replace("\\", "\\\\").replace("\n", "\\n").replace("\t", "\\t").replace("\r", "\\r")


def _sqlite_moment(value: datetime) -> str:
    """A moment as SQLAlchemy stores it on SQLite: naive UTC text with microseconds."""
    return value.astimezone(UTC).replace(tzinfo=None).isoformat(" ", "microseconds")


#: COPY text of the values that are neither text nor whole numbers.
_COPY_CONSTANTS = {None: "\\N", True: "t", False: "f"}


def copy_text(rows: list[tuple]) -> str:
    """Rows whose text values are already COPY-safe (see Values), as COPY text."""
    constants = _COPY_CONSTANTS
    return "".join(
        [
            "\t".join([v if (kind := v.__class__) is str else str(v) if kind is int else constants[v] for v in row])
            + "\n"
            for row in rows
        ]
    )


class Ids:
    """The next free id of each table: after its largest id (and its sequence's, on PostgreSQL)."""

    def __init__(self, connection: sa.Connection) -> None:
        self.first: dict[str, int] = {}
        postgres = connection.dialect.name == "postgresql"
        for table in TABLES:
            largest = connection.exec_driver_sql(f"SELECT max(id) FROM {table}").scalar() or 0
            if postgres:
                sequence = connection.exec_driver_sql(f"SELECT pg_get_serial_sequence('{table}', 'id')").scalar()
                last, called = connection.exec_driver_sql(f"SELECT last_value, is_called FROM {sequence}").one()
                largest = max(largest, last if called else 0)
            self.first[table] = largest + 1
        self.next = dict(self.first)

    def take(self, table: str) -> int:
        taken = self.next[table]
        self.next[table] += 1
        return taken

    def advance(self, counts: dict[str, int]) -> None:
        """Count the ids a chunk took (one per row) as used."""
        for table, count in counts.items():
            self.next[table] += count

    def used(self) -> dict[str, int]:
        return {table: self.next[table] - self.first[table] for table in TABLES}


class Batch:
    """The rows of a chunk of cases, by table, with ids taken from where each table's next free id was."""

    def __init__(self, ids: Ids) -> None:
        self.rows: dict[str, list[tuple]] = {table: [] for table in CHUNK_TABLES}
        self.ids = {table: itertools.count(ids.next[table]) for table in CHUNK_TABLES}
        #: Cases made per office, by office id.
        self.cases: dict[int, int] = {}

    def counts(self) -> dict[str, int]:
        return {table: len(rows) for table, rows in self.rows.items()}


class PostgresSink:
    """Stream batches with COPY on the session's own connection, so they commit or roll back with it."""

    def __init__(self, connection: sa.Connection, *, rebuild_indexes: bool) -> None:
        self.connection = connection
        self.raw = connection.connection.driver_connection
        self.rebuild_indexes = rebuild_indexes
        self.indexes: list[tuple[str, str]] = []
        self.pending: queue.Queue = queue.Queue(maxsize=2)
        self.failure: BaseException | None = None
        self.thread = threading.Thread(target=self._stream, name="demo-scale-copy", daemon=True)

    def prepare(self) -> None:
        """Lock the tables (the reserved ids stay free) and drop what slows a large load."""
        run = self.connection.exec_driver_sql
        run(f"LOCK TABLE {', '.join(TABLES)} IN SHARE ROW EXCLUSIVE MODE")
        if run("SELECT current_setting('is_superuser')").scalar() == "on":
            run("SET LOCAL session_replication_role = replica")
        if self.rebuild_indexes:
            run("SET LOCAL maintenance_work_mem = '256MB'")
            self.indexes = [
                (name, definition) for name, definition, columns in self._indexes() if not _grows_at_ends(columns)
            ]
            for name, _definition in self.indexes:
                run(f"DROP INDEX {name}")

    def start(self) -> None:
        self.thread.start()

    def _indexes(self) -> list[tuple[str, str, list[str | None]]]:
        """(name, definition, key columns; None for an expression) of the tables' indexes that back no constraint."""
        return self.connection.exec_driver_sql(
            "SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid), "
            "ARRAY(SELECT a.attname FROM unnest(i.indkey) WITH ORDINALITY AS k(attnum, n) "
            "LEFT JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum ORDER BY k.n) "
            "FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid "
            "WHERE t.relname = ANY(%(tables)s) AND NOT i.indisprimary "
            "AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid) ORDER BY 1",
            {"tables": list(TABLES)},
        ).all()

    def write_rows(self, rows: dict[str, list]) -> None:
        """Hand rows to the writer as COPY text, by table."""
        self.write_text([(table, copy_text(table_rows)) for table, table_rows in rows.items() if table_rows])

    def write_text(self, tables: list[tuple[str, str]]) -> None:
        """Hand COPY text to the writer, by table; waits while two chunks are queued."""
        if self.failure is not None:
            raise self.failure
        self.pending.put(tables)

    def _stream(self) -> None:
        with self.raw.cursor() as cursor:
            while (tables := self.pending.get()) is not None:
                if self.failure is not None:
                    continue
                try:
                    for table, text in tables:
                        with cursor.copy(f"COPY {table} ({', '.join(COLUMNS[table])}) FROM STDIN") as copy:
                            copy.write(text)
                except BaseException as error:  # handed to the generating thread
                    self.failure = error

    def finish(self) -> None:
        """Wait for the writer, build the dropped indexes again, move every id sequence past its rows."""
        self.close()
        if self.failure is not None:
            raise self.failure
        run = self.connection.exec_driver_sql
        for _name, definition in self.indexes:
            run(definition)
        for table in TABLES:
            run(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), GREATEST((SELECT max(id) FROM {table}), 1))")

    def close(self) -> None:
        if self.thread.is_alive():
            self.pending.put(None)
            self.thread.join()


def _grows_at_ends(columns: list[str | None]) -> bool:
    """Whether an index's new entries of a load go to a few ends of it (see GROWING and FEW_VALUES)."""
    if not columns or None in columns:
        return False
    if columns[0] in GROWING:
        return True
    return all(column in FEW_VALUES for column in columns[:-1]) and columns[-1] in GROWING | FEW_VALUES


class SqliteSink:
    """Write batches with executemany on the session's own connection."""

    def __init__(self, connection: sa.Connection) -> None:
        self.connection = connection
        self.statements = {
            table: f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"
            for table, columns in COLUMNS.items()
        }

    def prepare(self) -> None:
        """Give the connection a page cache the indexes fit in (2 MB by default); the write lock is already
        taken when the transaction begins (app/core/sqlite.py)."""
        self.connection.exec_driver_sql(f"PRAGMA cache_size = -{SQLITE_CACHE_KIB}")

    def start(self) -> None:
        """Rows are written as they come."""

    def write_rows(self, rows: dict[str, list]) -> None:
        cursor = self.connection.connection.driver_connection.cursor()
        try:
            for table, table_rows in rows.items():
                if table == "deadlines":
                    # Foreign keys are checked row by row here: a superseding deadline (a higher id) goes first.
                    table_rows = reversed(table_rows)
                cursor.executemany(self.statements[table], table_rows)
        finally:
            cursor.close()

    def finish(self) -> None:
        """SQLite hands out the next rowid after the largest; nothing to move."""

    def close(self) -> None:
        """Nothing runs beside the generator."""


def sink_for(connection: sa.Connection, *, rebuild_indexes: bool = False):
    if connection.dialect.name == "postgresql":
        return PostgresSink(connection, rebuild_indexes=rebuild_indexes)
    return SqliteSink(connection)
