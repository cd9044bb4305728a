"""The benchmark's stand-in for the first screen draws what peertui's first frame drew."""

from __future__ import annotations

import asyncio
import json
from typing import Any

from textual.app import App

from bench.stand_ins import BARE, DRAWN, SIZE, count, first_screen


def _walk(nodes: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [n for node in nodes for n in (node, *_walk(node["children"]))]


def _regions(app: App) -> dict[str, list[int]]:
    async def run() -> dict[str, list[int]]:
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            return {w.id: list(w.region) for w in app.screen.walk_children() if w.id}

    return asyncio.run(run())


def _made(script: str, spec: dict[str, Any]) -> App:
    space: dict[str, Any] = {"__name__": "stand_in"}
    exec(script, space)
    return space["make"](json.loads(json.dumps(spec)))  # as the benchmark hands it over


def test_the_drawn_stand_in_lays_out_every_widget_where_peertui_drew_it() -> None:
    spec = first_screen()
    nodes = _walk(spec["children"])
    assert count(spec["children"]) == len(nodes) > 15
    drawn = _regions(_made(DRAWN, spec))
    expected = {node["id"]: node["region"] for node in nodes if node["id"]}
    assert "claim-list" in expected and "claim-text" in expected
    assert {key: drawn.get(key) for key in expected} == expected


def test_the_bare_stand_in_draws_the_same_widget_classes_empty() -> None:
    spec = first_screen()
    app = _made(BARE, spec)

    async def run() -> list[str]:
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            return [type(widget).__name__ for widget in app.screen.children]

    layouts = {"horizontal": "Horizontal", "vertical": "Vertical", "scroll": "VerticalScroll"}
    assert asyncio.run(run()) == [layouts.get(n["kind"], n["kind"]) for n in spec["children"]]
