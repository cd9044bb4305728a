"""Putting a Corpus together from a bundle directory or from files named one by one.

How a target is resolved:

- None: the default bundle (the article shipped with peertui), unless `bib=`, `claims=` or
  `article=` name files, in which case only those files are read.
- a directory: its `references.bib` (or its only `*.bib`), `claims.yaml` (or `claims.yml`),
  `article.md` and `sources.yaml` (or `sources.yml`); only the .bib is required.
- a `sources.yaml`/`sources.yml` file: that sources file, the rest from the same directory.
- a `.bib` file: a plain citation library, no claims or article.
- a `.yaml`/`.yml` or `.md` file: that claims file or article, with the rest of the bundle taken
  from the same directory (a .bib there is required).

Explicit `bib=`, `claims=` and `article=` always win over what the target would give. A file
that is missing or unreadable raises UnusableInput; everything else wrong is a Problem.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from peertui.core.bibtex.library import BibRead, Progress, read_bib
from peertui.core.bundle.vocabulary import BUILTIN_VOCABULARY
from peertui.core.errors import UnusableInput
from peertui.core.gcpause import paused_gc
from peertui.core.models import (
    Article,
    Claim,
    Corpus,
    Problem,
    SourceReport,
    Study,
)
from peertui.core.textutil import read_file_bytes, text_of

__all__ = [
    "Parsed",
    "assemble",
    "default_bundle_dir",
    "load_bundle",
    "read_parts",
    "resolve_bundle",
]

BIB_NAME = "references.bib"
CLAIMS_NAMES = ("claims.yaml", "claims.yml")
ARTICLE_NAME = "article.md"
SOURCES_NAMES = ("sources.yaml", "sources.yml")


def default_bundle_dir() -> Path:
    """The shipped bundle: `peertui/data` inside a wheel, `<repo>/data` in a source checkout."""
    here = Path(__file__).resolve().parents[2]  # the installed package (peertui/)
    packaged = here / "data"
    return packaged if packaged.is_dir() else here.parent / "data"


def resolve_bundle(
    target: Path | None = None,
    *,
    bib: Path | None = None,
    claims: Path | None = None,
    article: Path | None = None,
) -> dict[str, Path]:
    """Which file plays which part ("bib", "claims", "article", "sources"), following the module's
    rules."""
    explicit = {
        role: path
        for role, path in (("bib", bib), ("claims", claims), ("article", article))
        if path is not None
    }
    need_bib = bib is None
    if target is None:
        paths = {} if explicit else _from_directory(default_bundle_dir(), need_bib)
    else:
        paths = _from_target(target, need_bib)
    paths.update(explicit)
    if "bib" not in paths:
        where = target if target is not None else next(iter(explicit.values()))
        raise UnusableInput(
            where, f"no {BIB_NAME} found: a bundle needs one (or name it with --bib)"
        )
    return paths


def _from_target(target: Path, need_bib: bool) -> dict[str, Path]:
    if target.is_dir():
        return _from_directory(target, need_bib)
    if not target.exists():
        raise UnusableInput(target, "no such file or directory")
    suffix = target.suffix.lower()
    if suffix == ".bib":
        return {"bib": target}
    if suffix in (".yaml", ".yml"):
        role = "sources" if target.name.lower() in SOURCES_NAMES else "claims"
        return {**_from_directory(target.parent, need_bib), role: target}
    if suffix in (".md", ".markdown"):
        return {**_from_directory(target.parent, need_bib), "article": target}
    raise UnusableInput(target, "not a bundle: expected a directory, a .bib, .yaml or .md file")


def _from_directory(directory: Path, need_bib: bool) -> dict[str, Path]:
    """The bundle files present in `directory`; several candidate .bib files are ambiguous
    unless the caller names the .bib itself (`need_bib` False).

    A file of a bundle's own name that is there but is not a regular file (a FIFO, a link to
    nothing) is taken all the same, so that reading it reports it rather than passing it by.
    """
    if not directory.is_dir():
        raise UnusableInput(directory, "bundle directory not found")
    try:
        names = set(os.listdir(directory))
    except OSError as exc:
        why = "permission denied" if isinstance(exc, PermissionError) else exc.strerror
        raise UnusableInput(directory, f"bundle directory cannot be searched ({why})") from None
    paths: dict[str, Path] = {}
    if BIB_NAME in names:
        paths["bib"] = directory / BIB_NAME
    else:
        candidates = sorted(
            directory / n for n in names if n.endswith(".bib") and (directory / n).is_file()
        )
        if len(candidates) == 1:
            paths["bib"] = candidates[0]
        elif len(candidates) > 1 and need_bib:
            listed = ", ".join(p.name for p in candidates)
            raise UnusableInput(
                directory, f"several .bib files ({listed}) and no {BIB_NAME}: name one with --bib"
            )
    for role, choices in (
        ("claims", CLAIMS_NAMES),
        ("article", (ARTICLE_NAME,)),
        ("sources", SOURCES_NAMES),
    ):
        found = next((directory / n for n in choices if n in names), None)
        if found is not None:
            paths[role] = found
    return paths


@dataclass(slots=True)
class Parsed:
    """What a bundle's article, claims and sources files hold, with the problems met reading
    each; the .bib is read (and cached) on its own."""

    article: Article | None = None
    article_problems: list[Problem] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    studies: list[Study] = field(default_factory=list)
    vocabulary: dict[str, str] = field(default_factory=lambda: dict(BUILTIN_VOCABULARY))
    claims_problems: list[Problem] = field(default_factory=list)
    sources: dict[str, SourceReport] = field(default_factory=dict)
    sources_problems: list[Problem] = field(default_factory=list)


def read_parts(paths: dict[str, Path], data: dict[str, bytes] | None = None) -> Parsed:
    """Read the article, claims and sources files `paths` name (the YAML readers are imported
    here, so what opens a bundle from the cache never imports them).

    `data` holds bytes already read for some of them (by role): those very bytes are parsed,
    so what the caller digested is what was read.
    """
    parsed = Parsed()
    if "article" in paths:
        from peertui.core.bundle.article import parse_article

        text, problems = _text(paths, "article", data)
        parsed.article, more = parse_article(text, str(paths["article"]))
        parsed.article_problems = problems + more
    if "claims" in paths:
        from peertui.core.bundle.claims import parse_claims

        text, problems = _text(paths, "claims", data)
        with paused_gc():  # thousands of claims are hundreds of thousands of objects
            loaded = parse_claims(text, str(paths["claims"]))
        parsed.claims, parsed.studies = loaded.claims, loaded.studies
        parsed.vocabulary, parsed.claims_problems = loaded.vocabulary, problems + loaded.problems
    if "sources" in paths:
        from peertui.core.bundle.sources import parse_sources

        text, problems = _text(paths, "sources", data)
        sources = parse_sources(text, str(paths["sources"]))
        parsed.sources, parsed.sources_problems = sources.reports, problems + sources.problems
    return parsed


def _text(
    paths: dict[str, Path], role: str, data: dict[str, bytes] | None
) -> tuple[str, list[Problem]]:
    """The text of the file playing `role`, from `data` when it was read already."""
    path = paths[role]
    raw = None if data is None else data.get(role)
    return text_of(read_file_bytes(path) if raw is None else raw, path)


def assemble(paths: dict[str, Path], bib: BibRead, parsed: Parsed) -> Corpus:
    """The corpus of the files `paths` name, from the .bib's read and the other files'."""
    references, bib_problems, digest = bib
    return Corpus(
        article=parsed.article,
        references=references,
        claims=parsed.claims,
        studies=parsed.studies,
        vocabulary=parsed.vocabulary,
        problems=[
            *parsed.article_problems,
            *bib_problems,
            *parsed.claims_problems,
            *parsed.sources_problems,
        ],
        paths=paths,
        digests={} if digest is None else {"bib": digest},
        sources=parsed.sources,
    )


def load_bundle(
    target: Path | None = None,
    *,
    bib: Path | None = None,
    claims: Path | None = None,
    article: Path | None = None,
    progress: Progress | None = None,
) -> Corpus:
    """Load every file of a bundle into one Corpus, with the problems each loader met.

    `progress` follows the reading of the .bib, the only file that grows large. Cross-checks
    between the files are not done here: see peertui.core.analysis.verify (and
    peertui.core.cache.checked, which keeps a bundle's reading and checking in the cache).
    """
    paths = resolve_bundle(target, bib=bib, claims=claims, article=article)
    bib_read = read_bib(paths["bib"], progress)  # first, as load_checked reads it
    return assemble(paths, bib_read, read_parts(paths))
