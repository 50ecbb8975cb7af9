"""Keep what a worker typed but did not save yet, and offer it back after a crash."""

import datetime as dt
import uuid
from dataclasses import dataclass

from sqlmodel import select

from triage_app.services.context import ServiceContext
from triage_app.store.draft_tables import FormDraft
from triage_app.store.tables import Household, utcnow


@dataclass(frozen=True)
class DraftInfo:
    id: uuid.UUID
    form_key: str
    household_id: uuid.UUID | None
    dossier_number: str | None
    label: str
    saved_at: dt.datetime
    payload: dict

    def offer_text(self) -> str:
        """ "Er is niet-opgeslagen werk van 10:42 voor huishouden H-2026-000123 — herstellen?\""""
        when = self.saved_at.astimezone().strftime("%H:%M")
        day = self.saved_at.astimezone().date()
        if day != dt.date.today():
            when = f"{day:%d-%m-%Y} {when}"
        target = f" voor huishouden {self.dossier_number}" if self.dossier_number else ""
        return f"Er is niet-opgeslagen werk ({self.label}) van {when}{target}. Herstellen?"


def keep(
    ctx: ServiceContext,
    form_key: str,
    payload: dict,
    label: str,
    household_id: uuid.UUID | None = None,
) -> None:
    """Store the form's current content (one draft per worker and form, replaced each time)."""
    with ctx.store.write() as session:
        draft = session.exec(
            select(FormDraft).where(
                FormDraft.worker == ctx.actor.username, FormDraft.form_key == form_key
            )
        ).first()
        if draft is None:
            draft = FormDraft(
                worker=ctx.actor.username, form_key=form_key, household_id=household_id, label=label
            )
        draft.payload = payload
        draft.label = label
        draft.saved_at = utcnow()
        session.add(draft)


def _info(session, draft: FormDraft) -> DraftInfo:  # type: ignore[no-untyped-def]
    household = session.get(Household, draft.household_id) if draft.household_id else None
    return DraftInfo(
        draft.id,
        draft.form_key,
        draft.household_id,
        household.dossier_number if household else None,
        draft.label,
        draft.saved_at,
        dict(draft.payload),
    )


def pending(ctx: ServiceContext, form_key: str | None = None) -> list[DraftInfo]:
    """The acting worker's kept drafts (of one form, or all), newest first."""
    with ctx.store.read() as session:
        query = select(FormDraft).where(FormDraft.worker == ctx.actor.username)
        if form_key is not None:
            query = query.where(FormDraft.form_key == form_key)
        rows = session.exec(query.order_by(FormDraft.saved_at.desc())).all()
        return [_info(session, row) for row in rows]


def discard(ctx: ServiceContext, form_key: str) -> None:
    """Forget the draft of a form: after it was saved for real, or the worker declined it."""
    with ctx.store.write() as session:
        for draft in session.exec(
            select(FormDraft).where(
                FormDraft.worker == ctx.actor.username, FormDraft.form_key == form_key
            )
        ):
            session.delete(draft)
