"""Installations for the sync tests: villages, a township and a county, each with its own data folder.

The database fixture is parametrized: SQLite always, PostgreSQL when the project's throwaway server
is available (``-m postgres``).
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from pathlib import Path
from types import SimpleNamespace

import pytest
from sync_helpers import Inst, new_installation


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def make_inst(backend: str, tmp_path: Path) -> Iterator[Callable[..., Inst]]:
    made: list[Inst] = []

    def make(name: str, code: str, level: str, parent: str | None, org_name: str | None = None) -> Inst:
        url = None
        if backend == "postgresql":
            import pg_server  # the project's throwaway PostgreSQL (tests/pg_server.py)

            url = pg_server.new_database_url()
        org = org_name or {"village": f"{name}村人民调解委员会", "township": f"{name}镇人民调解委员会",
                           "county": f"{name}县人民调解委员会"}[level]
        inst = new_installation(tmp_path / name, name, code, org, level, parent, url)
        made.append(inst)
        return inst

    yield make
    for inst in made:
        inst.db.dispose()


@pytest.fixture
def village(make_inst: Callable[..., Inst]) -> Inst:
    return make_inst("石桥", "330102001", "village", "330102")


@pytest.fixture
def township(make_inst: Callable[..., Inst]) -> Inst:
    return make_inst("城关", "330102", "township", "330100")


@pytest.fixture
def linked(village: Inst, township: Inst) -> tuple[Inst, Inst]:
    """A village and its township that have exchanged public keys."""
    village.trusts(township)
    township.trusts(village)
    return village, township


@pytest.fixture
def run(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]):  # type: ignore[no-untyped-def]
    """``mediation-desktop`` in this process (fast); for the command-line tests of this folder."""
    from mediation_desktop.cli import main

    def call(data: Path, *args: str, stdin: str = "") -> SimpleNamespace:
        monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
        capsys.readouterr()
        code = main(["--data-dir", str(data), *args])
        out = capsys.readouterr()
        return SimpleNamespace(returncode=code, stdout=out.out, stderr=out.err)
    yield call
    from mediation_desktop import i18n

    i18n.set_language(i18n.ZH)
