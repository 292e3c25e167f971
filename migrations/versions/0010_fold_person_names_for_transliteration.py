"""Persons' search names in the fold that equates transliterations (Đ = Dj = D, Ђ = Đ, ä = ae = a).

`persons.search_name` held names folded to lower-case ASCII only ("djordjevic"), so a
search for "Dordevic" or "Ђорђевић" found nothing. It now holds the search form of
app/cases/names.py ("dordevic"), which every spelling of the name folds to; each row is
recomputed from its names and aliases. No column changes.

Upgrading uses the app's fold, so the keys always match the code they are searched with.
Downgrading restores the earlier fold, copied here as it was, since the app's has moved on.

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-29 18:10:11.667666

"""
import unicodedata

from alembic import op
import sqlalchemy as sa

from app.cases.names import search_key


# revision identifiers, used by Alembic.
revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None

BATCH = 1000


def upgrade():
    recompute_search_names(search_key)


def downgrade():
    recompute_search_names(earlier_search_key)


def recompute_search_names(key):
    """Set every person's search name to `key(first_name, last_name, aliases)`, a thousand rows at a time."""
    persons = sa.table('persons', sa.column('id', sa.Integer), sa.column('first_name'), sa.column('last_name'),
                       sa.column('aliases', sa.JSON), sa.column('search_name'))
    update = (persons.update().where(persons.c.id == sa.bindparam('person_id'))
              .values(search_name=sa.bindparam('new_search_name')))
    connection = op.get_bind()
    last_id = 0
    while True:
        rows = connection.execute(sa.select(persons).where(persons.c.id > last_id)
                                  .order_by(persons.c.id).limit(BATCH)).all()
        if not rows:
            return
        changed = [{'person_id': row.id, 'new_search_name': new} for row in rows
                   if (new := key(row.first_name, row.last_name, row.aliases or [])) != row.search_name]
        if changed:
            connection.execute(update, changed)
        last_id = rows[-1].id


_EARLIER_SPECIAL = str.maketrans({"đ": "dj", "Đ": "dj", "ß": "ss", "ø": "o", "Ø": "o", "ł": "l", "Ł": "l",
                                  "æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe", "ı": "i"})


def earlier_fold(text):
    decomposed = unicodedata.normalize("NFKD", text.translate(_EARLIER_SPECIAL))
    ascii_only = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(ascii_only.lower().split())


def earlier_search_key(first_name, last_name, aliases):
    return " | ".join(earlier_fold(name) for name in [f"{first_name} {last_name}", *aliases] if name.strip())
