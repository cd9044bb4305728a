"""Search at scale: `SearchIndex.search` latency on a generated library, and its quality.

Queries are drawn from the library itself with a fixed seed, in the mix someone exploring a
large library types: title fragments (whole, half-typed, mistyped), author names with and
without accents, qualifiers, claim fragments, numbers and single common words. Each query runs
once, as a keystroke would. The baseline is what a naive implementation does: one
`rapidfuzz.process.extract(query, strings, scorer=WRatio)` over a string per document.

Quality is "the entry whose title you type is the top hit": a fragment of a title (or of a
claim) must bring that entry first, or an entry whose text holds the very same fragment.
"""

from __future__ import annotations

import gc
import random
import time
from collections import defaultdict
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from bench.data import corpus
from bench.report import Options, Row, median, percentile
from peertui.core.models import Corpus
from peertui.core.search.engine import Hit, SearchIndex
from peertui.core.textutil import fold_ascii

SEED = 7
_SHORT = frozenset("a an and as at by for from in of on or the to with among".split())  # noqa: SIM905


@dataclass(frozen=True, slots=True)
class Probe:
    """One query, and when it has one, the entry it is meant to find."""

    kind: str
    text: str
    target: str | None = None
    #: The folded words typed, when another entry holding them is as good an answer.
    fragment: str | None = None


def _fragment(words: list[str], rng: random.Random, size: int) -> list[str] | None:
    """`size` consecutive words with at least two that are not function words."""
    if len(words) < size:
        return None
    for _ in range(5):
        start = rng.randrange(len(words) - size + 1)
        chosen = words[start : start + size]
        if sum(1 for w in chosen if w.lower().strip(":") not in _SHORT and len(w) > 3) >= 2:
            return [w.strip(":") for w in chosen]
    return None


def _typo(word: str, rng: random.Random) -> str:
    """Drop or swap a letter inside the word, as fast typing does."""
    i = rng.randrange(1, len(word) - 2)
    if rng.random() < 0.5:
        return word[:i] + word[i + 1 :]
    return word[:i] + word[i + 1] + word[i] + word[i + 2 :]


def probes(data: Corpus, count: int, seed: int = SEED) -> list[Probe]:
    """`count` queries drawn from `data` (deterministic for a seed)."""
    rng = random.Random(seed)
    refs = [r for r in data.references if len(r.title.split()) >= 6]
    claims = data.claims
    kinds = (
        ["title"] * 40 + ["half-typed"] * 10 + ["typo"] * 10 + ["author"] * 15
        + ["qualifier"] * 10 + ["word"] * 5 + (["claim"] * 5 + ["number"] * 5 if claims else [])
    )  # fmt: skip
    out: list[Probe] = []
    while len(out) < count:
        kind = rng.choice(kinds)
        probe = _probe(kind, rng, refs, claims)
        if probe is not None:
            out.append(probe)
    return out


def _probe(kind: str, rng: random.Random, refs: list, claims: list) -> Probe | None:
    ref = rng.choice(refs)
    words = ref.title.split()
    if kind in ("title", "half-typed", "typo"):
        chosen = _fragment(words, rng, rng.choice((3, 4)))
        if chosen is None:
            return None
        if kind == "half-typed":
            last = chosen[-1]
            chosen[-1] = last[: max(2, (len(last) + 1) // 2)]
        if kind == "typo":
            longest = max(range(len(chosen)), key=lambda i: len(chosen[i]))
            if len(chosen[longest]) < 5:
                return None
            chosen[longest] = _typo(chosen[longest], rng)
            return Probe(kind, " ".join(chosen), ref.key)
        text = " ".join(chosen)
        return Probe(kind, text, ref.key, fold_ascii(text))
    surname = ref.first_author_surname
    if kind == "author":
        text = surname if rng.random() < 0.5 else fold_ascii(surname).title()
        return Probe(kind, text if rng.random() < 0.7 else f"{text} {ref.year}")
    if kind == "qualifier":
        word = rng.choice([w for w in words if len(w) > 4] or words).strip(":").lower()
        low = rng.randrange(1970, 2020)
        return Probe(
            kind,
            rng.choice(
                (
                    f'author:"{surname}"',
                    f"author:{fold_ascii(surname)} year:{ref.year}",
                    f"year:{low}-{low + 5} {word}",
                    f"kind:finding {word}",
                    f"journal:{ref.journal.split()[-1].lower()} {word}",
                )
            ),
        )
    claim = rng.choice(claims)
    if kind == "claim":
        chosen = _fragment(claim.text.rstrip(".").split(), rng, 4)
        if chosen is None:
            return None
        text = " ".join(w.strip(",()") for w in chosen)
        return Probe(kind, text, claim.id, fold_ascii(text))
    if kind == "number":
        if not claim.numbers:
            return None
        number = rng.choice(claim.numbers)
        return Probe(kind, number.quote if rng.random() < 0.5 else number.display_value)
    return Probe(kind, rng.choice(("peer", "mental health", "recovery", "men", "rec", "trial")))


def _found(probe: Probe, hits: list[Hit], texts: dict[str, str]) -> tuple[bool, bool]:
    """(top hit is the target, top hit is the target or holds the same fragment)."""
    if not hits:
        return False, False
    top = hits[0].id
    if top == probe.target:
        return True, True
    holds = probe.fragment is not None and probe.fragment in texts.get(top, "")
    return False, holds


def _timed_search(index: SearchIndex, text: str) -> tuple[float, list[Hit]]:
    start = time.perf_counter()
    hits = index.search(text, limit=50)
    return time.perf_counter() - start, hits


def run(options: Options) -> list[Row]:
    """Build the index, run the probes, type a few titles, then run the naive baseline."""
    data, load_seconds = corpus(options.refs, options.claims)
    size = f"{len(data.references) // 1000}k refs + {len(data.claims) // 1000}k claims"
    gc.collect()
    start = time.perf_counter()
    index = SearchIndex(data)
    build = time.perf_counter() - start
    gc.collect()  # the build's objects settle first, as they would while the app opens
    texts = {r.key: fold_ascii(r.title) for r in data.references}
    texts.update((c.id, fold_ascii(c.text)) for c in data.claims)

    count = 100 if options.quick else 300
    batch = probes(data, count)
    timings: list[float] = []
    by_kind: dict[str, list[float]] = defaultdict(list)
    strict: dict[str, list[bool]] = defaultdict(list)
    fair: dict[str, list[bool]] = defaultdict(list)
    in_top10: list[bool] = []
    for probe in batch:
        seconds, hits = _timed_search(index, probe.text)
        timings.append(seconds)
        by_kind[probe.kind].append(seconds)
        if probe.kind == "typo":
            in_top10.append(probe.target in [h.id for h in hits[:10]])
        elif probe.target is not None:
            first, holds = _found(probe, hits, texts)
            strict[probe.kind].append(first)
            fair[probe.kind].append(first or holds)

    typing = _typing(index, data, 3 if options.quick else 8)
    baseline_latency, baseline_quality = _baseline(data, batch, 5 if options.quick else 12, texts)

    titles = fair["title"] + fair["half-typed"]
    rows = [
        Row(f"index build, {size}", build, target=3.0, note=f"bundle load {load_seconds:.1f} s"),
        Row(
            f"query latency median, {len(timings)} queries",
            median(timings),
            baseline=baseline_latency,
            target=0.025,
        ),
        Row("query latency p95", percentile(timings, 0.95), target=0.050),
        Row("query latency max", max(timings)),
        Row("per keystroke, typing titles: median", median(typing)),
        Row("per keystroke, typing titles: p95", percentile(typing, 0.95)),
        Row(
            "title fragment → that entry first",
            100 * sum(titles) / len(titles),
            unit="%",
            baseline=baseline_quality,
            target=95.0,
            at_least=True,
            note=f"{len(titles)} queries",
        ),
        Row(
            "  … strictly that entry first",
            100 * sum(strict["title"] + strict["half-typed"]) / len(titles),
            unit="%",
        ),
    ]
    if fair["claim"]:
        rows.append(Row("claim fragment → that claim first", 100 * _share(fair["claim"]), unit="%"))
    if in_top10:
        rows.append(Row("mistyped title fragment → entry in top 10", 100 * _share(in_top10), "%"))
    for kind, seconds in sorted(by_kind.items()):
        rows.append(Row(f"  median for {kind} ({len(seconds)})", median(seconds)))
    return rows


def _share(values: list[bool]) -> float:
    return sum(values) / len(values) if values else 0.0


def _typing(index: SearchIndex, data: Corpus, titles: int) -> list[float]:
    """Type the first words of some titles one character at a time; the time of each search."""
    rng = random.Random(SEED + 1)
    seconds: list[float] = []
    for ref in rng.sample(data.references, titles):
        text = " ".join(ref.title.split()[:4])
        for end in range(1, len(text) + 1):
            seconds.append(_timed_search(index, text[:end])[0])
    return seconds


def _baseline(
    data: Corpus, batch: list[Probe], count: int, texts: dict[str, str]
) -> tuple[float, float]:
    """The naive scan's median latency, and its title hit rate, on a sample of the queries."""
    ids = [r.key for r in data.references] + [c.id for c in data.claims]
    strings = [f"{'; '.join(r.authors)}. {r.title}. {r.journal} {r.year}" for r in data.references]
    strings += [c.text for c in data.claims]
    sample = [p for p in batch if p.kind in ("title", "half-typed")][:count]
    seconds: list[float] = []
    found: list[bool] = []
    for probe in sample:
        start = time.perf_counter()
        best = process.extract(probe.text, strings, scorer=fuzz.WRatio, limit=50)
        seconds.append(time.perf_counter() - start)
        top = ids[best[0][2]] if best else None
        holds = probe.fragment is not None and top is not None
        found.append(top == probe.target or (holds and probe.fragment in texts.get(top, "")))
    return median(seconds), 100 * _share(found)
