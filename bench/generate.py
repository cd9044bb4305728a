"""Deterministic synthetic bundles of any size: references.bib, claims.yaml and article.md.

`python -m bench.generate --refs 100000 --claims 10000 --out DIR` writes a bundle that looks like
a large review: a library exported from a reference manager (1–12 authors with non-ASCII names,
some written as LaTeX accents, 6–20-word titles, journals partly through @string macros,
abstracts, DOIs) and claims citing its entries by number, with the numbers and outcomes they
state. The same sizes and seed always give the same bytes, so figures compare across runs.
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import sys
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from bench import words as W
from peertui.core.analysis.extract import extract_quantities
from peertui.core.models import CLAIM_KINDS, DIRECTIONS, format_number

DEFAULT_SEED = 20240501
#: Bump when the output changes, so cached bundles are rebuilt.
VERSION = 1
#: Zipf–Mandelbrot exponent and offset: the commonest word fills a few percent of a title.
_ZIPF = 1.05
_ZIPF_OFFSET = 12


@dataclass(slots=True)
class Entry:
    """One generated library entry, in plain Unicode (the .bib may spell it in LaTeX)."""

    key: str
    entry_type: str
    authors: list[str]
    title: str
    venue: str
    year: int
    fields: dict[str, str] = field(default_factory=dict)
    number: int | None = None


@dataclass(slots=True)
class Bundle:
    """The three files' texts."""

    bib: str
    claims: str
    article: str


def _zipf_cumulative(count: int) -> list[float]:
    return list(itertools.accumulate(1.0 / (rank + _ZIPF_OFFSET) ** _ZIPF for rank in range(count)))


def _ascii(text: str) -> str:
    """Letters and digits only, accents dropped: for keys and DOIs."""
    plain = unicodedata.normalize("NFKD", text.translate(str.maketrans("øØłŁđıß", "oOlLdis")))
    return "".join(ch for ch in plain if ch.isascii() and ch.isalnum()).lower()


class Generator:
    """All the randomness of one bundle, drawn from one seeded generator in a fixed order."""

    def __init__(self, refs: int, claims: int, seed: int = DEFAULT_SEED) -> None:
        self.n_refs, self.n_claims = refs, claims
        self.rng = random.Random(seed)
        tail = int(18 * (max(refs, 1) * 12) ** 0.5)  # Heaps' law: vocabulary ~ sqrt(tokens)
        self.vocabulary = list(W.TITLE_WORDS) + self._invent(tail, set(W.TITLE_WORDS))
        self.vocab_cum = _zipf_cumulative(len(self.vocabulary))
        invented = [
            w.capitalize() + self.rng.choice(W.SURNAME_SUFFIXES)
            for w in self._invent(max(refs // 4, 50), set())
        ]
        self.surnames = list(W.SURNAMES) + invented
        self.surname_cum = _zipf_cumulative(len(self.surnames))
        self.journals = self._journals(max(20, refs // 250))
        self.macros = {f"j{_ascii(j)[:6]}{i}": j for i, j in enumerate(self.journals[:25])}
        self.macro_of = {j: name for name, j in self.macros.items()}

    # ----------------------------------------------------------------- pools

    def _invent(self, count: int, taken: set[str]) -> list[str]:
        rng, out = self.rng, []
        seen = set(taken)
        while len(out) < count:
            syllables = rng.choice((1, 2, 2, 2, 3))
            word = "".join(
                rng.choice(W.ONSETS) + rng.choice(W.NUCLEI) + rng.choice(W.CODAS)
                for _ in range(syllables)
            ) + rng.choice(W.WORD_ENDINGS)
            if len(word) >= 4 and word not in seen:
                seen.add(word)
                out.append(word)
        return out

    def _journals(self, count: int) -> list[str]:
        names: list[str] = []
        seen: set[str] = set()
        while len(names) < count:
            first, second = self.rng.sample(W.JOURNAL_FIELDS, 2)
            if len(names) >= len(W.JOURNAL_FIELDS) * 4:
                first = f"{self.word().capitalize()} {first}"
            name = self.rng.choice(W.JOURNAL_PATTERNS).format(first, second)
            if name not in seen:
                seen.add(name)
                names.append(name)
        return names

    def word(self) -> str:
        return self.rng.choices(self.vocabulary, cum_weights=self.vocab_cum)[0]

    def words(self, count: int) -> list[str]:
        return self.rng.choices(self.vocabulary, cum_weights=self.vocab_cum, k=count)

    # ----------------------------------------------------------------- references

    def author(self) -> str:
        rng = self.rng
        surname = rng.choices(self.surnames, cum_weights=self.surname_cum)[0]
        given = rng.choice(W.GIVEN_NAMES)
        if rng.random() < 0.3:
            given += f" {rng.choice('ABCDEFGHJKLMNPRSTW')}."
        return f"{surname}, {given}" if rng.random() < 0.8 else f"{given} {surname}"

    def title(self) -> str:
        rng = self.rng
        count = rng.randint(6, 20)
        picked = self.words(count)
        out: list[str] = []
        for i, word in enumerate(picked):
            if i and rng.random() < 0.22:
                out.append(rng.choice(W.FUNCTION_WORDS))
            out.append(word)
        if count > 8 and rng.random() < 0.2:
            cut = rng.randint(3, len(out) - 3)
            out[cut] += ":"
        out[0] = out[0][0].upper() + out[0][1:]
        return " ".join(out)

    def entries(self) -> list[Entry]:
        rng = self.rng
        keys: dict[str, int] = {}
        result: list[Entry] = []
        for _ in range(self.n_refs):
            count = rng.choices(range(1, 13), weights=(8, 10, 10, 9, 8, 7, 6, 5, 4, 3, 2, 2))[0]
            authors = [self.author() for _ in range(count)]
            title = self.title()
            year = rng.randint(1970, 2025)
            kind = rng.choice(W.VENUE_TYPES)
            surname = authors[0].split(",")[0] if "," in authors[0] else authors[0].split()[-1]
            stem = f"{_ascii(surname)}{year}{_ascii(title.split()[0])}"
            keys[stem] = keys.get(stem, 0) + 1
            key = stem if keys[stem] == 1 else f"{stem}{keys[stem]}"
            venue = rng.choice(self.journals) if kind == "article" else self._venue(kind)
            entry = Entry(key, kind, authors, title, venue, year)
            self._fields(entry)
            result.append(entry)
        return result

    def _venue(self, kind: str) -> str:
        if kind == "book":
            return f"{self.word().capitalize()} Press"
        return f"Proceedings of the {self.rng.choice(W.JOURNAL_FIELDS)} Conference"

    def _fields(self, entry: Entry) -> None:
        rng, fields = self.rng, entry.fields
        if rng.random() < 0.9:
            fields["volume"] = str(rng.randint(1, 300))
        if rng.random() < 0.7:
            fields["number"] = str(rng.randint(1, 12))
        first = rng.randint(1, 2000)
        fields["pages"] = f"{first}--{first + rng.randint(2, 30)}"
        if rng.random() < 0.3:
            fields["month"] = rng.choice(("jan", "mar", "jun", "sep", "nov"))
        if rng.random() < 0.8:
            fields["doi"] = f"10.{rng.randint(1000, 9999)}/{entry.key}.{rng.randint(100, 99999)}"
        if rng.random() < 0.3:
            fields["pmid"] = str(rng.randint(10_000_000, 39_999_999))
        if rng.random() < 0.3:
            sentences = (
                " ".join(self.words(rng.randint(8, 20))).capitalize() + "."
                for _ in range(rng.randint(3, 8))
            )
            fields["abstract"] = " ".join(sentences)
        if rng.random() < 0.3:
            fields["keywords"] = ", ".join(rng.sample(W.KEYWORDS, rng.randint(2, 5)))
        if rng.random() < 0.05:
            fields["note"] = f"Erratum in {rng.choice(self.journals)}"

    # ----------------------------------------------------------------- claims

    def claim_text(self, kind: str) -> str:
        """One sentence, with numbers for findings and studies."""
        rng = self.rng
        a, b, c, d, e = self.words(5)
        if kind not in ("finding", "study"):
            return f"{a.capitalize()} {b} may {rng.choice(('shape', 'limit', 'support'))} {c} {d}"
        parts = []
        if rng.random() < 0.6:
            parts.append(f"Among {rng.randint(12, 4000)} {rng.choice(W.PEOPLE_UNITS)},")
            parts.append(rng.choice(W.SUBJECTS).lower())
        else:
            parts.append(rng.choice(W.SUBJECTS))
        parts.append(f"{rng.choice(W.VERBS)} {rng.choice(('lower', 'greater'))} {a} {b}")
        if rng.random() < 0.4:
            parts.append(f"by {rng.randint(2, 60)}%")
        parts.append(f"with {c} {d} {e}")
        if rng.random() < 0.5:
            parts.append(f"at {rng.choice((3, 6, 9, 12, 18, 24))} {rng.choice(W.TIME_UNITS)}")
        return " ".join(parts)

    def bundle(self) -> Bundle:
        rng = self.rng
        refs = self.entries()
        studies = [
            (f"S{i:04d}", f"{self.word().upper()[:6]} trial", rng.sample(refs, min(2, len(refs))))
            for i in range(max(1, self.n_claims // 25) if refs else 0)
        ]
        next_number = itertools.count(1)
        kinds = list(CLAIM_KINDS)
        outcome_ids = list(W.OUTCOME_IDS) + list(W.EXTRA_OUTCOMES)
        claims: list[dict[str, object]] = []
        for i in range(self.n_claims):
            kind = rng.choices(kinds, weights=(5, 4, 3, 2, 2, 1, 1))[0]
            cited = rng.sample(refs, min(len(refs), rng.choice((0, 1, 1, 1, 2, 2, 3))))
            for ref in cited:
                if ref.number is None:
                    ref.number = next(next_number)
            text = self.claim_text(kind)
            if cited and rng.random() < 0.9:
                text += " (" + ", ".join(str(n) for n in sorted(r.number for r in cited)) + ")"
            claim: dict[str, object] = {
                "id": f"C{i + 1:05d}",
                "text": text + ".",
                "cites": [r.key for r in cited],
                "kind": kind,
            }
            if kind in ("finding", "study") and studies and rng.random() < 0.6:
                claim["outcomes"] = [
                    {
                        "id": rng.choice(outcome_ids),
                        "direction": rng.choice(DIRECTIONS),
                        "timepoints": [f"{rng.choice((6, 12, 24))} months"],
                        "comparator": rng.choice(W.COMPARATORS),
                        "study": rng.choice(studies)[0],
                    }
                    for _ in range(rng.randint(1, 2))
                ]
            if rng.random() < 0.1:
                claim["notes"] = " ".join(self.words(rng.randint(5, 15))).capitalize() + "."
            claims.append(claim)
        article = self._article(claims, refs)
        return Bundle(_bib(refs, self), _claims_yaml(claims, studies), article)

    def _article(self, claims: list[dict[str, object]], refs: list[Entry]) -> str:
        """Paragraphs of 3–6 claims under headings, then the numbered reference list."""
        rng = self.rng
        lines = ["---", 'title: "A synthetic review of peer support research"']
        lines += ['authors: ["Bench Generator"]', "---", ""]
        paragraph, i = 0, 0
        while i < len(claims):
            if paragraph % 12 == 0:
                heading = " ".join(self.words(3)).capitalize()
                lines += [f"## {heading}", ""]
            section = f"Section {paragraph // 12 + 1}: {heading}"
            paragraph += 1
            group = claims[i : i + rng.randint(3, 6)]
            i += len(group)
            for claim in group:
                claim["section"], claim["paragraph"] = section, paragraph
            lines += [" ".join(str(c["text"]) for c in group), ""]
        cited = sorted((r for r in refs if r.number is not None), key=lambda r: r.number or 0)
        lines += ["## References", ""]
        for ref in cited:
            who = ", ".join(a.split(",")[0] for a in ref.authors[:3])
            lines.append(f"{ref.number}. {who} ({ref.year}). {ref.title}. {ref.venue}.")
        return "\n".join(lines) + "\n"


# ----------------------------------------------------------------- writers


def _latex(text: str) -> str:
    return "".join(W.LATEX_ACCENTS.get(ch, ch) for ch in text)


def _bib(refs: list[Entry], gen: Generator) -> str:
    """The library as a reference manager would export it."""
    rng = gen.rng
    out = ["% Synthetic library written by bench.generate; every entry is invented.", ""]
    out += [f"@string{{{name} = {{{journal}}}}}" for name, journal in gen.macros.items()]
    out.append("")
    for ref in refs:
        spell = _latex if rng.random() < 0.4 else str
        title = ref.title
        if rng.random() < 0.05:
            title = title.replace(" ", " {HIV} ", 1)
        if rng.random() < 0.002:
            title += r" with $\beta$-blockers"
        lines = [f"@{ref.entry_type}{{{ref.key},"]
        lines.append(f"  author = {{{spell(' and '.join(ref.authors))}}},")
        lines.append(f"  title = {{{spell(title)}}},")
        venue_field = {"article": "journal", "book": "publisher"}.get(ref.entry_type, "booktitle")
        macro = gen.macro_of.get(ref.venue)
        if macro is not None and rng.random() < 0.5:
            lines.append(f"  {venue_field} = {macro},")
        else:
            lines.append(f"  {venue_field} = {{{ref.venue}}},")
        lines.append(f"  year = {{{ref.year}}},")
        for name, value in ref.fields.items():
            lines.append(f"  {name} = {value}," if name == "month" else f"  {name} = {{{value}}},")
        if ref.number is not None:
            lines.append(f"  citation-number = {{{ref.number}}},")
        lines += ["}", ""]
        out.append("\n".join(lines))
    return "\n".join(out)


def _q(value: object) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(value, ensure_ascii=False)


def _claims_yaml(claims: list[dict[str, object]], studies: list[tuple[str, str, list]]) -> str:
    out = ["# Synthetic claims written by bench.generate.", "vocabulary:"]
    out += [f"  {key}: {_q(label)}" for key, label in W.EXTRA_OUTCOMES.items()]
    out.append("studies:")
    for study_id, label, refs in studies:
        out += [f"  - id: {study_id}", f"    label: {_q(label)}"]
        out.append(f"    refs: [{', '.join(_q(r.key) for r in refs)}]")
    out.append("claims:")
    for claim in claims:
        text = str(claim["text"])
        out += [f"  - id: {claim['id']}", f"    text: {_q(text)}"]
        out.append(f"    cites: [{', '.join(_q(k) for k in claim['cites'])}]")  # type: ignore[attr-defined]
        out.append(f"    section: {_q(claim['section'])}")
        out += [f"    paragraph: {claim['paragraph']}", f"    kind: {claim['kind']}"]
        numbers = extract_quantities(text)
        if numbers:
            out.append("    numbers:")
        for q in numbers:
            out.append(f"      - value: {format_number(q.value)}")
            out += [f"        unit: {_q(q.unit)}", f"        role: {_q(q.role)}"]
            out.append(f"        quote: {_q(q.text)}")
        outcomes = claim.get("outcomes") or []
        if outcomes:
            out.append("    outcomes:")
        for o in outcomes:  # type: ignore[attr-defined]
            out += [f"      - id: {o['id']}", f"        direction: {o['direction']}"]
            out.append(f"        timepoints: [{', '.join(_q(t) for t in o['timepoints'])}]")
            out += [f"        comparator: {_q(o['comparator'])}", f"        study: {o['study']}"]
        if "notes" in claim:
            out.append(f"    notes: {_q(claim['notes'])}")
    return "\n".join(out) + "\n"


def generate(refs: int, claims: int, seed: int = DEFAULT_SEED) -> Bundle:
    """The texts of a bundle with `refs` references and `claims` claims."""
    return Generator(refs, claims, seed).bundle()


def write_bundle(out: Path, refs: int, claims: int, seed: int = DEFAULT_SEED) -> Path:
    """Write the bundle's three files into `out` (created if needed); returns `out`."""
    bundle = generate(refs, claims, seed)
    out.mkdir(parents=True, exist_ok=True)
    (out / "references.bib").write_text(bundle.bib, encoding="utf-8")
    (out / "claims.yaml").write_text(bundle.claims, encoding="utf-8")
    (out / "article.md").write_text(bundle.article, encoding="utf-8")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.generate", description=__doc__)
    parser.add_argument("--refs", type=int, default=1000, help="references (default 1000)")
    parser.add_argument("--claims", type=int, default=100, help="claims (default 100)")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--out", type=Path, required=True, help="directory to write")
    args = parser.parse_args(argv)
    if args.refs < 0 or args.claims < 0:
        parser.error("sizes must not be negative")
    write_bundle(args.out, args.refs, args.claims, args.seed)
    print(f"wrote {args.refs} references and {args.claims} claims to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
