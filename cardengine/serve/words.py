"""The words of the server's pages (plenary, phone, facilitator, errors) in Italian and English (and French).

Every word is kept under a key with its English here; `CATALOGUE_ENTRIES` is read by tools/catalogues.py for the
`serve` gettext domain, whose .po files hold the translations. `Words(lang)` looks a key up; `choose_language`
picks the page's language from a cookie, then the browser's Accept-Language, then the workshop's.
"""

from __future__ import annotations

from cardengine.decks.vocabulary import SDG_NAMES, word_in
from cardengine.i18n import KeyedEnglish, catalogue, keyed_word

DOMAIN = "serve"
PAGE_LANGUAGES = ("it", "en")  # the phone page's switch; a French browser gets French where translated

# A word said with a count has its singular and plural English (a tuple): the catalogues hold every language's
# plural forms (Italian "+1 altra", "+2 altre"), chosen by the count `n`.
CATALOGUE_ENTRIES: dict[str, KeyedEnglish] = {
    # plenary
    "plenary.title": "Plenary",
    "plenary.join": "Vote from your phone",
    "plenary.code": "Code",
    "plenary.all": "All tables",
    "plenary.picks": "Picks",
    "plenary.favourites": "Favourites",
    "plenary.ranking": "Feasibility ranking",
    "plenary.proposals": "Proposals",
    "plenary.priorities": "Priority domains",
    "plenary.none": "nothing yet",
    "plenary.more": ("+{n} more", "+{n} more"),
    "plenary.no_tables": "No table has been added yet.",
    "plenary.example": "EXAMPLE DATA",
    "plenary.top": "Most favoured",
    "plenary.live": "live",
    "plenary.offline": "reconnecting…",
    "plenary.legend": "Feasibility: weighted score from 0 to 100 of the criteria the table assessed (100 = most "
                      "feasible); overall, the mean over the n tables that scored the card. ×n: tables that chose "
                      "it.",
    # polls
    "poll.goals": "Goals",
    "poll.dots": "Dots",
    "poll.domains": "Priority domains",
    "poll.ask.goals": "Choose up to {n} goals",
    "poll.ask.dots": "Put up to {n} dots on the cards and proposals you favour",
    "poll.ask.domains": "Rank up to {n} priority domains",
    # a poll of one choice is asked in words of its own, not only the singular of the count
    "poll.ask.goals.one": "Choose one goal",
    "poll.ask.dots.one": "Put your one dot on the card or proposal you favour",
    "poll.ask.domains.one": "Choose the first priority domain",
    "poll.open": "open",
    "poll.closed": "closed",
    "poll.voters": "voters: {n}",
    "poll.none": "No poll yet.",
    "poll.points": ("{n} pt", "{n} pts"),
    "poll.no_votes": ("+{n} with no votes", "+{n} with no votes"),
    # the phone
    "vote.title": "Your vote",
    "vote.wait": "No poll is open right now. Keep this page open: it changes by itself when the facilitator "
                 "opens one.",
    "vote.submit": "Send my vote",
    "vote.recorded": "Vote recorded. Thank you!",
    "vote.already": "You have already voted in this poll.",
    "vote.results": "Results so far",
    "vote.dots": ("You have {n} dot: put it on the option you favour.",
                  "You have {n} dots: put one or more on each option you favour."),
    "vote.rank": "Give 1 to the most important, 2 to the next, and so on (up to {n}); leave the others empty.",
    "vote.too_many": "You chose {chosen}; choose at most {n}.",
    "vote.none_chosen": "Choose at least one option before sending.",
    "vote.rank_gap": "Use each rank once, starting from 1.",
    "vote.closed": "This poll has just been closed; your vote was not counted.",
    "vote.not_joined": "This phone has not joined yet: scan the QR code on the screen, or open the join link.",
    "vote.language": "Language",
    "vote.wrong_poll": "This poll is no longer the open one; here is the current page.",
    # the facilitator
    "fac.title": "Facilitator",
    "fac.secret": "Keep this page's address to yourself: whoever has it can open and close polls.",
    "fac.open": "Open a poll",
    "fac.kind": "Kind",
    "fac.max": "Up to (goals, domains) or dots per person",
    "fac.question_it": "Question in Italian (optional)",
    "fac.question_en": "Question in English (optional)",
    "fac.open_button": "Open the poll",
    "fac.close_button": "Close poll {poll}",
    "fac.opened": "Poll {poll} is open.",
    "fac.closed_ok": "Poll {poll} is closed.",
    "fac.one_open": "Poll {poll} is still open: close it before opening another.",
    "fac.no_options": "There is nothing to vote on yet for this kind of poll (no favoured card or proposal, or no "
                      "domain).",
    "fac.bad_max": "Give a number from 1 to {n} for 'up to'.",
    "fac.bad_kind": "Choose goals, dots or domains.",
    "fac.polls": "All polls",
    "fac.links": "Links",
    "fac.plenary": "Plenary screen",
    "fac.join": "Participants' join link",
    "fac.nothing_open": "No poll is open.",
    # errors
    "err.title": "This did not work",
    "err.back": "Back",
    "err.not_found": "There is no such page here.",
    "err.bad_code": "This join link is not valid: check the code on the screen.",
    "err.bad_link": "This link is not valid.",
    "err.csrf": "This form is out of date or did not come from this page: reload the page and try again.",
    "err.forged": "This phone's pass is not valid: join again with the code on the screen.",
    "err.too_large": "The request is too large (at most {limit}); nothing was changed.",
    "err.rate": "Too many requests from this device: wait a few seconds and try again.",
    "err.bad_form": "The form was not filled in as expected; nothing was changed.",
    "err.not_saved": "The vote could not be saved ({reason}); try again.",
}


class Words:
    """The pages' words in one language (English where a translation is missing)."""

    def __init__(self, lang: str):
        self.lang = lang
        self._catalogue = catalogue(lang, DOMAIN)

    def __call__(self, key: str, **values: object) -> str:
        return keyed_word(self._catalogue, key, CATALOGUE_ENTRIES[key], values)

    def sdg(self, goal: int) -> str:
        return word_in(SDG_NAMES[goal], self.lang)



def choose_language(cookie: str | None, accept: str, default: str) -> str:
    """The page's language: the phone's switch (cookie), else the first of Accept-Language that the pages speak
    (it, en, fr), else the workshop's language, else Italian."""
    spoken = (*PAGE_LANGUAGES, "fr")
    if cookie in spoken:
        return str(cookie)
    ranked = []
    for position, part in enumerate(accept.split(",")[:20]):
        tag, _, params = part.strip().partition(";")
        quality = 1.0
        if params.strip().startswith("q="):
            try:
                quality = float(params.strip()[2:])
            except ValueError:
                quality = 0.0
        ranked.append((-quality, position, tag.strip().split("-")[0].lower()))
    for _, _, lang in sorted(ranked):
        if lang in spoken:
            return lang
    return default if default in spoken else "it"
