"""The command line's arguments by the rules of the forms, before anything runs: a text that is stored or printed
(a screening's place, a report's 填报人, a mediator's name …) by the text rule of its field (``domain.text``), and
an output file or folder without a control, invisible or direction-changing character in its name (a line break
in a file name, or ``x\\u202eFDP.exe``, is no name a person chose). Dates go through the services, where the forms'
range rule (1900–2100) stands. Each is refused with one line, nothing opened or written."""

from __future__ import annotations

import argparse
import unicodedata

from mediation_desktop.domain.text import UnsafeText, check_text, code_point
from mediation_desktop.errors import MediationError

#: an argument's name (its ``dest``) → the field (``domain.text.FIELDS``) whose rule it follows
TEXT_ARGUMENTS = {
    "filled_by": "report.filled_by",
    "place": "screening.place",
    "by": "screening.screened_by",
    "found": "screening.description",
    "prevented": "screening.description",
    "name": "mediator.name",
    "phone": "party.phone",
    "reason": "case.reason",
    "org_name": "setup.org_name",
    "short_name": "setup.short_name",
    "admin_name": "account.display_name",
    "category": "case.category",
}
#: the arguments that name a file or folder the command writes
OUTPUT_ARGUMENTS = ("out", "receipts", "second_folder")
_HIDDEN = {"Cc", "Cf", "Cs", "Zl", "Zp", "Cn", "Co"}


def refuse_unsafe_arguments(args: argparse.Namespace) -> None:
    """Refuse (``MediationError``) the first argument that breaks its rule."""
    for dest, field in TEXT_ARGUMENTS.items():
        value = getattr(args, dest, None)
        for text in value if isinstance(value, list) else [value]:
            if isinstance(text, str):
                try:
                    check_text(text, field)
                except UnsafeText as exc:
                    raise MediationError(exc.key, **exc.params) from None
    for dest in OUTPUT_ARGUMENTS:
        value = getattr(args, dest, None)
        if isinstance(value, str):
            char = next((c for c in value if unicodedata.category(c) in _HIDDEN), None)
            if char is not None:
                raise MediationError("cli.path_hidden_char", option="--" + dest.replace("_", "-"), path=value,
                                     char=code_point(char))
