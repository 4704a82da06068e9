"""Backups of the SQLite database and its attachments, written so that a crash never costs a good one.

Two shapes:

* ``backup_sqlite`` — a bare database copy (used before a schema upgrade): online backup API → temp
  file → integrity check → fsync → rename.
* a **backup archive** — one ``.zip`` holding ``manifest.json``, the database snapshot and the
  attachment files (``files/ab/abcdef…``, named by SHA-256). The manifest names the program, the
  installation, the schema revision, the row counts, the audit-chain head and the SHA-256 of every
  member, so a restore can check everything before it touches anything. The manifest is signed with the
installation's Ed25519 key (``manifest.sig``, format 2); a restore checks the signature and accepts only the
member names of this layout (see ``open_archive``). Archives in the automatic
  rotation leave the attachments out and share one content-addressed ``files/`` folder beside them
  instead (23 copies of every scan would fill an old laptop's disk); a manual backup is self-contained.

Every archive is written as ``.name.partial`` → fsync → read back and verified → rename → fsync the
folder: a file under its final name is always whole, and a kill midway leaves only a ``.partial``.
This module is storage-level plumbing (no policy, no messages shown here); ``services.backups``
decides when, where and what to keep. Its parts: ``backup_format`` (the layout, the manifest and their
checks), ``backup_snapshot`` (the database snapshot), ``backup_archive`` (writing and reading archives) and
``backup_folder`` (a backup folder's lock and leftovers); their names are importable from here.
"""

from __future__ import annotations

from mediation_desktop.storage.backup_archive import (
    extract_database,
    files_missing_error,
    open_archive,
    open_attachment,
    read_keys,
    read_manifest,
    read_signed_manifest,
    verify_archive_members,
    write_archive,
)
from mediation_desktop.storage.backup_folder import (
    CHINA_MARK,
    archive_stamp,
    archive_time,
    folder_keys,
    folder_lock,
    named_in_china,
    remove_partials,
)
from mediation_desktop.storage.backup_format import (
    CHUNK,
    DB_MEMBER,
    FILES_DIR,
    FORMAT,
    FORMAT_VERSION,
    KEY_FILES,
    KEYS_DIR,
    MANIFEST,
    PARTIAL_SUFFIX,
    SIGNATURE,
    expected_member,
    make_manifest,
    manifest_bytes,
    member_name,
    safe_key_name,
    sha256_file,
    store_path,
)
from mediation_desktop.storage.backup_snapshot import (
    SQLITE_MAGIC,
    Snapshot,
    backup_sqlite,
    database_problems,
    is_sqlite_file,
    read_snapshot,
    remove_sqlite_file,
    snapshot_sqlite,
)

__all__ = ["CHINA_MARK", "CHUNK", "DB_MEMBER", "FILES_DIR", "FORMAT", "FORMAT_VERSION", "KEYS_DIR", "KEY_FILES",
           "MANIFEST", "PARTIAL_SUFFIX", "SIGNATURE", "SQLITE_MAGIC", "Snapshot", "archive_stamp", "archive_time",
           "backup_sqlite", "database_problems", "expected_member", "extract_database", "files_missing_error",
           "folder_keys", "folder_lock", "is_sqlite_file", "make_manifest", "manifest_bytes", "member_name",
           "named_in_china", "open_archive", "open_attachment", "read_keys", "read_manifest", "read_signed_manifest",
           "read_snapshot", "remove_partials", "remove_sqlite_file", "safe_key_name", "sha256_file",
           "snapshot_sqlite", "store_path", "verify_archive_members", "write_archive"]
