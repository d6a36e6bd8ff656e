"""Every word a user sees goes through a gettext catalogue, and the catalogues are complete in it and fr."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from cardengine.i18n import DOMAINS, catalogue, languages, missing, untranslated
from tests.user_words import offenders, offenders_in

ROOT = Path(__file__).resolve().parent.parent
# Folders whose every shown literal must pass through the catalogue.
CHECKED = ("cardengine", "tui")


def test_the_catalogues_are_in_step_with_the_code_and_complete_in_italian_and_french() -> None:
    run = subprocess.run([sys.executable, str(ROOT / "tools" / "catalogues.py"), "--check"], capture_output=True,
                         text=True, cwd=ROOT)
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-2000:]


def test_no_word_shown_to_a_user_bypasses_the_catalogue() -> None:
    hits = [hit for folder in CHECKED for hit in offenders_in(ROOT / folder, ROOT)]
    assert hits == [], "mark these with tr() (or the app's/report's words) and translate them:\n" + "\n".join(hits)


@pytest.mark.parametrize(("source", "found"), [
    ('print("Saved the workshop")', 1),
    ('print(tr("Saved the workshop"))', 0),
    ('self.notify(f"{card} picked")', 1),
    ('self.notify(words("picked").format(card=card))', 0),
    ('parser.add_argument("--lang", help="language of the cards")', 1),
    ('parser.add_argument("--lang", help=tr("language of the cards"))', 0),
    ('print(f"{path}: {count}")', 0),
])
def test_the_word_finder_tells_a_marked_word_from_a_bare_one(source: str, found: int) -> None:
    assert len(list(offenders(source))) == found


def test_a_language_without_a_catalogue_speaks_english_and_is_listed_as_untranslated() -> None:
    assert "xx" not in languages("app")
    assert catalogue("xx", "cli").gettext("no such file") == "no such file"
    lines = untranslated(["en", "xx"])
    assert lines and all(line.startswith("xx:") for line in lines)
    assert {domain for domain in DOMAINS if missing("xx", domain)} == {line.split()[4] for line in lines}


def test_italian_and_french_are_compiled_for_every_domain() -> None:
    for domain in DOMAINS:
        assert {"en", "it", "fr"} <= set(languages(domain))
        assert missing("it", domain) == [] and missing("fr", domain) == []
