"""Rich renderables and short texts shared by the command line and the app: each look (a claim,
a reference, an effect, a matrix cell, a direction) is defined once here. Never imports Textual."""
