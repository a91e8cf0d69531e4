"""SHA-256 manifest of an archived month: proof that archived files were never changed.

Archived files are never rewritten; a reopened month is archived again into a new version
directory (``period_dir/v2`` ...), so a manifest, once written, is never replaced.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
from dataclasses import asdict, dataclass
from pathlib import Path, PurePosixPath
from typing import Any

MANIFEST_NAME = "manifest.json"
MANIFEST_FORMAT = 1
_CHUNK = 1 << 20
_VERSION_RE = re.compile(r"v([1-9][0-9]*)")


def sha256_file(path: Path) -> str:
    """Hex SHA-256 of a file, read in chunks so large PDFs do not sit in memory."""
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        while chunk := fh.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


@dataclass
class ManifestEntry:
    """One archived file; ``path`` is relative to the archive dir, POSIX style."""

    path: str
    sha256: str
    size: int
    kind: str  # "rekap" | "pj" | ...


@dataclass(frozen=True)
class VerifyProblem:
    """A file that is no longer what the manifest recorded."""

    path: str
    problem: str  # "hilang" (missing) | "berubah" (hash differs)
    expected: str = ""
    actual: str = ""

    def __str__(self) -> str:
        if self.problem == "berubah":
            return f"{self.path}: berubah (diharapkan {self.expected}, ternyata {self.actual})"
        return f"{self.path}: {self.problem}"


def entry_for(archive_dir: Path, path: Path, kind: str) -> ManifestEntry:
    """Build the entry of a file already written inside ``archive_dir``."""
    path = Path(path)
    full = path if path.is_absolute() else archive_dir / path
    rel = full.resolve().relative_to(archive_dir.resolve()).as_posix()
    return ManifestEntry(rel, sha256_file(full), full.stat().st_size, kind)


def _check_rel_path(rel: str) -> None:
    """Reject paths that would escape the archive dir or are not portable."""
    pure = PurePosixPath(rel)
    if not rel or "\\" in rel or pure.is_absolute() or ".." in pure.parts or rel != str(pure):
        raise ValueError(f"manifest path must be relative POSIX inside the archive: {rel!r}")
    if pure.as_posix() == MANIFEST_NAME:
        raise ValueError("the manifest cannot list itself")


def write_manifest(archive_dir: Path, entries: list[ManifestEntry], meta: dict) -> Path:
    """Write ``archive_dir/manifest.json`` once; raise FileExistsError if it already exists.

    The file is written to a temporary name and hard-linked into place, which is atomic and
    refuses to replace an existing manifest even when two archivers race.
    """
    archive_dir = Path(archive_dir)
    target = archive_dir / MANIFEST_NAME
    if target.exists():
        raise FileExistsError(f"{target} already exists; archive a new version instead")
    seen: set[str] = set()
    for entry in entries:
        _check_rel_path(entry.path)
        if entry.path in seen:
            raise ValueError(f"duplicate manifest path {entry.path!r}")
        seen.add(entry.path)
        if not re.fullmatch(r"[0-9a-f]{64}", entry.sha256):
            raise ValueError(f"{entry.path}: sha256 must be 64 lowercase hex digits")
    body: dict[str, Any] = {
        "format": MANIFEST_FORMAT,
        "algorithm": "sha256",
        "meta": meta,
        "files": [asdict(e) for e in sorted(entries, key=lambda e: e.path)],
    }
    text = json.dumps(body, sort_keys=True, indent=2, ensure_ascii=False) + "\n"
    fd, tmp_name = tempfile.mkstemp(prefix=".manifest-", suffix=".tmp", dir=archive_dir)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.link(tmp_name, target)  # FileExistsError if someone else won the race
    finally:
        os.unlink(tmp_name)
    return target


def read_manifest(archive_dir: Path) -> dict[str, Any]:
    """Parsed manifest.json of ``archive_dir``."""
    with open(Path(archive_dir) / MANIFEST_NAME, encoding="utf-8") as fh:
        return json.load(fh)


def verify_manifest(archive_dir: Path) -> list[VerifyProblem]:
    """Re-hash every listed file; an empty list means the archive is intact.

    A missing manifest is itself reported as ``manifest.json: hilang``.
    """
    archive_dir = Path(archive_dir)
    if not (archive_dir / MANIFEST_NAME).is_file():
        return [VerifyProblem(MANIFEST_NAME, "hilang")]
    problems: list[VerifyProblem] = []
    for item in read_manifest(archive_dir).get("files", []):
        rel, expected = item["path"], item["sha256"]
        _check_rel_path(rel)
        full = archive_dir / rel
        if not full.is_file():
            problems.append(VerifyProblem(rel, "hilang", expected=expected))
            continue
        actual = sha256_file(full)
        if actual != expected:
            problems.append(VerifyProblem(rel, "berubah", expected=expected, actual=actual))
    return problems


def versions(period_dir: Path) -> list[Path]:
    """The version directories of a period (``v1``, ``v2`` ... only), oldest first.

    The one place that knows what a version directory is: anything else in the period
    directory (a stray ``vtmp``, ``v01``, a file named ``v3``) is ignored, and ``v10`` sorts
    after ``v9``. A version may be unfinished (no manifest yet): see `latest_complete`.
    """
    return [child for _number, child in _numbered(period_dir) if child.is_dir()]


def _numbered(period_dir: Path) -> list[tuple[int, Path]]:
    period_dir = Path(period_dir)
    if not period_dir.is_dir():
        return []
    return sorted(
        (int(m.group(1)), child)
        for child in period_dir.iterdir()
        if (m := _VERSION_RE.fullmatch(child.name))
    )


def version_number(version_dir: Path) -> int:
    """N of ``.../vN``; ValueError for anything that is not a version directory's name."""
    m = _VERSION_RE.fullmatch(Path(version_dir).name)
    if not m:
        raise ValueError(f"not a version directory: {version_dir}")
    return int(m.group(1))


def is_complete(version_dir: Path) -> bool:
    """A version is finished once its manifest is in place (it is written last)."""
    return (Path(version_dir) / MANIFEST_NAME).is_file()


def latest_complete(period_dir: Path) -> Path | None:
    """The newest version directory that has a manifest, None when there is none.

    What to verify or show as "the archive" of a period: a newer version without a manifest
    is an archiving run that was interrupted, not an archive.
    """
    complete = [d for d in versions(period_dir) if is_complete(d)]
    return complete[-1] if complete else None


def next_version_dir(period_dir: Path) -> Path:
    """``period_dir/vN`` for the next N: one past the highest existing version.

    Not created here: the caller should ``mkdir(parents=True, exist_ok=False)`` it so two
    concurrent archivers cannot share a directory. Counting past the highest (rather than
    filling a gap left by a deleted ``v1``) keeps versions in archiving order.
    """
    numbered = _numbered(period_dir)  # a stray file named like a version still counts
    highest = numbered[-1][0] if numbered else 0
    return Path(period_dir) / f"v{highest + 1}"
