"""The writable store of user edits: follow-up of flags, evidence, accounts (store/db.py)."""
