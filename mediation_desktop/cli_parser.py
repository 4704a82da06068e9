"""The command line's parser in the user's language: argparse's own words included.

argparse writes its help and its errors in English ("usage:", "options:", "show this help message and exit",
"the following arguments are required", "invalid choice" …). In the Chinese command line every one of them is
Chinese, through argparse's documented hooks:

* the help: the usage prefix (``HelpFormatter.add_usage``), the section titles, ``-h/--help`` added by the
  parser itself (``add_help=False``) with a Chinese help line; a formatter that measures Chinese characters as
  the two columns a terminal gives them (alignment and wrapping);
* the errors: ``ArgumentParser.error`` receives argparse's message already formatted from one of its own
  templates (its gettext message ids, listed in ``_MESSAGES``); the message is matched against the template
  and written again from the Chinese one, with the values it carried (an argument's name, a value typed,
  the choices).

English (``--lang en`` or an English locale) keeps argparse's own text, as before.
"""

from __future__ import annotations

import argparse
import ast
import re
import unicodedata
from collections.abc import Sequence
from typing import Any, NoReturn

from mediation_desktop import i18n

EXIT_USAGE = 2


def chinese() -> bool:
    return i18n.current_language() == i18n.ZH


def h(zh: str, en: str) -> str:
    """The text in the current language (help texts, metavars)."""
    return en if i18n.current_language() == i18n.EN else zh


# what a code typed on the command line means, shown beside it in Chinese (help texts and error messages)
CODE_MEANINGS_ZH = {
    "village": "村", "township": "乡镇", "county": "县",
    "zh": "中文", "en": "英文",
    "accepted": "按受理日期", "closed": "按结案日期",
}


def choices_zh(codes: Sequence[str]) -> str:
    """``village（村）、township（乡镇）、county（县）``: codes with their meaning where there is one."""
    return "、".join(f"{c}（{CODE_MEANINGS_ZH[c]}）" if c in CODE_MEANINGS_ZH else c for c in codes)


# ---------------------------------------------------------------------------------------------------------
# the help


def width(text: str) -> int:
    """Columns on a terminal: a Chinese character (or full-width punctuation) takes two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _wrap(text: str, columns: int) -> list[str]:
    """Lines of at most ``columns`` terminal columns: between any two Chinese characters, at spaces between
    other words (a word longer than a line stands alone); closing punctuation never starts a line."""
    pieces = re.findall(r"\s+|[^\s\u2E80-\uFFEF]+|[\u2E80-\uFFEF]", " ".join(text.split()))
    lines: list[str] = []
    line = last = ""
    for piece in pieces:
        if piece.isspace():
            if line:
                line += " "
            continue
        if line and width(line + piece) > columns:
            carried = ""
            if piece in "，。、；：）》”’！？" and line.endswith(last) and line.strip() != last:
                line, carried = line[:-len(last)], last  # the character before goes down with it
            lines.append(line.rstrip())
            line = carried
        line += piece
        last = piece
    if line.strip():
        lines.append(line.rstrip())
    return lines or [""]


class HelpFormatter(argparse.HelpFormatter):
    """argparse's formatter; in Chinese its usage prefix is Chinese, and text is measured in terminal columns
    (English: argparse's own, unchanged)."""

    def add_usage(self, usage: str | None, actions: Any, groups: Any, prefix: str | None = None) -> None:
        if prefix is None and chinese():
            prefix = "用法："
        super().add_usage(usage, actions, groups, prefix)

    def _format_usage(self, usage: Any, actions: Any, groups: Any, prefix: Any) -> str:
        if not chinese() or usage is not None:
            return super()._format_usage(usage, actions, groups, prefix)
        # argparse's usage on one line, then wrapped here by terminal columns (argparse counts characters)
        columns, self._width = self._width, 1_000_000
        try:
            line = super()._format_usage(usage, actions, groups, prefix).strip("\n")
        finally:
            self._width = columns
        text_width = columns - self._current_indent
        head = f"{prefix}{self._prog}"
        if width(line) <= text_width or not line.startswith(head):
            return line + "\n\n"
        parts = re.findall(r"\(.*?\)+(?=\s|$)|\[.*?\]+(?=\s|$)|\S+", line[len(head):])
        indent = width(head) + 1
        lines = [head]
        if indent > text_width * 0.75:  # a long program name: the parts under it, as argparse does
            indent = width(prefix)
            lines.append(" " * indent)
        for part in parts:
            if width(lines[-1]) + 1 + width(part) > text_width and lines[-1].strip() and len(lines[-1]) > indent:
                lines.append(" " * indent)
            lines[-1] += part if not lines[-1].strip() else " " + part
        return "\n".join(lines) + "\n\n"

    def _split_lines(self, text: str, width: int) -> list[str]:
        return _wrap(text, width) if chinese() else super()._split_lines(text, width)

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        if not chinese():
            return super()._fill_text(text, width, indent)
        return "\n".join(indent + line for line in _wrap(text, width - len(indent)))

    def _format_action(self, action: argparse.Action) -> str:
        text = super()._format_action(action)
        if not chinese():
            return text
        invocation = self._format_action_invocation(action)
        extra = width(invocation) - len(invocation)
        head = " " * self._current_indent + invocation
        if extra <= 0 or not text.startswith(head):
            return text
        # argparse pads a Chinese metavar by its length: the help after it moves back by the difference, or
        # to the next line where the two columns between them would be lost
        first, newline, rest = text.partition("\n")
        after = first[len(head):]
        if not after.strip():
            return text
        gap = len(after) - len(after.lstrip(" "))
        if gap - extra >= 2:
            return head + after[extra:] + newline + rest
        position = min(self._action_max_length + 2, self._max_help_position)
        return head + "\n" + " " * position + after.lstrip(" ") + newline + rest


# ---------------------------------------------------------------------------------------------------------
# the errors

# argparse's message ids (its gettext ``msgid``s, as its source writes them) and the Chinese for each; values
# are put back by name ({v} for an unnamed one)
_MESSAGES: list[tuple[str, str]] = [
    ("argument %(argument_name)s: %(message)s", "参数 {argument_name}：{message}"),
    ("the following arguments are required: %s", "缺少必需的参数：{v}"),
    ("one of the arguments %s is required", "参数 {v} 必须给出其中一个"),
    ("not allowed with argument %s", "不能与参数 {v} 同时使用"),
    ("unrecognized arguments: %s", "无法识别的参数：{v}"),
    ("expected one argument", "这个选项需要一个值"),
    ("expected at most one argument", "这个选项最多只能有一个值"),
    ("expected at least one argument", "这个选项至少需要一个值"),
    ("expected %s argument", "这个选项需要 {v} 个值"),
    ("expected %s arguments", "这个选项需要 {v} 个值"),
    ("ignored explicit argument %r", "这个选项不带值，不能写“={v}”"),
    ("ambiguous option: %(option)s could match %(matches)s", "选项 {option} 不完整，可能是 {matches}"),
    ("unexpected option string: %s", "这里不能用选项 {v}"),
    ("invalid %(type)s value: %(value)r", "“{value}”不是有效的{type}"),
    ("invalid choice: %(value)r (choose from %(choices)s)", "无效的选项“{value}”（可选：{choices}）"),
    ("unknown parser %(parser_name)r (choices: %(choices)s)", "没有“{parser_name}”这个命令（可选：{choices}）"),
    ("can't open '%(filename)s': %(error)s", "无法打开“{filename}”：{error}"),
]

_TYPE_NAMES_ZH = {"int": "整数", "float": "数字"}


def _pattern(msgid: str) -> re.Pattern[str]:
    parts = re.split(r"(%\([a-z_]+\)[sr]|%[sr])", msgid)
    regex = ""
    for part in parts:
        named = re.fullmatch(r"%\(([a-z_]+)\)[sr]", part)
        if named:
            regex += f"(?P<{named.group(1)}>.+?)"
        elif part in ("%s", "%r"):
            regex += "(?P<v>.+?)"
        else:
            regex += re.escape(part)
    return re.compile(regex, re.DOTALL)


_PATTERNS = [(msgid, _pattern(msgid), zh) for msgid, zh in _MESSAGES]
# messages whose value is a list of argument names, and how argparse joins them (said with 、 in Chinese; the
# unrecognized arguments stay as typed: one of them may hold a space)
_LISTS = {"the following arguments are required: %s": ", ", "one of the arguments %s is required": " "}


def _unquote(value: str) -> str:
    """``'x'`` (a value argparse shows with repr) as typed."""
    try:
        literal = ast.literal_eval(value)
    except (ValueError, SyntaxError, MemoryError, RecursionError):
        return value
    return literal if isinstance(literal, str) else value


def _list(text: str) -> list[str]:
    return [_unquote(item.strip()) for item in text.split(", ") if item.strip()]


def message_zh(message: str) -> str:
    """argparse's English message in Chinese (one it has no template for stays as it is)."""
    for msgid, pattern, zh in _PATTERNS:
        found = pattern.fullmatch(message)
        if found is None:
            continue
        values = found.groupdict()
        if "message" in values:
            values["message"] = message_zh(values["message"])
        if "choices" in values:
            values["choices"] = choices_zh(_list(values["choices"]))
        if "matches" in values:
            values["matches"] = "、".join(_list(values["matches"]))
        for key in ("value", "parser_name"):
            if key in values:
                values[key] = _unquote(values[key])
        if "type" in values:
            values["type"] = _TYPE_NAMES_ZH.get(values["type"], "值")
        if msgid in _LISTS:
            values["v"] = "、".join(values["v"].split(_LISTS[msgid]))
        elif msgid.endswith("%r"):
            values["v"] = _unquote(values["v"])
        return zh.format(**values)
    return message


class Parser(argparse.ArgumentParser):
    """argparse's parser whose help and errors are in the user's language (Chinese by default).

    Sub-commands' parsers are made of the same class (argparse's ``add_subparsers`` default)."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", HelpFormatter)
        add_help = kwargs.pop("add_help", True)
        super().__init__(add_help=False, **kwargs)
        if chinese():
            self._positionals.title = "位置参数"
            self._optionals.title = "选项"
        if add_help:  # argparse's own -h/--help, with its help line in the user's language
            self.add_argument("-h", "--help", action="help", default=argparse.SUPPRESS,
                              help=h("显示本帮助并退出", "show this help message and exit"))

    def error(self, message: str) -> NoReturn:
        if chinese():
            self.exit(EXIT_USAGE, f"命令参数不正确：{message_zh(message)}（用 {self.prog} --help 查看用法）\n")
        self.exit(EXIT_USAGE, f"Invalid command line: {message} (see --help)\n")


def version_action(parser: argparse.ArgumentParser, version: str) -> None:
    parser.add_argument("--version", action="version", version=version,
                        help=h("显示程序版本号并退出", "show program's version number and exit"))

