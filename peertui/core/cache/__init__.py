"""The user's cache: the store (sealed entries, pruning), the column file every entry is, and
what is kept: parsed libraries and search indexes (refcolumns) and checked bundles (checked)."""
