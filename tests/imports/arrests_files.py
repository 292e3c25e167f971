"""Arrests files as the police send them: plausible rows, written as a spreadsheet saves CSV."""

from datetime import date, datetime, timedelta

from app.imports.reading import COLUMNS

FIRST_NAMES = ["Marko", "Nikola", "Đorđe", "Stefan", "Miloš", "Jovana", "Aleksandar", "Dušan"]
LAST_NAMES = ["Petrović", "Jovanović", "Nikolić", "Đorđević", "Marković", "Ilić", "Stojanović", "Pavlović"]
NATIONALITIES = ["RS", "RS", "ME", "RS", "AT", "RS", "RS", "HU"]


def arrest_rows(n: int, references: list[str], *, prefix: str = "SR") -> list[dict]:
    """`n` plausible rows: two arrests per person in one case, every fifth with seizures, some times without offset."""
    rows = []
    for i in range(n):
        person = i // 2
        arrested = datetime(2017, 9, 4, 6, 0) + timedelta(hours=17 * i)
        if arrested.hour == 2:  # 02:00-03:00 is missing or doubled on daylight-saving days
            arrested += timedelta(hours=2)
        rows.append(
            {
                "external_id": f"{prefix}-{i:05d}",
                "case_reference": references[person % len(references)],
                "first_name": FIRST_NAMES[person % 8],
                "last_name": LAST_NAMES[person // 8 % 8],
                "date_of_birth": (date(1970, 1, 1) + timedelta(days=13 * person)).isoformat(),
                "nationality": NATIONALITIES[person % 8],
                "arrested_at": arrested.strftime("%Y-%m-%d %H:%M") if i % 3 else f"{arrested:%Y-%m-%dT%H:%M}+00:00",
                "place": "Wien 1., Schwedenplatz" if i % 2 else "Wien 10., Favoriten",
                "agency": "LPD Wien, Landeskriminalamt",
                "custody": "yes" if i % 4 else "no",
                "seized": "heroin 1.5 kg; pistol 2 pieces" if i % 5 == 0 else "",
            }
        )
    return rows


def to_csv(rows: list[dict], *, delimiter: str = ",", bom: bool = False, columns=COLUMNS) -> bytes:
    """The rows as a spreadsheet would save them: quoted where needed, CRLF line ends."""

    def cell(value: str) -> str:
        return f'"{value}"' if delimiter in value or '"' in value else value

    lines = [delimiter.join(columns)] + [delimiter.join(cell(row.get(c, "")) for c in columns) for row in rows]
    return ("\ufeff" if bom else "").encode() + ("\r\n".join(lines) + "\r\n").encode()


def spreadsheet_row(index: int) -> int:
    """The row number a spreadsheet shows for the data row at `index` (the header is row 1)."""
    return index + 2
