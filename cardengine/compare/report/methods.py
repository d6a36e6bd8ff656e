"""The report's Methods section: every measure and every edge rule, with its formula.

Pure: Comparison -> Section. The words are in `words_methods`; the formulas are `MathNode` trees
(report_model) that the HTML sets as MathML and the PDF as text (report_math). Numbers that vary with the
command (bootstrap resamples, seed, --min-tables, grouping) come from the comparison's settings.
"""

from __future__ import annotations

from dataclasses import dataclass

from cardengine.compare.measures.comparison import Comparison
from cardengine.compare.report.model import Block, Formula, MathNode, Paragraph, Section
from cardengine.compare.report.words import GROUP_KINDS, Words


@dataclass(frozen=True)
class Settings:
    bootstrap: int
    seed: int
    min_tables: int
    group_by: str


def settings(cmp: Comparison, min_tables: int) -> Settings:
    """The settings the comparison was made and reported with (`compare --bootstrap --seed --min-tables --by`)."""
    return Settings(cmp.bootstrap, cmp.seed, min_tables, cmp.group_by)


# ---------------------------------------------------------------------------------------------- formula parts

def i(text: str) -> MathNode:
    return MathNode("i", text)


def n(text: str) -> MathNode:
    return MathNode("n", text)


def o(text: str) -> MathNode:
    return MathNode("o", text)


def row(*parts: MathNode | str) -> MathNode:
    return MathNode("row", parts=tuple(_node(p) for p in parts))


def sub(base: MathNode | str, below: MathNode | str) -> MathNode:
    return MathNode("sub", parts=(_node(base), _node(below)))


def sup(base: MathNode | str, above: MathNode | str) -> MathNode:
    return MathNode("sup", parts=(_node(base), _node(above)))


def subsup(base: MathNode | str, below: MathNode | str, above: MathNode | str) -> MathNode:
    return MathNode("subsup", parts=(_node(base), _node(below), _node(above)))


def frac(top: MathNode | str, bottom: MathNode | str) -> MathNode:
    return MathNode("frac", parts=(_node(top), _node(bottom)))


def sqrt(inner: MathNode) -> MathNode:
    return MathNode("sqrt", parts=(inner,))


def bar(inner: MathNode | str) -> MathNode:
    return MathNode("bar", parts=(_node(inner),))


def fence(delimiters: str, *parts: MathNode | str) -> MathNode:
    return MathNode("fence", delimiters, (row(*parts),))


def total(below: MathNode | str, above: MathNode | str | None = None) -> MathNode:
    """∑ with its limits."""
    limits = (_node(below),) + ((_node(above),) if above is not None else ())
    return MathNode("big", "∑", limits)


GAP = MathNode("space")


def _node(part: MathNode | str) -> MathNode:
    """A plain string is read as symbols: letters italic identifiers, digits numbers, the rest operators."""
    if isinstance(part, MathNode):
        return part
    if part.isdigit():
        return n(part)
    if part.isalpha():  # "tck": three index letters, each an italic identifier (names use i("rank"))
        return i(part) if len(part) == 1 else row(*part)
    return o(part)


# ---------------------------------------------------------------------------------------------- the formulas

def _formulas(decimal: str, rank_name: str = "rank") -> dict[str, tuple[MathNode, tuple[MathNode, ...]]]:
    """Each formula (key -> expression, the symbols its `where` list explains, in the order of the words)."""
    x_t = sub("x", "t")
    mean_x = bar("x")
    n_ = i("n")
    card_rate = row(sub("p", "cg"), "=", frac(sub("P", "cg"), sub("A", "cg")))
    domain = row(
        sub("q", "dg"), "=", frac(row(total(row("t", "∈", sub("T", "dg"))), fence("||", sub("Q", "t"))),
                                  fence("||", sub("T", "dg"))), ",", GAP,
        sub("h", "dg"), "=", frac(fence("||", row("{", "t", "∈", sub("T", "dg"), ":", sub("Q", "t"), "≠", o("∅"),
                                                  "}")), fence("||", sub("T", "dg"))), ",", GAP,
        sub("r", "dg"), "=", frac(row(total(i("t")), fence("||", sub("Q", "t"))),
                                  row(total(i("t")), fence("||", sub("O", "t")))))
    value = row(sub("x", "tck"), "=", frac("1", sub("m", "tck")), total(i("j")), sub("v", "tckj"))
    normalised = row(sub("u", "k"), fence("()", "x"), "=", frac(row("x", "−", sub("L", "k")),
                                                              row(sub("H", "k"), "−", sub("L", "k"))), ",", GAP,
                     sub("u", "k"), fence("()", "x"), "=", "1", "−", frac(row("x", "−", sub("L", "k")),
                                                                        row(sub("H", "k"), "−", sub("L", "k"))))
    k_in = row("k", "∈", sub("K", "tc"))
    weighted = row(sub("y", "tc"), "=", "100", o("·"),
                   frac(row(total(k_in), sub("w", "k"), sub("u", "k"), fence("()", sub("x", "tck"))),
                        row(total(k_in), sub("w", "k"))))
    spread = row(mean_x, "=", frac("1", n_), total(row("t", "=", "1"), n_), x_t, ",", GAP,
                 "s", "=", sqrt(row(frac(row(total(row("t", "=", "1"), n_),
                                             sup(fence("()", x_t, "−", mean_x), "2")), row(n_, "−", "1")))))
    rank = row(sub(i(rank_name), "cg"), "=", "1", "+",
               fence("||", row("{", sup("c", "′"), ":", sub(bar("y"), row(sup("c", "′"), "g")), ">",
                               sub(bar("y"), "cg"), "}")))
    jaccard = row("J", fence("()", "A", ",", "B"), "=", frac(fence("||", row("A", "∩", "B")),
                                                           fence("||", row("A", "∪", "B"))))
    kendall = row("W", "=", frac(row("12", "S"),
                                 row(sup("m", "2"), fence("()", sup("n", "3"), "−", "n"), "−", "m",
                                     total(row("j", "=", "1"), "m"), sub("T", "j"))), ",", GAP,
                  "S", "=", total(row("i", "=", "1"), "n"),
                  sup(fence("()", sub("R", "i"), "−", frac(row("m", fence("()", "n", "+", "1")), "2")), "2"))
    chi = row(sup(i("χ"), "2"), "=", "m", fence("()", "n", "−", "1"), "W", ",", GAP, i("df"), "=", "n", "−", "1",
              ",", GAP, "p", "=", "P", fence("()", row(subsup(i("χ"), row("n", "−", "1"), "2"), "≥",
                                                        sup(i("χ"), "2"))))
    ra, rb = sub("r", "ai"), sub("r", "bi")
    da, db = fence("()", ra, "−", sub(bar("r"), "a")), fence("()", rb, "−", sub(bar("r"), "b"))
    spearman = row(sub(i("ρ"), "ab"), "=", frac(row(total(i("i")), da, db),
                                                sqrt(row(total(i("i")), sup(da, "2"), total(i("i")), sup(db, "2")))))
    theta = sup(i("θ"), "*")
    boot = row(subsup(i("θ"), "b", "*"), "=", i("θ"), fence("()", subsup("T", "b", "*")), ",", GAP,
               "b", "=", "1", ",", o("…"), ",", "B", ",", GAP,
               i("CI"), "=", fence("[]", sub("q", n(f"0{decimal}025")), fence("()", theta),
                                   ";" if decimal == "," else ",",  # a list of decimal-comma numbers takes ";"
                                   sub("q", n(f"0{decimal}975")), fence("()", theta)))
    sdg = row(sub("f", "gs"), "=", frac(row(total(row("t", "∈", sub("T", "g"))),
                                            fence("||", row("{", "c", "∈", sub("P", "t"), ":", "s", "∈", sub("G", "c"),
                                                            "}"))),
                                        row(total(row("t", "∈", sub("T", "g"))), fence("||", sub("P", "t")))))
    stake = row(sub(bar("x"), "gkh"), "=", frac("1", fence("||", sub("V", "gkh"))),
                total(row("v", "∈", sub("V", "gkh"))), "v")
    return {
        "rate": (card_rate, (sub("A", "cg"), sub("P", "cg"))),
        "domain": (domain, (sub("T", "dg"), sub("Q", "t"), sub("O", "t"), sub("q", "dg"), sub("h", "dg"),
                            sub("r", "dg"))),
        "value": (value, (sub("v", "tckj"), sub("m", "tck"))),
        "normalised": (normalised, (sub("L", "k"), sub("H", "k"))),
        "weighted": (weighted, (sub("w", "k"), sub("K", "tc"))),
        "spread": (spread, (n_, x_t)),
        "rank": (rank, (sub(bar("y"), "cg"),)),
        "jaccard": (jaccard, (row("A", ",", "B"),)),
        "kendall": (kendall, (i("m"), i("n"), sub("R", "i"), sub("T", "j"))),
        "chi": (chi, (i("p"),)),
        "spearman": (spearman, (ra, sub(bar("r"), "a"))),
        "boot": (boot, (subsup("T", "b", "*"), i("θ"), sub("q", "α"))),
        "sdg": (sdg, (sub("f", "gs"), sub("P", "t"), sub("G", "c"))),
        "stake": (stake, (sub("V", "gkh"),)),
    }


# ---------------------------------------------------------------------------------------------- the section

# The order of the section: ("p", key) a paragraph with a run-in heading, ("f", key) a formula.
OUTLINE: tuple[tuple[str, str], ...] = (
    ("p", "settings"), ("p", "unit"), ("p", "picks"), ("f", "rate"), ("p", "domain"), ("f", "domain"),
    ("p", "counts"), ("p", "value"), ("f", "value"), ("p", "normalised"), ("f", "normalised"), ("p", "weighted"),
    ("f", "weighted"), ("p", "spread"), ("f", "spread"), ("p", "pooled"), ("p", "rank"), ("f", "rank"),
    ("p", "disagreement"), ("p", "jaccard"), ("f", "jaccard"), ("p", "kendall"), ("f", "kendall"), ("p", "chi"),
    ("f", "chi"), ("p", "spearman"), ("f", "spearman"), ("p", "boot"), ("f", "boot"), ("p", "n"), ("p", "sdg"),
    ("f", "sdg"), ("p", "stake"), ("f", "stake"), ("p", "comments"), ("p", "criteria_sets"),
    ("p", "provenance"), ("p", "exact"), ("p", "csv"),
)


def methods_section(cmp: Comparison, w: Words, min_tables: int) -> Section:
    """How every figure of the report is computed, with the rules for the edge cases and the settings used."""
    s = settings(cmp, min_tables)
    known = s.group_by in GROUP_KINDS
    values = {"B": s.bootstrap, "seed": s.seed, "N": s.min_tables, "by": s.group_by,
              "nouns": w.group_noun(s.group_by)[1],
              "groups": w(f"methods.by.{s.group_by}") if known else s.group_by}
    formulas = _formulas(w.decimal, w("methods.rank.symbol"))
    blocks: list[Block] = []
    number = 0
    for kind, key in OUTLINE:
        if kind == "p":
            text = f"{key}_off" if key in ("boot", "settings") and s.bootstrap <= 0 else key
            blocks.append(Paragraph(w(f"methods.{text}", **values), lead=w(f"methods.{key}.lead")))
        elif key != "boot" or s.bootstrap > 0:
            number += 1
            expr, symbols = formulas[key]
            meanings = w(f"methods.f.{key}", **values).split(" | ")
            if len(meanings) != len(symbols):  # pragma: no cover - a words/formula mismatch is a programming error
                raise ValueError(f"methods formula {key}: {len(symbols)} symbols, {len(meanings)} meanings")
            blocks.append(Formula(f"({number})", expr, w("methods.where"), tuple(zip(symbols, meanings, strict=True))))
    return Section("methods", w("methods.title"), w("methods.intro", **values), tuple(blocks))
