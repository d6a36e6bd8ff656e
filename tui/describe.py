"""What an action did, in the app's language: the status line after an action, an undo or a redo."""

from __future__ import annotations

from cardengine.sessions import CONSENSUS, Event, WorkshopState

from .i18n import deck_text, t
from .modals import COMMENT_LABELS
from .safe_text import shown


def describe(state: WorkshopState, event: Event, lang: str) -> str:
    """'EN-10 preferita', 'EN-10 Fattibilità tecnica = 4', 'Commento (Ostacolo) su EN-10', ... for any action."""
    p = event.payload
    if event.kind == "pick":
        return t(f"did_pick_{p.get('kind', 'selected')}", lang, card=str(p.get("card", "")))
    if event.kind == "score":
        value = p.get("value")
        text = t("did_score", lang, target=str(p.get("target", "")),
                 criterion=_criterion(state, p.get("criterion"), lang),
                 value=t("not_assessed", lang) if value is None else str(value))
        return text + _by(state, p.get("by"))
    if event.kind == "comment":
        kind = COMMENT_LABELS.get(lang, COMMENT_LABELS["en"]).get(p.get("kind", ""), str(p.get("kind", "")))
        about = p.get("card") or p.get("proposal")
        text = t("did_comment_on", lang, kind=kind, target=about) if about else t("did_comment", lang, kind=kind)
        return text + _by(state, p.get("by"))
    if event.kind == "proposal.created":
        return t("did_propose", lang, ref=str(p.get("ref", "")), title=shown(p.get("title", "")))
    if event.kind == "proposal.updated":
        return t("did_update_proposal", lang, ref=str(p.get("ref", "")))
    if event.kind == "priorities.set":
        return t("did_priorities", lang, order=priorities_line(state, p.get("domains", []), p.get("cards", []),
                                                               lang) or "–")
    if event.kind == "participant.added":
        return t("participant_saved", lang, label=shown(p.get("label", "")))
    return event.kind


def priorities_line(state: WorkshopState, domains: list[str], cards: list[str], lang: str) -> str:
    """'1 Energia · 2 Rifiuti · carte EN-01 WA-03': the order by name, short enough for one line."""
    names = {d.domain: d.name.get(lang) or next(iter(d.name.values()), d.domain) for d in state.decks.values()}
    parts = [f"{i} {names.get(d, d)}" for i, d in enumerate(domains, 1)]
    if cards:
        parts.append(f"{t('priority_cards', lang)} {' '.join(cards)}")
    return " · ".join(parts)


def _criterion(state: WorkshopState, criterion: object, lang: str) -> str:
    for c in state.criteria.criteria if state.criteria else ():
        if c.id == criterion:
            return deck_text(c.label, lang)
    return str(criterion)


def _by(state: WorkshopState, by: object) -> str:
    if not by or by == CONSENSUS:
        return ""
    participant = state.participants.get(str(by))
    return f" ({shown(participant.label if participant else by)})"
