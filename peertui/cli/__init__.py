"""The headless front end: parsing and dispatch (main), loading with a progress bar (loading),
output helpers (output) and one module per group of sub-commands. Never imports Textual, except
to open the app."""
