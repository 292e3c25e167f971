"""`python -m bench.cli …`: Docket's `flask` commands with the import's per-file limits raised.

The benchmark imports 100,000 arrests as one file; the import refuses files of more than
IMPORT_MAX_ROWS rows or IMPORT_MAX_BYTES bytes, so this raises both and changes nothing else.
"""

from flask.cli import FlaskGroup

from app import create_app

LIMITS = {"IMPORT_MAX_ROWS": 10_000_000, "IMPORT_MAX_BYTES": 2**31}

cli = FlaskGroup(create_app=lambda: create_app(overrides=LIMITS))

if __name__ == "__main__":
    cli()
