"""What the core finds about a loaded corpus: verify (the files against each other), extract
(quantities in text), crosscheck and reflist (the article against its sources and the published
record), effects, matrix and figure data, findings (all of it as one list of problems), and
analytics (each computed once per corpus for the app)."""
