"""The `cardengine` command line: one module per command group.

Owns argument parsing, exit codes and what the commands print. May import every other subpackage of
cardengine (it is the top layer); nothing in the engine imports it.
"""

from cardengine.cli.main import main

__all__ = ["main"]
