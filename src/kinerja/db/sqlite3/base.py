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

No maintained package does this; it is three lines, kept in the backend so it is in force wherever
kinerja's SQLite connection is.
"""

from __future__ import annotations

import sqlite3

from django.db.backends.sqlite3 import base

sqlite3.register_adapter(type(None), {}.get)
sqlite3.register_adapter(bool, int)


class DatabaseWrapper(base.DatabaseWrapper):
    pass
