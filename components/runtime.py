"""Process-wide tuning for serving many sessions.

Streamlit runs a full `gc.collect(2)` after every script run (`runner.postScriptGC`). In a
process holding pandas, plotly, folium and DuckDB that walks every imported object, about
0.1 s of CPU on each rerun. Objects that live as long as the process (modules, their tables,
plotly's validators, imported on a page's first visit) are moved out of the collector's
reach with `gc.freeze()`: the collection after a rerun then walks only what the rerun made.
"""

import gc
import sys
import threading

_lock = threading.Lock()
_frozen_modules = 0  # len(sys.modules) at the last freeze


def freeze_long_lived_objects() -> bool:
    """After a run: if modules were imported since the last freeze (a page visited for the
    first time in this process), collect garbage once and freeze what is left. Cheap
    otherwise. Returns whether it froze."""
    global _frozen_modules
    if len(sys.modules) == _frozen_modules:
        return False
    with _lock:
        if len(sys.modules) == _frozen_modules:
            return False
        gc.collect()
        gc.freeze()
        _frozen_modules = len(sys.modules)
        return True
