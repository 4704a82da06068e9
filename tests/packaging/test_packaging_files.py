"""The packaging files that cannot run here (Windows installer) or run only in the slow build: checked
for what the issue asks of them, so a careless edit fails fast."""

from __future__ import annotations

import configparser
import re
import subprocess
from pathlib import Path

import pytest
import windows_facts

ROOT = Path(__file__).resolve().parents[2]
PACKAGING = ROOT / "packaging"


def must_match(pattern: str, text: str, flags: int = 0) -> str:
    found = re.search(pattern, text, flags)
    assert found, pattern
    return found.group(1)


@windows_facts.no_bash
@pytest.mark.parametrize("script", ["build.sh", "smoke.sh", "bench-deps.sh", "linux/install.sh", "dev.sh",
                                    *(f"windows/{p.name}" for p in sorted((PACKAGING / "windows").glob("*.sh")))])
def test_shell_scripts_parse(script: str) -> None:
    result = subprocess.run(["bash", "-n", str(PACKAGING / script)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_desktop_entry_is_chinese_first_and_names_the_shipped_icon() -> None:
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str  # type: ignore[assignment,method-assign]
    entry.read(PACKAGING / "linux" / "mediation-desktop.desktop", encoding="utf-8")
    d = entry["Desktop Entry"]
    assert d["Type"] == "Application" and d["Terminal"] == "false"
    assert d["Name[zh_CN]"] == "调解工作台"
    assert d["Exec"].split()[0] == "mediation-desktop"
    assert (PACKAGING / "icons" / f"{d['Icon']}.svg").is_file()


def test_every_icon_size_the_installer_copies_exists() -> None:
    sizes = must_match(r"sizes=\(([\d ]+)\)", (PACKAGING / "linux" / "install.sh").read_text(encoding="utf-8")).split()
    for size in sizes:
        png = PACKAGING / "icons" / f"mediation-desktop-{size}.png"
        assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n", png
    assert (PACKAGING / "icons" / "mediation-desktop.ico").read_bytes()[:4] == b"\x00\x00\x01\x00"


def test_windows_installer_script() -> None:
    raw = (PACKAGING / "windows" / "MediationDesktop.iss").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "Inno Setup reads Chinese text only from UTF-8 with a BOM"
    iss = raw.decode("utf-8-sig").replace("\r\n", "\n")
    languages = re.findall(r'^Name: "(\w+)"; MessagesFile', iss, re.M)
    assert languages[0] == "chinesesimplified", "the installer is Chinese first"
    assert re.search(r"^AppId=\{\{[0-9A-F-]{36}\}$", iss, re.M), "a fixed AppId is what makes upgrades in place"
    assert "{autoprograms}" in iss and "{autodesktop}" in iss, "Start-menu and desktop shortcuts"
    # the data folder is deleted in exactly one place, behind two questions whose default answer is No
    assert iss.count("DelTree(") == 1
    code = iss[iss.index("[Code]"):]
    deletion = code[code.index("if UninstallSilent()"):code.index("DelTree(")]
    assert deletion.count("MB_DEFBUTTON2") == 2 and deletion.count("= IDYES") == 2
    install_delete = iss[iss.index("[InstallDelete]"):iss.index("[Files]")]
    assert "{localappdata}" not in install_delete and "MediationDesktop" not in install_delete


def test_spec_keeps_webengine_out_and_resources_in() -> None:
    spec = (PACKAGING / "mediation_desktop.spec").read_text(encoding="utf-8")
    for folder in ("translations", "fonts", "documents"):
        assert f'"resources/{folder}"' in spec
    assert "migrations" in spec and "versions" in spec
    qt = must_match(r"QT_MODULES = \{(.*?)\}", spec, re.S)
    assert "WebEngine" not in qt and "Quick" not in qt
