"""Hooks the engine offers to the apps built on it (imports go one way: they import us, never the
reverse).

`request_answered(sender=DivisionRequest, request=…)` is sent after a division's answer to a parallel
step is committed. Data that must be saved with the answer itself (the performance app's indicator
actuals) goes through extensions.py instead, inside the answer's transaction.
"""

from django.dispatch import Signal

request_answered = Signal()
