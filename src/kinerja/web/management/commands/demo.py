from importlib import import_module
from importlib.util import find_spec
from typing import Any

from django.conf import settings
from django.core.management.base import CommandError, CommandParser
from django.test.utils import override_settings
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from kinerja.org import demo
from kinerja.org.models import Office, Person
from kinerja.verbs import KinerjaCommand

# Each app may add its demo records with kinerja.<app>.demo.load(office) (idempotent).
APPS = ["sop", "workflow", "performance", "correspondence"]


class Command(KinerjaCommand):
    help = "Load the demo office (idempotent) and print its logins."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--city", action="store_true",
                            help="Also generate a city of offices for benchmarks (slow).")
        parser.add_argument("--quiet", action="store_true", help="Do not print the logins.")

    def handle(self, *args: Any, city: bool, quiet: bool, **options: Any) -> None:
        if not settings.DEMO:
            raise CommandError("The demo office has a published password and is refused in production "
                               "settings. Set KINERJA_DEMO=1 for a demo installation.")
        # The demo's people have invented addresses (@demo.invalid) and its events are invented: what the real
        # actions it goes through would mail (a figure it returns to its division) is not sent; their
        # notifications in the app are there.
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"):
            office, created = demo.load()
            for app in APPS:
                if find_spec(f"kinerja.{app}.demo"):
                    module = import_module(f"kinerja.{app}.demo")
                    module.load(office)
                    if city and hasattr(module, "load_city"):
                        module.load_city()
        if quiet:
            return
        self.stdout.write((_("Loaded the demo office: %(name)s.") if created
                           else _("Found the demo office: %(name)s.")) % {"name": office.name})
        self.stdout.write(_("Demo logins (password: %(password)s):") % {"password": settings.DEMO_PASSWORD})
        for username, what in _logins(office):
            self.stdout.write(f"  {username:<11} {what}")
        waiting = _waiting(office)
        if waiting:
            self.stdout.write(_("Waiting on Beranda today:"))
            for username, what in waiting:
                self.stdout.write(f"  {username:<11} {what}")


def _logins(office: Office) -> list[tuple[str, str]]:
    """Each demo login with whom it stands for: the person's name and the positions held today (an acting
    holding with its kind, "Plt. Kepala Dinas …"); an account without a position says what it is for."""
    from kinerja.org.holding import positions_held, today_in
    from kinerja.org.models import name_of

    day = today_in(office.time_zone)
    users = {p.user.username: p.user for p in Person.objects.filter(office=office).select_related("user")
             if p.user is not None}
    roles = {"admin": _("the office's administrator"), "auditor": _("auditor (reads everything, changes nothing)")}
    lines = []
    for username, _key in demo.DEMO_LOGINS:
        user = users.get(username)
        if user is None:
            lines.append((username, roles.get(username, "")))
            continue
        held = [f"{a.acting_prefix} {a.position.title}" if a.is_acting else a.position.title
                for a in positions_held(user, day)]
        role = [] if held or username not in roles else [roles[username]]
        lines.append((username, " · ".join([name_of(user), *held, *role])))
    return lines


def _waiting(office: Office) -> list[tuple[str, str]]:
    """What the demo leaves for each login's hand today, by the rules Beranda lists it (letters to dispose
    of, documents to initial or sign), and whose tasks a Plt or Plh does meanwhile."""
    if find_spec("kinerja.correspondence") is None:
        return []
    from kinerja.correspondence.inbox import awaiting
    from kinerja.org.holding import doing_own_work, positions_held, stand_ins, today_in

    day = today_in(office.time_zone)
    users = {p.user.username: p.user for p in Person.objects.filter(office=office).select_related("user")}
    lines = []
    for username, _key in demo.DEMO_LOGINS:
        user = users.get(username)
        if user is None:
            continue
        held = positions_held(user, day)
        acting = stand_ins(held, day)
        found = awaiting(user, office, doing_own_work(held, acting))
        acts = ([_("dispose of letter %(number)s (%(subject)s)") % {"number": letter.agenda_number,
                                                                      "subject": letter.subject}
                 for letter in found.letters]
                + [_("initial %(title)s") % {"title": v.document.title} for v in found.initials]
                + [_("sign %(title)s") % {"title": v.document.title} for v in found.signatures]
                + [(_("a %(kind)s does the work of %(position)s until %(day)s") if a.ends_on
                    else _("a %(kind)s does the work of %(position)s"))
                   % {"kind": a.get_kind_display(), "position": a.position.title,
                      "day": date_format(a.ends_on, "j F Y") if a.ends_on else ""}
                   for a in acting])
        lines += [(username, act) for act in acts]
    return lines
