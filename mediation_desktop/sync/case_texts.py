"""The searchable text of the cases a bundle brings new here, from the bundle's own rows (``sync.importer``
indexes them in the import's transaction; their tokens are made meanwhile in a second process)."""

from __future__ import annotations

import operator
from typing import Any

from mediation_desktop.services import search
from mediation_desktop.services.search_keys import CaseText
from mediation_desktop.sync import schema

__all__ = ["texts_of_new_cases"]


def texts_of_new_cases(cases: list[list[Any]], parties: list[list[Any]]) -> list[CaseText]:
    """The searchable text of the cases new here, from the bundle's own rows (all their parties are new here
    too), oldest first as the list orders them — not read back from the database."""
    names = schema.column_names("mediation_case")
    i_id, i_no, i_title, i_summary, i_deleted = (names.index(n) for n in ("id", "case_no", "title", "summary",
                                                                          "deleted_at"))
    order = operator.itemgetter(*(names.index(n) for n in ("registered_on", "year", "serial")))
    i_extra = names.index("extra") if "extra" in names else None
    texts = {r[i_id]: CaseText(r[i_id], r[i_no] or "", r[i_title] or "", r[i_summary] or "",
                               numbers=search.original_numbers(None if i_extra is None else r[i_extra]))
             for r in sorted(cases, key=order) if r[i_deleted] is None}
    p_names = schema.column_names("party")
    p_case, p_name, p_rep, p_id, p_phone, p_rep_id, p_rep_phone, p_deleted = (p_names.index(n) for n in (
        "case_id", "name", "representative", "id_number", "phone", "representative_id_number",
        "representative_phone", "deleted_at"))
    for p in sorted(parties, key=operator.itemgetter(p_names.index("position"))):
        text = texts.get(p[p_case])
        if text is not None and p[p_deleted] is None:
            text.names.extend(n for n in (p[p_name], p[p_rep]) if n)
            text.numbers.extend(n for n in (p[p_id], p[p_phone], p[p_rep_id], p[p_rep_phone]) if n)
    return list(texts.values())
