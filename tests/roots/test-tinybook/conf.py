# A tiny book for testing the awsbook.book Sphinx extensions in seconds (tests/test_book_extensions.py).
extensions = ["myst_parser", "sphinx_exercise", "awsbook.book"]
language = "ko"
html_theme = "sphinx_book_theme"
myst_enable_extensions = ["colon_fence", "dollarmath"]
myst_heading_anchors = 2
