"""`python -m bench.refparse_eval [CORPUS]`: the reference-string parser on tagged strings.

The corpus's refstrings/ hold AnyStyle's tagged references (BSD-2-Clause): each
`<sequence>` is one reference whose parts are tagged author, date, title, journal, volume,
pages… The parser is rule-based: nothing is trained on these strings, but its errors on
`gold.xml` minus `core.xml` ("gold-core") suggested some rules; `core.xml`'s errors were
never looked at, so its row is the held-out one. A field agrees as in the
corpus's score_bundle.py: year and volume exactly, title and journal at fuzzy ratio ≥ 95
and ≥ 90, the first page exactly, the first author's family name found in the tagged
first author.
"""

from __future__ import annotations

import re
import sys
import time
import xml.etree.ElementTree as ET
from pathlib import Path

from rapidfuzz import fuzz

from peertui.core.ingest.authoryear import fold
from peertui.core.ingest.refparse import parse_reference

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus"
FIELDS = ("author", "year", "title", "journal", "volume", "fpage")


def sequences(path: Path) -> list[tuple[str, dict[str, str]]]:
    """(the reference as printed, the first text of each tag) for every sequence."""
    out = []
    for seq in ET.parse(path).getroot():
        parts: list[str] = []
        tags: dict[str, str] = {}
        for node in seq:
            text = " ".join((node.text or "").split())
            parts.append(text)
            tags.setdefault(node.tag, text)
        out.append((" ".join(p for p in parts if p), tags))
    return out


def _words(text: str) -> str:
    return " ".join(re.findall(r"[^\W_]+", text.casefold()))


def agrees(name: str, tags: dict[str, str], ref) -> bool | None:
    """Whether the parsed field agrees with the tagged one (None where untagged)."""
    if name == "year":
        m = re.search(r"(?:1[5-9]|20)\d\d", tags.get("date", ""))
        return None if not m else ref.year == m.group(0)
    if name == "title":
        want = tags.get("title")
        return None if not want else fuzz.ratio(_words(want), _words(ref.title)) >= 95
    if name == "journal":
        want = tags.get("journal") or tags.get("container-title")
        want = re.sub(r"^\s*in:?\s+", "", want or "", flags=re.I)  # "In" is not the name
        return None if not want else fuzz.ratio(_words(want), _words(ref.container)) >= 90
    if name == "volume":
        m = re.search(r"\d+", tags.get("volume", ""))
        return None if not m else re.sub(r"\D", "", ref.volume) == m.group(0)
    if name == "fpage":
        m = re.search(r"[A-Za-z]?\d+", tags.get("pages", ""))
        return None if not m else re.split(r"\s*[-–—]", ref.pages)[0] == m.group(0)
    want = tags.get("author")
    if not want:
        return None
    first = re.split(r",|;|\band\b|&", want, maxsplit=1)[0]
    family = ref.authors[0][0] if ref.authors else ""
    return len(fold(family)) >= 2 and fold(family) in fold(first)


def score(items: list[tuple[str, dict[str, str]]]) -> tuple[dict[str, list[int]], float]:
    counts = {n: [0, 0] for n in FIELDS}
    t0 = time.perf_counter()
    for printed, tags in items:
        ref = parse_reference(printed)
        for name in FIELDS:
            ok = agrees(name, tags, ref)
            if ok is not None:
                counts[name][1] += 1
                counts[name][0] += ok
    return counts, time.perf_counter() - t0


def main(argv: list[str]) -> int:
    corpus = Path(argv[0]) if argv else DEFAULT_CORPUS
    folder = corpus / "refstrings"
    if not folder.is_dir():
        print(f"{folder}: no tagged reference strings here", file=sys.stderr)
        return 2
    core = sequences(folder / "core.xml")
    gold = sequences(folder / "gold.xml")
    seen = {p for p, _ in core}
    sets = {"core.xml": core, "gold.xml": gold, "gold-core": [g for g in gold if g[0] not in seen]}
    print(
        f"{'set':10} {'n':>5} "
        + " ".join(f"{n:>7}" for n in FIELDS)
        + f" {'mean':>6} {'ms/ref':>7}"
    )
    for name, items in sets.items():
        counts, seconds = score(items)
        rates = [a / t if t else 0.0 for a, t in counts.values()]
        print(
            f"{name:10} {len(items):5d} "
            + " ".join(f"{r:7.3f}" for r in rates)
            + f" {sum(rates) / len(rates):6.3f} {seconds * 1000 / max(len(items), 1):7.3f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
