"""A built PDF turned into PDF/X-4 in place, or refused as an output when it cannot be one."""

from __future__ import annotations

from pathlib import Path

from cardengine.console import EXIT_PROBLEMS
from cardengine.i18n import tr
from cardengine.outputs import OutputError
from cardengine.printing.pdfx import OutputProfile, PdfxProblem, make_pdfx


def make_pdfx_output(tmp: Path, profile: OutputProfile) -> None:
    """PDF/X-4 with `profile` as output intent; OutputError (nothing is written) if the file cannot be one."""
    try:
        make_pdfx(tmp, profile)
    except PdfxProblem as exc:
        raise OutputError(tr("{problem}; nothing was written").format(problem=exc), EXIT_PROBLEMS) from None
