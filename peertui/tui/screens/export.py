"""The export dialog (format, file, which claims) and the confirm step before overwriting."""

from __future__ import annotations

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

from peertui.core.sanitize import clean, shorten

DEFAULT_STEM = "peertui-claims"


@dataclass(frozen=True, slots=True)
class ExportRequest:
    """What the user asked for: a format, a file and whether only the search's claims go out."""

    fmt: str
    path: Path
    search_only: bool


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


class ExportScreen(ModalScreen[ExportRequest | None]):
    """Choose a format, a file and a scope; returns an ExportRequest, or None when cancelled."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel export", id="export.cancel")
    ]

    def __init__(
        self,
        formats: dict[str, str],
        claim_count: int,
        search_claims: int | None,
        query: str = "",
    ) -> None:
        super().__init__()
        self.formats = formats
        self.claim_count = claim_count
        self.search_claims = search_claims
        self.search_query = query
        self.fmt = next(iter(formats))

    def compose(self) -> ComposeResult:
        with Vertical(id="export-dialog", classes="dialog"):
            yield Label("Format", classes="dialog-label")
            with RadioSet(id="export-format", compact=True):
                for index, name in enumerate(self.formats):
                    yield RadioButton(Content(name), value=index == 0, name=name, compact=True)
            yield Label("File (relative to the current directory)", classes="dialog-label")
            yield Input(DEFAULT_STEM + self.formats[self.fmt], id="export-path", compact=True)
            yield Label("Claims", classes="dialog-label")
            searched = (
                f"Claims of the search “{shorten(self.search_query, 30)}” ({self.search_claims})"
                if self.search_claims is not None
                else "Claims of the search (no search yet)"
            )
            with RadioSet(id="export-scope", compact=True):
                yield RadioButton(
                    Content(f"All claims ({self.claim_count})"), value=True, compact=True
                )
                yield RadioButton(
                    Content(searched),
                    name="search",
                    disabled=self.search_claims is None,
                    compact=True,
                )
            yield Static(id="export-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Export", variant="primary", id="export-ok")
                yield Button("Cancel", id="export-cancel")

    def on_mount(self) -> None:
        self.query_one("#export-dialog").border_title = "Export claims"
        self.query_one("#export-format", RadioSet).focus()

    @on(RadioSet.Changed, "#export-format")
    def _format_changed(self, event: RadioSet.Changed) -> None:
        event.stop()
        self.fmt = event.pressed.name or self.fmt
        path_input = self.query_one("#export-path", Input)
        path = Path(path_input.value.strip() or DEFAULT_STEM)
        known = set(self.formats.values())
        stem = path.with_suffix("") if path.suffix in known else path
        path_input.value = str(stem) + self.formats[self.fmt]

    @property
    def search_only(self) -> bool:
        """True when the search results' claims are chosen."""
        pressed = self.query_one("#export-scope", RadioSet).pressed_button
        return pressed is not None and pressed.name == "search"

    def _error(self, message: str) -> None:
        error = self.query_one("#export-error", Static)
        error.update(Content.styled(message, "bold $error"))

    @on(Button.Pressed, "#export-ok")
    @on(Input.Submitted, "#export-path")
    def _export(self, event: Button.Pressed | Input.Submitted) -> None:
        event.stop()
        text = self.query_one("#export-path", Input).value.strip()
        if not text:
            self._error("Name a file to write.")
            return
        path = Path(text).expanduser()
        if not path.is_absolute():
            path = Path.cwd() / path
        request = ExportRequest(self.fmt, path, self.search_only)
        if path.is_dir():
            self._error(f"{clean(str(path))} is a directory.")
        elif path.exists():

            def answered(overwrite: bool | None) -> None:
                if overwrite:
                    self.dismiss(request)

            self.app.push_screen(
                ConfirmScreen(f"{clean(str(path))} already exists. Overwrite it?"), answered
            )
        else:
            self.dismiss(request)

    @on(Button.Pressed, "#export-cancel")
    def _cancel_button(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(None)

    def action_cancel(self) -> None:
        """Close without exporting."""
        self.dismiss(None)
