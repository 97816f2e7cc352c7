"""What the tests of the performance import page share: posting a file to it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile


class UploadMixin:
    """`upload(path, **data)`: the file posted to the import page for 2025, with the form's other fields."""

    client: Any

    def upload(self, path: Path, **data: object) -> object:
        return self.client.post("/data/import/", {"year": 2025, "file": SimpleUploadedFile(path.name, path.read_bytes()),
                                                  **data})
