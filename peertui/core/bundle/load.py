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
    unless the caller names the .bib itself (`need_bib` False)."""
    if not directory.is_dir():
        raise UnusableInput(directory, "bundle directory not found")
    paths: dict[str, Path] = {}
    bib = directory / BIB_NAME
    if bib.is_file():
        paths["bib"] = bib
    else:
        candidates = sorted(p for p in directory.glob("*.bib") if p.is_file())
        if len(candidates) == 1:
            paths["bib"] = candidates[0]
        elif len(candidates) > 1 and need_bib:
            names = ", ".join(p.name for p in candidates)
            raise UnusableInput(
                directory, f"several .bib files ({names}) and no {BIB_NAME}: name one with --bib"
            )
    claims = next((directory / n for n in CLAIMS_NAMES if (directory / n).is_file()), None)
    if claims is not None:
        paths["claims"] = claims
    if (directory / ARTICLE_NAME).is_file():
        paths["article"] = directory / ARTICLE_NAME
    sources = next((directory / n for n in SOURCES_NAMES if (directory / n).is_file()), None)
    if sources is not None:
        paths["sources"] = sources
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


def read_parts(paths: dict[str, Path]) -> Parsed:
    """Read the article, claims and sources files `paths` name (the YAML readers are imported
    here, so what opens a bundle from the cache never imports them)."""
    parsed = Parsed()
    if "article" in paths:
        from peertui.core.bundle.article import load_article

        parsed.article, parsed.article_problems = load_article(paths["article"])
    if "claims" in paths:
        from peertui.core.bundle.claims import load_claims

        with paused_gc():  # thousands of claims are hundreds of thousands of objects
            loaded = load_claims(paths["claims"])
        parsed.claims, parsed.studies = loaded.claims, loaded.studies
        parsed.vocabulary, parsed.claims_problems = loaded.vocabulary, loaded.problems
    if "sources" in paths:
        from peertui.core.bundle.sources import load_sources

        sources = load_sources(paths["sources"])
        parsed.sources, parsed.sources_problems = sources.reports, sources.problems
    return parsed


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
