"""The app at start-up and under typing: first frame against a bare Textual app, and search.

How a first frame is timed: each app runs in a fresh interpreter, headless through
`App.run_test` at 120×40, and exits at its first idle (its first screen composed, mounted and
laid out); the clock runs from spawning the process to its exit, so imports, loading and
verification count. Both apps are timed by this same code in the same run, alternating, and
the median is kept.

The bare app has the same widgets: the peertui app's first screen is walked headless, every
widget with children becomes a container of the same layout (horizontal, vertical or
scrolling) and every other widget a plain `Static`, so the ratio is what peertui's imports,
loading, verification and widgets cost beyond Textual drawing that many widgets.

Typing is timed headless through Pilot in a fresh process: a title fragment of a generated
entry is pressed key by key into the search bar; the clock runs from the last key press to
that entry being among the shown results after a screen refresh. "Usable" is whole-process
time to the first idle of the app on that library, its list filled.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from textual.widget import Widget

from bench.data import bundle
from bench.report import Options, Row, median, percentile

SIZE = (120, 40)

BARE_APP = """
import json, sys
from textual.app import App
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Static

KINDS = {"horizontal": Horizontal, "vertical": Vertical, "scroll": VerticalScroll}

def build(node):
    kind, children = node
    if kind == "leaf":
        return Static("bare")
    return KINDS[kind](*(build(child) for child in children))

class Bare(App):
    def compose(self):
        for child in TREE:
            yield build(child)

TREE = json.loads(open(sys.argv[1]).read())
Bare().run()
"""


def _tree(widget: Widget) -> list:
    """The widget's children as ["leaf", []] or [layout, children] (nested lists)."""
    out = []
    for child in widget.children:
        if not child.children:
            out.append(["leaf", []])
            continue
        scrolls = child.styles.overflow_y in ("auto", "scroll")
        layout = "scroll" if scrolls else child.styles.layout.name
        kind = "horizontal" if layout == "horizontal" else "scroll" if scrolls else "vertical"
        out.append([kind, _tree(child)])
    return out


def _count(tree: list) -> int:
    return sum(1 + _count(children) for _, children in tree)


def first_screen_tree() -> tuple[list, int]:
    """The default bundle's first screen as a widget tree, headless; and its widget count."""
    import asyncio

    from peertui.core.bundle import load_bundle
    from peertui.core.verify import verify
    from peertui.tui.app import PeerApp

    corpus = load_bundle()
    app = PeerApp(corpus, problems=verify(corpus), cursor_blink=False)

    async def walk() -> list:
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            return _tree(app.screen)

    tree = asyncio.run(walk())
    return tree, _count(tree)


HEADLESS = """
import asyncio, json, sys
which = sys.argv[1]
if which == "bare":
    exec(open(sys.argv[2]).read().split("TREE = json")[0])
    TREE = json.loads(open(sys.argv[3]).read())
    app = Bare()
else:
    from peertui.core.bundle import load_bundle
    from peertui.core.verify import verify
    from peertui.tui.app import PeerApp
    from pathlib import Path
    corpus = load_bundle(Path(sys.argv[2])) if len(sys.argv) > 2 else load_bundle()
    app = PeerApp(corpus, problems=verify(corpus), cursor_blink=False)
async def main():
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
asyncio.run(main())
"""


def time_to_frame(argv: list[str], timeout: float = 600.0) -> float:
    """Seconds from spawning `argv` (the headless runner) to its exit after the first idle."""
    start = time.perf_counter()
    subprocess.run(argv, check=True, capture_output=True, timeout=timeout)
    return time.perf_counter() - start


def _first_frame(options: Options) -> list[Row]:
    tree, widgets = first_screen_tree()
    repeat = 3 if options.quick else 7
    with tempfile.TemporaryDirectory() as tmp:
        spec, script = Path(tmp) / "tree.json", Path(tmp) / "bare.py"
        spec.write_text(json.dumps(tree), encoding="utf-8")
        script.write_text(BARE_APP, encoding="utf-8")
        runner = Path(tmp) / "runner.py"
        runner.write_text(HEADLESS, encoding="utf-8")
        peer, bare = [], []
        for _ in range(repeat):  # alternate, so a busy moment hits both alike
            bare.append(
                time_to_frame([sys.executable, str(runner), "bare", str(script), str(spec)])
            )
            peer.append(time_to_frame([sys.executable, str(runner), "peertui"]))
    return [
        Row(f"bare Textual app, {widgets} widgets: first frame", median(bare)),
        Row(
            "peertui (default bundle): first frame, whole process",
            median(peer),
            baseline=median(bare),
            target=1.15,
            target_ratio=True,
            note=f"median of {repeat}",
        ),
    ]


def _usable(path: Path) -> float:
    """Whole-process time to the first idle of the app on `path` (its list filled)."""
    with tempfile.TemporaryDirectory() as tmp:
        runner = Path(tmp) / "runner.py"
        runner.write_text(HEADLESS, encoding="utf-8")
        return time_to_frame([sys.executable, str(runner), "peertui", str(path)])


def _typing(options: Options) -> list[Row]:
    path = bundle(options.refs, options.claims)
    size = f"{options.refs // 1000}k refs + {options.claims // 1000}k claims"
    queries = 10 if options.quick else 20
    out = subprocess.run(
        [sys.executable, "-m", "bench.bench_tui", "typing", str(path), str(queries)],
        capture_output=True,
        text=True,
        check=False,
    )
    if out.returncode != 0:
        raise RuntimeError(f"typing run failed: {out.stderr[-2000:]}")
    result = json.loads(out.stdout.strip().splitlines()[-1])
    seconds = result["seconds"]
    rows = [
        Row(
            f"app on {size}: start to usable, whole process",
            _usable(path),
            note="first frame with the list filled",
        ),
        Row(
            f"typing a title: last key to the entry shown, median of {len(seconds)}",
            median(seconds),
            target=0.25,
        ),
        Row("typing a title: last key to the entry shown, p95", percentile(seconds, 0.95)),
    ]
    if result["missed"]:
        rows.append(Row("  queries whose entry was not in the shown results", result["missed"], ""))
    return rows


def run(options: Options) -> list[Row]:
    return _first_frame(options) + _typing(options)


# --- the typing run, in its own process -------------------------------------------------


def _typing_run(path: Path, count: int) -> dict[str, object]:
    import asyncio
    import random

    from peertui.core.bundle import load_bundle
    from peertui.core.verify import verify
    from peertui.tui.app import PeerApp
    from peertui.tui.widgets.search_bar import SearchBar, SearchResults

    corpus = load_bundle(path)
    app = PeerApp(corpus, problems=verify(corpus), cursor_blink=False)
    rng = random.Random(11)
    refs = [r for r in corpus.references if len(r.title.split()) >= 6]
    picks = []
    for ref in rng.sample(refs, count):
        words = ref.title.split()
        start = rng.randrange(len(words) - 3)
        picks.append((ref.key, " ".join(w.strip(":,") for w in words[start : start + 3])))

    async def main() -> tuple[list[float], int]:
        seconds: list[float] = []
        missed = 0
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            await app.workers.wait_for_complete()  # the search index, built at start-up
            for key, text in picks:
                await pilot.press("slash")
                bar = app.screen.query_one(SearchBar)
                results = bar.query_one(SearchResults)
                app.screen.query_one("#search-input").value = ""  # type: ignore[attr-defined]
                await pilot.pause()
                await pilot.press(*text[:-1])
                start = time.perf_counter()
                await pilot.press(text[-1])
                deadline = start + 10
                while time.perf_counter() < deadline:
                    shown = bar.hits[: results.size.height] if results.display else []
                    if bar.query_text == text and any(h.id == key for h in shown):
                        break
                    if bar.query_text == text and bar.hits:
                        missed += 1
                        break
                    await asyncio.sleep(0.001)
                await pilot.pause()  # the frame that shows it
                seconds.append(time.perf_counter() - start)
                await pilot.press("escape")
        return seconds, missed

    seconds, missed = asyncio.run(main())
    return {"seconds": seconds, "missed": missed}


if __name__ == "__main__":
    if sys.argv[1:2] == ["typing"]:
        print(json.dumps(_typing_run(Path(sys.argv[2]), int(sys.argv[3]))))
