"""Print: card layouts as data, box templates in a sandbox, text fitting, laying cards out, imposition on
sheets, rendering to PDF (PDF/X for print shops), previews, the calibration page and `build --watch`.

May import cardengine.decks and the shared basics; never sessions, compare or the CLI.
"""
