"""Folding names for search and for finding likely duplicate persons.

Police files and keyboards write one name several ways: "Đorđević" is also "Djordjevic",
"Dordevic", "Dzordzevic" and "Ђорђевић"; "Müller" is also "Mueller" and "Muller". `fold`
maps every such spelling to one *search form*, and everything that compares names (the
case list's and the defendant form's search, `likely_matches`, the arrests import) folds
both sides with it, so a stored `Person.search_name` and a query always agree:

1. lower-case, and Serbian (and Macedonian, Russian) Cyrillic to Serbian Latin: ђ → đ,
   ћ → ć, ч → č, џ → dž, ш → š, ж → ž, љ → lj, њ → nj;
2. letters without a decomposition spelled out (đ → dj, ß → ss, ø → o, æ → ae, …), then
   every diacritic dropped (č, ć → c; š → s; ž → z; ä → a);
3. the second letter of a digraph dropped: dj, dz → d; ch → c; sh → s; zh → z; ae → a;
   oe → o; ue → u; ss → s.

So Đ, Dj, Dž, Dz and D all become "d"; Č, Ć, Ch and C become "c"; Ä, Ae and A become "a".

The fold is lossy on purpose. It cannot tell which spelling was meant, so it keeps only
what all spellings share: "Michael" becomes "mical", "Manuel" "manel", and different
names may meet (the surnames "Dukić" and "Đukić" fold alike, as do "Hodžić" and "Hodić").
For search that is the right trade: a prosecutor who types "Dukic" must find "Đukić", and
a few extra hits are easily read past, while a missed suspect is not. For duplicates the
date of birth must agree as well: the defendant form only offers likely matches, and the
arrests import reuses a person only when date of birth and search form are both the same.

Step 3 only ever drops a letter because of the letter before it, so the fold of a prefix is
a prefix of the fold ("Djo" → "do" is found in "dordevic"). A query that starts on the
second letter of a digraph may miss ("jevic" is not in "dordevic"); search a name from its
beginning or type its ending without the j ("evic").

`persons.search_name` stores the fold, so a change to it needs a migration that
recomputes that column (as revision 0010 does).
"""

import re
import unicodedata
from difflib import SequenceMatcher

# Lower-case Cyrillic in Serbian Latin letters; Macedonian, Russian and Ukrainian letters as Serbian writes them.
_CYRILLIC = str.maketrans(
    {
        "а": "a",
        "б": "b",
        "в": "v",
        "г": "g",
        "д": "d",
        "ђ": "đ",
        "е": "e",
        "ж": "ž",
        "з": "z",
        "и": "i",
        "ј": "j",
        "к": "k",
        "л": "l",
        "љ": "lj",
        "м": "m",
        "н": "n",
        "њ": "nj",
        "о": "o",
        "п": "p",
        "р": "r",
        "с": "s",
        "т": "t",
        "ћ": "ć",
        "у": "u",
        "ф": "f",
        "х": "h",
        "ц": "c",
        "ч": "č",
        "џ": "dž",
        "ш": "š",
        "ѓ": "gj",
        "ќ": "kj",
        "ѕ": "dz",
        "й": "j",
        "ё": "e",
        "ы": "y",
        "э": "e",
        "ю": "ju",
        "я": "ja",
        "щ": "šč",
        "ъ": "",
        "ь": "",
        "і": "i",
        "ї": "ji",
        "є": "je",
        "ґ": "g",
    }
)
# Lower-case letters that Unicode does not decompose into a base letter and a mark.
_SPECIAL = str.maketrans({"đ": "dj", "ð": "d", "ß": "ss", "ø": "o", "ł": "l", "æ": "ae", "œ": "oe", "ı": "i"})
# The second letter of a digraph that other spellings write as one letter.
_DIGRAPH_TAIL = re.compile(r"(?<=d)[jz]|(?<=[csz])h|(?<=[aou])e|(?<=s)s")


def plain(text: str) -> str:
    """Lower case without diacritics, Cyrillic in Latin letters: "Đukić" → "djukic", "Ђукић" → "djukic"."""
    latin = text.lower().translate(_CYRILLIC).translate(_SPECIAL)
    decomposed = unicodedata.normalize("NFKD", latin)
    ascii_only = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(ascii_only.split())


def fold(text: str) -> str:
    """The search form of a name, the same for every spelling: "Đukić", "Djukic", "Dukic" → "dukic"."""
    return _DIGRAPH_TAIL.sub("", plain(text))


def search_key(first_name: str, last_name: str, aliases: list[str]) -> str:
    """The text a person is found by: folded names and aliases, separated by " | "."""
    return " | ".join(fold(name) for name in [f"{first_name} {last_name}", *aliases] if name.strip())


def similarity(a: str, b: str) -> float:
    """How alike two names are, 0 to 1, whatever their spelling and word order."""
    return SequenceMatcher(None, " ".join(sorted(fold(a).split())), " ".join(sorted(fold(b).split()))).ratio()
