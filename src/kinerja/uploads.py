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
- `PendingUploads`: a file kept between the steps of one form (preview, then save) for its uploader.
- `KeptFiles`: the files of a form that passed their checks, kept when another field has an error, so the
  next try sends them without choosing them again (the division's answer page).
- `megabytes`: the size of a file, or a limit, in a message, written as the reader's language writes it.
- `sha256_of`: the SHA-256 of an uploaded or kept file's content, read in chunks, the file left at its start.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import secrets
import shutil
import time
from collections.abc import Callable
from contextvars import ContextVar
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path, PurePath
from typing import Any, TypeVar

from django.core.files.base import File
from django.core.files.storage import FileSystemStorage, default_storage
from django.utils.formats import number_format
from django.utils.text import get_valid_filename

F = TypeVar("F", bound=Callable[..., Any])
log = logging.getLogger(__name__)
_written: ContextVar[list[tuple[FileSystemStorage, str]] | None] = ContextVar("kinerja_written_files", default=None)


MEGABYTE = 1024 * 1024


def sha256_of(f: Any) -> str:
    """The SHA-256 (hex) of an uploaded or kept file's content, read in chunks; the file is left at its start."""
    digest = hashlib.sha256()
    for chunk in f.chunks():
        digest.update(chunk)
    f.seek(0)
    return digest.hexdigest()


def megabytes(size: int | float, places: int = 1) -> str:
    """`size` bytes in MB (binary, as file managers count) in the active language, rounded half up: "0,1" and
    "1.536" in Indonesian, "0.1" and "1,536" in English. The messages that show it write the "MB"."""
    quantum = Decimal(1).scaleb(-places)
    number = (Decimal(size) / MEGABYTE).quantize(quantum, rounding=ROUND_HALF_UP)
    return number_format(number, places, use_l10n=True)


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


class PendingUploads:
    """A file uploaded for a form of several steps (the SOP's preview then save; the performance import's
    check, choice of a sheet, then import) waits in a private folder named by an unguessable token that
    only the uploader's session knows, so the later steps read the same bytes without a second upload.
    Abandoned uploads (closed tab, expired session) are removed a day later, when the next one arrives."""

    def __init__(self, folder: str, session_key: str, fallback_name: str) -> None:
        self.folder, self.session_key, self.fallback_name = folder, session_key, fallback_name

    def keep(self, request: Any, upload: Any) -> str:
        """Store the upload; returns its token."""
        self.sweep()
        token = secrets.token_urlsafe(18)
        name = get_valid_filename(PurePath(upload.name or "").name) or self.fallback_name
        default_storage.save(f"{self.folder}/{token}/{name}", upload)
        request.session[self.session_key] = {**request.session.get(self.session_key, {}), token: name}
        return token

    def name(self, request: Any, token: str) -> str | None:
        """The file's name as uploaded (made safe), or None for a token this session does not know."""
        return request.session.get(self.session_key, {}).get(token)

    def path(self, request: Any, token: str) -> Path | None:
        """The kept file, or None when this session has no such upload (another's token, or removed)."""
        name = self.name(request, token)
        path = Path(default_storage.path(f"{self.folder}/{token}/{name}")) if name else None
        return path if path is not None and path.exists() else None

    def open(self, request: Any, token: str) -> File | None:
        """The kept file opened for reading, under its uploaded name; None as for `path`. The caller closes it."""
        path = self.path(request, token)
        return File(path.open("rb"), name=self.name(request, token)) if path is not None else None

    def forget(self, request: Any, token: str) -> None:
        """Remove the upload and its token (after the last step, or when it is cancelled)."""
        uploads = dict(request.session.get(self.session_key, {}))
        if uploads.pop(token, None) is not None:
            shutil.rmtree(Path(default_storage.path(f"{self.folder}/{token}")), ignore_errors=True)
        request.session[self.session_key] = uploads

    def sweep(self, max_age_seconds: float = 86400) -> None:
        """Remove the uploads left more than `max_age_seconds` ago."""
        root = Path(default_storage.path(self.folder))
        if not root.is_dir():
            return
        cutoff = time.time() - max_age_seconds
        for folder in root.iterdir():
            if folder.is_dir() and folder.stat().st_mtime < cutoff:
                shutil.rmtree(folder, ignore_errors=True)


class KeptFiles:
    """The files of one try of a form, with those kept from the tries before (`pending`, the uploader's own).

    The page shows each kept file by its file input `name` with a hidden "<name>-kept" holding its token and a
    "<name>-drop" button to remove it (a try that only removes: `removed` names what went, by input). `files`
    is the upload dict for the forms: the kept files of each input first, then those chosen now (a form's
    single file field reads the last one: a new choice replaces the kept file). A token the uploader's session
    does not know (another user's, or removed since) is counted in `refused`, never read."""

    def __init__(self, pending: PendingUploads, request: Any) -> None:
        self.pending, self.request = pending, request
        self.refused = 0
        self.tokens: dict[int, str] = {}  # id() of a kept file → its token
        self.opened: list[File] = []
        self.shown: dict[str, list[tuple[str, str]]] = {}
        self.removed: dict[str, list[str]] = {}
        data, self.files = request.POST, request.FILES.copy()
        for key in [k for k in data if k.endswith("-kept")]:
            name = key.removesuffix("-kept")
            dropped = set(data.getlist(f"{name}-drop"))
            kept = []
            for token in data.getlist(key):
                if token in dropped:
                    if (gone := pending.name(request, token)) is not None:
                        self.removed.setdefault(name, []).append(gone)
                    pending.forget(request, token)
                    continue
                found = pending.open(request, token)
                if found is None:
                    self.refused += 1
                    continue
                self.opened.append(found)
                self.tokens[id(found)] = token
                kept.append(found)
            if kept:
                self.files.setlist(name, kept + self.files.getlist(name))

    def keep(self, passed: Callable[[str, Any], bool], single: Callable[[str], bool]) -> None:
        """After a try with an error: keep each file that `passed` its checks for the next try (a new one
        stored, a kept one left), forget the rest; of an input that holds `single` file only the last."""
        for name in list(self.files):
            chosen = self.files.getlist(name)
            if single(name):
                for f in chosen[:-1]:
                    self._forget(f)
                chosen = chosen[-1:]
            for f in chosen:
                token = self.tokens.get(id(f))
                if not passed(name, f):
                    self._forget(f)
                    continue
                if token is None:
                    token = self.pending.keep(self.request, f)
                self.shown.setdefault(name, []).append((token, self.pending.name(self.request, token) or ""))

    def done(self) -> None:
        """After a successful try: the kept files are saved where they belong; their copies go."""
        self.close()
        for token in self.tokens.values():
            self.pending.forget(self.request, token)

    def close(self) -> None:
        for f in self.opened:
            f.close()

    def _forget(self, f: Any) -> None:
        token = self.tokens.get(id(f))
        if token is not None:
            f.close()
            self.pending.forget(self.request, token)
