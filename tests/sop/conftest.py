"""`english`: messages in English for tests that read them, whatever language an earlier request left
active in this thread (the UI default is Indonesian)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.utils import translation


@pytest.fixture
def english() -> Iterator[None]:
    with translation.override("en"):
        yield
