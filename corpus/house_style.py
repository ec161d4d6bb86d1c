"""The choices of a corpus's house style: conventions its checks follow instead of reporting
them as damage (annotate.qa.Style.named reads these names). The defaults (any, em, comma) are
the checks' behaviour before corpora had a style."""

QUOTES = [
    ("any", "Either kind, as long as a paragraph does not mix them"),
    ("straight", 'Straight quotes: "like this"'),
    ("curly", "Curly quotes: \u201clike this\u201d"),
]
DASHES = [
    ("em", "Em dash, closed up: word\u2014word"),
    ("em-spaced", "Em dash with spaces: word \u2014 word"),
    ("en", "En dash with spaces: word \u2013 word"),
]
THOUSANDS = [
    ("comma", "Comma: 250,000"),
    ("thin", "Thin space (no break): 250\u202f000"),
    ("space", "Space: 250 000"),
    ("none", "None: 250000 (bare large numbers are not flagged)"),
]
