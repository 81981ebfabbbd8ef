"""GeoJSON geometry walked in one place: the rings and lines of a geometry as (x, y) positions.

Used for the bounds of a map (components/maps.py), the outline drawn by plotly
(charts.outline_xy) and the checks of an uploaded outline (components/zones.py)."""

from collections.abc import Iterator

# How deep the positions sit in each geometry type's "coordinates".
NESTING = {
    "Point": 0,
    "MultiPoint": 1,
    "LineString": 1,
    "MultiLineString": 2,
    "Polygon": 2,
    "MultiPolygon": 3,
}
Position = tuple[float, float]


def position(value: object) -> Position:
    """(x, y) of a GeoJSON position [x, y, …]; ValueError when it is not numbers."""
    if not isinstance(value, list | tuple) or len(value) < 2:
        raise ValueError(value)
    x, y = value[0], value[1]
    if not all(isinstance(n, int | float) and not isinstance(n, bool) for n in (x, y)):
        raise ValueError(value)
    return x, y


def paths(geometry: dict) -> Iterator[list[Position]]:
    """Each ring of a (Multi)Polygon, each line of a (Multi)LineString, the points of a
    (Multi)Point, through geometry collections. ValueError for an unknown type or a position
    that is not [x, y, …] numbers; KeyError / TypeError for a geometry that is not a dict
    with its coordinates."""
    kind = geometry["type"]
    if kind == "GeometryCollection":
        for part in geometry["geometries"]:
            yield from paths(part)
        return
    if kind not in NESTING:
        raise ValueError(kind)
    yield from _paths(geometry["coordinates"], NESTING[kind])


def _paths(coordinates: object, depth: int) -> Iterator[list[Position]]:
    if depth == 0:
        yield [position(coordinates)]
        return
    if not isinstance(coordinates, list):
        raise ValueError(coordinates)
    if depth == 1:
        yield [position(p) for p in coordinates]
        return
    for part in coordinates:
        yield from _paths(part, depth - 1)


def positions(geometry: dict) -> list[Position]:
    """Every (x, y) position of a geometry (see `paths`)."""
    return [p for path in paths(geometry) for p in path]


def bounds(geometries: list[dict]) -> list[list[float]]:
    """[[south, west], [north, east]] of the geometries (Leaflet's order), [] when empty."""
    points = [p for geometry in geometries for p in positions(geometry)]
    if not points:
        return []
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    return [[min(ys), min(xs)], [max(ys), max(xs)]]
