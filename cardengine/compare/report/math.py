"""Formulas of the report (`report_model.MathNode` trees) set as MathML for the HTML and as reportlab
Paragraph markup for the PDF: one source, the same symbols in both.

MathML is drawn natively by current browsers (no script, no web font, works offline) and read by screen
readers. The PDF has no formula layout engine, so fractions are set on one line ("a / b", compound parts in
brackets), with italic variables and reportlab's <sub>/<super>. Every text is escaped: a formula built from
report data can never inject markup into either output.
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from xml.sax.saxutils import escape

from cardengine.compare.report.model import Formula, MathNode

if TYPE_CHECKING:  # reportlab loads only when a PDF is made
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Flowable

MATHML_NS = "http://www.w3.org/1998/Math/MathML"
_TAG = {"i": "mi", "n": "mn", "o": "mo", "t": "mtext", "row": "mrow", "sub": "msub", "sup": "msup",
        "subsup": "msubsup", "frac": "mfrac", "sqrt": "msqrt"}
# Binary operators: thin spaces around them in the PDF.
_SPACED = {"=", "+", "−", "×", "≥", "≤", "∈", "∩", "∪", "·", "≠", "→", ":", ">", "<"}
COMBINING_MACRON = "\u0304"
BIG_STEP = 3  # pt: a ∑ in the PDF is set this much larger than the formula's text


# ---------------------------------------------------------------------------------------------- MathML

def mathml(node: MathNode) -> str:
    """The node as MathML elements (without the <math> wrapper)."""
    k = node.kind
    if k in ("i", "n", "o", "t"):
        return f"<{_TAG[k]}>{escape(node.text)}</{_TAG[k]}>"
    if k == "row" and len(node.parts) > 1 and all(p.kind == "i" and len(p.text) == 1 and p.text.isascii()
                                                  and p.text.isalpha() for p in node.parts):
        # indices such as "tck": one <mi> in mathematical italic letters, set tight (separate <mi>s each
        # get an italic correction, which spreads the indices apart)
        return f"<mi>{''.join(_math_italic(p.text) for p in node.parts)}</mi>"
    inner = "".join(mathml(p) for p in node.parts)
    if k == "space":
        return '<mspace width="1.5em"/>'
    if k == "bar":
        return f'<mover accent="true"><mrow>{inner}</mrow><mo>¯</mo></mover>'
    if k == "fence":
        left, right = node.text[:1], node.text[1:2]
        return (f'<mrow><mo fence="true">{escape(left)}</mo>{inner}'
                f'<mo fence="true">{escape(right)}</mo></mrow>')
    if k == "big":
        body = "".join(f"<mrow>{mathml(p)}</mrow>" for p in node.parts)
        tag = "munderover" if len(node.parts) == 2 else "munder"
        return f'<{tag}><mo largeop="true" movablelimits="false">{escape(node.text)}</mo>{body}</{tag}>'
    if k == "sup" and node.parts[1].text == "′":  # a prime is already raised: c′, not c with a raised prime
        return f"<mrow>{mathml(node.parts[0])}<mo>′</mo></mrow>"
    if k in ("sub", "sup", "subsup", "frac"):
        return f"<{_TAG[k]}>" + "".join(f"<mrow>{mathml(p)}</mrow>" for p in node.parts) + f"</{_TAG[k]}>"
    return f"<{_TAG.get(k, 'mrow')}>{inner}</{_TAG.get(k, 'mrow')}>"


def _math_italic(letter: str) -> str:
    """The MATHEMATICAL ITALIC form of an ASCII letter (italic h is the older PLANCK CONSTANT, U+210E)."""
    if letter == "h":
        return "\u210e"
    base = 0x1D434 if letter.isupper() else 0x1D44E
    first = "A" if letter.isupper() else "a"
    return chr(base + ord(letter) - ord(first))


def math_element(node: MathNode, display: bool = True) -> str:
    return (f'<math xmlns="{MATHML_NS}"' + (' display="block"' if display else "") + f">{mathml(node)}</math>")


def formula_html(block: Formula) -> str:
    """A numbered display formula and its list of symbols, as an HTML fragment."""
    out = [f'<div class="formula">{math_element(block.expr)}'
           f'<span class="formula-number">{escape(block.number)}</span></div>']
    if block.where:
        items = "; ".join(f"{math_element(symbol, display=False)}: {escape(meaning)}"
                          for symbol, meaning in block.where)
        out.append(f'<p class="where">{escape(block.where_label)} {items}.</p>')
    return "\n".join(out)


# ---------------------------------------------------------------------------------------------- PDF

def _compound(node: MathNode) -> bool:
    return (node.kind == "row" and len(node.parts) > 1) or node.kind in ("frac",)


def markup(node: MathNode) -> str:
    """The node as reportlab Paragraph markup, on one line."""
    k = node.kind
    if k == "i":
        text = escape(node.text)
        return f"<i>{text}</i>" if len(node.text) == 1 else text  # function names (SD, min) stay upright
    if k == "o":
        if node.text in (",", ";"):
            return node.text + " "
        return f" {escape(node.text)} " if node.text in _SPACED else escape(node.text)
    if k in ("n", "t"):
        return escape(node.text)
    if k == "space":
        return "&nbsp;" * 5
    parts = [markup(p) for p in node.parts]
    if k == "row":  # a fraction followed by a factor is bracketed: "(1 / n) ∑ x", not "1 / n ∑ x"
        after = [p.kind for p in node.parts[1:]] + ["o"]
        parts = [f"({m})" if p.kind == "frac" and nxt not in ("o", "space") else m
                 for p, m, nxt in zip(node.parts, parts, after, strict=True)]
        rest = zip(node.parts[1:], parts[1:], strict=True)
        return parts[0] + "".join(f" {m}" if p.kind == "big" else m for p, m in rest)
    if k == "sub":
        return f"{parts[0]}<sub>{parts[1]}</sub>"
    if k == "sup":  # a prime is already raised
        return parts[0] + (parts[1] if node.parts[1].text == "′" else f"<super>{parts[1]}</super>")
    if k == "subsup":
        return f"{parts[0]}<sub>{parts[1]}</sub><super>{parts[2]}</super>"
    if k == "frac":
        top, bottom = (f"({p})" if _compound(n) else p for p, n in zip(parts, node.parts, strict=True))
        return f"{top} / {bottom}"
    if k == "sqrt":
        return f"√({parts[0]})"
    if k == "bar":  # the macron inside the italic run, so it sits over the slanted letter
        one = parts[0]
        return one[:-4] + COMBINING_MACRON + "</i>" if one.endswith("</i>") else one + COMBINING_MACRON
    if k == "fence":
        return f"{escape(node.text[:1])}{''.join(parts)}{escape(node.text[1:2])}"
    if k == "big":
        return f'<font size="+{BIG_STEP}">{escape(node.text)}</font>' + (f"<sub>{parts[0]}</sub>" if parts else "") + \
            (f"<super>{parts[1]}</super>" if len(parts) > 1 else "") + " "
    raise ValueError(f"unknown formula part {k!r}")


def formula_markup(block: Formula) -> tuple[str, str]:
    """(the formula, its list of symbols) as reportlab Paragraph markup."""
    where = ""
    if block.where:
        where = escape(block.where_label) + " " + "; ".join(
            f"{markup(symbol)}: {escape(meaning)}" for symbol, meaning in block.where) + "."
    return markup(block.expr), where


def formula_flowables(block: Formula, body: ParagraphStyle, width: float) -> list[Flowable]:
    """The formula centred with its number at the right, then its symbols, for the PDF (reportlab)."""
    from reportlab.lib.enums import TA_CENTER, TA_RIGHT
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, Table, TableStyle

    expr, where = formula_markup(block)
    centred = ParagraphStyle("formula", parent=body, fontSize=body.fontSize + 1.5, leading=body.leading + 6,
                             alignment=TA_CENTER, spaceAfter=0)
    right = ParagraphStyle("formula-number", parent=centred, alignment=TA_RIGHT)  # on the formula's baseline
    row = Table([[Paragraph(expr, centred), Paragraph(escape(block.number), right)]],
                colWidths=[width - 40, 40], hAlign="LEFT")
    # A line holding a large ∑ sets its baseline lower by the size difference: the number follows it.
    drop = BIG_STEP if "<font size=" in expr else 0
    row.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), body.fontName), ("VALIGN", (0, 0), (-1, -1), "TOP"),
                             ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                             ("TOPPADDING", (0, 0), (-1, -1), 4), ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
                             ("TOPPADDING", (1, 0), (1, 0), 4 + drop)]))
    out: list[Flowable] = [row]
    if where:
        out.append(Paragraph(where, ParagraphStyle("where", parent=body, leftIndent=18, fontSize=body.fontSize - 0.5)))
    return out
