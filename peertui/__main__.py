"""`python -m peertui`."""

from peertui.cli import run

run()
