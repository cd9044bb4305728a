"""`python -m peertui`."""

from peertui.cli import main

raise SystemExit(main())
