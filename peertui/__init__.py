"""peertui: a terminal literature explorer for claims, citations, numbers and outcomes."""

__version__ = "0.1.0"
