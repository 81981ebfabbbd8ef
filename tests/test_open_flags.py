"""store/follow_up.py: open flags per county, as the province page counts them."""

import pandas as pd

from store import follow_up as fu
from store.db import STORE_FILE, create_engine


def test_open_flags_per_county_with_the_flags_indexed_once(tmp_path):
    """The province page counts open flags per county with flag_index computed once per flags
    table (shared) and only the events read per run: the same counts as computing it all."""
    engine = create_engine(f"sqlite:///{tmp_path / STORE_FILE}")
    flags = pd.DataFrame(
        {
            "county_code": ["610102", "610102", "610102", "610526", "610526"],
            "flag_key": ["a", "b", "c", "d", "e"],
            "school_code": ["6101020001"] * 3 + ["6105260001"] * 2,
        }
    )

    def close(key: str, county: str, school: str, checked_first: bool) -> None:
        flag = fu.Flag(key, county, school, "below_floor")
        if checked_first:  # 待核实 → 已核实 → 已整改
            fu.record(
                engine, flag, user="督学", role="admin", allowed_schools=None, status=fu.CHECKED
            )
            fu.record(
                engine, flag, user="督学", role="admin", allowed_schools=None, status=fu.RECTIFIED
            )
        else:  # 待核实 → 无需整改 (with a note)
            fu.record(
                engine,
                flag,
                user="督学",
                role="admin",
                allowed_schools=None,
                status=fu.NOT_NEEDED,
                note="数据录入错误",
            )

    close("a", "610102", "6101020001", checked_first=True)
    close("d", "610526", "6105260001", checked_first=False)
    fu.record(
        engine,
        fu.Flag("b", "610102", "6101020001", "below_floor"),
        user="督学",
        role="admin",
        allowed_schools=None,
        status=fu.CHECKED,
    )  # still open
    index = fu.flag_index(flags)
    assert index[0].to_dict() == {"610102": 3, "610526": 2}
    assert index[1] == {
        "a": ["610102"],
        "b": ["610102"],
        "c": ["610102"],
        "d": ["610526"],
        "e": ["610526"],
    }
    counted = fu.open_per_county(flags, engine, index)
    assert counted.to_dict() == {"610102": 2, "610526": 1}  # a and d closed, b checked only
    pd.testing.assert_series_equal(counted, fu.open_per_county(flags, engine))
    engine.dispose()
