"""Folding names for search and for finding likely duplicate persons."""
import unicodedata
from difflib import SequenceMatcher

# Letters that Unicode does not decompose into a base letter and a mark.
_SPECIAL = str.maketrans({"đ": "dj", "Đ": "dj", "ß": "ss", "ø": "o", "Ø": "o", "ł": "l", "Ł": "l",
                          "æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe", "ı": "i"})


def fold(text: str) -> str:
    """Lower-case ASCII with diacritics removed: "Petrović" → "petrovic", "Đorđević" → "djordjevic"."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_SPECIAL))
    ascii_only = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(ascii_only.lower().split())


def search_key(first_name: str, last_name: str, aliases: list[str]) -> str:
    """The text a person is found by: folded names and aliases, separated by " | "."""
    return " | ".join(fold(name) for name in [f"{first_name} {last_name}", *aliases] if name.strip())


def similarity(a: str, b: str) -> float:
    """How alike two names are, 0 to 1, ignoring case, diacritics and word order."""
    return SequenceMatcher(None, " ".join(sorted(fold(a).split())), " ".join(sorted(fold(b).split()))).ratio()
