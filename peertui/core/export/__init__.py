"""The claim-evidence table in every format (tables), and writing a file so that a failure
never leaves half of one (atomic)."""
