"""What presenters and printers get on every page: presentation mode (kept across the top
menu), the chart text scale it implies, the chart camera's file name, the document language,
a copy-link button and the A4 print stylesheet. app.py applies them once per run; the chart
helper reads `for_screen` and `chart_config`."""

import json
import re

import streamlit as st

# ?present=1 in a link: no sidebar, larger type, full width. Chart text grows by
# PRESENT_SCALE and is never under PRESENT_MIN_PX (the smallest chart label, 12 px, becomes
# 18 px); titles (TITLE_PX and up) grow less, so that two gauges side by side keep theirs.
PRESENT_PARAM = "present"
PRESENT_SCALE = 1.25
PRESENT_MIN_PX = 18
TITLE_PX = 20
TITLE_SCALE = 1.12
BASE_FONT_PX = 16  # charts.styled(): the size text inherits when a figure sets none

PRESENTATION_CSS = """<style>
section[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"],
[data-testid="stExpandSidebarButton"] {display: none;}
html {font-size: 20px;}
.block-container {max-width: 100% !important; padding-left: 2rem; padding-right: 2rem;}
</style>"""

# A4 print: no sidebar, toolbars, menus, download buttons or icons (their names would be the
# text of the PDF); each chart kept whole, and a new page before each chart after the first.
# PRINT_WIDTH_PX: the width of A4 less its margins (186 mm), in CSS pixels.
PRINT_WIDTH_PX = 700
PRINT_CSS = """<style>
@page {size: A4; margin: 12mm;}
@media print {
  section[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"],
  [data-testid="stExpandSidebarButton"], header[data-testid="stHeader"],
  [data-testid="stToolbar"], [data-testid="stDecoration"], [data-testid="stStatusWidget"],
  .modebar-container, [data-testid="stElementToolbar"], [data-testid="stPopover"],
  [data-testid="stDownloadButton"], [data-testid="stBaseButton-secondary"],
  .stButton, [data-testid="stSidebarNav"], nav, .junheng-copy-link,
  [data-testid="stIconMaterial"], [data-testid="stAlertDynamicIcon"],
  span[role="img"][translate="no"] {display: none !important;}
  .block-container {max-width: 100% !important; padding: 0 !important;}
  html, body, #root, .stApp, [data-testid="stAppViewContainer"], [data-testid="stMain"],
  [data-testid="stMainBlockContainer"] {
    height: auto !important; min-height: 0 !important; overflow: visible !important;
    position: static !important; display: block !important;
  }
  .stPlotlyChart, [data-testid="stPlotlyChart"], [data-testid="stDataFrame"],
  [data-testid="stTable"], [data-testid="stMetric"], .junheng-drawing {
    break-inside: avoid; page-break-inside: avoid;
  }
  .stPlotlyChart ~ .stPlotlyChart, [data-testid="stPlotlyChart"] ~ [data-testid="stPlotlyChart"],
  .stElementContainer:has(.stPlotlyChart) ~ .stElementContainer:has(.stPlotlyChart) {
    break-before: page; page-break-before: always;
  }
}
</style>"""

# Charts, tables and maps keep the width they have on screen (plotly draws in pixels, a map
# frame has its own): printed as they are, the right part of any wider than A4 is cut off
# (legends, the last columns). Before printing they are scaled down to the page's width,
# and back after. Installed once per tab.
PRINT_SCRIPT = f"""<script>
(() => {{
  if (window.junhengPrint) return;
  window.junhengPrint = true;
  const wide = '.stPlotlyChart, [data-testid="stDataFrame"], .stElementContainer iframe';
  const scaled = [];
  window.addEventListener("beforeprint", () => {{
    document.querySelectorAll(wide).forEach((e) => {{
      const box = e.getBoundingClientRect(), k = {PRINT_WIDTH_PX} / box.width;
      if (k >= 1) return;
      if (e.tagName === "IFRAME") {{  // a frame's page keeps its own size: scale its picture
        e.style.transformOrigin = "0 0";
        e.style.transform = `scale(${{k}})`;
        e.style.marginBottom = `${{-box.height * (1 - k)}}px`;
      }} else {{
        e.style.zoom = String(k);
      }}
      scaled.push(e);
    }});
  }});
  window.addEventListener("afterprint", () => {{
    scaled.splice(0).forEach((e) => {{
      e.style.zoom = e.style.transform = e.style.transformOrigin = e.style.marginBottom = "";
    }});
  }});
}})();
</script>"""

# Keyboard focus, seen from the back of a meeting room: every control reached with Tab gets
# the same clear ring (some of Streamlit's own, e.g. the language switch's, change nothing);
# a radio button or a switch, whose input is hidden, gets it around its label; a heading's
# link, shown only under the mouse, is shown when it has the focus.
FOCUS_CSS = """<style>
:focus-visible {outline: 3px solid #0072B2 !important; outline-offset: 2px !important;}
[data-testid="stHeaderActionElements"] a:focus-visible {opacity: 1 !important;}
label:has(input[type="radio"]:focus-visible, input[type="checkbox"]:focus-visible) {
  outline: 3px solid #0072B2; outline-offset: 2px; border-radius: 4px;
}
</style>"""

# Tab leaves a data table: the table (glide data grid) took Tab to move between its cells, so a
# keyboard user who tabbed into it could not get out. The table keeps its arrow keys; Tab and
# Shift+Tab, stopped before they reach it, move the focus on as everywhere else.
KEYBOARD_SCRIPT = """<script>
(() => {
  if (window.junhengKeyboard) return;
  window.junhengKeyboard = true;
  window.addEventListener("keydown", (event) => {
    if (event.key === "Tab" && event.target.closest
        && event.target.closest('[data-testid="stDataFrame"]')) {
      event.stopPropagation();  // the browser's own Tab, not the grid's
    }
  }, true);
})();
</script>"""

HTML_LANG = {"zh": "zh-CN", "en": "en"}


def presenting() -> bool:
    """Whether this session is in presentation mode. Streamlit drops the query string when the
    top menu changes page, so the choice is kept in the session and put back in the URL."""
    if st.query_params.get(PRESENT_PARAM) == "1":
        st.session_state["present"] = True
    on = bool(st.session_state.get("present"))
    if on and st.query_params.get(PRESENT_PARAM) != "1":
        st.query_params[PRESENT_PARAM] = "1"
    return on


def stop_presenting() -> None:
    st.session_state["present"] = False
    st.query_params.pop(PRESENT_PARAM, None)


def font_scale() -> float:
    """How much chart text grows on this run: PRESENT_SCALE in presentation mode, else 1."""
    try:
        return PRESENT_SCALE if st.session_state.get("present") else 1.0
    except Exception:  # outside a Streamlit run (unit tests, scripts)
        return 1.0


def scaled_spec(spec: dict, scale: float, min_px: float = PRESENT_MIN_PX) -> dict:
    """A figure dict (to_dict()) with every font size and the height × `scale`; axes and
    legends that inherit their size get it explicitly, so no theme can shrink them. Data
    arrays are shared with `spec`, never changed."""
    if scale == 1:
        return spec
    layout = _scaled(spec.get("layout", {}), scale, min_px=min_px)
    base = font_px(BASE_FONT_PX, scale, min_px)
    layout.setdefault("font", {}).setdefault("size", base)
    for key in [k for k in layout if re.fullmatch(r"[xy]axis\d*", k)]:
        axis = layout[key]
        axis.setdefault("tickfont", {}).setdefault("size", base)
        if isinstance(axis.get("title"), dict):
            axis["title"].setdefault("font", {}).setdefault("size", base)
    layout.setdefault("legend", {}).setdefault("font", {}).setdefault("size", base)
    layout.setdefault("hoverlabel", {}).setdefault("font", {}).setdefault("size", base)
    if isinstance(layout.get("height"), int | float):
        layout["height"] = round(layout["height"] * scale)
    if isinstance(layout.get("margin"), dict):
        layout["margin"] = {
            k: round(v * scale) if isinstance(v, int | float) else v
            for k, v in layout["margin"].items()
        }
    data = [_scaled(trace, scale, min_px=min_px) for trace in spec.get("data", [])]
    for trace in data:  # a gauge's change (delta) is sized from its number unless set
        if trace.get("type") == "indicator" and isinstance(trace.get("delta"), dict):
            trace["delta"] = {**trace["delta"]}
            trace["delta"]["font"] = {"size": min_px, **trace["delta"].get("font", {})}
    return {**spec, "data": data, "layout": layout}


def font_px(size: float, scale: float, min_px: float = PRESENT_MIN_PX) -> float:
    """A chart font size scaled: at least `min_px`, titles (TITLE_PX and up) less."""
    if scale == 1:
        return size
    if size >= TITLE_PX:
        return round(size * min(scale, TITLE_SCALE), 1)
    return round(max(min_px, size * scale), 1)


def _scaled(
    value: object, scale: float, in_font: bool = False, min_px: float = PRESENT_MIN_PX
) -> object:
    """A copy of the dicts and lists of dicts in `value` with every font's size scaled."""
    if isinstance(value, dict):
        out = {}
        for key, item in value.items():
            if in_font and key == "size" and isinstance(item, int | float):
                out[key] = font_px(item, scale, min_px)
            else:
                out[key] = _scaled(item, scale, key == "font" or key.endswith("font"), min_px)
        return out
    if isinstance(value, list) and value and isinstance(value[0], dict):
        return [_scaled(item, scale, min_px=min_px) for item in value]
    return value


def for_screen(spec: dict) -> dict:
    """The figure dict to draw on this run (scaled in presentation mode)."""
    return scaled_spec(spec, font_scale())


def chart_stem(key: str) -> str:
    """A file name for a chart: junheng-<county code>-<county>-<year>-<chart key>."""
    filters = st.session_state.get("filters")
    parts = ["junheng"]
    if filters is not None:
        parts += [filters.county_code, filters.county_name, str(filters.year)]
    parts.append(key)
    return safe_filename("-".join(parts))


def safe_filename(name: str) -> str:
    """Letters (any script), digits, - and _ only; nothing a file system or a header reads."""
    return re.sub(r"[^\w-]+", "_", name).strip("_")[:120] or "junheng"


def chart_config(base: dict, key: str) -> dict:
    """plotly's config for one chart: the camera button saves `<chart_stem>.png`."""
    options = {**base.get("toImageButtonOptions", {}), "filename": chart_stem(key)}
    return {**base, "toImageButtonOptions": options}


def document_language(lang: str) -> None:
    """Set <html lang> to the language shown (zh-CN / en): screen readers and fonts read it."""
    code = json.dumps(HTML_LANG.get(lang, "zh-CN"))
    st.html(
        f"<script>document.documentElement.lang = {code};</script>",
        unsafe_allow_javascript=True,
    )


# Streamlit's page calls history.pushState each time the script writes a URL parameter: one
# choice that rewrites several (a county changes the year, the indicator, the school) made
# several Back steps. Here a URL change becomes a new history entry only when the reader did
# something since the last entry (a click, a key, focus moving into a map's frame), and once
# however many parameters that choice rewrites; a first visit writes its URL without an entry
# (components/filters.write_url). Installed once per tab, as the first element drawn.
HISTORY_SCRIPT = """<script>
(() => {
  if (window.junhengHistory) return;
  window.junhengHistory = true;
  const push = window.history.pushState.bind(window.history);
  let chose = false;
  const choosing = () => { chose = true; };
  ["pointerdown", "keydown"].forEach((e) => document.addEventListener(e, choosing, true));
  window.addEventListener("blur", choosing);  // a click inside a map (an iframe)
  window.history.pushState = function (state, title, url) {
    if (chose) {
      chose = false;
      return push(state, title, url);
    }
    return window.history.replaceState(state, title, url);
  };
})();
</script>"""


def page_scripts() -> None:
    """Charts, tables and maps printed at the page's width (PRINT_SCRIPT); Tab never kept
    inside a data table (KEYBOARD_SCRIPT)."""
    st.html(PRINT_SCRIPT + KEYBOARD_SCRIPT, unsafe_allow_javascript=True)


def history_steps() -> None:
    """Back and Forward step through the reader's choices only (see HISTORY_SCRIPT)."""
    st.html(HISTORY_SCRIPT, unsafe_allow_javascript=True)


def copy_link_button(label: str, done: str) -> None:
    """A button that copies the page's address (with its filters) to the clipboard; on a
    plain-http intranet address, where the clipboard API is missing, a selected text field."""
    label_js, done_js = json.dumps(label), json.dumps(done)
    st.html(
        f"""<div class="junheng-copy-link"><button type="button" id="junheng-copy-link"
style="border:1px solid rgba(49,51,63,.25);border-radius:.5rem;padding:.35rem .8rem;
background:white;cursor:pointer;font:inherit"></button></div>
<script>
(() => {{
  const button = document.getElementById("junheng-copy-link");
  if (!button) return;
  button.textContent = {label_js};
  button.onclick = async () => {{
    const link = window.location.href;
    try {{ await navigator.clipboard.writeText(link); }}
    catch (e) {{
      const field = document.createElement("textarea");
      field.value = link; document.body.appendChild(field); field.select();
      document.execCommand("copy"); field.remove();
    }}
    button.textContent = "✓ " + {done_js};
    setTimeout(() => {{ button.textContent = {label_js}; }}, 2000);
  }};
}})();
</script>""",
        unsafe_allow_javascript=True,
    )
