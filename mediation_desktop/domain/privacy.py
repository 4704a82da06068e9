"""Masking what identifies a person on screen: ID numbers and phones show only their ends until revealed."""

from __future__ import annotations


def mask_id_number(value: str | None) -> str:
    """110105194912310021 → 110105********0021 (region kept: mediators recognise the township; the birth
    date hidden). Short or foreign numbers keep only their last 4 characters."""
    if not value:
        return ""
    text = value.strip()
    if len(text) >= 15:
        return text[:6] + "*" * (len(text) - 10) + text[-4:]
    if len(text) <= 4:
        return "*" * len(text)
    return "*" * (len(text) - 4) + text[-4:]


def mask_phone(value: str | None) -> str:
    """13800138000 → 138****8000; a landline keeps its area code and last 4 digits."""
    if not value:
        return ""
    text = value.strip()
    if len(text) == 11 and text.isdigit():
        return text[:3] + "****" + text[-4:]
    if len(text) <= 4:
        return "*" * len(text)
    keep = 4 if len(text) > 8 else 2
    return text[:keep] + "*" * (len(text) - keep - 4) + text[-4:]
