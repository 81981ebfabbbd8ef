"""Follow-up of flags: 待核实 → 已核实 → 整改中 → 已整改 (or 无需整改), each step an
appended event with note, deadline, date and user, in one transaction with its evidence files.

A flag without events is 待核实. Who may act is decided here, not only in the page: the
caller passes the school codes the account may act on (store.accounts.schools_of)."""

import datetime as dt
import hashlib
import re
import unicodedata
import zipfile
from collections import Counter
from dataclasses import dataclass
from io import BytesIO

import pandas as pd
import sqlalchemy as sa

from store.db import evidence, flag_events, now

STATUSES = ("待核实", "已核实", "整改中", "已整改", "无需整改")
OPEN, CHECKED, RECTIFYING, RECTIFIED, NOT_NEEDED = STATUSES
NEXT = {
    OPEN: (CHECKED, NOT_NEEDED),
    CHECKED: (RECTIFYING, RECTIFIED, NOT_NEEDED),
    RECTIFYING: (RECTIFIED,),
    RECTIFIED: (),
    NOT_NEEDED: (),
}
# An admin may send a closed flag back (e.g. when next year's data show no improvement).
REOPEN = {RECTIFIED: (RECTIFYING,), NOT_NEEDED: (OPEN,)}
CLOSED = (RECTIFIED, NOT_NEEDED)  # a flag in any other status is open
MAX_NOTE = 2000
MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_FILES = 5
FILE_TYPES = {  # detected from the bytes, never from the name the user gave
    "jpg": "image/jpeg",
    "png": "image/png",
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


class FollowUpError(ValueError):
    """A follow-up step that is not allowed; `key` names the message (components/i18n.py)."""

    def __init__(self, key: str, **values: object):
        super().__init__(key)
        self.key, self.values = key, values


@dataclass(frozen=True)
class Flag:
    flag_key: str
    county_code: str
    school_code: str
    reason: str


def next_statuses(status: str, role: str) -> tuple[str, ...]:
    """The statuses a flag in `status` may move to (the same status = a note or evidence)."""
    reopen = REOPEN.get(status, ()) if role == "admin" else ()
    return (status, *NEXT[status], *reopen)


def file_type(data: bytes) -> str | None:
    """jpg, png, pdf, docx or xlsx from the file's first bytes and structure; else None."""
    if data.startswith(b"\xff\xd8\xff"):
        return "jpg"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        try:
            names = set(zipfile.ZipFile(BytesIO(data)).namelist())
        except zipfile.BadZipFile:
            return None
        if "[Content_Types].xml" in names:
            if "word/document.xml" in names:
                return "docx"
            if "xl/workbook.xml" in names:
                return "xlsx"
    return None


def safe_name(name: str, kind: str) -> str:
    """A display name: the last part of what the user gave, letters, digits and ._- only,
    at most 80 characters, with the extension of the detected type."""
    base = re.split(r"[\\/]", unicodedata.normalize("NFKC", name))[-1]
    stem = base.rsplit(".", 1)[0] if "." in base else base
    stem = re.sub(r"[^\w.-]", "_", stem).strip("._")[:80] or "file"
    return f"{stem}.{kind}"


def plain(name: str) -> str:
    """A user's file name for a message: letters, digits and ._- only (no markup)."""
    return re.sub(r"[^\w.-]", "_", re.split(r"[\\/]", name)[-1])[:80]


def checked_files(files: list[tuple[str, bytes]]) -> list[tuple[str, str, bytes]]:
    """(display name, content type, bytes) of each evidence file, or FollowUpError."""
    if len(files) > MAX_FILES:
        raise FollowUpError("fu_too_many_files", n=MAX_FILES)
    out = []
    for name, data in files:
        if len(data) > MAX_FILE_BYTES:
            raise FollowUpError("fu_file_too_big", name=plain(name), mb=MAX_FILE_BYTES // 2**20)
        kind = file_type(data)
        if kind is None:
            raise FollowUpError("fu_file_type", name=plain(name))
        out.append((safe_name(name, kind), FILE_TYPES[kind], data))
    return out


def latest(
    engine: sa.Engine,
    flag_keys: list[str] | None = None,
    county: str | None = None,
    counties: list[str] | None = None,
):
    """The latest event of each flag that has one: flag_key → row (of `flag_keys`, of one
    county, or of several)."""
    last = sa.select(sa.func.max(flag_events.c.id).label("id")).group_by(flag_events.c.flag_key)
    if county is not None:
        last = last.where(flag_events.c.county_code == county)
    if counties is not None:
        last = last.where(flag_events.c.county_code.in_(counties))
    if flag_keys is not None:
        last = last.where(flag_events.c.flag_key.in_(flag_keys))
    query = sa.select(flag_events).where(flag_events.c.id.in_(last.scalar_subquery()))
    with engine.connect() as con:
        return {row.flag_key: row for row in con.execute(query)}


def status_of(engine: sa.Engine, flag_key: str) -> str:
    row = latest(engine, [flag_key]).get(flag_key)
    return row.status if row else OPEN


def record(
    engine: sa.Engine,
    flag: Flag,
    *,
    user: str,
    role: str,
    allowed_schools: set[str] | None,
    status: str,
    note: str = "",
    deadline: dt.date | None = None,
    files: list[tuple[str, bytes]] = (),
) -> int:
    """Append one follow-up step (and its evidence) in one transaction; returns its id.

    `allowed_schools` None means every school (admin); otherwise the flag's school must be in
    it. Raises FollowUpError (key of the message) when the step is not allowed."""
    if role not in ("admin", "inspector"):
        raise FollowUpError("fu_not_allowed")
    if allowed_schools is not None and flag.school_code not in allowed_schools:
        raise FollowUpError("fu_not_your_school")
    note = note.strip()
    if len(note) > MAX_NOTE:
        raise FollowUpError("fu_note_too_long", n=MAX_NOTE)
    if status == RECTIFYING and deadline is None:
        raise FollowUpError("fu_needs_deadline")
    if status == NOT_NEEDED and not note:
        raise FollowUpError("fu_needs_note")
    attachments = checked_files(list(files))
    at = now()
    with engine.begin() as con:
        last = con.execute(
            sa.select(flag_events.c.status)
            .where(flag_events.c.flag_key == flag.flag_key)
            .order_by(flag_events.c.id.desc())
            .limit(1)
        ).scalar()
        current = last or OPEN
        if status not in next_statuses(current, role):
            raise FollowUpError("fu_bad_step", current=current, status=status)
        if status == current and not note and not attachments:
            raise FollowUpError("fu_nothing")
        event_id = con.execute(
            flag_events.insert().values(
                flag_key=flag.flag_key,
                county_code=flag.county_code,
                school_code=flag.school_code,
                status=status,
                note=note,
                deadline=deadline,
                reason=flag.reason,
                user_name=user,
                recorded_at=at,
            )
        ).inserted_primary_key[0]
        for name, content_type, data in attachments:
            con.execute(
                evidence.insert().values(
                    event_id=event_id,
                    flag_key=flag.flag_key,
                    file_name=name,
                    content_type=content_type,
                    size=len(data),
                    sha256=hashlib.sha256(data).hexdigest(),
                    data=data,
                    user_name=user,
                    recorded_at=at,
                )
            )
    return int(event_id)


def history(engine: sa.Engine, flag_key: str) -> pd.DataFrame:
    """Every step of one flag, oldest first, with the names of its evidence files."""
    files = (
        sa.select(evidence.c.event_id, evidence.c.id, evidence.c.file_name)
        .where(evidence.c.flag_key == flag_key)
        .order_by(evidence.c.id)
    )
    events = (
        sa.select(
            flag_events.c.id,
            flag_events.c.recorded_at,
            flag_events.c.user_name,
            flag_events.c.status,
            flag_events.c.note,
            flag_events.c.deadline,
        )
        .where(flag_events.c.flag_key == flag_key)
        .order_by(flag_events.c.id)
    )
    with engine.connect() as con:
        columns = list(events.selected_columns.keys())
        table = pd.DataFrame(con.execute(events).fetchall(), columns=columns)
        attached = con.execute(files).fetchall()
    names: dict[int, list[str]] = {}
    for event_id, _, name in attached:
        names.setdefault(event_id, []).append(name)
    table["files"] = [", ".join(names.get(i, [])) for i in table["id"]]
    return table


def evidence_files(engine: sa.Engine, flag_key: str) -> list[tuple[int, str, str, bytes]]:
    """(id, display name, content type, bytes) of a flag's evidence."""
    query = (
        sa.select(evidence.c.id, evidence.c.file_name, evidence.c.content_type, evidence.c.data)
        .where(evidence.c.flag_key == flag_key)
        .order_by(evidence.c.id)
    )
    with engine.connect() as con:
        return [tuple(row) for row in con.execute(query)]


def with_status(flags: pd.DataFrame, engine: sa.Engine) -> pd.DataFrame:
    """The flags (school_flags rows) with their follow-up: status, note, deadline, user, date."""
    if flags.empty:
        return flags.assign(status=[], note=[], deadline=[], user_name=[], recorded_at=[])
    last = latest(engine, county=None, flag_keys=list(flags["flag_key"]))
    pick = lambda field, default=None: [  # noqa: E731
        getattr(last[k], field) if k in last else default for k in flags["flag_key"]
    ]
    return flags.assign(
        status=pick("status", OPEN),
        note=pick("note", ""),
        deadline=pick("deadline"),
        user_name=pick("user_name", ""),
        recorded_at=pick("recorded_at"),
    )


def open_flags(flags: pd.DataFrame) -> pd.DataFrame:
    """The flags (with their status, see with_status) not yet closed."""
    return flags[~flags["status"].isin(CLOSED)]


def flag_index(flags: pd.DataFrame) -> tuple[pd.Series, dict[str, list[str]]]:
    """What open_per_county needs of `flags` besides the events: how many flags each county
    has, and the counties of each flag key's rows. It depends on `flags` alone: a page computes
    it once per flags table (components.widgets.shared) and only the events are read per run."""
    total = flags.groupby("county_code").size()
    counties: dict[str, list[str]] = {}
    for key, county in zip(flags["flag_key"], flags["county_code"], strict=True):
        counties.setdefault(key, []).append(county)
    return total, counties


def open_per_county(
    flags: pd.DataFrame,
    engine: sa.Engine,
    index: tuple[pd.Series, dict[str, list[str]]] | None = None,
) -> pd.Series:
    """county_code → how many of `flags` (school_flags rows: county_code, flag_key) are open:
    every flag, less those whose latest event closed it. Only the events of those counties are
    read (a province's flags are too many to look up by key). `index`: flag_index(flags)."""
    total, counties = index if index is not None else flag_index(flags)
    if flags.empty:
        return total
    last = latest(engine, counties=total.index.tolist())
    closed = Counter(
        county
        for key, row in last.items()
        if row.status in CLOSED
        for county in counties.get(key, ())
    )
    closed_per_county = pd.Series(closed, dtype="int64").rename_axis(total.index.name)
    return total.sub(closed_per_county, fill_value=0).astype(int)


def effect(row) -> str:
    """整改成效 of a rectified flag from next year's data: improved (no longer flagged and the
    measure moved the right way), better but still flagged, not improved, or no data yet."""
    if row.metric_next is None or row.metric_next != row.metric_next:
        return "no_data"
    moved = row.metric_next > row.metric if row.better == "higher" else row.metric_next < row.metric
    if moved and not row.flagged_next:
        return "improved"
    if moved:
        return "better_still_flagged"
    return "not_improved"
