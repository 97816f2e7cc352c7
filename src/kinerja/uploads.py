"""Files stored by an action that then fails are deleted again, so a refused or rolled-back action
leaves no file behind in the data directory (nothing is half-saved, files included).

Django writes a FileField's file to storage when it is saved, inside the action's transaction, and a
rollback cannot take the file back; Django has no hook that runs on a rollback, and no maintained
library does this for the file system storage, so it is written here:

- `Storage` is Django's FileSystemStorage (settings.STORAGES["default"]) that notes every file it
  writes while an action runs.
- `removed_on_failure` wraps an action, outside its transaction (its commit included): when the action
  raises, the files it wrote are deleted and the error goes on. Actions called by another wrapped
  action leave the decision to the outermost one. Files of an action that succeeds are kept.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from contextvars import ContextVar
from typing import Any, TypeVar

from django.core.files.storage import FileSystemStorage

F = TypeVar("F", bound=Callable[..., Any])
log = logging.getLogger(__name__)
_written: ContextVar[list[tuple[FileSystemStorage, str]] | None] = ContextVar("kinerja_written_files", default=None)


class Storage(FileSystemStorage):
    def _save(self, name: str, content: Any) -> str:
        saved = super()._save(name, content)
        written = _written.get()
        if written is not None:
            written.append((self, saved))
        return saved


def removed_on_failure(action: F) -> F:
    @functools.wraps(action)
    def run(*args: Any, **kwargs: Any) -> Any:
        if _written.get() is not None:
            return action(*args, **kwargs)
        token = _written.set([])
        try:
            return action(*args, **kwargs)
        except BaseException:
            for storage, name in _written.get() or []:
                try:
                    storage.delete(name)
                except OSError as e:  # the action's own error matters more; say what is left
                    log.error("could not delete %s after a failed %s: %s", name, action.__qualname__, e)
            raise
        finally:
            _written.reset(token)
    return run  # type: ignore[return-value]
