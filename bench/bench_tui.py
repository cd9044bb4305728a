"""The app at start-up and under typing: first frame against Textual apps alone, and search.

How a first frame is timed: each app runs in a fresh interpreter, headless through
`App.run_test` at 120×40. Its first frame is the moment the first screen update reaches
`App._display` (where a terminal driver would write it out; headless, only that last write is
skipped); the clock runs from spawning the process, so imports, loading and verification count.
The run then waits for the first idle (everything scheduled at start-up done, e.g. the side
panes' analytics) and reports that too. The peertui runner checks that its first frame already
holds the claim list and the selected claim's text, so a placeholder cannot pass for a frame.
All apps are timed by this same code in the same run, alternating, and the median is kept.

All run with bytecode cached (`bench.process.environment`), filled by one untimed run of each:
an installed app runs from compiled bytecode. The peertui runner starts as `peertui` does (see
`peertui.tui.launch`): the collector off, the bundle opened through `open_bundle`, whose cache
entry the untimed run made.

peertui is timed against two stand-ins built from a walk of its first frame (`bench.stand_ins`):
the issue's baseline, a bare app with the same widgets, empty and unstyled; and the same screen
drawn by Textual alone (same widgets, stylesheet, text and focus). The second runs twice: as
any app starts, and with the collector off until its first frame as peertui starts, which
leaves in the ratio only peertui's own work: its imports, loading the bundle (verified, from
the cache) and building the screen.

Typing is timed headless through Pilot in a fresh process: a title fragment of a generated
entry is pressed key by key into the search bar; the clock runs from the last key press to
that entry being among the shown results after a screen refresh. The app opened on that
library alone and on the whole bundle is timed the same way as the first frame, caches warm.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench import stand_ins
from bench.data import bundle
from bench.process import environment
from bench.report import Options, Row, median, percentile
from bench.stand_ins import SIZE, first_screen

HEADLESS = """
import asyncio, gc, json, os, sys, time
which = sys.argv[1]
# `peertui` opens the app with the collector off until the first frame (peertui.tui.launch); a
# stand-in does the same when asked, to tell what that saves from what peertui adds.
collector_off = which == "peertui" or os.environ.get("BENCH_COLLECTOR") == "off"
if collector_off:
    gc.disable()
from textual.app import App
if which == "stand-in":  # sys.argv[2]: the stand-in's script, sys.argv[3]: the screen's spec
    space = {"__name__": "stand_in"}
    exec(open(sys.argv[2]).read(), space)
    app = space["make"](json.loads(open(sys.argv[3]).read()))
else:
    from pathlib import Path
    from peertui.core.opening import open_bundle  # as `peertui` loads it
    from peertui.tui.app import PeerApp
    corpus, problems = open_bundle(Path(sys.argv[2]) if len(sys.argv) > 2 else None)
    app = PeerApp(corpus, problems=problems, cursor_blink=False)
times = {}
display = App._display

def shows_content(screen):
    if which == "stand-in":
        return True
    from peertui.tui.widgets.claim_list import ClaimList
    lists = screen.query(ClaimList)
    texts = screen.query("#claim-text")
    if not corpus.claims:
        return True
    return bool(lists and lists.first().option_count and texts and str(texts.first().render()))

def first_frame(self, screen, renderable):
    if renderable is not None and "frame" not in times:
        times["frame"] = time.monotonic()
        times["content"] = shows_content(screen)
        if collector_off and which == "stand-in":
            gc.enable()  # peertui's app does so once this frame is drawn
    display(self, screen, renderable)

App._display = first_frame
async def main():
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        times["idle"] = time.monotonic()
asyncio.run(main())
print(json.dumps(times))
"""


def time_to_frame(
    argv: list[str], env: dict[str, str] | None = None, timeout: float = 600.0
) -> dict[str, float]:
    """Seconds from spawning `argv` (the headless runner) to its first frame, its first idle
    and its exit; `content` is 1.0 when the first frame showed the claims (0.0 if not)."""
    start = time.monotonic()
    done = subprocess.run(
        argv, check=True, capture_output=True, text=True, timeout=timeout, env=env
    )
    end = time.monotonic()
    times = json.loads(done.stdout.strip().splitlines()[-1])
    return {
        "frame": times["frame"] - start,
        "idle": times["idle"] - start,
        "exit": end - start,
        "content": 1.0 if times["content"] else 0.0,
    }


def _first_frame(options: Options) -> list[Row]:
    spec = first_screen()
    widgets = stand_ins.count(spec["children"])
    repeat = 5 if options.quick else 15  # a start varies by a tenth from run to run
    with tempfile.TemporaryDirectory() as tmp:
        runner, spec_file = Path(tmp) / "runner.py", Path(tmp) / "screen.json"
        runner.write_text(HEADLESS, encoding="utf-8")
        spec_file.write_text(json.dumps(spec), encoding="utf-8")
        env = environment()
        starts = {"peertui": ([sys.executable, str(runner), "peertui"], env)}
        for name, script in (("bare", stand_ins.BARE), ("drawn", stand_ins.DRAWN)):
            path = Path(tmp) / f"{name}.py"
            path.write_text(script, encoding="utf-8")
            starts[name] = (
                [sys.executable, str(runner), "stand-in", str(path), str(spec_file)],
                env,
            )
        starts["drawn, collector off"] = (starts["drawn"][0], {**env, "BENCH_COLLECTOR": "off"})
        runs: dict[str, list[dict[str, float]]] = {name: [] for name in starts}
        for argv, start_env in starts.values():
            time_to_frame(argv, start_env)  # untimed: fills the bytecode cache
        for _ in range(repeat):  # alternate, so a busy moment hits all alike
            for name, (argv, start_env) in starts.items():
                runs[name].append(time_to_frame(argv, start_env))
    if not all(run["content"] for run in runs["peertui"]):
        raise RuntimeError("peertui's first frame did not show the claim list and claim text")
    note = f"median of {repeat}"
    frame = {name: median([run["frame"] for run in done]) for name, done in runs.items()}
    idle = {name: median([run["idle"] for run in done]) for name, done in runs.items()}
    peertui = "peertui (default bundle): first frame, whole process"
    return [
        Row(
            f"bare Textual app, same {widgets} widgets empty: first frame", frame["bare"], note=note
        ),
        Row(
            "Textual alone drawing peertui's first screen (widgets, stylesheet, text)",
            frame["drawn"],
            baseline=frame["bare"],
            note=note,
        ),
        Row(
            "  … with the collector off until its first frame, as peertui starts",
            frame["drawn, collector off"],
            baseline=frame["bare"],
            note=note,
        ),
        *(
            Row(
                peertui,
                frame["peertui"],
                baseline=frame[baseline],
                target=1.15,
                target_ratio=True,
                note=f"{note}; against {against}",
            )
            for baseline, against in (
                ("bare", "the bare app"),
                ("drawn, collector off", "Textual drawing the same screen, collector off"),
            )
        ),
        Row(f"bare Textual app, same {widgets} widgets empty: first idle", idle["bare"], note=note),
        Row(
            "peertui (default bundle): first idle, side panes' analytics drawn",
            idle["peertui"],
            baseline=idle["bare"],
            note=note,
        ),
    ]


def _opened(path: Path, repeat: int) -> dict[str, float]:
    """The app on `path` with warm caches: the medians of `repeat` runs' first frame and
    first idle, whole process."""
    with tempfile.TemporaryDirectory() as tmp:
        runner = Path(tmp) / "runner.py"
        runner.write_text(HEADLESS, encoding="utf-8")
        argv = [sys.executable, str(runner), "peertui", str(path)]
        env = environment()
        time_to_frame(argv, env)  # untimed: fills the bytecode cache (and any cold cache)
        runs = [time_to_frame(argv, env) for _ in range(repeat)]
    return {key: median([run[key] for run in runs]) for key in ("frame", "idle")}


def _usable(options: Options) -> list[Row]:
    """The app opened on the generated library alone, and on the whole bundle."""
    path = bundle(options.refs, options.claims)
    library = f"{options.refs // 1000}k .bib"
    size = f"{options.refs // 1000}k refs + {options.claims // 1000}k claims"
    repeat = 1 if options.quick else 3
    alone, whole = _opened(path / "references.bib", repeat), _opened(path, repeat)
    return [
        Row(
            f"app on a warm {library}: first frame, whole process",
            alone["frame"],
            target=1.0,
            note=f"median of {repeat}; the table's first rows shown",
        ),
        Row(f"app on a warm {library}: first idle (every row added)", alone["idle"]),
        Row(f"app on {size}: first frame, whole process", whole["frame"]),
        Row(f"app on {size}: first idle", whole["idle"]),
    ]


def _typing(options: Options) -> list[Row]:
    path = bundle(options.refs, options.claims)
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
    return _first_frame(options) + _usable(options) + _typing(options)


# --- the typing run, in its own process -------------------------------------------------


def _typing_run(path: Path, count: int) -> dict[str, object]:
    import asyncio
    import random

    from peertui.core.bundle.load import load_bundle
    from peertui.tui.app import PeerApp
    from peertui.tui.widgets.search_bar import SearchBar, SearchResults

    corpus = load_bundle(path)
    app = PeerApp(corpus, cursor_blink=False)
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
