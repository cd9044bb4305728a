"""`python -m peertui`."""

from peertui.cli.main import run

run()
