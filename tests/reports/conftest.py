"""Fixtures of the report tests: the known data set (report_cases.py), fresh installations, the director.

The data set and the independent count are tests/report_cases.py and tests/report_independent.py
(tests/ is on the import path: the window tests use them too).
"""

from __future__ import annotations

import shutil
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import report_cases
import report_independent

from mediation_desktop.domain.enums import Role
from mediation_desktop.paths import DataPaths
from mediation_desktop.services.accounts import Actor, authenticate
from mediation_desktop.services.setup import SetupRequest, initialise
from mediation_desktop.storage.database import Database, open_database


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
    return report_independent.independent


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
