"""The files of a bundle → one Corpus: which files (load), the article, its claims and its
sources' facts, each read through the safe YAML reader (safeyaml), and the built-in outcome
vocabulary."""
