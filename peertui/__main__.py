"""`python -m peertui`."""

import os

try:
    from peertui.cli.main import run
except MemoryError:  # too little memory to import the command line itself: still one line
    os.write(2, b"peertui: out of memory\n")
    os._exit(70)

run()
