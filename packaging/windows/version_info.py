"""Write the Windows version resource for the executables (``build/windows-version.txt``), read by
packaging/mediation_desktop.spec when it exists, so Explorer's Properties show name and version.

    python packaging/windows/version_info.py
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE = """VSVersionInfo(
  ffi=FixedFileInfo(filevers={nums}, prodvers={nums}, mask=0x3f, flags=0x0, OS=0x40004, fileType=0x1,
                    subtype=0x0, date=(0, 0)),
  kids=[
    StringFileInfo([StringTable('080404b0', [
      StringStruct('CompanyName', 'Mediation Desktop'),
      StringStruct('FileDescription', '调解工作台 Mediation Desktop'),
      StringStruct('FileVersion', '{version}'),
      StringStruct('InternalName', 'MediationDesktop'),
      StringStruct('OriginalFilename', 'MediationDesktop.exe'),
      StringStruct('ProductName', '调解工作台'),
      StringStruct('ProductVersion', '{version}')])]),
    VarFileInfo([VarStruct('Translation', [2052, 1200])])
  ]
)
"""


def main() -> int:
    sys.path.insert(0, str(ROOT))
    from mediation_desktop import __version__

    parts = [int(p) for p in __version__.split(".")[:4] if p.isdigit()]
    nums = tuple(parts + [0] * (4 - len(parts)))
    out = ROOT / "build" / "windows-version.txt"
    out.parent.mkdir(exist_ok=True)
    out.write_text(TEMPLATE.format(nums=nums, version=__version__), encoding="utf-8")
    print(out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
