"""Translatable text: the same message in each of a deck's languages."""

from __future__ import annotations

from collections.abc import Iterator, Mapping


class Text(Mapping[str, str]):
    """An immutable mapping from language code to text, in the deck's language order."""

    __slots__ = ("_values",)

    def __init__(self, values: Mapping[str, str]):
        self._values = dict(values)

    @classmethod
    def same(cls, text: str, languages: tuple[str, ...]) -> Text:
        """One text for every language (proper names, acronyms)."""
        return cls(dict.fromkeys(languages, text))

    def __getitem__(self, lang: str) -> str:
        return self._values[lang]

    def __iter__(self) -> Iterator[str]:
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)

    def __hash__(self) -> int:
        return hash(tuple(sorted(self._values.items())))

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Mapping):
            return dict(self._values) == dict(other)
        return NotImplemented

    def __repr__(self) -> str:
        return f"Text({self._values!r})"

    def get_text(self, lang: str) -> str:
        """The text in `lang`, or in the first language that has one."""
        if lang in self._values:
            return self._values[lang]
        return next(iter(self._values.values()), "")

    @property
    def is_uniform(self) -> bool:
        """True when every language has the same text (written as a plain string)."""
        return len(set(self._values.values())) <= 1
