"""An action said in words, for undo and redo messages ('pick EN-01 favourite'), in the messages' language.

The codes stay the English words (what `--kind`, files and exports use); a translation says them in its language.
"""

from __future__ import annotations

from cardengine.i18n import tr, tr_later
from cardengine.sessions.events import Event

# A pick's or a comment's kind as a message says it ("EN-01 choisie"); options, files and exports keep the codes.
PICK_KINDS = {"selected": tr_later("selected"), "favourite": tr_later("favourite"),
              "discarded": tr_later("discarded"), "proposal": tr_later("proposal")}
COMMENT_KINDS = {"barrier": tr_later("barrier"), "enabler": tr_later("enabler"), "question": tr_later("question"),
                 "quote": tr_later("quote")}
# The actions a note-taker undoes, by event kind: English is the kind itself.
ACTIONS = {"pick": tr_later("pick"), "score": tr_later("score"), "comment": tr_later("comment"),
           "proposal.created": tr_later("proposal.created"), "proposal.updated": tr_later("proposal.updated"),
           "priorities.set": tr_later("priorities.set"), "participant.added": tr_later("participant.added")}


def kind_word(kind: str) -> str:
    """A pick's or a comment's kind in the messages' language; a code of a newer version as stored."""
    words = PICK_KINDS | COMMENT_KINDS
    return tr(words[kind]) if kind in words else kind


def describe_event(e: Event) -> str:
    """'pick EN-01 favourite', 'score EN-01 time=2', 'comment barrier on EN-02', in the messages' language."""
    p = e.payload
    value = p.get("value")
    detail = {
        "pick": f"{p.get('card')} {kind_word(str(p.get('kind')))}",
        "score": f"{p.get('target')} {p.get('criterion')}={'na' if value is None else value}",
        "comment": tr("{kind} on {target}").format(kind=kind_word(str(p.get("kind"))),
                                                   target=p.get("card") or p.get("proposal") or tr("the table")),
        "proposal.created": f"{p.get('ref')} {p.get('title')}",
        "proposal.updated": f"{p.get('ref')}",
        "priorities.set": ", ".join(map(str, [*p.get("domains", []), *p.get("cards", [])])) or tr("none"),
        "participant.added": f"{p.get('label')}"}.get(e.kind, "")
    action = tr(ACTIONS[e.kind]) if e.kind in ACTIONS else e.kind
    return f"{action} {detail}".strip()
