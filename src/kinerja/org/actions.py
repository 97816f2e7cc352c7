"""State changes of the organisation. Each is one transaction; views, CLI and the demo call these."""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass

from django.contrib.auth import get_user_model, password_validation
from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from kinerja.errors import KinerjaError

from .models import Assignment, Office, OfficeHours, Person, Position, PositionAlias, Unit
from .nip import normalise_nip

DEFAULT_HOURS = [(day, dt.time(7, 30), dt.time(16, 0)) for day in range(5)]


@transaction.atomic
def create_office(*, code: str, name: str, short_name: str, city: str, address: str = "",
                  letterhead: str = "", time_zone: str = "Asia/Jakarta", is_demo: bool = False) -> Office:
    office = Office(code=code, name=name, short_name=short_name, city=city, address=address,
                    letterhead=letterhead, time_zone=time_zone, is_demo=is_demo)
    office.full_clean()
    office.save()
    add_default_hours(office)
    return office


def add_default_hours(office: Office) -> None:
    """Monday to Friday, 07.30–16.00, for a new office: its administrator sees and changes them
    rather than guess what an office without hours means."""
    OfficeHours.objects.bulk_create(
        OfficeHours(office=office, weekday=d, opens_at=o, closes_at=c) for d, o, c in DEFAULT_HOURS)


def add_unit(office: Office, name: str, kind: str, *, parent: Unit | None = None, short_name: str = "") -> Unit:
    unit = Unit(office=office, name=name, kind=kind, parent=parent, short_name=short_name)
    unit.full_clean()
    unit.save()
    return unit


def add_position(unit: Unit, title: str, kind: str, *, short_title: str = "", aliases: tuple[str, ...] = (),
                 single_holder: bool = True) -> Position:
    position = Position(office=unit.office, unit=unit, title=title, kind=kind, short_title=short_title,
                        single_holder=single_holder)
    position.full_clean()
    position.save()
    PositionAlias.objects.bulk_create(PositionAlias(position=position, name=a) for a in aliases)
    return position


@transaction.atomic
def add_person(office: Office, *, username: str, full_name: str, password: str | None, nip: str = "",
               grade: str = "", email: str = "", is_staff: bool = False, extra_role: str = "",
               language: str = "id", other_id: str = "", must_change_password: bool = False) -> Person:
    # is_staff: the office's administrator, who uses the Django admin for their own office only
    # (admin_scope.py); a superuser (the city's operator) is made with `kinerja manage createsuperuser`.
    # must_change_password: the password was typed by the administrator (the admin's add form), who knows it.
    user = get_user_model().objects.create_user(username=username, password=password, email=email,
                                                is_staff=is_staff)
    person = Person(user=user, office=office, full_name=full_name, nip=normalise_nip(nip), grade=grade,
                    extra_role=extra_role, language=language, other_id=other_id.strip(),
                    must_change_password=must_change_password and password is not None)
    try:
        person.full_clean(exclude=["user"])
    except ValidationError as e:
        raise KinerjaError("; ".join(f"{k}: {' '.join(v)}" for k, v in e.message_dict.items())) from e
    person.save()
    return person


@transaction.atomic
def update_account(person: Person, *, active: bool, password: str = "", acting_user: AbstractBaseUser) -> None:
    """The office's administrator lets a person sign in or not (they left the office: their tasks and
    signatures stay theirs) and replaces a forgotten password, or gives an account its first one. A password
    the administrator typed for someone else is known to two people, as a first password handed out is: the
    person chooses their own at the next sign-in (web.middleware)."""
    if not active and person.user_id == acting_user.pk:
        raise KinerjaError(_("You cannot lock your own account out."))
    user = get_user_model().objects.select_for_update().get(pk=person.user_id)
    user.is_active = active
    if password:
        user.set_password(password)
    user.save(update_fields=["is_active", "password"])
    if password and person.user_id != acting_user.pk and not person.must_change_password:
        person.must_change_password = True
        person.save(update_fields=["must_change_password"])


# Letters and digits that cannot be misread on paper (no 0/O, 1/l/I).
_PASSWORD_LETTERS = "abcdefghjkmnpqrstuvwxyz23456789"


def _first_password(user: AbstractBaseUser) -> str:
    """Twelve random letters and digits in groups of four ("k7mq-2xha-9pzt"): read off a sheet of paper
    and typed once, before the person chooses their own."""
    while True:
        password = "-".join("".join(secrets.choice(_PASSWORD_LETTERS) for _i in range(4)) for _g in range(3))
        try:
            password_validation.validate_password(password, user)
        except ValidationError:
            continue  # all digits, or like the username: draw again
        return password


@dataclass(frozen=True)
class FirstPassword:
    person: Person
    username: str
    password: str  # in clear only in this object, shown once; the database keeps its hash


@transaction.atomic
def give_first_passwords(people: list[Person], *, acting_user: AbstractBaseUser) -> tuple[list[FirstPassword],
                                                                                          list[Person]]:
    """A random first password for each active account of `people` that has none yet (as the organisation
    import makes them), which the person must change at the first sign-in. Accounts that have a password
    are left alone (the person may be using it), as are locked ones and the administrator's own. Returns
    the passwords given, to be shown once, and the people left alone."""
    users = {u.pk: u for u in get_user_model().objects.select_for_update()
             .filter(pk__in=[p.user_id for p in people]).order_by("pk")}
    given: list[FirstPassword] = []
    skipped: list[Person] = []
    for person in sorted(people, key=lambda p: p.full_name):
        user = users[person.user_id]
        if user.has_usable_password() or not user.is_active or user.pk == acting_user.pk:
            skipped.append(person)
            continue
        password = _first_password(user)
        user.set_password(password)
        user.save(update_fields=["password"])
        person.must_change_password = True
        person.save(update_fields=["must_change_password"])
        given.append(FirstPassword(person, user.username, password))
    return given, skipped


@transaction.atomic
def password_changed(person: Person) -> None:
    """The person chose their own password: the one handed out no longer holds them at the change page."""
    if person.must_change_password:
        person.must_change_password = False
        person.save(update_fields=["must_change_password"])


@transaction.atomic
def assign(person: Person, position: Position, *, starts_on: dt.date, ends_on: dt.date | None = None,
           kind: str = Assignment.Kind.DEFINITIVE, decree_number: str = "") -> Assignment:
    """Give `person` the position. The rules (same office; one definitive holder of a single-holder
    position, one definitive position of a person at a time) are the model's, shared with the admin."""
    # Lock the position and the person so two administrators cannot both slip a holder into the same period.
    Position.objects.select_for_update().get(pk=position.pk)
    Person.objects.select_for_update().get(pk=person.pk)
    assignment = Assignment(person=person, position=position, kind=kind, starts_on=starts_on,
                            ends_on=ends_on, decree_number=decree_number)
    try:
        assignment.full_clean()
    except ValidationError as e:
        raise KinerjaError(" ".join(e.messages)) from e
    assignment.save()
    return assignment


@transaction.atomic
def set_language(person: Person, language: str) -> Person:
    person.language = language
    person.full_clean(exclude=["user"])
    person.save(update_fields=["language"])
    return person
