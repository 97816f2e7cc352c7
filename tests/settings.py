"""Test settings: the real settings, with a private data directory, plain http and a fast hasher."""

import os
from pathlib import Path

os.environ.setdefault("KINERJA_DATA_DIR", str(Path(__file__).resolve().parent.parent / ".test-data"))
os.environ.setdefault("KINERJA_HTTPS", "0")
os.environ.setdefault("KINERJA_SECRET_KEY", "tests-only-secret-key-not-for-production-use-0123456789")

from kinerja.settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
