"""Command-line entry point (filled in by the core issue)."""


def main(argv: list[str] | None = None) -> int:
    """Run peertui."""
    return 0
