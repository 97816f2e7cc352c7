"""kinerja's SQLite backend: Django's own, with sqlite3 told how to bind None and booleans.

Why (issue 5, Benchmark): sqlite3 binds an int, a float, a str or a bytearray directly; any other value,
None included, first goes through its adaptation protocol: a lookup of the value's type among the
registered adapters, then of `__adapt__` on sqlite3's PrepareProtocol class, which fails with an
AttributeError that Python formats ("type object 'PrepareProtocol' has no attribute '__adapt__'") and
then drops, then of `__conform__` on the value. That costs about 3,300 instructions per None (under
callgrind), and a completion binds nine of them (the empty columns of the task it opens: done_at,
done_by, the reminder times …). With an adapter registered for the type, the first lookup finds it.

The adapters give sqlite3 exactly what it bound before: None itself (bound as NULL; `{}.get` is a
function written in C that returns None for any key, so no Python frame is run) and a boolean's
integer (sqlite3 bound True and False as the integers 1 and 0). Registration is process-wide, as
sqlite3's adapters are; no other sqlite3 user in the process sees a different value bound. Registering
an adapter for int, float or str would slow every value down (sqlite3 then adapts all values), so
these two types only.

The transaction's BEGIN and COMMIT (issue 5 again): Django sends the BEGIN (IMMEDIATE, settings.py)
through a cursor of its own, wrapped as for any query (7.5 µs against 0.9 µs on sqlite3's connection
itself, measured with timeit), and reads settings.DEBUG through the settings proxy around the COMMIT,
once per transaction and so once per task completion. When nobody watches the queries (no DEBUG, no
assertNumQueries, no execute_wrapper: then Django's way, so every BEGIN is logged and wrapped as
before) both go to the sqlite3 connection directly, with Django's translation of its errors. Nothing
else differs: the same statements, on the same connection, in the same order.

No maintained package does either; they are a few lines, kept in the backend so they are in force
wherever kinerja's SQLite connection is.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from django.conf import settings
from django.db.backends.sqlite3 import base

sqlite3.register_adapter(type(None), {}.get)
sqlite3.register_adapter(bool, int)

_get_attribute = object.__getattribute__


class DatabaseWrapper(base.DatabaseWrapper):
    def _logged(self) -> bool:
        """queries_logged, with DEBUG read from the settings object itself (override_settings replaces
        it), not through the proxy's __getattribute__ written in Python."""
        return bool(self.force_debug_cursor or _get_attribute(settings, "_wrapped").DEBUG)

    def _start_transaction_under_autocommit(self) -> None:
        if self._logged() or self.execute_wrappers:
            super()._start_transaction_under_autocommit()
            return
        with self.wrap_database_errors:
            self.connection.execute("BEGIN" if self.transaction_mode is None else f"BEGIN {self.transaction_mode}")

    def _commit(self) -> Any:
        if self.connection is None or self._logged():
            return super()._commit()
        with self.wrap_database_errors:
            return self.connection.commit()
