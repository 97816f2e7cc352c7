"""Hooks the engine offers to the apps built on it (imports go one way: they import us, never the
reverse).

`request_answered(sender=DivisionRequest, request=…)` is sent after a division's answer to a parallel
step is committed. The performance app connects to it to attach the division's indicator actuals to
the answer; until it does, an answer carries its note and files only.
"""

from django.dispatch import Signal

request_answered = Signal()
