"""How a drafted claim records what needs a human look: written by `peertui init`, read by the
app (which imports only this, not the drafter)."""

from __future__ import annotations

#: The start of a drafted claim's `notes` that lists the markers no reference matched.
UNRESOLVED_NOTE = "unresolved citation markers: "


def unresolved_markers(notes: str) -> list[str]:
    """The unresolved markers a drafted claim's `notes` record, as printed."""
    if not notes.startswith(UNRESOLVED_NOTE):
        return []
    first_line = notes[len(UNRESOLVED_NOTE) :].split("\n", 1)[0]
    return [m for m in first_line.split("; ") if m]
