"""Attachments kept by content: ``files/ab/abcdef…`` named by their SHA-256, written atomically."""

from __future__ import annotations

import hashlib
from pathlib import Path

from mediation_desktop.storage.atomic import write_atomically
from mediation_desktop.storage.private import private_dir

CHUNK = 1 << 20


class FileStore:
    def __init__(self, root: Path) -> None:
        self.root = root

    def path_for(self, sha256: str) -> Path:
        return self.root / sha256[:2] / sha256

    def put_bytes(self, data: bytes) -> tuple[str, int]:
        """Store ``data``; returns (sha256, size). Storing the same content twice keeps one file."""
        digest = hashlib.sha256(data).hexdigest()
        target = self.path_for(digest)
        if not target.exists():
            self._write(target, data)
        return digest, len(data)

    def put_file(self, source: Path) -> tuple[str, int]:
        return self.put_bytes(source.read_bytes())

    def _write(self, target: Path, data: bytes) -> None:
        private_dir(target.parent)
        write_atomically(target, data)  # (owner-only: mkstemp)

    def read(self, sha256: str) -> bytes:
        return self.path_for(sha256).read_bytes()

    def verify(self, sha256: str) -> str:
        """"ok", "missing" or "changed"."""
        path = self.path_for(sha256)
        if not path.is_file():
            return "missing"
        digest = hashlib.sha256()
        with path.open("rb") as fh:
            while chunk := fh.read(CHUNK):
                digest.update(chunk)
        return "ok" if digest.hexdigest() == sha256 else "changed"
