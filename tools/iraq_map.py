#!/usr/bin/env python3
"""Draws the locator map of Iraq used by the repository's own site.

Input: Natural Earth 1:50m GeoJSON (public domain), as published in the
martynafford/natural-earth-geojson repository: countries, rivers and lake
centrelines, lakes, populated places. Output: an SVG on stdout; render it
to PNG with rsvg-convert (see tools/README.md for the whole command).

Only the Python standard library is used. The projection is a plain
equirectangular one scaled by the cosine of the map's middle latitude,
good enough for a country-sized locator map.
"""

import json
import math
import sys
from pathlib import Path

# The map's window: longitude and latitude of its edges.
WEST, EAST, SOUTH, NORTH = 38.0, 49.0, 28.8, 37.6
WIDTH = 1600
SCALE = math.cos(math.radians((SOUTH + NORTH) / 2))
HEIGHT = round(WIDTH * (NORTH - SOUTH) / ((EAST - WEST) * SCALE))

FOCUS = "IRQ"
RIVERS = {"Tigris", "Euphrates"}
CITIES = ["Baghdad", "Mosul", "Basra", "Kirkuk", "An Najaf"]
NEIGHBOURS = {
    "SYR": (39.4, 35.0),
    "TUR": (40.6, 37.35),
    "IRN": (47.9, 33.9),
    "SAU": (42.6, 29.3),
    "KWT": (47.2, 29.45),
}
LAND, FOCUS_FILL, SEA, BORDER, RIVER, INK = "#e9e4d8", "#f7d9a8", "#c9dceb", "#8a8577", "#4a86b5", "#2a2723"


def project(lon, lat):
    return ((lon - WEST) / (EAST - WEST) * WIDTH, (NORTH - lat) / (NORTH - SOUTH) * HEIGHT)


def rings(geometry):
    """The outer and inner rings of a (multi)polygon, as lists of points."""
    if geometry["type"] == "Polygon":
        return geometry["coordinates"]
    if geometry["type"] == "MultiPolygon":
        return [ring for polygon in geometry["coordinates"] for ring in polygon]
    return []


def lines(geometry):
    if geometry["type"] == "LineString":
        return [geometry["coordinates"]]
    if geometry["type"] == "MultiLineString":
        return geometry["coordinates"]
    return []


def near(points):
    """Whether any point falls within the window, with a margin."""
    return any(WEST - 5 < lon < EAST + 5 and SOUTH - 5 < lat < NORTH + 5 for lon, lat in points)


def path(ring_list, close=True):
    out = []
    for ring in ring_list:
        if not near(ring):
            continue
        points = [project(lon, lat) for lon, lat in ring]
        out.append("M" + " L".join(f"{x:.1f},{y:.1f}" for x, y in points) + ("Z" if close else ""))
    return " ".join(out)


def label(x, y, text, size, weight="normal", anchor="middle", colour=INK):
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" font-weight="{weight}" text-anchor="{anchor}" '
        f'fill="{colour}" stroke="#ffffff" stroke-width="{size / 5:.1f}" paint-order="stroke" '
        f'stroke-linejoin="round">{text}</text>'
    )


def main(data):
    data = Path(data)
    countries = json.loads((data / "ne_50m_admin_0_countries.json").read_text())["features"]
    rivers = json.loads((data / "ne_50m_rivers_lake_centerlines.json").read_text())["features"]
    lakes = json.loads((data / "ne_50m_lakes.json").read_text())["features"]
    places = json.loads((data / "ne_50m_populated_places_simple.json").read_text())["features"]
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}" font-family="DejaVu Sans, sans-serif">',
        f'<rect width="{WIDTH}" height="{HEIGHT}" fill="{SEA}"/>',
    ]
    for feature in countries:
        code = feature["properties"]["ADM0_A3"]
        fill = FOCUS_FILL if code == FOCUS else LAND
        d = path(rings(feature["geometry"]))
        if d:
            out.append(f'<path d="{d}" fill="{fill}" stroke="{BORDER}" stroke-width="1.6" fill-rule="evenodd"/>')
    for feature in lakes:
        d = path(rings(feature["geometry"]))
        if d:
            out.append(f'<path d="{d}" fill="{SEA}" stroke="none"/>')
    for feature in rivers:
        if feature["properties"].get("name") in RIVERS:
            d = path(lines(feature["geometry"]), close=False)
            out.append(f'<path d="{d}" fill="none" stroke="{RIVER}" stroke-width="3" stroke-linejoin="round"/>')
    focus = next(f for f in countries if f["properties"]["ADM0_A3"] == FOCUS)
    out.append(f'<path d="{path(rings(focus["geometry"]))}" fill="none" stroke="{INK}" stroke-width="3.5"/>')
    for code, (lon, lat) in NEIGHBOURS.items():
        name = next(f["properties"]["NAME"] for f in countries if f["properties"]["ADM0_A3"] == code)
        x, y = project(lon, lat)
        out.append(label(x, y, name.upper(), 38, colour="#6b665c"))
    x, y = project(43.3, 32.2)
    out.append(label(x, y, "IRAQ", 76, weight="bold"))
    for name in CITIES:
        feature = next(
            (f for f in places if f["properties"]["name"] == name and f["properties"]["adm0_a3"] == FOCUS),
            None,
        )
        if feature is None:
            continue
        lon, lat = feature["geometry"]["coordinates"][:2]
        x, y = project(lon, lat)
        capital = name == "Baghdad"
        radius = 14 if capital else 10
        out.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{radius}" fill="{INK}" stroke="#ffffff" stroke-width="3"/>')
        out.append(label(x + radius + 8, y + 15, name, 54 if capital else 44, "bold" if capital else "normal", "start"))
    out.append(label(20, HEIGHT - 20, "Natural Earth data (public domain)", 26, anchor="start", colour="#6b665c"))
    out.append("</svg>")
    sys.stdout.write("\n".join(out) + "\n")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: iraq_map.py FOLDER_WITH_NATURAL_EARTH_GEOJSON > map.svg")
    main(sys.argv[1])
