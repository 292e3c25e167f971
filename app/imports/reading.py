"""Reading an uploaded CSV file: encoding, delimiter, header, size limits.

Spreadsheets differ in what they write: Excel in Austria separates with semicolons and
may put a byte order mark first; other tools use commas. Both are accepted, as UTF-8
with or without the mark. Anything else gets a clear message instead of a crash.
"""

import csv
import io
from dataclasses import dataclass

from app.errors import DomainError

#: The columns of an arrests file, in the documented order (README, "Importing arrests").
COLUMNS = (
    "external_id",
    "case_reference",
    "first_name",
    "last_name",
    "date_of_birth",
    "nationality",
    "arrested_at",
    "place",
    "agency",
    "custody",
    "seized",
)
REQUIRED_COLUMNS = frozenset(COLUMNS) - {"date_of_birth", "nationality", "seized"}
DEFAULT_MAX_BYTES = 5 * 1024 * 1024
DEFAULT_MAX_ROWS = 5_000
#: Row number of the header line, as a spreadsheet shows it; data rows start at 2.
HEADER_ROW = 1


@dataclass(frozen=True)
class RowError:
    """Something wrong with one cell (or a whole row, or the file when `row` is 0)."""

    row: int
    column: str
    message: str


@dataclass
class Record:
    """One data row: its spreadsheet row number and its cells by column name."""

    row: int
    cells: dict[str, str]


def read_records(data: bytes, *, max_bytes: int = DEFAULT_MAX_BYTES, max_rows: int = DEFAULT_MAX_ROWS) -> list[Record]:
    """Decode and split an arrests CSV into records, refusing files that are not one."""
    if len(data) > max_bytes:
        raise DomainError(f"The file is larger than {max_bytes // 1024:,} KiB; split it into smaller files.")
    text = _decode(data)
    if not text.strip():
        raise DomainError("The file is empty.")
    delimiter = _delimiter(text.splitlines()[0])
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        header = next(reader)
        columns = _columns(header)
        records = []
        for index, cells in enumerate(reader, start=HEADER_ROW + 1):
            if not any(cell.strip() for cell in cells):
                continue  # spreadsheets leave empty lines at the end
            if len(records) == max_rows:
                raise DomainError(f"The file has more than {max_rows:,} rows; split it into smaller files.")
            if len(cells) != len(columns):
                raise DomainError(
                    f"Row {index} has {len(cells)} cells but the header has {len(columns)}; "
                    f"is a value with a '{delimiter}' missing its quotes?"
                )
            records.append(Record(index, {column: cell.strip() for column, cell in zip(columns, cells)}))
    except csv.Error as error:
        raise DomainError(f"The file is not a readable CSV file near line {reader.line_num}: {error}.") from None
    if not records:
        raise DomainError("The file has a header but no rows.")
    return records


def _decode(data: bytes) -> str:
    if b"\x00" in data[:4096]:
        raise DomainError(
            "This is not a CSV text file (it contains binary data). In a spreadsheet, use “Save as” → “CSV UTF-8”."
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise DomainError(
            f"The file is not UTF-8 text (byte {error.start + 1} is not valid). "
            "In a spreadsheet, use “Save as” → “CSV UTF-8”."
        ) from None


def _delimiter(header_line: str) -> str:
    """Semicolon or comma: whichever separates the header line (column names contain neither)."""
    return ";" if header_line.count(";") > header_line.count(",") else ","


def _columns(header: list[str]) -> list[str]:
    columns = [name.strip().lower() for name in header]
    unknown = [name for name in columns if name not in COLUMNS]
    if unknown:
        raise DomainError(
            f"Unknown column {unknown[0]!r} in the header; the columns are: {', '.join(COLUMNS)}.", unknown[0] or "—"
        )
    duplicates = sorted({name for name in columns if columns.count(name) > 1})
    if duplicates:
        raise DomainError(f"The column {duplicates[0]} appears twice in the header.", duplicates[0])
    missing = [name for name in COLUMNS if name in REQUIRED_COLUMNS and name not in columns]
    if missing:
        raise DomainError(
            f"The header lacks the required column {missing[0]}"
            + (f" (and {len(missing) - 1} more: {', '.join(missing[1:])})." if len(missing) > 1 else "."),
            missing[0],
        )
    return columns
