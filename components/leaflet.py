"""A folium map on a page at the cost of one component call per rerun.

`st_folium` renders the whole folium tree (a Jinja template compiled per element) on every
rerun: ~60 ms for a county's schools, seconds for a province. `prepare` does that rendering
once, into what the st_folium front end needs; the result is cached by the page with the
map's inputs and `show` hands it to the same front end. Like st_folium with
`returned_objects`, the page reruns only when one of those objects changes (a click), never on
pan or zoom.
"""

import dataclasses
import hashlib
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import branca
import folium
import streamlit as st
import streamlit_folium
from streamlit_folium import _get_header, _get_html, _get_map_string, get_full_id

# The defaults st_folium reports before any interaction (only the returned ones are sent).
INITIAL = {
    "last_clicked": None,
    "last_object_clicked": None,
    "last_object_clicked_count": None,
    "last_object_clicked_tooltip": None,
    "last_object_clicked_popup": None,
    "all_drawings": None,
    "last_active_drawing": None,
    "last_circle_radius": None,
    "last_circle_polygon": None,
    "selected_layers": None,
    "selected_tags": None,
    "last_geocoder_result": None,
}


@dataclass(frozen=True)
class PreparedMap:
    script: str
    header: str
    html: str
    map_id: str
    css_links: tuple[str, ...]
    js_links: tuple[str, ...]
    digest: str  # of the script without folium's random element ids


def _assets(element: object) -> Iterable[object]:
    if isinstance(element, folium.elements.JSCSSMixin | branca.colormap.ColorMap):
        yield element
    for child in getattr(element, "_children", {}).values():
        yield from _assets(child)


def prepare(m: folium.Map) -> PreparedMap:
    """Render a folium map once into what st_folium's front end receives."""
    m.get_root().render()
    m.render()
    html, header = _get_html(m), _get_header(m)
    script = _get_map_string(m)
    css, js = [], []
    for element in _assets(m):
        css += [href for _, href in getattr(element, "default_css", [])]
        js += [src for _, src in getattr(element, "default_js", [])]
    standard = re.sub(r"(_[a-z0-9]+)", "", script)
    return PreparedMap(
        script=script,
        header=header,
        html=html,
        map_id=get_full_id(m),
        css_links=tuple(dict.fromkeys(css)),
        js_links=tuple(dict.fromkeys(js)),
        digest=hashlib.sha256(standard.encode()).hexdigest(),
    )


def preceded(prepared: PreparedMap, script: str) -> PreparedMap:
    """The same map with `script` run before its own (e.g. which school to open): cheap, no
    re-rendering; a different script is a different map in the browser (its digest)."""
    if not script:
        return prepared
    return dataclasses.replace(
        prepared,
        script=script + "\n" + prepared.script,
        digest=hashlib.sha256(f"{prepared.digest}{script}".encode()).hexdigest(),
    )


def show(
    prepared: PreparedMap,
    *,
    key: str,
    height: int,
    returned_objects: Iterable[str] = ("last_active_drawing",),
    on_change: Callable[[], None] | None = None,
) -> dict:
    """Draw a prepared map full width; returns the returned objects (None until clicked).
    The value is also kept in st.session_state[key], as st_folium does."""
    returned = list(returned_objects)
    component_key = hashlib.sha256(f"{prepared.digest}{key}".encode()).hexdigest()

    def changed() -> None:
        st.session_state[key] = st.session_state.get(component_key, {})
        if on_change is not None:
            on_change()

    return streamlit_folium._component_func(
        script=prepared.script,
        header=prepared.header,
        html=prepared.html,
        id=prepared.map_id,
        key=component_key,
        height=height,
        width=None,
        returned_objects=returned,
        default={k: v for k, v in INITIAL.items() if k in returned},
        zoom=None,
        center=None,
        feature_group=None,
        return_on_hover=False,
        layer_control=None,
        pixelated=False,
        css_links=list(prepared.css_links),
        js_links=list(prepared.js_links),
        on_change=changed,
        wrap_longitude=False,
    )
