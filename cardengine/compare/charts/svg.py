"""A report chart's Drawing as an inline <svg> element for the HTML report (the PDF draws the Drawing itself)."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from reportlab.graphics import renderSVG
from reportlab.graphics.shapes import Drawing

from cardengine.compare.charts.base import num, xml_safe

# Browsers without DejaVu get the nearest narrow sans; to_svg also pins each text's length, so a
# wider fallback font is squeezed to the measured width instead of overflowing its cell.
SVG_FONT_STACK = "'DejaVu Sans Condensed','DejaVu Sans','Arial Narrow',Arial,sans-serif"

_SVG = "http://www.w3.org/2000/svg"
_DECIMAL = re.compile(r"-?\d+\.\d+(?:[eE]-?\d+)?")
_GEOMETRY = ("x", "y", "width", "height", "cx", "cy", "r")
_STROKE_DETAILS = ("stroke-linecap", "stroke-linejoin", "stroke-width", "stroke-dasharray", "stroke-dashoffset",
                   "stroke-opacity", "stroke-miterlimit")


def _rounded(text: str) -> str:
    """Numbers in an attribute to 2 decimals: a hundredth of a point is invisible, and a large heatmap's
    SVG shrinks by half."""
    return _DECIMAL.sub(lambda m: num(float(m.group())), text)


def _clean_style(style: str) -> str:
    """reportlab's per-element style without what is implied or inherited: stroke details of unstroked
    shapes, the fill rule (set on <svg>), and the font family (set on <svg> with fallbacks; bold kept)."""
    props: dict[str, str] = {}
    for part in style.split(";"):
        if ":" in part:
            key, value = part.split(":", 1)
            props[key.strip()] = value.strip()
    if props.get("stroke") == "none":
        for key in _STROKE_DETAILS:
            props.pop(key, None)
    props.pop("fill-rule", None)
    family = props.pop("font-family", None)
    if family is not None and family.endswith("-Bold"):
        props["font-weight"] = "bold"
    return "; ".join(f"{key}: {_rounded(value)}" for key, value in props.items())


def to_svg(drawing: Drawing, title: str | None = None) -> str:
    """A standalone <svg> element (no XML declaration or DOCTYPE) for inlining in HTML.

    It scales to its container's width (viewBox, width="100%", no fixed height), carries role="img" with
    the chart title (by default the one `draw` was given) as <title> and aria-label, names the bundled
    font with browser fallbacks, and has no id attributes, so several charts can share one page."""
    title = xml_safe(title if title is not None else getattr(drawing, "_chart_title", ""))
    ET.register_namespace("", _SVG)
    root = ET.fromstring(renderSVG.drawToString(drawing).encode("utf-8"))

    # reportlab writes the size with %d (cutting off fractions of a point) and a clip path with a fixed
    # id that would clash between charts on one page; the viewBox clips anyway, so the clip path goes.
    height = drawing.height
    for name in ("width", "height", "version"):
        root.attrib.pop(name, None)
    root.set("viewBox", f"0 0 {num(drawing.width)} {num(height)}")
    root.set("width", "100%")
    root.set("role", "img")
    root.set("aria-label", title)
    root.set("font-family", SVG_FONT_STACK)
    for child in list(root):
        tag = child.tag.split("}")[-1]
        if tag in ("clipPath", "desc"):
            root.remove(child)
        elif tag == "title":
            child.text = title
        elif tag == "g":
            child.attrib.pop("id", None)
            child.attrib.pop("style", None)
            child.set("transform", f"scale(1,-1) translate(0,-{num(height)})")

    for node in root.iter():
        tag = node.tag.split("}")[-1]
        if tag == "text":
            anchor_x = node.attrib.pop("data-ax", None)
            anchor = node.attrib.pop("data-anchor", "start")
            measured = node.attrib.pop("data-w", None)
            if anchor_x is not None:
                node.set("x", anchor_x)
                if anchor in ("middle", "end"):
                    node.set("text-anchor", anchor)
            if measured is not None and float(measured) > 0:
                # A browser without DejaVu uses a wider font: pin the length to reportlab's measurement.
                node.set("textLength", measured)
                node.set("lengthAdjust", "spacingAndGlyphs")
        for name in ("d", "points", "transform", *(_GEOMETRY if node is not root else ())):
            if name in node.attrib:
                node.set(name, _rounded(node.attrib[name]).strip())
        if tag == "text":
            # reportlab flips each text upright about its baseline with translate(0, 2y), written with %d.
            node.set("transform", f"translate(0,{num(2 * float(node.get('y', '0')))}) scale(1,-1)")
        if "style" in node.attrib:
            node.set("style", _clean_style(node.attrib["style"]))
        if node.get("transform") == "":
            del node.attrib["transform"]
    _tooltips(root)
    return ET.tostring(root, encoding="unicode")


def _tooltips(root: ET.Element) -> None:
    """A text with a tip (the whole of a cut label, or what a number rests on) goes into a <g> whose <title>
    the browser shows on hover; wrapping keeps the text's own content as drawn."""
    for parent in list(root.iter()):
        for index, child in enumerate(list(parent)):
            tip = child.attrib.pop("data-tip", None)
            if tip is None:
                continue
            group = ET.Element(f"{{{_SVG}}}g")
            ET.SubElement(group, f"{{{_SVG}}}title").text = tip
            group.append(child)
            parent.remove(child)
            parent.insert(index, group)
