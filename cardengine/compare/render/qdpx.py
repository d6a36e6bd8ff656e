"""Comments -> a REFI-QDA project (`.qdpx`) that QualCoder, ATLAS.ti, MAXQDA and NVivo open.

Pure: workshop facts -> bytes. A .qdpx is a zip holding `project.qde` (XML in the namespace
`urn:QDA-XML:project:1.0`, REFI-QDA Project.xsd 1.0) and the plain-text sources under `Sources/`.

What a researcher finds in it:
- one text source per table (that made comments): each comment under a short header line
  `[kind] card or proposal · stakeholder type · time`, one blank line between comments;
- each comment's text is a `PlainTextSelection` (positions count characters, as REFI says: code points)
  coded with its kind, the card it is about and the stakeholder type of its author; its description says
  everything else (workshop, table, proposal, time, the comment's event id);
- codes grouped under three categories (kind, card, stakeholder type); cases for every workshop and
  table, with the territory, date and workshop id as variables and references to their sources.

The same facts always give the same bytes: GUIDs are UUID5s of the comment's event id, the table and the
workshop, and the zip entries carry a fixed time. Text is made safe for XML 1.0 (characters it cannot hold
become U+FFFD, one for one, so positions do not move) and line ends become LF (QualCoder reads sources with
universal newlines; a CR would shift every position after it).
"""

from __future__ import annotations

import hashlib
import io
import re
import uuid
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from cardengine.compare.measures.facts import CommentFacts, TableFacts, WorkshopFacts
from cardengine.compare.measures.model import in_report_order
from cardengine.compare.report.words import STAKEHOLDERS
from cardengine.escaping import NOT_IN_XML

NS = "urn:QDA-XML:project:1.0"
GUID_SPACE = uuid.UUID("6f1d3c52-8a0e-5b7e-9c1a-2b4e6d8f0a13")  # cardengine's namespace for the project's GUIDs
_SPACE = GUID_SPACE.bytes
ZIP_TIME = (2020, 1, 1, 0, 0, 0)  # fixed, so the same comments make the same file
KIND_COLOURS = {"barrier": "#D55E00", "enabler": "#009E73", "question": "#0072B2", "quote": "#CC79A7"}
NAMES = {
    "it": {"kinds": "Tipo di commento", "cards": "Carte", "types": "Tipo di portatore di interesse",
           "barrier": "ostacolo", "enabler": "fattore abilitante", "question": "domanda", "quote": "citazione",
           "territory": "Territorio", "date": "Data", "workshop_id": "Id workshop", "proposal": "proposta",
           "general": "discussione del tavolo", "empty": "(senza testo)", "project": "Commenti dei workshop"},
    "en": {"kinds": "Comment kind", "cards": "Cards", "types": "Stakeholder type",
           "barrier": "barrier", "enabler": "enabler", "question": "question", "quote": "quote",
           "territory": "Territory", "date": "Date", "workshop_id": "Workshop id", "proposal": "proposal",
           "general": "the table's discussion", "empty": "(no text)", "project": "Workshop comments"},
}
# Characters XML 1.0 cannot hold (C0 controls but tab and LF, surrogates, U+FFFE/U+FFFF); CR is handled apart.
_NOT_XML = re.compile(f"[{NOT_IN_XML}]")
_NOT_IN_FILE_NAME = re.compile(r'[\x00-\x1f\x7f/\\:*?"<>|]')  # QualCoder copies a source to documents/NAME.txt
_DATE_TIME = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)?")
_RGB = re.compile(r"#([0-9A-Fa-f]{6}|[0-9A-Fa-f]{3})")


def qda_text(text: str) -> str:
    """A comment's text as the project holds it: LF line ends, XML-invalid characters as U+FFFD."""
    return _NOT_XML.sub("\ufffd", text.replace("\r\n", "\n").replace("\r", "\n"))


def _line(text: str, limit: int = 200) -> str:
    """One line of a header, name or description: no line breaks, XML-safe, not endless."""
    one = " ".join(qda_text(text).split())
    return one if len(one) <= limit else one[:limit - 1] + "…"


def _guid(*parts: str) -> str:
    """uuid.uuid5(GUID_SPACE, the parts joined), written out directly: twice as fast, 50,000 of them."""
    h = hashlib.sha1(_SPACE + "\x1f".join(parts).encode("utf-8", "surrogatepass")).hexdigest()
    return f"{h[:8]}-{h[8:12]}-5{h[13:16]}-{'89ab'[int(h[16], 16) & 3]}{h[17:20]}-{h[20:32]}"


@dataclass(frozen=True)
class Selection:
    """Where one comment sits in its table's source (character positions, end exclusive)."""

    comment: CommentFacts
    start: int
    end: int
    header: str


def source_text(words: dict[str, str], w: WorkshopFacts, t: TableFacts) -> tuple[str, list[Selection]]:
    """A table's source text and where each comment's text is in it; headers in the workshop's language."""
    words = NAMES.get(w.language, words)
    parts: list[str] = []
    at = 0
    selections = []
    for c in t.comments:
        who = f" · {_type_name(c.stakeholder_type, w.language)}" if c.stakeholder_type else ""
        header = _line(f"[{words.get(c.kind, c.kind)}] {_about(words, w, t, c)}{who}"
                       + (f" · {c.at[:16]}" if c.at else ""), 400)
        body = qda_text(c.text)
        start = at + len(header) + 1
        if body.strip():
            selections.append(Selection(c, start, start + len(body), header))
        else:  # nothing to select: the header line stands for the comment, so it is still coded
            selections.append(Selection(c, at, at + len(header), header))
        block = f"{header}\n{body}\n\n"
        parts.append(block)
        at += len(block)
    return "".join(parts), selections


def _about(words: dict[str, str], w: WorkshopFacts, t: TableFacts, c: CommentFacts) -> str:
    if c.card:
        info = w.cards.get(c.card)
        title = (info.title.get(w.language) or next(iter(info.title.values()), "")) if info else ""
        return f"{c.card} {title}".strip()
    if c.proposal:
        title = next((p.title for p in t.proposals if p.ref == c.proposal), "")
        return f"{words['proposal']} {c.proposal} {title}".strip()
    return words["general"]


def _type_name(kind: str, lang: str) -> str:
    names = STAKEHOLDERS.get(kind)
    return names.get(lang, names["en"]) if names else kind


def _unique(names: list[str]) -> list[str]:
    """QualCoder refuses a second code (or case, source) of a name: later ones get (2), (3)..."""
    seen: set[str] = set()
    out = []
    for name in names:
        base, n, candidate = name or "?", 1, name or "?"
        while candidate.casefold() in seen:
            n += 1
            candidate = f"{base} ({n})"
        seen.add(candidate.casefold())
        out.append(candidate)
    return out


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")


def _attr(value: str) -> str:
    """An attribute value: also quotes, and line breaks and tabs as references (a parser would turn them into
    spaces)."""
    if not _ATTR_SPECIAL.search(value):
        return value
    return _escape(value).replace('"', "&quot;").replace("\n", "&#10;").replace("\t", "&#9;")


_ATTR_SPECIAL = re.compile('[&<>"\n\r\t]')


class _Xml:
    """XML written as text: three times faster than ElementTree for a thousand workshops' comments. Values
    are made XML-safe before they get here (`qda_text`); this only escapes markup."""

    def __init__(self) -> None:
        self.parts: list[str] = []

    def open(self, tag: str, close: bool = False, **attrs: str | None) -> None:
        at = "".join(f' {k}="{_attr(v)}"' for k, v in attrs.items() if v is not None)
        self.parts.append(f"<{tag}{at}/>" if close else f"<{tag}{at}>")

    def close(self, tag: str) -> None:
        self.parts.append(f"</{tag}>")

    def text(self, tag: str, text: str) -> None:
        self.parts.append(f"<{tag}>{_escape(text)}</{tag}>")

    def description(self, text: str) -> None:
        if text:
            self.text("Description", qda_text(text))


def _when(at: str) -> str | None:
    return at if _DATE_TIME.fullmatch(at) else None


def project(workshops: Sequence[WorkshopFacts], lang: str = "en", origin: str = "cardengine"
            ) -> tuple[bytes, dict[str, str]]:
    """The project.qde XML and the sources (file name in Sources/ -> text)."""
    words = NAMES.get(lang, NAMES["en"])
    ordered = in_report_order(workshops)
    user = _guid("user", "cardengine")
    x = _Xml()
    latest = max((c.at for w in ordered for t in w.tables for c in t.comments if _DATE_TIME.fullmatch(c.at)),
                 default="")
    x.open("Project", xmlns=NS, name=words["project"], origin=_line(origin), creatingUserGUID=user,
           creationDateTime=_when(latest))
    x.open("Users")
    x.open("User", True, guid=user, name="cardengine")
    x.close("Users")

    # Codes: every kind, then the cards and stakeholder types comments were made about / by.
    comments = [(w, t, c) for w in ordered for t in w.tables for c in t.comments]
    kinds = list(KIND_COLOURS) + sorted({c.kind for _, _, c in comments} - set(KIND_COLOURS))
    cards: dict[str, tuple[str, str]] = {}
    for w, _, c in sorted(comments, key=lambda x: x[2].card):
        if c.card and c.card not in cards:
            info = w.cards.get(c.card)
            title = (info.title.get(lang) or next(iter(info.title.values()), "")) if info else ""
            domain = w.domains.get(info.domain) if info else None
            cards[c.card] = (_line(f"{c.card} {title}".strip()), domain.colour if domain else "")
    types = sorted({c.stakeholder_type for _, _, c in comments if c.stakeholder_type})
    names = _unique([words["kinds"], words["cards"], words["types"]] + [_line(words.get(k, k)) for k in kinds]
                    + [name for name, _ in cards.values()] + [_line(_type_name(s, lang)) for s in types])
    kind_names, card_names, type_names = (names[3:3 + len(kinds)], names[3 + len(kinds):3 + len(kinds) + len(cards)],
                                          names[3 + len(kinds) + len(cards):])
    code_of: dict[tuple[str, str], str] = {}
    x.open("CodeBook")
    x.open("Codes")
    groups = ((names[0], [("kind", k, n, KIND_COLOURS.get(k, "")) for k, n in zip(kinds, kind_names, strict=False)]),
              (names[1], [("card", c, n, colour)
                          for (c, (_, colour)), n in zip(cards.items(), card_names, strict=False)]),
              (names[2], [("type", s, n, "") for s, n in zip(types, type_names, strict=False)]))
    for category, members in groups:
        if not members:
            continue
        x.open("Code", guid=_guid("category", category), name=category, isCodable="false")
        for what, key, name, colour in members:
            code_of[(what, key)] = _guid("code", what, key)
            x.open("Code", True, guid=code_of[(what, key)], name=name, isCodable="true",
                   color=colour if _RGB.fullmatch(colour or "") else None)
        x.close("Code")
    x.close("Codes")
    x.close("CodeBook")

    variables = {key: _guid("variable", key) for key in ("territory", "date", "workshop_id")}
    x.open("Variables")
    for key, guid in variables.items():
        x.open("Variable", True, guid=guid, name=words[key], typeOfVariable="Text")
    x.close("Variables")

    labels = _unique([_line(f"{w.territory} {w.date}".strip() or w.title) for w in ordered])
    pairs = [(w, label, t) for w, label in zip(ordered, labels, strict=False) for t in w.tables]
    source_of = {(w.id, t.table): _guid("source", w.id, t.table) for w, _, t in pairs if t.comments}
    case_names = _unique(labels + [_line(f"{label} · {t.table_name}") for _, label, t in pairs])
    if ordered:
        x.open("Cases")
        for w, name in zip(ordered, case_names, strict=False):
            x.open("Case", guid=_guid("case", w.id), name=name)
            x.description(f"{_line(w.title)} ({w.source})")
            for key, value in (("territory", w.territory), ("date", w.date), ("workshop_id", w.id)):
                _variable(x, variables[key], _line(value))
            for t in w.tables:
                if (w.id, t.table) in source_of:
                    x.open("SourceRef", True, targetGUID=source_of[(w.id, t.table)])
            x.close("Case")
        for (w, _, t), name in zip(pairs, case_names[len(ordered):], strict=False):
            x.open("Case", guid=_guid("case", w.id, t.table), name=name)
            _variable(x, variables["workshop_id"], _line(w.id))
            if (w.id, t.table) in source_of:
                x.open("SourceRef", True, targetGUID=source_of[(w.id, t.table)])
            x.close("Case")
        x.close("Cases")

    files: dict[str, str] = {}
    source_names = _unique([_NOT_IN_FILE_NAME.sub("_", _line(f"{label} · {t.table_name}", 150))
                            for _, label, t in pairs])
    if source_of:
        x.open("Sources")
    for (w, label, t), name in zip(pairs, source_names, strict=False):
        if t.comments:
            files.update(_source(x, words, w, label, t, name, source_of[(w.id, t.table)], user, code_of))
    if source_of:
        x.close("Sources")
    x.close("Project")
    return ("<?xml version='1.0' encoding='utf-8'?>\n" + "".join(x.parts)).encode("utf-8"), files


def _variable(x: _Xml, guid: str, value: str) -> None:
    x.open("VariableValue")
    x.open("VariableRef", True, targetGUID=guid)
    x.text("TextValue", value)
    x.close("VariableValue")


def _source(x: _Xml, words: dict[str, str], w: WorkshopFacts, label: str, t: TableFacts, name: str, guid: str,
            user: str, code_of: dict[tuple[str, str], str]) -> dict[str, str]:
    """One table's TextSource with a coded selection per comment; returns its text file."""
    text, selections = source_text(words, w, t)
    first = min((c.at for c in t.comments if _DATE_TIME.fullmatch(c.at)), default="")
    x.open("TextSource", guid=guid, name=name, plainTextPath=f"internal://{guid}.txt", creatingUser=user,
           creationDateTime=_when(first))
    x.description(f"{_line(w.title)} · {_line(t.table_name)} · {w.id}")
    where = f"{label} · {_line(t.table_name)}"
    for s in selections:
        c = s.comment
        when = _when(c.at)
        x.open("PlainTextSelection", guid=_guid("selection", w.id, t.table, c.event), name=_line(s.header, 120),
               startPosition=str(s.start), endPosition=str(s.end), creatingUser=user, creationDateTime=when)
        x.description(f"{s.header} · {where} · comment {_line(c.event)}")
        refs = [code_of[("kind", c.kind)]] + ([code_of[("card", c.card)]] if c.card else []) + \
            ([code_of[("type", c.stakeholder_type)]] if c.stakeholder_type else [])
        for ref in refs:
            x.open("Coding", guid=_guid("coding", w.id, t.table, c.event, ref), creatingUser=user,
                   creationDateTime=when)
            x.open("CodeRef", True, targetGUID=ref)
            x.close("Coding")
        x.close("PlainTextSelection")
    x.close("TextSource")
    return {f"{guid}.txt": text}


def foreign_project(path: Path) -> bool:
    """A .qdpx there that cardengine did not write (a project coded in QualCoder and saved under the same
    name, hours of someone's coding): never replaced. Ours carry origin="cardengine ..." on <Project>."""
    try:
        with zipfile.ZipFile(path) as z, z.open("project.qde") as f:
            head = f.read(4096)
    except FileNotFoundError:
        return False
    except (OSError, KeyError, zipfile.BadZipFile):
        return True
    return b' origin="cardengine' not in head


def qdpx_bytes(workshops: Sequence[WorkshopFacts], lang: str = "en", origin: str = "cardengine") -> bytes:
    """The .qdpx file: project.qde and its sources, zipped the same way every time."""
    xml, files = project(workshops, lang, origin)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in [("project.qde", xml)] + [(f"Sources/{n}", t.encode("utf-8")) for n, t in files.items()]:
            info = zipfile.ZipInfo(name, ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            z.writestr(info, data)
    return out.getvalue()
