"""A form draft is kept on both backends also before its household exists (a new household
typed but not yet saved), and a draft of a household counts as a change of that dossier."""

from triage_app.services import drafts
from triage_app.store.sync_tables import DossierChange


def test_a_draft_of_a_new_household_is_kept(ctx):
    drafts.keep(ctx, "household:new", {"street": "Kanaalweg"}, "Nieuw huishouden")
    drafts.keep(ctx, "household:new", {"street": "Kanaalweg 7b"}, "Nieuw huishouden")
    [kept] = drafts.pending(ctx)
    assert kept.payload == {"street": "Kanaalweg 7b"} and kept.household_id is None
    drafts.discard(ctx, "household:new")
    assert drafts.pending(ctx) == []


def test_a_households_draft_counts_as_a_change_of_its_dossier(ctx, household):
    with ctx.store.read() as session:
        before = session.get(DossierChange, household.id).counter
    drafts.keep(ctx, f"melding:{household.id}", {"question": "Post"}, "Melding", household.id)
    with ctx.store.read() as session:
        assert session.get(DossierChange, household.id).counter > before
