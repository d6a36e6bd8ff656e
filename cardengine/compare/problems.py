"""The comparison's messages to the terminal that the report's own modules raise (the `cli` catalogue's words).

They live here, outside compare/report (whose words are the `report` catalogue's, in the report's language),
because they speak the command line's language: the report's modules translate them with `tr` when they raise.
"""

from __future__ import annotations

from cardengine.i18n import tr_later

EPOCH_NOT_SECONDS = tr_later("SOURCE_DATE_EPOCH={epoch!r} is not a whole number of seconds since 1970-01-01 UTC; "
                             "set it to one (e.g. `git log -1 --format=%ct`) or unset it")
EPOCH_TOO_LATE = tr_later("SOURCE_DATE_EPOCH={epoch!r} is past the year 9999; set it to a time in seconds since "
                          "1970-01-01 UTC (e.g. `git log -1 --format=%ct`) or unset it")
LICENCE_NOT_SPDX = tr_later("--licence {licence!r}: give the SPDX id of the licence the data's owner chose, e.g. "
                            "CC-BY-4.0, CC0-1.0 or ODbL-1.0")
