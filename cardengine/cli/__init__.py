"""The `cardengine` command line: one module per command group.

Owns argument parsing, exit codes and what the commands print, in the language CARDENGINE_LANG or the locale
names (its words are in the `cli` catalogue of cardengine.i18n). May import every other subpackage of
cardengine (it is the top layer), each command lazily when it runs; nothing in the engine imports it.

main.py wires the parser; common.py holds what every command shares; decks.py (validate, list, schema,
export-csv, import-csv), build.py (build, calibrate), preview.py, tui.py, session.py (the session actions'
parser) with session_files.py and session_record.py, workshops.py (merge, export, import, proposals) and
compare.py hold the commands.
"""

from cardengine.cli.main import main

__all__ = ["main"]
