"""Untrusted text (names from returns, uploaded files and their properties, URL parameters)
shown as text, never as HTML, Markdown, JavaScript or a spreadsheet formula: one function per
sink, all in this module.

- `md`: Streamlit's st.markdown / title / caption / info… and widget labels parse Markdown
  (images load, links show, `:material/…:` and `$…$` render). Every ASCII punctuation mark is
  backslash-escaped (CommonMark shows an escaped mark as itself) and line breaks become spaces.
  GFM also turns bare `http://…`, `www.…` and `a@b.cn` in the *parsed* text into links, which
  no escape prevents: an invisible word joiner (U+2060) after `://`, `www` and `@` does.
- `html`: folium tooltips and popups put property values into innerHTML, and folium's plain
  tooltips into a JavaScript template literal; plotly reads a small HTML subset. `<>&"'`,
  backtick, `$` and backslash become character references that all three show literally
  (numeric ones: plotly decodes `&lt;`, `&gt;`, `&amp;` and numbers, not `&quot;`).
- `html_line`: HTML given to st.markdown(unsafe_allow_html=True) (the overview's gauges, drawn as
  SVG): `html` on one line — a blank line would end the raw HTML block, and what follows
  would be read as Markdown.
- `cell`: a spreadsheet or CSV cell that Excel would run as a formula (= + - @, also after a
  leading tab or carriage return) gets a leading apostrophe; numbers stay numbers.
- `clean`: control characters (which openpyxl refuses and that hide text) are removed.
"""

import re

import pandas as pd

# C0 controls but tab/newline/CR, DEL, C1 controls, and the bidirectional overrides/isolates
# that can make a name read differently from what it is.
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
LINE_BREAKS = re.compile("[\t\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]+")
MD_SPECIAL = re.compile(r"([!-/:-@\[-`{-~])")  # every ASCII punctuation mark
AUTOLINK_START = re.compile(r"(?i)(://|www(?=\.)|@)")
WORD_JOINER = "\u2060"
# Numeric references where plotly (which knows only a few named ones) would show "&quot;".
HTML_ESCAPES = str.maketrans(
    {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&#34;", "'": "&#39;"}
    | {"`": "&#96;", "$": "&#36;", "\\": "&#92;"}
)
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def clean(value: object) -> str:
    """The text of `value` without control characters (tab, line feed and CR are kept)."""
    return CONTROL.sub("", "" if value is None else str(value))


def md(value: object) -> str:
    """`value` for a Streamlit sink that parses Markdown: shown literally, on one line."""
    one_line = LINE_BREAKS.sub(" ", clean(value))
    unlinked = AUTOLINK_START.sub(lambda m: m.group() + WORD_JOINER, one_line)
    return MD_SPECIAL.sub(r"\\\1", unlinked)


def html(value: object) -> str:
    """`value` for an HTML sink (folium tooltip/popup/property, plotly text): shown literally."""
    return clean(value).translate(HTML_ESCAPES)


def html_line(value: object) -> str:
    """`value` for HTML inside st.markdown(unsafe_allow_html=True) (an SVG drawn on the
    server): `html` on one line, since a blank line would end the raw HTML block and let the
    rest be read as Markdown."""
    return html(LINE_BREAKS.sub(" ", clean(value)))


def cell(value: object) -> object:
    """A spreadsheet / CSV cell: text that Excel would read as a formula becomes text (a
    leading apostrophe), control characters are removed; numbers and empty cells unchanged."""
    if not isinstance(value, str):
        return value
    text = CONTROL.sub("", value)
    return "'" + text if text.startswith(FORMULA_START) else text


def safe_cells(table: pd.DataFrame) -> pd.DataFrame:
    """`table` with every text cell and column name passed through `cell`."""
    out = table.copy()
    for column in out.columns:
        if out[column].dtype == object or pd.api.types.is_string_dtype(out[column]):
            out[column] = out[column].map(cell).astype(object)
    out.columns = [cell(c) if isinstance(c, str) else c for c in out.columns]
    return out
