"""BibTeX libraries: blocks split out of the file (blocks), parsed and decoded (read, latex,
names), kept in the cache when large (library), and written back (write)."""
