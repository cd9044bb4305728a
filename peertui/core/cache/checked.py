"""A bundle read and verified, kept in the user's cache so an unchanged bundle reopens at once.

Reading a bundle's YAML and verifying it (importing PyYAML and the checks included) was a
seventh of the app's start on the default bundle, and seconds on a bundle of thousands of
claims. An entry keeps what `read_parts` read from the article, claims and sources files and
what `check_bundle` found; the .bib has its own cache (`peertui.core.cache.store`).

An entry is used only when the digests it was made with are those of every file the bundle is
read from now (their bytes) and of peertui's own code (each core module's size and
modification time, and the version), so a changed file or a changed peertui makes it stale.
It is a sealed column file (`peertui.core.cache.columnfile`): it passes only if this user's peertui
wrote it. Its one column is JSON of peertui's record types, each rebuilt by name from a fixed
list with its own fields, so nothing in it can run code; anything that is not exactly such a
file is ignored and written again. `PEERTUI_CACHE_DIR=off` turns it off with the .bib cache.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from dataclasses import fields, is_dataclass
from pathlib import Path
from typing import Any

from peertui import __version__
from peertui.core.bibtex.library import Progress, read_bib
from peertui.core.bundle.load import Parsed, assemble, read_parts, resolve_bundle
from peertui.core.cache.columnfile import (
    ENTRY_GROWTH,
    ENTRY_SLACK,
    ColumnWriter,
    Unstorable,
    read_columns,
)
from peertui.core.cache.key import cache_key
from peertui.core.cache.store import SUFFIX, cache_dir, prune
from peertui.core.models import (
    ArmCount,
    Article,
    Claim,
    Corpus,
    NumberFact,
    Outcome,
    Problem,
    ReportedEstimate,
    SourceFact,
    SourceReport,
    SourceResult,
    Study,
)
from peertui.core.textutil import read_file_bytes

#: Bumped whenever what an entry holds changes.
FORMAT = 2
_MAGIC = "peertui-checked-bundle"
_KIND = "checked"
#: The record types an entry may hold, by name.
_RECORDS: dict[str, type] = {
    cls.__name__: cls
    for cls in (
        Parsed,
        Article,
        Claim,
        NumberFact,
        Outcome,
        Study,
        Problem,
        SourceReport,
        SourceFact,
        SourceResult,
        ArmCount,
        ReportedEstimate,
    )
}
#: Tags of the JSON objects that are not records: a tuple, a mapping (as key, value pairs).
_TUPLE, _MAPPING, _RECORD = "(", "{", "@"


def load_checked(
    target: Path | None = None,
    *,
    bib: Path | None = None,
    claims: Path | None = None,
    article: Path | None = None,
    progress: Progress | None = None,
) -> tuple[Corpus, list[Problem]]:
    """`load_bundle`'s corpus and `check_bundle`'s problems on it, from the cache when the
    bundle's files and peertui are what they were when the entry was made."""
    paths = resolve_bundle(target, bib=bib, claims=claims, article=article)
    bib_read = read_bib(paths["bib"], progress)
    root, bib_digest = cache_dir(), bib_read[2]
    data: dict[str, bytes] = {}
    digests = None if root is None or bib_digest is None else _digests(paths, bib_digest, data)
    keyed = None if root is None or digests is None else (_entry(root, paths), digests)
    if keyed is not None and (found := _read(*keyed, _bound(data, paths))) is not None:
        return assemble(paths, bib_read, found[0]), found[1]
    parsed = read_parts(paths, data)  # the very bytes digested: a save meanwhile is not mixed in
    corpus = assemble(paths, bib_read, parsed)
    from peertui.core.analysis.findings import check_bundle

    findings = check_bundle(corpus)
    if keyed is not None:
        _write(*keyed, parsed, findings)
    return corpus, findings


def _entry(root: Path, paths: dict[str, Path]) -> Path:
    """One entry per set of files: named by a digest of which file plays which part."""
    parts = sorted((role, str(path.resolve())) for role, path in paths.items())
    name = hashlib.sha256(json.dumps(parts).encode()).hexdigest()[:32]
    return root / _KIND / f"{name}{SUFFIX}"


def _digests(paths: dict[str, Path], bib_digest: str, data: dict[str, bytes]) -> dict[str, str]:
    """The digest of each file's bytes (the .bib's as its reader made it) and of peertui's
    code; the bytes digested are kept in `data`, by role, for the reading to parse. Raises
    UnusableInput for a file that cannot be read."""
    digests = {"bib": bib_digest, "code": _code_digest()}
    for role, path in paths.items():
        if role != "bib":
            data[role] = read_file_bytes(path)
            digests[role] = hashlib.sha256(data[role]).hexdigest()
    return digests


def _bound(data: dict[str, bytes], paths: dict[str, Path]) -> int:
    """The largest entry these files could need: every value an entry holds comes from them
    (the .bib's findings only name its references), so a far larger file is not ours."""
    sizes = sum(map(len, data.values()))
    with contextlib.suppress(OSError):
        sizes += paths["bib"].stat().st_size
    return ENTRY_GROWTH * sizes + ENTRY_SLACK


def _code_digest() -> str:
    """peertui's version and every core module's path, size and modification time, in every
    package of the core: a change to how bundles are read or verified makes every entry stale."""
    core = Path(__file__).resolve().parent.parent
    stamp = [__version__, str(FORMAT)]
    for folder, subfolders, names in os.walk(core):
        subfolders[:] = sorted(d for d in subfolders if d != "__pycache__")
        for name in sorted(names):
            if name.endswith(".py"):
                info = os.stat(os.path.join(folder, name))
                where = os.path.relpath(os.path.join(folder, name), core)
                stamp.append(f"{where}:{info.st_size}:{info.st_mtime_ns}")
    return hashlib.sha256("\n".join(stamp).encode()).hexdigest()


def _read(entry: Path, digests: dict[str, str], limit: int) -> tuple[Parsed, list[Problem]] | None:
    """What the entry holds if it was made from these digests; None for anything else (a file
    larger than `limit` or not a regular file included: it is written again)."""
    try:
        stored = read_columns(entry, cache_key(entry.parent.parent), limit)
    except OSError:
        return None
    if stored is None:
        return None
    header = stored.header
    if header.get("magic") != _MAGIC or header.get("format") != FORMAT:
        return None
    if header.get("digests") != digests:
        return None
    try:
        (text,) = stored.strings("json")
        held = json.loads(text, object_hook=_record)
    except (KeyError, TypeError, ValueError, RecursionError):
        return None
    if not isinstance(held, list) or len(held) != 2:
        return None
    parsed, findings = held
    if not isinstance(parsed, Parsed) or not isinstance(findings, list):
        return None
    if not all(isinstance(problem, Problem) for problem in findings):
        return None
    return parsed, findings


def _write(entry: Path, digests: dict[str, str], parsed: Parsed, findings: list[Problem]) -> None:
    """Keep the bundle's reading and findings; a value JSON cannot hold, or a cache that
    cannot be written, only means the next start reads the files again."""
    try:
        text = json.dumps([_plain(parsed), _plain(findings)])
        columns = ColumnWriter()
        columns.strings("json", [text])
        header = {"magic": _MAGIC, "format": FORMAT, "digests": digests}
        columns.write(entry, header, cache_key(entry.parent.parent))
    except (OSError, TypeError, ValueError, Unstorable, RecursionError):
        return
    prune(entry)


def _plain(value: Any) -> Any:
    """`value` as JSON values: a record as an object tagged with its type's name, a tuple and
    a mapping tagged too; raises TypeError for anything else."""
    if value is None or isinstance(value, str | int | float):
        return value
    if isinstance(value, list):
        return [_plain(item) for item in value]
    if isinstance(value, tuple):
        return {_TUPLE: [_plain(item) for item in value]}
    if isinstance(value, dict):
        return {_MAPPING: [[_plain(key), _plain(item)] for key, item in value.items()]}
    if is_dataclass(value) and _RECORDS.get(type(value).__name__) is type(value):
        plain = {f.name: _plain(getattr(value, f.name)) for f in fields(value)}
        return {_RECORD: type(value).__name__, **plain}
    raise TypeError(f"a checked bundle cannot hold {type(value).__name__}")


def _record(obj: dict[str, Any]) -> Any:
    """A tagged JSON object back as what `_plain` made it from; raises KeyError, TypeError or
    ValueError for any other object."""
    if _RECORD in obj:
        cls = _RECORDS[obj.pop(_RECORD)]
        return cls(**obj)
    if len(obj) != 1:
        raise ValueError("an untagged object")
    if _TUPLE in obj:
        return tuple(obj[_TUPLE])
    return {key: item for key, item in obj[_MAPPING]}
