"""A file named from outside is read only when it is a regular file, and never past its limit; a file written to a
name the user chose never replaces a device, a pipe or a folder (a symbolic link is followed for both)."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest
from special_files import raised_without_opening
from windows_facts import device_or_skip, fifo_or_skip, symlink_or_skip

from mediation_desktop.errors import MediationError
from mediation_desktop.i18n import tr
from mediation_desktop.storage.atomic import write_atomically
from mediation_desktop.storage.input_file import read_input, regular_size


def _read(path: Path) -> bytes:
    return read_input(path, 1024, too_big="file.too_big", missing="ledger.not_found")


def test_a_regular_file_is_read_up_to_its_limit(tmp_path: Path) -> None:
    path = tmp_path / "名单.csv"
    path.write_bytes(b"x" * 1024)
    assert _read(path) == b"x" * 1024 and regular_size(path) == 1024
    path.write_bytes(b"x" * 1025)
    with pytest.raises(MediationError) as err:
        _read(path)
    assert err.value.key == "file.too_big" and err.value.params["detail"] == "1025 bytes > 1024"
    assert "太大" in tr(err.value.key, **err.value.params)


def test_a_missing_file_and_a_folder_say_what_they_are(tmp_path: Path) -> None:
    with pytest.raises(MediationError) as err:
        _read(tmp_path / "没有.csv")
    assert err.value.key == "ledger.not_found"
    (tmp_path / "台账.csv").mkdir()
    with pytest.raises(MediationError) as err:
        _read(tmp_path / "台账.csv")
    assert err.value.key == "file.is_folder"
    assert tr(err.value.key, **err.value.params).startswith(f"“{tmp_path / '台账.csv'}”是一个文件夹，不是文件")


def test_a_pipe_is_refused_without_being_opened(tmp_path: Path) -> None:
    fifo = fifo_or_skip(tmp_path / "台账.csv")
    err = raised_without_opening(fifo, lambda: _read(fifo))
    assert isinstance(err, MediationError) and err.key == "file.not_regular"
    assert "不是普通文件（可能是设备或管道）" in tr(err.key, **err.params)
    link = tmp_path / "链接.csv"
    symlink_or_skip(link, fifo)
    err = raised_without_opening(fifo, lambda: _read(link))
    assert isinstance(err, MediationError) and err.key == "file.not_regular"


def test_a_device_is_refused_without_being_read(tmp_path: Path) -> None:
    device = device_or_skip(tmp_path / "zero")
    with pytest.raises(MediationError) as err:
        _read(device)
    assert err.value.key == "file.not_regular"


def test_a_regular_file_behind_a_link_is_read(tmp_path: Path) -> None:
    target = tmp_path / "a.csv"
    target.write_bytes(b"abc")
    symlink_or_skip(tmp_path / "b.csv", target)
    assert _read(tmp_path / "b.csv") == b"abc"


def test_a_pipe_or_a_device_is_never_replaced_by_a_written_file(tmp_path: Path) -> None:
    fifo = fifo_or_skip(tmp_path / "报表.pdf")
    for target in (fifo, tmp_path / "链接.pdf"):
        if target != fifo:
            symlink_or_skip(target, fifo)
        with pytest.raises(MediationError) as err:
            write_atomically(target, b"%PDF")
        assert err.value.key == "file.not_regular_out"
        assert "不能写到" in tr(err.value.key, **err.value.params)
    assert stat.S_ISFIFO(fifo.stat().st_mode) and sorted(p.name for p in tmp_path.iterdir()) == ["报表.pdf", "链接.pdf"]


def test_a_device_is_never_replaced_by_a_written_file(tmp_path: Path) -> None:
    device = device_or_skip(tmp_path / "full")
    with pytest.raises(MediationError) as err:
        write_atomically(device, b"report")
    assert err.value.key == "file.not_regular_out" and stat.S_ISCHR(device.stat().st_mode)


def test_a_folder_is_refused_and_a_file_behind_a_link_is_written_through_it(tmp_path: Path) -> None:
    (tmp_path / "文件夹.pdf").mkdir()
    with pytest.raises(IsADirectoryError):
        write_atomically(tmp_path / "文件夹.pdf", b"x")
    target = tmp_path / "报表.pdf"
    target.write_bytes(b"old")
    link = tmp_path / "链接.pdf"
    symlink_or_skip(link, target)
    write_atomically(link, b"new")
    assert link.is_symlink() and target.read_bytes() == b"new"
