"""What AppTest sees of a chart drawn on the server as SVG (components/gauges.py): the SVG of a
Markdown element, parsed, and the numbers its gauges carry."""

import xml.etree.ElementTree as ET

from streamlit.testing.v1 import AppTest

SVG = "{http://www.w3.org/2000/svg}"


def gauge_drawing(at: AppTest) -> ET.Element:
    """The overview's gauges: the one Markdown element holding the SVG (on its own line)."""
    (body,) = [m.value for m in at.markdown if 'class="junheng-gauges"' in m.value]
    (line,) = [line for line in body.splitlines() if line.startswith("<svg")]
    return ET.fromstring(line)


def gauges(drawing: ET.Element) -> list[ET.Element]:
    return [g for g in drawing.iter(f"{SVG}g") if g.get("class") == "gauge"]


def gauge_values(at: AppTest) -> dict[str, float | None]:
    """name → CV of every gauge (a headline gauge is named by its title, an indicator's by its
    code); None where the CV is unknown."""
    return {
        g.get("data-name"): float(g.get("data-cv")) if g.get("data-cv") else None
        for g in gauges(gauge_drawing(at))
    }


def texts(drawing: ET.Element) -> list[str]:
    """Every text of the drawing as read, a wrapped text's lines joined."""
    return ["".join(t.itertext()) for t in drawing.iter(f"{SVG}text")]


def hover_texts(drawing: ET.Element) -> list[str]:
    """The full texts shown on hover (SVG <title>), in drawing order."""
    return [t.text or "" for t in drawing.iter(f"{SVG}title")]
