"""The bundle file: a zip whose manifest names every other member by SHA-256 and size, signed with Ed25519.

Reading treats every file as hostile: limits on the file size, member count, member sizes and
compression ratio; only plain files with safe relative names; every member listed in the signed
manifest and every listed member present with its exact size and hash. Nothing is trusted before
the signature is checked against the sender's pinned key.

An encrypted ("sealed") bundle is a small signed zip around the whole plain bundle, encrypted with
AES-256-GCM under a fresh key; that key is wrapped for each recipient's X25519 key (an ephemeral
X25519 exchange, HKDF-SHA256, AES-256-GCM). Its manifest reveals only which installation wrote it
and when.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import queue
import stat
import threading
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from mediation_desktop.domain.text import first_unsafe
from mediation_desktop.storage import attachment_types, deflate, input_file, zip_guard
from mediation_desktop.sync import schema
from mediation_desktop.sync.errors import SyncError, unsafe_text
from mediation_desktop.sync.keys import OwnKeys, now_iso

MANIFEST = "manifest.json"
SIGNATURE = "manifest.sig"
PAYLOAD = "payload.bin"
SEALED_INFO = b"mediation-desktop sealed bundle key v1"


@dataclass(frozen=True)
class Limits:
    """What a bundle may be at most. Generous for a county's year, small next to a zip bomb."""

    file_size: int = 4 << 30
    members: int = 50_000
    member_size: int = 2 << 30
    total_size: int = 8 << 30
    manifest_size: int = 16 << 20
    attachment_size: int = attachment_types.MAX_BYTES  # an attachment's file: what one may add (before it is read)
    ratio: int = zip_guard.RATIO  # uncompressed / compressed, per member (JSON of records deflates ~5-10 times)


LIMITS = Limits()


# -- writing -----------------------------------------------------------------------------------------------

class BundleWriter:
    """Collects members and writes the zip, the signed manifest last.

    Members are hashed and compressed on a second thread as they are added (hashlib and deflate let go
    of the interpreter lock), while the caller makes the next one: on two cores export is then bounded by
    the slower of the two, not their sum.
    """

    def __init__(self, compress: int = zipfile.ZIP_DEFLATED) -> None:
        self.compress = compress
        self.listing: list[dict[str, Any]] = []
        self._out = io.BytesIO()
        self._zip = zipfile.ZipFile(self._out, "w", compression=compress)
        self._queue: queue.Queue[tuple[dict[str, Any], bytes] | None] = queue.Queue(maxsize=2)
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._write_members, name="bundle-writer", daemon=True)
        self._thread.start()

    def _write_members(self) -> None:
        while (item := self._queue.get()) is not None:
            if self._error is not None:
                continue
            entry, data = item
            name = entry["name"]
            try:
                entry["sha256"] = hashlib.sha256(data).hexdigest()
                stored = name.startswith(("attachments/", "forwarded/")) or name == PAYLOAD
                self._write(name, zipfile.ZIP_STORED if stored else self.compress, data)
            except BaseException as exc:  # handed to build()
                self._error = exc

    def _write(self, name: str, method: int, data: bytes | str) -> None:
        raw = data.encode("utf-8") if isinstance(data, str) else data
        with deflate.writing(self._zip, _info(name, method), len(raw)) as dest:
            dest.write(raw)

    def add(self, name: str, data: bytes) -> None:
        entry: dict[str, Any] = {"name": name, "sha256": None, "size": len(data)}  # hashed on the writer thread
        self.listing.append(entry)
        self._queue.put((entry, data))

    def abort(self) -> None:
        """Stop the writer thread without making a bundle (after an error on the way)."""
        if self._thread.is_alive():
            self._error = self._error or RuntimeError("aborted")
            self._queue.put(None)
            self._thread.join()
        try:  # closed now, not by the collector later (when its buffer may be gone already)
            self._zip.close()
        except (OSError, ValueError, zipfile.BadZipFile):
            pass

    def build(self, manifest: dict[str, Any], keys: OwnKeys) -> bytes:
        self._queue.put(None)
        self._thread.join()
        if self._error is not None:
            raise self._error
        assert all(entry["sha256"] for entry in self.listing)  # every member written, so every member hashed
        manifest = dict(manifest)
        if manifest.get("kind") == "sealed":  # its one member is named by "payload"
            manifest["payload"] = self.listing[0]
        else:
            manifest["members"] = self.listing
        manifest_bytes = json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8")
        self._write(MANIFEST, zipfile.ZIP_DEFLATED, manifest_bytes)
        self._write(SIGNATURE, zipfile.ZIP_STORED, keys.signature(manifest_bytes).hex())
        self._zip.close()
        return self._out.getvalue()


def _info(name: str, method: int) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0))  # no local clock in the container
    info.compress_type = method
    info.external_attr = (stat.S_IFREG | 0o644) << 16
    return info


def seal(plain: bytes, keys: OwnKeys, recipients: list[str]) -> bytes:
    """Encrypt the whole signed bundle ``plain`` for the recipients' X25519 keys (hex)."""
    content_key = AESGCM.generate_key(bit_length=256)
    nonce = os.urandom(12)
    ciphertext = AESGCM(content_key).encrypt(nonce, plain, SEALED_INFO)
    wrapped = []
    for box_hex in recipients:
        eph = X25519PrivateKey.generate()
        eph_pub = eph.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
        recipient = X25519PublicKey.from_public_bytes(bytes.fromhex(box_hex))
        kek = _kek(eph.exchange(recipient), eph_pub, bytes.fromhex(box_hex))
        wnonce = os.urandom(12)
        wrapped.append({"ephemeral": eph_pub.hex(), "nonce": wnonce.hex(),
                        "wrapped": AESGCM(kek).encrypt(wnonce, content_key, SEALED_INFO).hex()})
    manifest = {"format": schema.FORMAT, "format_version": schema.FORMAT_VERSION, "kind": "sealed",
                "created_at": now_iso(),
                "source": {"installation_id": keys.peer.installation_id.hex, "org_code": keys.peer.org_code,
                           "org_name": keys.peer.org_name, "sign_key": keys.peer.sign_key},
                "nonce": nonce.hex(), "recipients": wrapped}
    writer = BundleWriter()
    writer.add(PAYLOAD, ciphertext)
    return writer.build(manifest, keys)


def _kek(shared: bytes, eph_pub: bytes, recipient_pub: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=eph_pub + recipient_pub, info=SEALED_INFO).derive(shared)


def unseal(manifest: dict[str, Any], ciphertext: bytes, box: X25519PrivateKey, path: str) -> bytes:
    """The plain bundle inside, if one of the wrapped keys is for ``box``."""
    content_key = _content_key(manifest, box)
    if content_key is None:
        raise SyncError("sync.not_for_us", path=path)
    try:
        return AESGCM(content_key).decrypt(bytes.fromhex(manifest["nonce"]), ciphertext, SEALED_INFO)
    except (InvalidTag, ValueError):
        raise SyncError("sync.damaged", path=path, detail="payload") from None


def addressed_to(manifest: dict[str, Any], box: X25519PrivateKey) -> bool:
    """Whether a sealed bundle's key is wrapped for ``box`` (known before its sender: a bundle on a shared
    stick for another unit is passed over, not questioned)."""
    return _content_key(manifest, box) is not None


def _content_key(manifest: dict[str, Any], box: X25519PrivateKey) -> bytes | None:
    own_pub = box.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    for r in manifest["recipients"]:
        try:
            eph_pub = bytes.fromhex(r["ephemeral"])
            kek = _kek(box.exchange(X25519PublicKey.from_public_bytes(eph_pub)), eph_pub, own_pub)
            return AESGCM(kek).decrypt(bytes.fromhex(r["nonce"]), bytes.fromhex(r["wrapped"]), SEALED_INFO)
        except (InvalidTag, ValueError):
            continue
    return None


# -- reading -----------------------------------------------------------------------------------------------

@dataclass
class OpenedBundle:
    """A bundle whose structure, signature and member hashes are verified."""

    path: str
    manifest: dict[str, Any]
    manifest_bytes: bytes
    members: dict[str, bytes]
    sha256: str  # of the whole file
    size: int
    raw: bytes


def _safe_name(name: str) -> bool:
    if not name or len(name) > 200 or name.startswith("/") or "\\" in name or "\x00" in name:
        return False
    parts = name.split("/")
    return all(p not in ("", ".", "..") and not p.startswith(".") for p in parts) and ":" not in name


def _read_member(zf: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int, path: str) -> bytes:
    try:
        with deflate.reading(zf, info) as fh:
            data = fh.read(limit + 1)
    except Exception as exc:  # a bad CRC (BadZipFile), zlib.error, a truncated stream (EOFError), …
        raise SyncError("sync.damaged", path=path, detail=f"{info.filename}: {type(exc).__name__}") from None
    if len(data) > limit:
        raise SyncError("sync.too_big", path=path, detail=f"{info.filename} > {limit}")
    return data


def open_bundle(raw: bytes, path: str, sign_key_for: Callable[[dict[str, Any]], str],
                limits: Limits = LIMITS, *, read_members: bool = True) -> OpenedBundle:
    """Check the container and its signature. ``sign_key_for(manifest)`` returns the pinned signing key
    of the manifest's source (or raises): it sees the manifest only after it passed its schema."""
    if len(raw) > limits.file_size:
        raise SyncError("sync.too_big", path=path, detail=f"file > {limits.file_size}")
    _guard(raw, path, limits)
    try:
        zf = zipfile.ZipFile(io.BytesIO(raw))
        infos = zf.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError) as exc:
        if raw.startswith(b"PK\x03\x04"):  # a zip cut short: most often a copy the stick lost when pulled out
            raise SyncError("sync.incomplete", path=path, detail=type(exc).__name__) from None
        raise SyncError("sync.not_a_bundle", path=path, detail=type(exc).__name__) from None
    if len(infos) > limits.members + 2:
        raise SyncError("sync.too_big", path=path, detail=f"{len(infos)} members")
    names: set[str] = set()
    total = 0
    for info in infos:
        name = info.filename
        mode = info.external_attr >> 16
        # orig_filename is the name as stored: on Windows zipfile turns "a\\b" into "a/b" in filename
        if (not _safe_name(name) or not _safe_name(info.orig_filename) or info.is_dir() or name in names
                or stat.S_ISLNK(mode) or (stat.S_IFMT(mode) and not stat.S_ISREG(mode)) or info.flag_bits & 0x1):
            raise SyncError("sync.unsafe_member", path=path, member=name[:80])
        names.add(name)
        if info.file_size > (limits.attachment_size if name.startswith("attachments/") else limits.member_size):
            raise SyncError("sync.too_big", path=path, detail=f"{name} {info.file_size}")
        if zip_guard.over_ratio(info, limits.ratio):
            raise SyncError("sync.too_big", path=path, detail=f"{name} ratio")
        total += info.file_size
    if total > limits.total_size:
        raise SyncError("sync.too_big", path=path, detail=f"total {total}")
    if MANIFEST not in names or SIGNATURE not in names:
        raise SyncError("sync.not_a_bundle", path=path, detail="no manifest")
    by_name = {i.filename: i for i in infos}
    manifest_bytes = _read_member(zf, by_name[MANIFEST], limits.manifest_size, path)
    sig_text = _read_member(zf, by_name[SIGNATURE], 256, path)
    try:
        manifest = json.loads(manifest_bytes.decode("utf-8"))
    except (ValueError, RecursionError):  # not UTF-8, not JSON, an integer of more digits than Python reads
        raise SyncError("sync.damaged", path=path, detail="manifest.json") from None
    _check_versions(manifest, path)
    kind = manifest.get("kind")
    problem = schema.first_error("sealed" if kind == "sealed" else "manifest", manifest)
    if problem is not None:
        raise SyncError("sync.bad_content", path=path, detail=f"manifest {problem}")
    _clean_manifest(manifest, path)
    sign_key = sign_key_for(manifest)
    from mediation_desktop.sync.keys import verify_signature

    try:
        signature = bytes.fromhex(sig_text.decode("ascii"))
    except (UnicodeDecodeError, ValueError):
        raise SyncError("sync.bad_signature", path=path) from None
    if not verify_signature(sign_key, signature, manifest_bytes):
        raise SyncError("sync.bad_signature", path=path)
    listed = [manifest["payload"]] if kind == "sealed" else manifest["members"]
    listed_names = [m["name"] for m in listed]
    if len(set(listed_names)) != len(listed_names) or set(listed_names) != names - {MANIFEST, SIGNATURE}:
        raise SyncError("sync.damaged", path=path, detail="members differ from the manifest")
    members: dict[str, bytes] = {}
    for m in listed:
        info = by_name[m["name"]]
        if info.file_size != m["size"]:
            raise SyncError("sync.damaged", path=path, detail=f"{m['name']} size")
        if not read_members:
            continue
        data = _read_member(zf, info, m["size"], path)
        if len(data) != m["size"] or hashlib.sha256(data).hexdigest() != m["sha256"]:
            raise SyncError("sync.damaged", path=path, detail=f"{m['name']} sha256")
        members[m["name"]] = data
    return OpenedBundle(path, manifest, manifest_bytes, members, hashlib.sha256(raw).hexdigest(), len(raw), raw)


def _clean_manifest(value: Any, path: str, where: str = "manifest", depth: int = 0) -> None:
    """Every text of the manifest (the sender's name above all, which the hub shows and prints) by the text
    rule (``domain.text``: one line, no invisible or direction-changing character); its lists and objects nest
    at most ``schema.MAX_NESTING`` deep (its schema allows far fewer)."""
    if isinstance(value, str):
        char = first_unsafe(value)
        if char is not None:
            raise unsafe_text(path, where, char)
        return
    if depth > schema.MAX_NESTING and isinstance(value, dict | list):
        raise SyncError("sync.bad_content", path=path, detail="manifest.json: nested too deep")
    if isinstance(value, dict):
        for k, v in value.items():
            _clean_manifest(k, path, where, depth + 1)
            _clean_manifest(v, path, f"{where}/{k}"[:120], depth + 1)
    elif isinstance(value, list):
        for i, v in enumerate(value):
            _clean_manifest(v, path, f"{where}/{i}"[:120], depth + 1)


def _check_versions(manifest: Any, path: str) -> None:
    """A newer format or schema gets its own message (before the schema check would call it malformed)."""
    if not isinstance(manifest, dict) or manifest.get("format") != schema.FORMAT:
        raise SyncError("sync.not_a_bundle", path=path, detail="format")
    fv, sv = manifest.get("format_version"), manifest.get("schema_version")
    newer_format = isinstance(fv, int) and not isinstance(fv, bool) and fv > schema.FORMAT_VERSION
    newer_schema = isinstance(sv, str) and sv not in schema.SCHEMA_VERSIONS and sv > schema.SCHEMA_VERSION
    if newer_format or newer_schema:
        raise SyncError("sync.future_version", path=path, format=str(fv), schema=str(sv))


def read_file(path: Path, limits: Limits = LIMITS) -> bytes:
    """A bundle or receipt the user named: a regular file (``storage.input_file``), its entries counted before it
    is read, read up to the limit (a file that grows past it is refused)."""
    kinds = {"missing": "sync.file_missing", "folder": "sync.is_folder"}
    size = input_file.regular_size(path, **kinds)
    if size > limits.file_size:
        raise SyncError("sync.too_big", path=str(path), detail=f"file > {limits.file_size}")
    _guard(path, str(path), limits)  # before the file is read into memory
    return input_file.read_input(path, limits.file_size, too_big="sync.too_big", **kinds)


def _guard(source: bytes | Path, path: str, limits: Limits) -> None:
    """Count the entries from the zip's end records before zipfile lists them (``storage.zip_guard``)."""
    try:
        zip_guard.check(source, max_entries=limits.members + 2)
    except zip_guard.ZipRefused as exc:
        raise SyncError("sync.too_big", path=path, detail=exc.detail) from None
