"""Comparing workshops for researchers: measures over many workshop files (measures/), what the report says
as plain data (report/), its charts (charts/) and its renderers: HTML, PDF, CSV, data package, REFI-QDA
(render/). `run` ties them together for `cardengine compare`.

May import sessions, printing (fonts, text measurement), decks and the shared basics; never the CLI.
"""
