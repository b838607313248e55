"""The synthetic commune's rows: its people, when they came, for what, and how each
dossier's life went since; numbered as desks number them. Deterministic for a seed."""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import replace
from datetime import date, datetime, time, timedelta
from typing import Any

from desk_app.domain.calendar import VN_TZ, WorkCalendar
from desk_app.domain.catalogue import Procedure, compute_fee
from desk_app.domain.codes import CodeTemplate, code_key, sequence_block
from desk_app.domain.dossier import FINISHED_STATUSES, Channel, ComponentEntry, Person, Status
from desk_app.domain.identity import FEMALE, MALE
from desk_app.domain.ids import uuid7
from desk_app.domain.lifecycle import LifecycleState, Satisfaction
from desk_app.domain.papers import book_volume
from desk_app.domain.records import DigitisedCounts, NewDossier
from desk_app.services.settings import DeskSettings

BATCH = 20_000
YEARS = 5
# How often each procedure is asked for at a commune desk (certified copies dominate).
PROCEDURE_WEIGHTS = {
    "2.000815": 40,
    "2.000884": 12,
    "1.001193": 10,
    "1.004873": 8,
    "2.000635": 6,
    "1.000894": 4,
    "1.000656": 3,
    "2.001035": 5,
    "2.001019": 1,
    "2.001016": 1,
    "2.000908": 3,
    "1.004222": 4,
    "1.004194": 3,
}


class Plan:
    """Turns reception moments into batches of demo dossiers, numbering them as desks do."""

    def __init__(
        self,
        rng: random.Random,
        people: list[Person],
        procedures: list[Procedure],
        weights: list[int],
        calendar: WorkCalendar,
        now: datetime,
        settings: DeskSettings,
        template: CodeTemplate,
        version: str,
    ) -> None:
        self.rng, self.people, self.calendar, self.now = rng, people, calendar, now
        self.procedures, self.weights = procedures, weights
        self.settings, self.template, self.version = settings, template, version
        self.sequences: dict[tuple[date, int], int] = {}
        self.book: dict[str, int] = {}  # entries per tracking book (one per sector a year)

    def batches(self, moments: list[datetime]) -> Iterator[list[NewDossier]]:
        rng = self.rng
        chosen = rng.choices(self.procedures, self.weights, k=len(moments))
        batch: list[NewDossier] = []
        for received_at, procedure in zip(moments, chosen, strict=True):
            desk = 1 if rng.random() < 0.6 else 2
            day = received_at.date()
            seq = self.sequences.get((day, desk), sequence_block(desk).start - 1) + 1
            self.sequences[(day, desk)] = seq
            volume = book_volume(day.year, procedure.sector)
            entry = self.book[volume] = self.book.get(volume, 0) + 1
            code = self.template.format(
                agency=self.settings.agency_code, day=day, seq=seq, desk=desk
            )
            batch.append(
                _dossier(
                    rng,
                    procedure,
                    self.people,
                    self.calendar,
                    self.now,
                    received_at,
                    self.version,
                    code,
                    self.settings.agency_code,
                    desk,
                    (volume, entry),
                    self.settings.result_location,
                )
            )
            if len(batch) == BATCH:
                yield batch
                batch = []
        if batch:
            yield batch


def population(rng: random.Random, data: dict[str, Any], size: int, today: date) -> list[Person]:
    families = [name for name, _ in data["family_names"]]
    family_weights = [weight for _, weight in data["family_names"]]
    people: list[Person] = []
    for family in rng.choices(families, family_weights, k=size):
        female = rng.random() < 0.52
        middle = rng.choice(data["middle_female" if female else "middle_male"])
        given = rng.choice(data["given_female" if female else "given_male"])
        birth = date(rng.randint(1945, today.year - 18), rng.randint(1, 12), rng.randint(1, 28))
        century_digit = (0 if birth.year < 2000 else 2) + (1 if female else 0)
        id_number = f"001{century_digit}{birth.year % 100:02d}{rng.randrange(10**6):06d}"
        phone = f"0{rng.choice('3579')}{rng.randrange(10**8):08d}"
        village = rng.choice(data["villages"])
        people.append(
            Person(
                full_name=f"{family} {middle} {given}",
                id_number=id_number,
                birth_date=birth,
                sex=FEMALE if female else MALE,
                address=f"{village}, {data['commune']['address_suffix']}",
                phone=phone if rng.random() < 0.85 else "",
                email="",
            )
        )
    return people


def reception_moments(
    rng: random.Random, calendar: WorkCalendar, now: datetime, count: int
) -> list[datetime]:
    """``count`` office-hour moments on working days over the last five years, in order."""
    start = now.date().replace(year=now.year - YEARS)
    days = [start + timedelta(n) for n in range((now.date() - start).days + 1)]
    days = [d for d in days if calendar.is_working_day(d)]
    sessions = calendar.hours.sessions
    minutes = [
        (s.hour * 60 + s.minute, e.hour * 60 + e.minute) for s, e in sessions
    ]  # office minutes of a day
    moments: list[datetime] = []
    for day in rng.choices(days, k=count):
        first, last = minutes[0] if rng.random() < 0.55 else minutes[-1]
        minute = rng.randrange(first, last)
        moment = datetime.combine(day, time(minute // 60, minute % 60), VN_TZ)
        moments.append(moment if moment <= now else now - timedelta(minutes=rng.randrange(1, 600)))
    moments.sort()
    return moments


def _dossier(
    rng: random.Random,
    procedure: Procedure,
    people: list[Person],
    calendar: WorkCalendar,
    now: datetime,
    received_at: datetime,
    version: str,
    code: str,
    agency: str,
    desk: int,
    book: tuple[str, int],
    result_location: str,
) -> NewDossier:
    applicant = rng.choice(people)
    due_at = calendar.appointment(received_at, procedure.processing)
    pages = rng.randint(1, 12) if procedure.fee.needs_pages else None
    sets = 1 if rng.random() < 0.8 else rng.randint(2, 5)
    fee = compute_fee(procedure.fee, sets=sets, pages=pages)
    components = tuple(
        ComponentEntry(
            i + 1,
            spec.name,
            spec.copy_kind,
            spec.count,
            spec.required or rng.random() < 0.3,
            spec.key,
        )
        for i, spec in enumerate(procedure.components)
    )
    if applicant.email == "" and rng.random() < 0.1:
        applicant = replace(applicant, email=f"congdan{rng.randrange(10**5)}@example.vn")
    life = _life(rng, calendar, now, received_at, due_at, applicant.id_number)
    received = sum(1 for c in components if c.received)
    return NewDossier(
        uuid=uuid7(received_at, rng.getrandbits(74)),
        code=code,
        code_key=code_key(code, agency),
        desk_number=desk,
        procedure_code=procedure.code,
        catalogue_version=version,
        status=life.status,
        received_at=received_at,
        due_at=life.due_at,
        applicant=applicant,
        principal=None,
        authorisation="",
        components=components,
        sets_count=sets,
        pages=pages,
        fee_amount=fee.amount,
        fee_text=fee.text,
        result_location=result_location,
        note="",
        lookup_secret=f"{rng.getrandbits(96):024x}",
        book_volume=book[0],
        book_entry=book[1],
        officer_id=1,
        channel=rng.choices(_CHANNELS, _CHANNEL_WEIGHTS)[0],
        life=life,
        digitised=_digitised(rng, now, received_at, received, life),
    )


_CHANNELS = (Channel.DIRECT, Channel.ONLINE, Channel.POST)
_CHANNEL_WEIGHTS = (80, 15, 5)
_SATISFACTION = tuple(Satisfaction)
_SATISFACTION_WEIGHTS = (55, 35, 8, 2)  # very satisfied ... dissatisfied


def _life(
    rng: random.Random,
    calendar: WorkCalendar,
    now: datetime,
    received_at: datetime,
    due_at: datetime,
    id_number: str,
) -> LifecycleState:
    """A plausible life so far: most finished on time, a few late (most with an apology),
    some waited for a supplement, a few refused or withdrawn; recent ones still open."""
    life = LifecycleState(
        status=Status.RECEIVED,
        received_at=received_at,
        due_at=due_at,
        deadline_at=due_at,
        applicant_id_number=id_number,
    )
    day = calendar.hours.day_length
    if rng.random() < 0.04:  # one supplement request, one to three working days' wait
        paused = received_at + (due_at - received_at) * rng.uniform(0.05, 0.3)
        waited = day * rng.randint(1, 3)
        resumed = calendar.add_working_time(paused, waited)
        if resumed > now:
            if paused > now:
                paused = now - timedelta(minutes=rng.randrange(1, 120))
            return replace(
                life,
                status=Status.SUPPLEMENT_REQUESTED,
                paused_at=paused,
                paused_from=Status.RECEIVED,
            )
        due_at = calendar.add_working_time(due_at, waited)
        life = replace(
            life,
            paused_at=paused,
            paused_from=Status.RECEIVED,
            resumed_at=resumed,
            due_at=due_at,
            deadline_at=due_at,
        )
    status, finished = _outcome(rng, calendar, now, received_at, due_at)
    if status in (Status.RECEIVED, Status.IN_PROCESSING):
        return replace(life, status=status)
    if finished is None:  # refused or withdrawn early on
        finished = min(received_at + timedelta(hours=rng.uniform(0.1, 30)), now)
    late = status in FINISHED_STATUSES and finished > due_at
    if late and rng.random() < 0.7:  # the apology moved the citizen's appointment
        life = replace(
            life, apologies=1, due_at=calendar.add_working_time(due_at, day * rng.randint(2, 5))
        )
    life = replace(life, status=status, settled_at=finished, settled_status=status)
    if status is Status.RETURNED:
        returned = min(finished + timedelta(hours=rng.uniform(0, 48)), now)
        answer = (
            rng.choices(_SATISFACTION, _SATISFACTION_WEIGHTS)[0] if rng.random() < 0.6 else None
        )
        life = replace(
            life, returned_at=returned, satisfaction=answer, settled_status=Status.RESULT_READY
        )
    return life


def _digitised(
    rng: random.Random, now: datetime, received_at: datetime, components: int, life: LifecycleState
) -> DigitisedCounts:
    """Digitisation rising over the years, as the directives ask (about 30% to 90%)."""
    age_years = (now - received_at).days / 365
    rate = max(0.3, 0.9 - 0.12 * age_years)
    full = components > 0 and rng.random() < rate
    return DigitisedCounts(
        components_digitised=components if full else 0,
        components_reused=1 if full and components > 1 and rng.random() < 0.3 else 0,
        result_digitised=life.settled_status in FINISHED_STATUSES and rng.random() < rate * 0.8,
    )


def _outcome(
    rng: random.Random,
    calendar: WorkCalendar,
    now: datetime,
    received_at: datetime,
    due_at: datetime,
) -> tuple[Status, datetime | None]:
    """The status reached and when processing ended (None: still open, or ended at once)."""
    roll = rng.random()
    if due_at > now:  # still running
        if roll < 0.5:
            return Status.IN_PROCESSING, None
        if roll < 0.85:
            return Status.RECEIVED, None
        return Status.RESULT_READY, received_at + (now - received_at) * rng.uniform(0.5, 1.0)
    if roll < 0.015:
        return Status.REFUSED, None
    if roll < 0.025:
        return Status.WITHDRAWN, None
    if roll < 0.027:
        return Status.IN_PROCESSING, None  # open and late
    if roll < 0.07:  # finished late, one to three working days after the deadline
        late = calendar.add_working_time(due_at, calendar.hours.day_length * rng.randint(1, 3))
        return Status.RETURNED, min(late, now)
    span = (due_at - received_at).total_seconds()
    finished = received_at + timedelta(seconds=span * rng.uniform(0.3, 1.0))
    return Status.RETURNED, min(finished, due_at)
