"""Keep the gettext catalogues in step with the code (Babel): extract, update, compile, or check.

    python tools/catalogues.py            # rewrite every <domain>.pot, update each language's .po, compile the .mo
    python tools/catalogues.py --check    # change nothing; exit 1 if a file is stale or a required language misses
                                          # a translation (CI and tests/test_catalogues.py run this)
    python tools/catalogues.py --fill it app words.json   # set translations: {"English": "...", "key|English": "...",
                                          # "singular English": ["form 1", "form 2"]} (a plural's forms as a list)
                                          # ("key|" is the msgctxt of keyed words), then update and compile

A domain's messages come from two places: calls of `tr`/`tr_later` (and `ntr` for plurals) in its source folders,
found by Babel's Python extractor, and, for words kept under a key (the app's and the report's word tables), the
mapping `CATALOGUE_ENTRIES` {key: English} of a module, written as msgctxt=key, msgid=English. Translators edit
only the .po files (cardengine/i18n/locale/<lang>/LC_MESSAGES/<domain>.po); this tool keeps their work.
"""

from __future__ import annotations

import argparse
import importlib
import io
import json
import sys
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
LOCALE = ROOT / "cardengine" / "i18n" / "locale"
# Languages that must be complete in every domain (English is the messages themselves).
REQUIRED = ("it", "fr")
# Fixed header dates: a catalogue changes only when its messages or translations do.
STAMP = datetime(2026, 1, 1, tzinfo=UTC)
KEYWORDS = {"tr": None, "tr_later": None, "ntr": (1, 2)}


@dataclass(frozen=True)
class Domain:
    name: str
    sources: tuple[str, ...]  # folders scanned for tr()/tr_later()/ntr() calls
    excluded: tuple[str, ...] = ()  # folders under those that belong to another domain
    keyed: tuple[str, ...] = ()  # "module:NAME" of each {key: English} mapping


DOMAINS = (
    Domain("cli", ("cardengine",), excluded=("cardengine/compare/report",),
           keyed=("cardengine.decks.vocabulary:CATALOGUE_ENTRIES", "cardengine.decks.schema_hints:CATALOGUE_ENTRIES")),
    Domain("app", ("tui",), keyed=("cardengine_tui.i18n:CATALOGUE_ENTRIES",)),
    Domain("report", ("cardengine/compare/report",), keyed=("cardengine.compare.report.words:CATALOGUE_ENTRIES",)),
    Domain("serve", (), keyed=("cardengine.serve.words:CATALOGUE_ENTRIES",)),  # the server's pages (keyed words only)
)


def template(domain: Domain) -> Catalog:
    """Every message of `domain` as a Babel catalogue without translations, sorted for stable diffs."""
    catalog = _new(domain.name, None)
    for folder in domain.sources:
        base = ROOT / folder
        if not base.is_dir():
            continue
        for filename, lineno, message, comments, context in extract_from_dir(
                base, method_map=[("**.py", "python")], keywords=KEYWORDS, comment_tags=("TRANSLATORS:",),
                strip_comment_tags=True):
            where = (base / filename).relative_to(ROOT).as_posix()
            if any(where.startswith(skip + "/") for skip in domain.excluded):
                continue
            if not (message if isinstance(message, str) else message[0]):
                continue
            catalog.add(message, locations=[(where, lineno)], auto_comments=comments, context=context)
    for source in domain.keyed:
        module, name = source.split(":")
        entries: dict[str, str | tuple[str, str]] = getattr(importlib.import_module(module), name, {})
        for key, english in entries.items():  # a (singular, plural) pair is a plural message
            catalog.add(english, context=key)
    return catalog


def _translated(string: str | tuple[str, ...] | list[str] | None) -> bool:
    """A message's translation is there: a non-empty string, or every plural form non-empty."""
    return bool(string) and (isinstance(string, str) or all(string or ()))


def _new(domain: str, lang: str | None) -> Catalog:
    return Catalog(locale=lang, domain=domain, project="cardengine", version="0.1", charset="utf-8", fuzzy=False,
                   copyright_holder="cardengine contributors", creation_date=STAMP, revision_date=STAMP,
                   language_team=f"{lang or 'LANGUAGE'} <cardengine contributors>",
                   last_translator="cardengine contributors", msgid_bugs_address="cardengine contributors")


def _po_text(catalog: Catalog, **options: bool) -> bytes:
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=116, sort_output=True, omit_header=False, **options)
    return buffer.getvalue()


def _mo_bytes(catalog: Catalog) -> bytes:
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    return buffer.getvalue()


def languages() -> list[str]:
    found = {p.name for p in LOCALE.iterdir() if (p / "LC_MESSAGES").is_dir()} if LOCALE.is_dir() else set()
    return sorted(found | set(REQUIRED))


def planned() -> tuple[dict[Path, bytes], list[str]]:
    """Every catalogue file as it should be on disk, and the translations missing in a required language."""
    files: dict[Path, bytes] = {}
    gaps: list[str] = []
    for domain in DOMAINS:
        pot = template(domain)
        files[LOCALE / f"{domain.name}.pot"] = _po_text(pot, ignore_obsolete=True, include_lineno=False)
        for lang in languages():
            path = LOCALE / lang / "LC_MESSAGES" / f"{domain.name}.po"
            if path.is_file():
                with path.open("rb") as handle:
                    po = read_po(handle, locale=lang, domain=domain.name)
            else:
                po = _new(domain.name, lang)
            po.update(pot, no_fuzzy_matching=True, update_header_comment=False)
            po.obsolete.clear()  # a message no longer in the code is gone; git keeps its history
            po.creation_date = po.revision_date = STAMP
            files[path] = _po_text(po, ignore_obsolete=True, include_lineno=False)
            files[path.with_suffix(".mo")] = _mo_bytes(po)
            if lang in REQUIRED:
                gaps += [f"{lang}/{domain.name}: {m.context + ': ' if m.context else ''}{m.id}"
                         for m in po if m.id and (not _translated(m.string) or m.fuzzy)]  # .mo leaves fuzzy out
    return files, gaps


def fill(lang: str, domain: str, source: str) -> None:
    """Write translations into `lang`'s catalogue of `domain` (the update that follows drops unknown messages)."""
    path = LOCALE / lang / "LC_MESSAGES" / f"{domain}.po"
    if path.is_file():
        with path.open("rb") as handle:
            po = read_po(handle, locale=lang, domain=domain)
    else:
        po = _new(domain, lang)
    for key, text in json.loads(Path(source).read_text(encoding="utf-8")).items():
        context, _, message = key.partition("|") if "|" in key else ("", "", key)  # a key has no |, English may
        entry = po.get(message, context=context or None)  # a plural is found by its singular
        value = tuple(text) if isinstance(text, list) else text  # a plural's forms are given as a list
        if entry is None:
            po.add(message, value, context=context or None)
        else:
            entry.string = value
            entry.flags.discard("fuzzy")  # a message that changed shape (now a plural) is translated anew here
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(_po_text(po, ignore_obsolete=True, include_lineno=False))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="change nothing; exit 1 on a stale file or a gap")
    parser.add_argument("--fill", nargs=3, metavar=("LANG", "DOMAIN", "JSON"),
                        help="set translations from a JSON object {msgid or 'context|msgid': translation}")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    if args.fill:
        fill(*args.fill)
    files, gaps = planned()
    stale = [path for path, data in files.items() if not path.is_file() or path.read_bytes() != data]
    if args.check:
        for path in stale:
            print(f"stale: {path.relative_to(ROOT)} (run python tools/catalogues.py)")
        for gap in gaps:
            print(f"untranslated: {gap}")
        return 1 if stale or gaps else 0
    for path in stale:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(files[path])
        print(f"wrote {path.relative_to(ROOT)}")
    print(f"{len(gaps)} translations missing in {', '.join(REQUIRED)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
