"""Reading exported SVG files in tests: how much of a picture was written as vector shapes."""

import re

SVG = "{http://www.w3.org/2000/svg}"


def vector_points(root) -> int:
    """How many points the SVG's lines and paths pass through (Qt writes a curve as a polyline or a path)."""
    points = 0
    for element in root.iter():
        if element.tag in (SVG + "polyline", SVG + "polygon"):
            points += len(element.get("points", "").split())
        elif element.tag == SVG + "path":
            points += len(re.findall(r"-?\d+(?:\.\d+)?[ ,]-?\d+(?:\.\d+)?", element.get("d", "")))
    return points
