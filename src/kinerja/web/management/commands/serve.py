import os
import sys
from typing import Any

from django.conf import settings
from django.core.management.base import CommandParser

from kinerja.verbs import KinerjaCommand


class Command(KinerjaCommand):
    help = ("Serve kinerja with gunicorn (the production web server). It runs no background work: start "
            "`kinerja worker` next to it (report compilation, reminders, e-mails) and `kinerja remind --every 60` "
            "(the reminder run); `make run` starts all three.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--bind", default=None, help="Address to bind (default 127.0.0.1:$PORT or :8000).")
        parser.add_argument("--workers", type=int, default=int(os.environ.get("KINERJA_WEB_WORKERS", "2")),
                            help="Number of gunicorn worker processes.")

    def handle(self, *args: Any, bind: str | None, workers: int, **options: Any) -> None:
        bind = bind or f"127.0.0.1:{os.environ.get('PORT', '8000')}"
        argv = [sys.executable, "-m", "gunicorn", "kinerja.wsgi:application", "--bind", bind,
                "--workers", str(workers), "--access-logfile", "-", "--timeout", "120"]
        self.stdout.write(f"kinerja serves on http://{bind}/ (background work needs `kinerja worker` running too)")
        if settings.PUBLIC_URL_SET:
            self.stdout.write(f"Links in e-mails and QR codes of signed documents: {settings.PUBLIC_URL}/")
        else:
            self.stdout.write(f"KINERJA_PUBLIC_URL is not set: links in e-mails point to {settings.PUBLIC_URL}/ and a "
                              "signed document's QR code to the address it was signed at. Set it to the address "
                              "people reach kinerja at (README, Settings).")
        self.stdout.flush()
        os.execv(sys.executable, argv)
