"""A division's answer to a parallel request of the workflow carries its indicator actuals.

The case says what period it is about in words ("Triwulan III 2025", "Tahun 2025", "11/2026");
`period_of` reads that into the performance data's period (a quarter or the year; a month counts as its
quarter, with the figures as they stand). `save_actuals` enters the division's actuals for that period
through `actions.enter_actual` (the input form's own rules: Indonesian numbers, text targets, evidence
checks, status) and submits them, once the division confirmed every implausible figure (plausibility.py),
so they reach the Kasubbag's check screen and the compiled report as any entered actual does. It runs inside
`workflow.actions.answer_request`'s transaction: one bad value and nothing is saved, neither the answer nor any actual.

`ActualsExtension` plugs this into the workflow's answer page and case page (workflow/extensions.py);
apps.py registers it. Imports go one way: we import workflow, workflow never imports us.

apps.py imports this module in ready(), which every `kinerja` command and web worker runs: the actions
(the workflow's brings its calendar and holidays), the cards and the form are imported in the functions
that use them.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.contrib.auth.models import AbstractBaseUser
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.template.loader import render_to_string
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from kinerja.dates import read_period
from kinerja.errors import KinerjaError, NotAllowed
from kinerja.workflow.models import Case, DivisionRequest

from .models import QUARTERS, Indicator, Target
from .numbers import format_plain

if TYPE_CHECKING:
    from .cards import Card, Period


@dataclass(frozen=True)
class CasePeriod:
    """The performance period a case is about: a year and a quarter (None: the whole year); `month`
    when the case named a month, which is measured in its quarter."""

    year: int
    quarter: int | None
    month: int | None = None

    @property
    def period(self) -> Period:
        from .cards import ANNUAL, Period

        return Period(self.year, self.quarter or ANNUAL)

    @property
    def label(self) -> str:
        return self.period.label


def period_of(text: str) -> CasePeriod | None:
    """"Triwulan III 2025", "TW 3/2025", "Tahun 2025", "TA 2025", "2025", "11/2026", "November 2026" → the
    period; None for anything else (a semester, a range, no year or several, a quarter or month that does
    not exist). kinerja.dates.read_period reads the text, as it does for the workflow's check of a period."""
    read = read_period(text)
    if read.year is None or not read.possible:
        return None
    if read.quarters:
        return CasePeriod(read.year, read.quarters[0].value)
    if read.semesters:
        return None
    if read.month is not None and read.month.value is not None:
        return CasePeriod(read.year, (read.month.value - 1) // 3 + 1, read.month.value)
    return CasePeriod(read.year, None) if read.whole_year else None


def period_key(text: str) -> str | None:
    """The key of a period a case names, equal for the same period however it is written ("TW 1 2025",
    "Triwulan I 2025"); None when period_of does not read it."""
    found = period_of(text)
    return None if found is None else f"{found.year}/{found.quarter or 0}/{found.month or 0}"


def target_years(office_id: int) -> list[int]:
    """The years the office has a target for (of an indicator, any kind): the periods whose data a case may
    collect (workflow extensions.period_years). One query."""
    return list(Target.objects.filter(indicator__office_id=office_id).values_list("year", flat=True)
                .distinct().order_by("year"))


# --- saving -------------------------------------------------------------------------------------

@dataclass
class ActualEntry:
    """What the division typed for one indicator in its answer."""

    indicator_id: int
    value: str
    obstacles: str = ""
    solutions: str = ""
    files: Sequence[UploadedFile] = ()
    confirmed: str = ""  # the value the division confirmed after its plausibility warning


class AnswerError(KinerjaError):
    """A bad value for one indicator, named with its code and name."""

    def __init__(self, indicator_id: int, field_name: str | None, message: str) -> None:
        self.indicator_id, self.field = indicator_id, field_name
        super().__init__(message)


class AnswerErrors(KinerjaError):
    """Every bad value of an answer; nothing was saved."""

    def __init__(self, errors: list[AnswerError]) -> None:
        self.errors = errors
        super().__init__(" ".join(str(e) for e in errors))


def _label(indicator: Indicator) -> str:
    return f"{indicator.code} {indicator.name}"


def check_actuals(request: DivisionRequest, entries: Sequence[ActualEntry]) -> list[AnswerError]:
    """Every problem of the entries, saving nothing: each value (a number the Indonesian way, or a text for a
    text target), each figure still to confirm, and each evidence file (kind, extension, size), all at once."""
    return _checked(request, entries)[2]


def _checked(request: DivisionRequest,
             entries: Sequence[ActualEntry]) -> tuple[CasePeriod, dict[int, Indicator], list[AnswerError]]:
    from . import actions
    from .actions import FieldError, check_evidence_file, read_actual

    case = request.task.case
    period = period_of(case.period)
    if period is None:
        raise KinerjaError(_("The case's period %(period)s is not a quarter, a month or a year: it has no "
                             "indicator actuals. Answer with a note and files.") % {"period": case.period})
    # The division's indicators as of the period's year: one a later year gave to another division is still its.
    indicators = Indicator.objects.as_of(period.year).filter(
        office_id=case.office_id, as_of_division_id=request.division_id).in_bulk(
        [e.indicator_id for e in entries])
    stored = _stored_evidence(period, [e.indicator_id for e in entries if e.files])
    errors: list[AnswerError] = []
    for entry in entries:
        indicator = indicators.get(entry.indicator_id)
        if indicator is None:
            errors.append(AnswerError(entry.indicator_id, None, _(
                "Indicator %(id)s is not one of %(division)s's indicators.") % {
                "id": entry.indicator_id, "division": request.division.name}))
            continue
        # The files first: a bad file is told with a bad value of the same indicator, not after it is fixed. The
        # same file twice (chosen twice, or attached already) is told here too, as add_evidence would refuse it.
        seen = dict(stored.get(indicator.pk, {}))
        for upload in entry.files:
            try:
                name, _kind, data = check_evidence_file(upload)
            except FieldError as e:
                errors.append(AnswerError(indicator.pk, "file", f"{_label(indicator)}: {e}"))
                continue
            digest = hashlib.sha256(data).hexdigest()
            if digest in seen:
                same, attached = seen[digest]
                message = (_("%(name)s is already attached to this figure (as %(attached)s).") if attached
                           else _("%(name)s is chosen twice for this figure (also as %(other)s).")) % {
                    "name": name, "attached": same, "other": same}
                errors.append(AnswerError(indicator.pk, "file", f"{_label(indicator)}: {message}"))
                continue
            seen[digest] = (name, False)
        if not entry.value.strip():
            errors.append(AnswerError(indicator.pk, "value", _(
                "%(indicator)s: enter the actual, or leave its other fields empty too.") % {"indicator": _label(indicator)}))
            continue
        try:
            read_actual(indicator, period.year, entry.value)
        except FieldError as e:
            errors.append(AnswerError(indicator.pk, "value", f"{_label(indicator)}: {e}"))
            continue
        if not actions.is_confirmed(entry.value, entry.confirmed):
            errors.extend(AnswerError(indicator.pk, "confirm", f"{_label(indicator)}: {warning}")
                          for warning in actions.value_warnings(indicator, period.year, period.quarter, entry.value))
    return period, indicators, errors


def _stored_evidence(period: CasePeriod, indicator_ids: list[int]) -> dict[int, dict[str, tuple[str, bool]]]:
    """The evidence attached to the current figures of these indicators in the period: by indicator, each file's
    SHA-256 → (its name, True); one query, none without files."""
    from .models import Evidence

    if not indicator_ids:
        return {}
    found: dict[int, dict[str, tuple[str, bool]]] = {}
    for indicator_id, digest, name in Evidence.objects.filter(
            actual__indicator_id__in=indicator_ids, actual__year=period.year, actual__quarter=period.quarter,
            actual__is_current=True).order_by("pk").values_list("actual__indicator_id", "sha256", "original_name"):
        found.setdefault(indicator_id, {}).setdefault(digest, (name, True))
    return found


@transaction.atomic
def save_actuals(request: DivisionRequest, *, user: AbstractBaseUser, entries: Sequence[ActualEntry]) -> dict[str, Any]:
    """Enter and submit the division's actuals of the request's case period. Called inside the
    answer's transaction (answer_with_actuals, or the answer page); raises AnswerErrors naming every
    bad indicator and value, or NotAllowed, and then nothing is saved (its own atomic block keeps that
    true when it is called alone). Returns the figures for the answer's audit event: ids and the values
    as stored."""
    from . import actions
    from .actions import FieldError

    period, indicators, errors = _checked(request, entries)
    if errors:
        raise AnswerErrors(errors)
    figures = []
    for entry in entries:
        indicator = indicators[entry.indicator_id]
        try:
            actual = actions.enter_actual(indicator.pk, period.year, period.quarter, user=user, value=entry.value,
                                          obstacles=entry.obstacles, solutions=entry.solutions,
                                          files=list(entry.files), submit=True)
        except NotAllowed:
            raise
        except FieldError as e:
            raise AnswerErrors([AnswerError(indicator.pk, e.field, f"{_label(indicator)}: {e}")]) from e
        except KinerjaError as e:
            raise AnswerErrors([AnswerError(indicator.pk, None, f"{_label(indicator)}: {e}")]) from e
        figures.append({"indicator": indicator.pk, "actual": actual.pk, "year": period.year, "quarter": period.quarter,
                        "value": format_plain(actual.value_number) if actual.value_number is not None
                        else actual.value_text})
    return {"actuals": figures}


def answer_with_actuals(request_id: int, *, user: AbstractBaseUser, note: str = "", files: Sequence[Any] = (),
                        entries: Sequence[ActualEntry] = ()) -> DivisionRequest:
    """Answer a division's request with a note, files and the division's actuals, in one transaction. A file sent
    both under Berkas and as an indicator's evidence is refused as the answer page refuses it (answer_request's
    repeated_files, each evidence file named with the figure it is for), nothing saved."""
    from kinerja.workflow import actions as workflow_actions

    with_files = [e for e in entries if e.files]
    labels = ({i.pk: _label(i) for i in Indicator.objects.filter(pk__in={e.indicator_id for e in with_files})}
              if with_files else {})
    elsewhere = [(f, _("the evidence of %(indicator)s") % {"indicator": labels.get(e.indicator_id, e.indicator_id)})
                 for e in with_files for f in e.files]
    return workflow_actions.answer_request(
        request_id, user=user, note=note, files=files, elsewhere=elsewhere,
        extra=(lambda request: save_actuals(request, user=user, entries=entries)) if entries else None)


# --- the answer page and the case page ------------------------------------------------------------

@dataclass
class ActualsPart:
    """The division's indicators of the case period on the answer page: targets, current actuals and
    an input per indicator still open to the division (a draft, a returned one, or none yet)."""

    request: DivisionRequest
    case_period: CasePeriod | None
    cards: list[Card] = field(default_factory=list)
    bound: bool = False
    errors: list[str] = field(default_factory=list)
    locked: str = ""  # why the figures are not asked for: the period's Data Kinerja is signed (signoff)
    template_name: str = "performance/partials/answer_actuals.html"
    stylesheets: tuple[str, ...] = ("performance/performance.css",)

    @property
    def editable(self) -> list[Card]:
        return [c for c in self.cards if c.editable]

    @property
    def month_label(self) -> str:
        return self.request.task.case.period if self.case_period and self.case_period.month else ""

    @property
    def quarters(self) -> dict[int, str]:
        return dict(QUARTERS)

    def _typed(self, card: Card) -> ActualEntry | None:
        data = card.form.cleaned_data if card.form.is_valid() else {}
        value = (data.get("value") or "").strip()
        obstacles, solutions = (data.get("obstacles") or "").strip(), (data.get("solutions") or "").strip()
        upload = data.get("file")
        if not (value or obstacles or solutions or upload):
            return None
        return ActualEntry(card.indicator.pk, value, obstacles, solutions, [upload] if upload else [],
                           (data.get("confirm") or "").strip())

    def entries(self) -> list[ActualEntry]:
        return [e for c in self.editable if (e := self._typed(c)) is not None] if self.bound else []

    def is_valid(self) -> bool:
        return all(c.form.is_valid() for c in self.editable)

    def has_data(self) -> bool:
        return bool(self.entries())

    def save(self, request: DivisionRequest, user: AbstractBaseUser) -> dict[str, Any]:
        return save_actuals(request, user=user, entries=self.entries())

    def check(self) -> bool:
        """Check what was typed and chosen as save() would, saving nothing, and put every problem next to its
        field: the answer page shows them all after one submit. A card the form refused is checked for its
        file too."""
        if not self.bound or self.case_period is None:
            return True
        from .actions import FieldError, check_evidence_file

        problems = check_actuals(self.request, self.entries())
        for card in self.editable:
            upload = card.form.files.get(card.form.add_prefix("file")) if not card.form.is_valid() else None
            if upload is not None and not card.form.errors.get("file"):
                try:
                    check_evidence_file(upload)
                except FieldError as e:
                    problems.append(AnswerError(card.indicator.pk, "file", f"{_label(card.indicator)}: {e}"))
        if problems:
            self.show_error(AnswerErrors(problems))
        return not problems

    def error_links(self) -> list[tuple[str, str]]:
        """Each problem shown in this part with the id of the element that shows it, for the page's list of
        problems at the top; a message of the form's own (an empty file) gets the indicator's code first. The
        messages are escaped, the indicator's code in each kept on one line (perfdata.keep_code)."""
        from .templatetags.perfdata import keep_code

        found: list[tuple[str, str]] = [(keep_code(e, None), "actuals") for e in self.errors]
        for card in self.cards:
            form = card.form
            if form is None or not form.is_bound:
                continue
            code = card.indicator.code or card.indicator.name
            order = [*form.fields, "__all__"]  # as the card shows them: the value before its file
            for name, messages in sorted(form.errors.items(), key=lambda item: order.index(item[0])):
                if name in form.fields:
                    anchor = form[name].id_for_label + ("-warning" if name == "confirm" else "")
                else:
                    anchor = f"i{card.indicator.pk}"
                found += [(keep_code(m if m.startswith(code) else f"{code}: {m}", card.indicator.code), anchor)
                          for m in messages]
        return found

    def upload_passed(self, name: str) -> bool | None:
        """Whether the file chosen in the input `name` passed its checks; None when the input is not this part's."""
        for card in self.editable:
            if card.form.is_bound and card.form.add_prefix("file") == name:
                return not card.form.errors.get("file")
        return None

    def chosen_files(self) -> list[tuple[Any, str]]:
        """Each evidence file chosen that passed its checks (after check()), with the figure it is for: the answer
        page tells the same file chosen under Berkas too (workflow.forms.same_files)."""
        found = []
        for card in self.editable:
            upload = card.form.files.get(card.form.add_prefix("file")) if card.form is not None else None
            if upload is not None and not card.form.errors.get("file"):
                found.append((upload, _("the evidence of %(indicator)s") % {"indicator": _label(card.indicator)}))
        return found

    def show_error(self, error: KinerjaError) -> bool:
        if not isinstance(error, AnswerErrors):
            return False
        cards = {c.indicator.pk: c for c in self.cards}
        for e in error.errors:
            card = cards.get(e.indicator_id)
            if card is None:
                self.errors.append(str(e))
            else:
                card.form.add_error(e.field if e.field in card.form.fields else None, str(e))
        return True


class ActualsExtension:
    """Registered in apps.py as the workflow's answer extension "performance"."""

    def part(self, request: DivisionRequest, *, user: AbstractBaseUser, data: Mapping[str, Any] | None = None,
             files: Mapping[str, Any] | None = None) -> ActualsPart | None:
        from . import signoff
        from .cards import input_card, period_indicators
        from .forms import ActualForm

        case = request.task.case
        if not case.period.strip():
            return None  # a case about no period (a permit's coordination): nothing to say about actuals
        found = period_of(case.period)
        part = ActualsPart(request, found, bound=data is not None)
        if found is None:
            return part
        # Once the period's Data Kinerja is signed its figures are locked: shown, not asked for.
        signature = signoff.signing(case.office, found.year, found.quarter)
        if signature is not None:
            part.locked = signoff.locked_notice(signature, found.year, found.quarter)
        for indicator in period_indicators(found.period).filter(office_id=case.office_id,
                                                                as_of_division_id=request.division_id):
            form = ActualForm(data, files, prefix=f"i{indicator.pk}") if data is not None else None
            card = input_card(indicator, found.period, form=form)
            if signature is not None and not signoff.is_correction(card.actual):
                card.editable = False
            part.cards.append(card)
        return part

    def figures(self, case: Case, requests: list[DivisionRequest]) -> dict[int, SafeString]:
        from .cards import input_card, period_indicators

        found = period_of(case.period)
        if found is None:
            return {}
        by_division: dict[int, list[Card]] = {}
        for indicator in period_indicators(found.period).filter(
                office_id=case.office_id, as_of_division_id__in={r.division_id for r in requests}):
            by_division.setdefault(indicator.division_id, []).append(input_card(indicator, found.period))
        return {r.pk: SafeString(render_to_string("performance/partials/answer_figures.html", {
            "cards": by_division.get(r.division_id, []), "period": found, "request": r,
            # A month's case: its figures are those of its quarter as they stand (period_of), said so with the month.
            "month": case.period if found.month else ""})) for r in requests}
