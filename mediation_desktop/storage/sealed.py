"""Encrypted ("sealed") backup files: what is written outside the data folder (a file on a stick, the
second backup folder) so that a lost stick reveals neither records nor keys.

A sealed file is ``MAGIC``, a 4-byte header length, a JSON header, then the plain file encrypted in 1 MiB
chunks with AES-256-GCM under a fresh content key (the STREAM construction: each chunk's nonce is a random
7-byte prefix, the chunk's number and a last-chunk flag, so chunks cannot be reordered, dropped or cut
off unnoticed; every chunk also authenticates the header's SHA-256, so the header cannot be changed
either). The content key is wrapped for the installation's *backup* X25519 public key exactly as a sealed
bundle's key is for a recipient (an ephemeral X25519 exchange, HKDF-SHA256, AES-256-GCM): the automatic
backup needs no password. The header also carries what unlocks the backup private key (see
``services.backup_unlock``), so a restore on a new computer needs only the recovery code or a director's
password. Streaming, unlike the in-memory bundle container: a backup with its scans can be gigabytes.
"""

from __future__ import annotations

import hashlib
import json
import os
import struct
from pathlib import Path
from typing import IO, Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

MAGIC = b"MDBACKUP-SEALED\n"
FORMAT = "mediation-desktop-sealed-backup"
FORMAT_VERSION = 1
CHUNK = 1 << 20
TAG = 16
MAX_HEADER = 1 << 20
INFO = b"mediation-desktop sealed backup key v1"


class SealedError(ValueError):
    """Not a sealed file of this program, or damaged (the caller names the file)."""


def raw_public(key: X25519PrivateKey) -> bytes:
    return key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def _kek(shared: bytes, eph_pub: bytes, recipient_pub: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=eph_pub + recipient_pub, info=INFO).derive(shared)


def is_sealed(path: Path) -> bool:
    """Whether ``path`` is a regular file that begins as a sealed one (anything else is never opened: a pipe
    would wait for a writer)."""
    if not path.is_file():
        return False
    try:
        with path.open("rb") as fh:
            return fh.read(len(MAGIC)) == MAGIC
    except OSError:
        return False


def _nonce(prefix: bytes, counter: int, last: bool) -> bytes:
    return prefix + struct.pack(">IB", counter, 1 if last else 0)


def seal_stream(source: IO[bytes], out: IO[bytes], box_public: bytes, header_extra: dict[str, Any]) -> None:
    """Encrypt ``source`` into ``out`` for the backup public key ``box_public`` (raw 32 bytes)."""
    content_key = AESGCM.generate_key(bit_length=256)
    eph = X25519PrivateKey.generate()
    eph_pub = raw_public(eph)
    kek = _kek(eph.exchange(X25519PublicKey.from_public_bytes(box_public)), eph_pub, box_public)
    wnonce = os.urandom(12)
    prefix = os.urandom(7)
    header = {**header_extra, "format": FORMAT, "format_version": FORMAT_VERSION, "chunk": CHUNK,
              "nonce_prefix": prefix.hex(), "box_key": box_public.hex(),
              "content_key": {"ephemeral": eph_pub.hex(), "nonce": wnonce.hex(),
                              "wrapped": AESGCM(kek).encrypt(wnonce, content_key, INFO).hex()}}
    raw = json.dumps(header, ensure_ascii=False, sort_keys=True).encode("utf-8")
    head = MAGIC + struct.pack(">I", len(raw)) + raw
    out.write(head)
    aad = hashlib.sha256(head).digest()
    aead = AESGCM(content_key)
    counter = 0
    chunk = source.read(CHUNK)
    while True:
        following = source.read(CHUNK) if len(chunk) == CHUNK else b""
        last = not following
        out.write(aead.encrypt(_nonce(prefix, counter, last), chunk, aad))
        if last:
            return
        chunk, counter = following, counter + 1


def read_header(fh: IO[bytes]) -> tuple[dict[str, Any], bytes]:
    """The header of a sealed file and the authenticated data of its chunks; ``fh`` is left at chunk 0."""
    start = fh.read(len(MAGIC) + 4)
    if len(start) < len(MAGIC) + 4 or not start.startswith(MAGIC):
        raise SealedError("not sealed")
    (size,) = struct.unpack(">I", start[len(MAGIC):])
    if size > MAX_HEADER:
        raise SealedError("header too large")
    raw = fh.read(size)
    if len(raw) != size:
        raise SealedError("cut short")
    try:
        header = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise SealedError("header") from None
    if not isinstance(header, dict) or header.get("format") != FORMAT:
        raise SealedError("format")
    if not isinstance(header.get("format_version"), int) or header["format_version"] > FORMAT_VERSION:
        raise SealedError("newer format")
    if header.get("chunk") != CHUNK:
        raise SealedError("chunk size")
    return header, hashlib.sha256(start + raw).digest()


def header_of(path: Path) -> dict[str, Any]:
    with path.open("rb") as fh:
        return read_header(fh)[0]


def _content_key(header: dict[str, Any], box: X25519PrivateKey) -> bytes:
    try:
        wrap = header["content_key"]
        eph_pub = bytes.fromhex(wrap["ephemeral"])
        own = raw_public(box)
        if bytes.fromhex(header["box_key"]) != own:
            raise SealedError("another backup key")
        kek = _kek(box.exchange(X25519PublicKey.from_public_bytes(eph_pub)), eph_pub, own)
        return AESGCM(kek).decrypt(bytes.fromhex(wrap["nonce"]), bytes.fromhex(wrap["wrapped"]), INFO)
    except (KeyError, TypeError, ValueError, InvalidTag) as exc:
        if isinstance(exc, SealedError):
            raise
        raise SealedError("content key") from None


def unseal_stream(fh: IO[bytes], box: X25519PrivateKey, out: IO[bytes]) -> None:
    """Decrypt a sealed file (open at its start) into ``out``; ``SealedError`` if anything does not verify
    (``out`` may then hold part of the plain text: write it to a temporary file and delete it)."""
    header, aad = read_header(fh)
    aead = AESGCM(_content_key(header, box))
    try:
        prefix = bytes.fromhex(header["nonce_prefix"])
    except (KeyError, TypeError, ValueError):
        raise SealedError("nonce") from None
    if len(prefix) != 7:
        raise SealedError("nonce")
    counter = 0
    block = fh.read(CHUNK + TAG)
    while True:
        following = fh.read(CHUNK + TAG) if len(block) == CHUNK + TAG else b""
        last = not following
        try:
            out.write(aead.decrypt(_nonce(prefix, counter, last), block, aad))
        except (InvalidTag, ValueError):
            raise SealedError(f"chunk {counter}") from None
        if last:
            return
        block, counter = following, counter + 1
        if counter >= 1 << 32:
            raise SealedError("too long")


def unseal_bytes(path: Path, box: X25519PrivateKey, limit: int = 4 << 30) -> bytes:
    """A small sealed file (an attachment of the shared store) decrypted in memory."""
    import io

    if path.stat().st_size > limit:
        raise SealedError("too large")
    out = io.BytesIO()
    with path.open("rb") as fh:
        unseal_stream(fh, box, out)
    return out.getvalue()
