"""Fixtures of the report tests: the known data set (report_cases.py), fresh installations, the director.

The helper modules beside this file are loaded by their file, not imported by a dotted name: tests/
is no package, and the suite runs with ``--import-mode=importlib``.
"""

from __future__ import annotations

import importlib.util
import shutil
import sys
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from mediation_desktop.domain.enums import Role
from mediation_desktop.paths import DataPaths
from mediation_desktop.services.accounts import Actor, authenticate
from mediation_desktop.services.setup import SetupRequest, initialise
from mediation_desktop.storage.database import Database, open_database


def _load(name: str) -> ModuleType:
    """The module in ``name``.py beside this file, loaded once under ``name``."""
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, Path(__file__).with_name(f"{name}.py"))
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


report_cases = _load("report_cases")


@pytest.fixture
def village() -> SetupRequest:
    """The village every report test installation is set up as (that of tests/conftest.py)."""
    return report_cases.VILLAGE


@pytest.fixture
def build_dataset() -> Callable[..., Any]:
    """``build_dataset(db, director)``: the known data set (report_cases.py) in another database."""
    return report_cases.build_dataset  # type: ignore[no-any-return]


@pytest.fixture
def independent() -> Callable[..., dict[str, Any]]:
    """The independent count of every figure (independent.py), to check the report against."""
    return _load("report_independent").independent  # type: ignore[no-any-return]


@pytest.fixture(scope="session")
def _dataset_template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[uuid.UUID], dict[str, uuid.UUID]]:
    """The data set is built once through the services (≈ 5 s); each test gets its own copy of the files."""
    org = report_cases.VILLAGE
    root = tmp_path_factory.mktemp("report-dataset")
    db = open_database(DataPaths(root))
    initialise(db, org)
    actor = authenticate(db, org.admin_username, org.admin_password)
    built = report_cases.build_dataset(db, actor)
    db.dispose()
    return root, built.ids, built.boundary


@pytest.fixture
def dataset(_dataset_template: tuple[Path, list[uuid.UUID], dict[str, uuid.UUID]],
            paths: DataPaths) -> Iterator[Any]:
    root, ids, boundary = _dataset_template
    shutil.copytree(root, paths.root, dirs_exist_ok=True)
    db = open_database(paths)
    yield report_cases.Dataset(db, list(ids), dict(boundary))
    db.dispose()


@pytest.fixture
def director() -> Actor:
    org = report_cases.VILLAGE
    return Actor(org.admin_username, org.admin_display_name or org.admin_username, Role.DIRECTOR)


@pytest.fixture
def empty_install(tmp_path: Path) -> Iterator[Database]:
    """A second installation of the same village, set up and without cases."""
    db = open_database(DataPaths(tmp_path / "fresh"))
    initialise(db, report_cases.VILLAGE)
    yield db
    db.dispose()
