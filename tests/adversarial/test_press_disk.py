"""A PDF/X build on a disk that fills while the output intent is added: one clear line, nothing written."""

from __future__ import annotations

import pytest

from tests.conftest import DECKS, run_cli
from tests.icc_cmyk import cmyk_profile

from .conftest import assert_unchanged, tree
from .test_outputs import _disk_full, _fill


@pytest.mark.disk_free(1024 * 1024)
def test_pdfx_build_on_a_disk_that_fills_during_post_processing(small_disk, tmp_path) -> None:
    if not small_disk.tmpfs:
        pytest.skip("needs a real small file system (root and tmpfs)")
    deck = DECKS / "energy.yaml"
    icc = tmp_path / "press.icc"
    icc.write_bytes(cmyk_profile(grid=7))  # the PDF/X file is about 10 KB larger than the CMYK one
    measure = run_cli("build", deck, "--cmyk", "-o", tmp_path / "measure")
    assert measure.returncode == 0, measure.output
    cmyk_size = (tmp_path / "measure" / "energy-poker-it-a4-cmyk.pdf").stat().st_size
    # Room for reportlab's CMYK file, not for the PDF/X one written over it: pikepdf saving to a file aborted the
    # process here (a C++ terminate, exit 134) with a temporary file left behind.
    _fill(small_disk, leave=cmyk_size + 4 * 1024)
    before = tree(small_disk.path)
    run = small_disk.run("build", deck, "--cmyk", "--icc", icc, "-o", small_disk.path)
    _disk_full(run, small_disk)
    assert_unchanged(before, small_disk.path)
