"""Every domain message key has clear text in both languages; the domain stays pure."""

from __future__ import annotations

import ast
import re
import string
import sys
from pathlib import Path

import pytest

from mediation_desktop.domain import case_number, categories, credit_code, lifecycle, phone, resident_id
from mediation_desktop.domain.messages import DOMAIN_MESSAGES, domain_message

DOMAIN_DIR = Path(resident_id.__file__).parent
OWN_MODULES = ["resident_id", "credit_code", "phone", "case_number", "lifecycle", "deadlines", "categories", "messages"]

USED_KEYS: frozenset[str] = (
    resident_id.ERROR_KEYS
    | resident_id.WARNING_KEYS
    | credit_code.ERROR_KEYS
    | credit_code.WARNING_KEYS
    | phone.ERROR_KEYS
    | case_number.ERROR_KEYS
    | lifecycle.ERROR_KEYS
    | categories.ERROR_KEYS
)

# The params each key is raised with (keys not listed are raised without params).
PARAMS: dict[str, dict[str, str]] = {
    "case_no.placeholder": {"placeholder": "village"},
    "category.unknown_scheme": {"version": "1999"},
}


# Texts may show these in braces on purpose (they explain the case-number format).
LITERAL_BRACES = {"{year}", "{n}", "{short}", "{org}", "{n:03}", "{village}"}


def fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}


def test_every_used_key_has_a_message() -> None:
    assert USED_KEYS <= set(DOMAIN_MESSAGES)


def test_no_stale_messages() -> None:
    assert set(DOMAIN_MESSAGES) == USED_KEYS


def test_declared_keys_cover_what_the_code_raises() -> None:
    source = "\n".join((DOMAIN_DIR / f"{name}.py").read_text(encoding="utf-8") for name in OWN_MODULES[:-1])
    literal_keys = set(re.findall(r'"((?:id|credit|phone|case_no|case|category)\.[a-z_]+)"', source))
    assert literal_keys == USED_KEYS


@pytest.mark.parametrize("key", sorted(DOMAIN_MESSAGES))
def test_message_texts(key: str) -> None:
    zh, en = DOMAIN_MESSAGES[key]
    assert zh.strip() and en.strip()
    assert re.search(r"[\u4e00-\u9fff]", zh), "Chinese text must be Chinese"
    assert not re.search(r"[\u4e00-\u9fff]", en), "English text must not contain Chinese"
    assert zh.endswith("。") and en.endswith(".")
    assert fields(zh) == fields(en), "both languages must use the same placeholders"
    assert fields(zh) == set(PARAMS.get(key, {}))
    for lang in ("zh", "en"):
        text = domain_message(key, lang, **PARAMS.get(key, {}))
        leftover = set(re.findall(r"\{[^{}]*\}", text)) - LITERAL_BRACES
        assert not leftover, f"unfilled placeholders in {key}/{lang}: {leftover}"


def test_messages_fill_params_from_real_errors() -> None:
    with pytest.raises(case_number.CaseNumberPatternError) as pattern_error:
        case_number.validate_pattern("{year}{n}{village}")
    assert "{village}" in domain_message(pattern_error.value.key, "zh", **pattern_error.value.params)
    with pytest.raises(categories.UnknownCategoryScheme) as scheme_error:
        categories.scheme("1999")
    assert "1999" in domain_message(scheme_error.value.key, "en", **scheme_error.value.params)
    with pytest.raises(lifecycle.IllegalTransition) as transition_error:
        lifecycle.transition(lifecycle.CaseStatus.ARCHIVED, lifecycle.CaseAction.AGREE)
    assert domain_message(transition_error.value.key, "zh", **transition_error.value.params)


def test_example_message() -> None:
    assert DOMAIN_MESSAGES["id.checksum"][0] == "身份证号码最后一位校验码不对，请核对号码。"
    assert domain_message("no.such_key") == "no.such_key"


def _imports(path: Path) -> list[tuple[str, int]]:
    """(module, level) of every import in a file."""
    found: list[tuple[str, int]] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.extend((alias.name, 0) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            found.append((node.module or "", node.level))
    return found


@pytest.mark.parametrize("name", OWN_MODULES)
def test_domain_modules_import_only_stdlib(name: str) -> None:
    for module, level in _imports(DOMAIN_DIR / f"{name}.py"):
        if level == 1:
            continue  # from .lifecycle import … (inside mediation_desktop.domain)
        assert level == 0, f"{name}: import reaches outside the domain package"
        top = module.split(".")[0]
        allowed = top in sys.stdlib_module_names or module.startswith("mediation_desktop.domain")
        assert allowed, f"{name} imports {module}"
        assert top not in {"PySide6", "sqlalchemy", "reportlab"}
