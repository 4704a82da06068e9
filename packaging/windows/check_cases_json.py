"""Check the `cases --json` output a smoke test piped into a file: strict UTF-8, valid JSON, at least N
cases, Chinese party names (no ``?`` where a code page lost them). Prints a case number with an
agreement (status agreed or performed) for the next step.

    python3 packaging/windows/check_cases_json.py FILE N
"""

import json
import sys
from pathlib import Path


def main(path: str, least: int) -> int:
    raw = Path(path).read_bytes()
    try:
        cases = json.loads(raw.decode("utf-8"))  # strict: GBK or cp1252 bytes fail here
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        print(f"cases --json is not UTF-8 JSON: {exc}; first bytes {raw[:80]!r}", file=sys.stderr)
        return 1
    names = [p for c in cases for p in c["parties"]]
    chinese = [n for n in names if any("\u4e00" <= ch <= "\u9fff" for ch in n)]
    if len(cases) < least or not chinese or any("?" in n for n in names):
        print(f"cases --json: {len(cases)} cases, {len(chinese)} of {len(names)} party names in Chinese, "
              f"e.g. {names[:3]}", file=sys.stderr)
        return 1
    print(next((c["case_no"] for c in cases if c["status"] in ("agreed", "performed")), ""))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], int(sys.argv[2])))
