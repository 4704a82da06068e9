"""Entry point of the frozen program (PyInstaller): the same ``main`` as the ``mediation-desktop`` command.

Without a command it starts the window, so a double-click on the executable opens the program.

With ``MEDIATION_DESKTOP_IMPORT_CHECK=1`` it instead imports every module of the package and exits
(0 when all import): packaging/smoke.sh uses it to prove the bundle carries what pages opened only on
demand need (Qt Charts for the dashboard, Qt Pdf for the preview …), which a start-up alone never loads,
and that ISA-L's deflate came along (without it bundles and backups fall back to zlib's, slower).
"""

import os
import sys


def import_check() -> int:
    import importlib
    import pkgutil
    import traceback

    import mediation_desktop

    failed = []
    names = [m.name for m in pkgutil.walk_packages(mediation_desktop.__path__, "mediation_desktop.")
             if ".migrations" not in m.name and not m.name.endswith(".__main__")]
    for name in names:
        try:
            importlib.import_module(name)
        except Exception:
            failed.append(name)
            traceback.print_exc()
    print(f"import check: {len(names) - len(failed)} of {len(names)} modules import"
          + (f"; failed: {', '.join(failed)}" if failed else ""))
    from mediation_desktop.storage import deflate

    # zip members would still be made by zlib without it, only a few times slower: say so, do not pass
    print(f"import check: deflate by {deflate.ENGINE}")
    return 1 if failed or len(names) < 10 or deflate.ENGINE != "isal" else 0


if __name__ == "__main__":
    if os.environ.get("MEDIATION_DESKTOP_IMPORT_CHECK"):
        sys.exit(import_check())
    from mediation_desktop.cli import main

    sys.exit(main())
