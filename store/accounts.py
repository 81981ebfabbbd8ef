"""Accounts and roles: admin (imports, settings, every flag), inspector (the flags of their
schools), viewer (the dashboard). Passwords are hashed with argon2id; failed logins are
counted in the shared store, so the limit holds across replicas.

    python -m store.accounts add NAME --role inspector --inspector 张老师 [--schools C1,C2]
    python -m store.accounts add NAME --role admin          (asks for the password twice)
    python -m store.accounts list
    python -m store.accounts remove NAME

Without any account the app stays the read-only dashboard (and the admin_password of
.streamlit/secrets.toml still opens the import page)."""

import argparse
import datetime as dt
import getpass
import hmac
import os
import sys
from dataclasses import dataclass
from types import SimpleNamespace

import sqlalchemy as sa
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from store.db import engine_for, login_failures, now, users

ROLES = ("admin", "inspector", "viewer")
MAX_FAILURES = 5  # failed logins per account name within FAILURE_WINDOW before a wait
FAILURE_WINDOW = dt.timedelta(minutes=15)
SESSION_HOURS = float(os.environ.get("JUNHENG_SESSION_HOURS", "8"))
MIN_PASSWORD = 10

_hasher = PasswordHasher()
# Verified when the name is unknown, so a wrong name takes as long as a wrong password.
_DUMMY_HASH = _hasher.hash("no such account")


@dataclass(frozen=True)
class Account:
    name: str
    role: str
    inspector: str | None
    schools: frozenset[str]
    expires_at: dt.datetime

    @property
    def expired(self) -> bool:
        return now() >= self.expires_at


class LoginRefused(Exception):
    """`key` names the message: wrong password, or locked for `wait_s` seconds."""

    def __init__(self, key: str, wait_s: int = 0):
        super().__init__(key)
        self.key, self.wait_s = key, wait_s


def has_accounts(engine: sa.Engine) -> bool:
    with engine.connect() as con:
        return con.execute(sa.select(sa.func.count()).select_from(users)).scalar() > 0


def add_user(
    engine: sa.Engine,
    name: str,
    password: str,
    role: str,
    inspector: str | None = None,
    schools: list[str] = (),
) -> None:
    """Add or replace an account."""
    name = name.strip()
    if not name or len(name) > 80:
        raise ValueError("the name must have 1 to 80 characters")
    if role not in ROLES:
        raise ValueError(f"role must be one of {', '.join(ROLES)}")
    if len(password) < MIN_PASSWORD:
        raise ValueError(f"the password must have at least {MIN_PASSWORD} characters")
    if role == "inspector" and not inspector and not schools:
        raise ValueError("an inspector needs --inspector NAME (责任督学) or --schools")
    row = {
        "password_hash": _hasher.hash(password),
        "role": role,
        "inspector": inspector or None,
        "schools": ",".join(s.strip() for s in schools if s.strip()),
        "created_at": now(),
    }
    with engine.begin() as con:
        con.execute(users.delete().where(users.c.name == name))
        con.execute(users.insert().values(name=name, **row))


def remove_user(engine: sa.Engine, name: str) -> bool:
    with engine.begin() as con:
        return con.execute(users.delete().where(users.c.name == name)).rowcount > 0


def recent_failures(engine: sa.Engine, name: str) -> list[dt.datetime]:
    since = now() - FAILURE_WINDOW
    query = (
        sa.select(login_failures.c.failed_at)
        .where(login_failures.c.user_name == name, login_failures.c.failed_at > since)
        .order_by(login_failures.c.failed_at)
    )
    with engine.connect() as con:
        return list(con.execute(query).scalars())


def wait_seconds(failures: list[dt.datetime]) -> int:
    """0 under MAX_FAILURES recent failures; then 30 s doubling with each further failure
    (at most the window), counted from the last failure."""
    extra = len(failures) - MAX_FAILURES
    if extra < 0:
        return 0
    wait = min(30 * 2**extra, int(FAILURE_WINDOW.total_seconds()))
    remaining = failures[-1] + dt.timedelta(seconds=wait) - now()
    return max(0, int(remaining.total_seconds()) + 1) if remaining.total_seconds() > 0 else 0


def login(engine: sa.Engine, name: str, password: str, admin_password: str = "") -> Account:
    """The account, or LoginRefused ("login_wrong" or "login_locked" with the wait).

    `admin_password` (secrets.toml) lets the name "admin" in as admin while no account of
    that name exists, so the password that opened the import page keeps working."""
    name = name.strip()[:80]
    wait = wait_seconds(recent_failures(engine, name))
    if wait:
        raise LoginRefused("login_locked", wait)
    with engine.connect() as con:
        row = con.execute(sa.select(users).where(users.c.name == name)).first()
    try:
        _hasher.verify(row.password_hash if row else _DUMMY_HASH, password)
        ok = row is not None
    except (VerificationError, InvalidHashError):
        ok = False
    if row is None and name == "admin" and admin_password:
        ok = hmac.compare_digest(password.encode(), admin_password.encode())
        row = SimpleNamespace(name="admin", role="admin", inspector=None, schools="")
    if not ok:
        with engine.begin() as con:
            con.execute(login_failures.insert().values(user_name=name, failed_at=now()))
        raise LoginRefused("login_wrong")
    with engine.begin() as con:
        con.execute(login_failures.delete().where(login_failures.c.user_name == name))
    return account_of(row)


def account_of(row) -> Account:
    return Account(
        row.name,
        row.role,
        row.inspector,
        frozenset(s for s in row.schools.split(",") if s),
        now() + dt.timedelta(hours=SESSION_HOURS),
    )


def still_valid(engine: sa.Engine, account: Account, admin: str = "") -> bool:
    """The session has not expired and the account still exists with the same role (or is
    the secrets.toml admin while `admin` password is still set)."""
    if account.expired:
        return False
    with engine.connect() as con:
        role = con.execute(sa.select(users.c.role).where(users.c.name == account.name)).scalar()
    return role == account.role or (role is None and account.name == "admin" and bool(admin))


def schools_of(account: Account, inspectors) -> set[str] | None:
    """The school codes an account may see and act on: None = every school (admin);
    inspectors: the schools whose 责任督学 is theirs (school_inspectors) and any listed."""
    if account.role == "admin":
        return None
    if account.role != "inspector":
        return set()
    named = set()
    if account.inspector is not None and not inspectors.empty:
        named = set(
            inspectors.loc[inspectors["inspector_name"] == account.inspector, "school_code"]
        )
    return named | set(account.schools)


def main(argv: list[str] | None = None) -> None:
    from store.db import default_url

    parser = argparse.ArgumentParser(prog="python -m store.accounts", description=__doc__)
    parser.add_argument("--store", default=None, help="store URL (default: JUNHENG_STORE_URL)")
    sub = parser.add_subparsers(dest="command", required=True)
    add = sub.add_parser("add", help="add or replace an account")
    add.add_argument("name")
    add.add_argument("--role", choices=ROLES, required=True)
    add.add_argument("--inspector", help="the 责任督学 name as in the 责任督学 sheet")
    add.add_argument("--schools", default="", help="school codes, comma-separated")
    add.add_argument("--password-stdin", action="store_true", help="read the password from stdin")
    sub.add_parser("list", help="list the accounts")
    remove = sub.add_parser("remove", help="remove an account")
    remove.add_argument("name")
    args = parser.parse_args(argv)
    engine = engine_for(args.store or default_url())
    if args.command == "add":
        if args.password_stdin:
            password = sys.stdin.readline().rstrip("\n")
        else:
            password = getpass.getpass("Password: ")
            if getpass.getpass("Again: ") != password:
                sys.exit("The passwords differ.")
        try:
            add_user(
                engine, args.name, password, args.role, args.inspector, args.schools.split(",")
            )
        except ValueError as error:
            sys.exit(str(error))
        print(f"{args.name}: {args.role}")
    elif args.command == "list":
        with engine.connect() as con:
            for row in con.execute(sa.select(users).order_by(users.c.name)):
                print(f"{row.name}\t{row.role}\t{row.inspector or ''}\t{row.schools}")
    elif not remove_user(engine, args.name):
        sys.exit(f"No account {args.name}.")


if __name__ == "__main__":
    main()
