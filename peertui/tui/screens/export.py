"""The export dialog (format, file, what goes out) and the confirm step before overwriting.

The dialog only collects a request; the app writes it (`peertui.tui.exporting`) and hands back
an error, which the dialog shows while it stays open, so a mistyped folder is fixed in place.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, RadioButton, RadioSet, Static

from peertui.core.sanitize import clean


@dataclass(frozen=True, slots=True)
class ExportRequest:
    """What the user asked for: a format, a file and whether only the search's part goes out."""

    fmt: str
    path: Path
    search_only: bool


@dataclass(frozen=True, slots=True)
class ExportOffer:
    """What the dialog offers: formats (name -> extension), what "all" and "the search" are,
    and the format, folder and file name it starts from (the last export's)."""

    formats: dict[str, str]
    what: str  # "Claims" or "References": the dialog's title and scope heading
    all_label: str  # "All claims (22)"
    search_label: str | None  # "Claims of the search “peer” (5)"; None before any search
    fmt: str
    folder: Path
    stem: str


class ConfirmScreen(ModalScreen[bool]):
    """A yes/no question; dismisses with True only for an explicit yes."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer(True)", "Yes", id="confirm.yes"),
        Binding("n,escape", "answer(False)", "No", id="confirm.no"),
    ]

    def __init__(self, question: str) -> None:
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-dialog", classes="dialog"):
            yield Static(Content(self.question), id="confirm-question")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Overwrite (y)", variant="warning", id="confirm-yes")
                yield Button("Cancel (n)", id="confirm-no")

    def on_mount(self) -> None:
        self.query_one("#confirm-no", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id == "confirm-yes")

    def action_answer(self, answer: bool) -> None:
        """Answer the question."""
        self.dismiss(answer)


def display_path(folder: Path, name: str) -> str:
    """The file as the dialog shows it: relative to the current directory when inside it."""
    path = folder / name
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


class ExportScreen(ModalScreen[ExportRequest | None]):
    """Choose a format, a file and a scope; `write` does the export and returns an error (the
    dialog then stays open and shows it) or None (it closes, returning the request)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel export", id="export.cancel")
    ]

    def __init__(self, offer: ExportOffer, write: Callable[[ExportRequest], str | None]) -> None:
        super().__init__()
        self.offer = offer
        self.write = write
        self.fmt = offer.fmt if offer.fmt in offer.formats else next(iter(offer.formats))

    def compose(self) -> ComposeResult:
        offer = self.offer
        with Vertical(id="export-dialog", classes="dialog"):
            yield Label("Format", classes="dialog-label")
            with RadioSet(id="export-format", compact=True):
                for name in offer.formats:
                    yield RadioButton(
                        Content(name), value=name == self.fmt, name=name, compact=True
                    )
            yield Label(
                "File (the extension picks the format; relative to the current directory)",
                classes="dialog-label",
            )
            name = offer.stem + offer.formats[self.fmt]
            yield Input(display_path(offer.folder, name), id="export-path", compact=True)
            yield Label(offer.what, classes="dialog-label")
            with RadioSet(id="export-scope", compact=True):
                yield RadioButton(Content(offer.all_label), value=True, compact=True)
                yield RadioButton(
                    Content(offer.search_label or f"{offer.what} of the search (no search yet)"),
                    name="search",
                    disabled=offer.search_label is None,
                    compact=True,
                )
            yield Static(id="export-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Export", variant="primary", id="export-ok")
                yield Button("Cancel", id="export-cancel")

    def on_mount(self) -> None:
        self.query_one("#export-dialog").border_title = f"Export {self.offer.what.lower()}"
        self.query_one("#export-format", RadioSet).focus()

    def _press(self, fmt: str) -> None:
        for button in self.query("#export-format RadioButton").results(RadioButton):
            if button.name == fmt and not button.value:
                button.value = True

    @on(RadioSet.Changed, "#export-format")
    def _format_changed(self, event: RadioSet.Changed) -> None:
        event.stop()
        self.fmt = event.pressed.name or self.fmt
        path_input = self.query_one("#export-path", Input)
        text = path_input.value.strip() or self.offer.stem
        path = Path(text)
        known = set(self.offer.formats.values())
        if path.suffix.lower() == self.offer.formats[self.fmt]:
            return  # typed with this format's extension: leave the name alone
        stem = text[: -len(path.suffix)] if path.suffix in known else text
        path_input.value = stem + self.offer.formats[self.fmt]

    @on(Input.Changed, "#export-path")
    def _path_changed(self, event: Input.Changed) -> None:
        """A typed extension of an offered format chooses that format."""
        event.stop()
        fmt = _format_for(event.value.strip())
        if fmt is not None and fmt in self.offer.formats and fmt != self.fmt:
            self._press(fmt)

    @property
    def search_only(self) -> bool:
        """True when the search results' claims are chosen."""
        pressed = self.query_one("#export-scope", RadioSet).pressed_button
        return pressed is not None and pressed.name == "search"

    def show_error(self, message: str) -> None:
        """Say what went wrong; the dialog stays open."""
        error = self.query_one("#export-error", Static)
        error.update(Content.styled(message, "bold $error"))

    @on(Button.Pressed, "#export-ok")
    @on(Input.Submitted, "#export-path")
    def _export(self, event: Button.Pressed | Input.Submitted) -> None:
        event.stop()
        text = self.query_one("#export-path", Input).value.strip()
        if not text:
            self.show_error("Name a file to write.")
            return
        path = Path(text).expanduser()
        if not path.is_absolute():
            path = Path.cwd() / path
        from peertui.core.errors import ExportError
        from peertui.core.export.choice import choose_format

        try:
            choose_format(path, self.fmt)  # the core refuses CSV written into lib.bib
        except ExportError as error:
            self.show_error(clean(str(error)))
            return
        request = ExportRequest(self.fmt, path, self.search_only)
        if path.is_dir():
            self.show_error(f"{clean(str(path))} is a directory.")
        elif path.exists():

            def answered(overwrite: bool | None) -> None:
                if overwrite:
                    self._write(request)

            self.app.push_screen(
                ConfirmScreen(f"{clean(str(path))} already exists. Overwrite it?"), answered
            )
        else:
            self._write(request)

    def _write(self, request: ExportRequest) -> None:
        error = self.write(request)
        if error is None:
            self.dismiss(request)
        else:
            self.show_error(error)

    @on(Button.Pressed, "#export-cancel")
    def _cancel_button(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(None)

    def action_cancel(self) -> None:
        """Close without exporting."""
        self.dismiss(None)


def _format_for(text: str) -> str | None:
    """The format a typed file name's extension names, if any (the core's table)."""
    from peertui.core.export.formats import format_for_path

    return format_for_path(Path(text)) if text else None
