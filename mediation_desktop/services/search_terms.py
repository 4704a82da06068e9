"""What a typed query asks the full-text index: its terms, and each term's lookups (see ``services.search``).

A term is looked up by its keys (``key_lookup``: names, pinyin, numbers) and, from two characters on, by the
character pairs of titles, summaries and case numbers (``word_lookup``); a lookup is written out as an FTS5
query on SQLite and as a tsquery on PostgreSQL (``Part.fts5``, ``tsquery``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from mediation_desktop.services.search_keys import CASE_NUMBER_STARTS, TERM_LENGTH, is_shared_start, normalise
from mediation_desktop.storage.fulltext import PG_PINYIN_STARTS

__all__ = ["Lookup", "Part", "end_part", "key_lookup", "terms_of_query", "tsquery", "word_lookup"]


def terms_of_query(text: str) -> list[str]:
    """The normalised terms of what was typed (Latin letters typed apart are one pinyin term), each once: a term
    typed again asks nothing more (and a longer one is confirmed against the texts once, not per copy: pasted, 宅基地
    a hundred times took 4 s)."""
    words = [w for w in (normalise(part) for part in (text or "").split()) if w]
    if len(words) > 1 and all(w.isascii() and w.isalpha() for w in words):
        return ["".join(words)[:TERM_LENGTH]]
    return list(dict.fromkeys(w[:TERM_LENGTH] for w in words))


@dataclass(frozen=True)
class Part:
    """Tokens of one SQLite table (each exact, or by prefix), joined by OR or AND."""

    table: str  # "key", "number" or "gram": SQLite's fts_case_<table> (PostgreSQL has one for all)
    tokens: tuple[tuple[str, bool], ...]  # (token, by prefix)
    all_of: bool = False

    joined: tuple[str, ...] = ()  # SQLite: the FTS5 queries of further parts in its table, each ANDed (``also``)
    but_not: str | None = None  # an exact token of its table the docs found must not hold (``end_part``)

    def fts5(self) -> str:
        own = (" AND " if self.all_of else " OR ").join(f'"{t}"*' if p else f'"{t}"' for t, p in self.tokens)
        query = " AND ".join([f"({own})", *self.joined]) if self.joined else own
        return query if self.but_not is None else f'({query}) NOT "{self.but_not}"'

    def also(self, parts: Sequence[Part]) -> Part:
        """This part, finding only the docs that one of ``parts`` (of its table) finds too (SQLite)."""
        assert all(p.table == self.table for p in parts)
        either = " OR ".join(f"({p.fts5()})" for p in parts)
        return replace(self, joined=(*self.joined, f"({either})"))

    def tsquery(self) -> str:
        assert not self.joined, "a part with further parts ANDed in is SQLite's (search_reads._merged)"
        own = (" & " if self.all_of else " | ").join(f"'{t}':*" if p else f"'{t}'" for t, p in self.tokens)
        return own if self.but_not is None else f"({own}) & !'{self.but_not}'"


Lookup = tuple[Part, ...]  # one question to the full-text index: the docs any of its parts finds


def key_lookup(term: str, postgresql: bool = False) -> Lookup:
    letters = term.isascii() and term.isalpha()
    if len(term) == 1:  # the first keystroke: one exact token (on PostgreSQL, which holds no q, a Latin letter by
        # GIN's prefix search: a syllable among a name's first four starting so; its newest matches are found
        # before any GIN statement)
        if postgresql and letters:
            return (Part("key", (("p" + term, True),)),)
        # (on SQLite held with the pairs since revision 0015: ANDed with another term's in one MATCH)
        return (Part("gram", ((("q" if letters else "c") + term, False),)),)
    if letters:  # pinyin (and Latin names), from a syllable on; two to four letters on PostgreSQL by their exact
        # lexeme (r, written with the p lexemes: search_index.pg_keys), not the merge of every one starting so
        if postgresql and len(term) in PG_PINYIN_STARTS:
            return (Part("key", (("r" + term, False),)),)
        return (Part("key", (("p" + term, True),)),)
    return Part("key", (("n" + term, True),)), Part("number", (("l" + term, True),)), _case_number_part(term)


def _case_number_part(term: str) -> Part:
    """A term's lookup of the case numbers (held with the pairs since revision 0016: ``search_keys._with_pairs``):
    a start of two to four characters exactly (``m``: one list of docs, which one ``MATCH`` ANDs with another term's),
    a longer one by prefix (``h``: FTS5 merges the lists of every number starting so), unless it is a start numbers
    share (``search_keys.is_shared_start``: the village's name, ``石桥村人调字``, was 19 ms by prefix at 100,000 cases),
    which is one exact ``m`` token too."""
    if len(term) <= max(CASE_NUMBER_STARTS) or is_shared_start(term):  # (and a start numbers share: revision 0017)
        return Part("gram", (("m" + term, False),))
    return Part("gram", (("h" + term, True),))


def word_lookup(term: str) -> Lookup | None:
    """The pairs of ``term`` in titles, summaries and case numbers (none for one character or digits alone)."""
    if len(term) < 2 or term.isdigit():
        return None
    grams = sorted({"g" + term[i:i + 2] for i in range(len(term) - 1)})
    return (Part("gram", tuple((g, False) for g in grams), all_of=True),)


def end_part(term: str) -> Part | None:
    """The exact ``e`` token of a term of two or more digits and one letter (``43号``), which the cases hold whose
    number's runs hold the term at the end of a serial (``search_keys.serial_ends``), or None."""
    if len(term) < 3 or not term[:-1].isdigit() or term[-1].isdigit() or not term[-1].isalnum():
        return None
    return Part("gram", (("e" + term, False),))


def tsquery(lookup: Lookup) -> str:
    """``lookup`` as one PostgreSQL tsquery: its parts ORed."""
    return " | ".join(f"({part.tsquery()})" for part in lookup)
