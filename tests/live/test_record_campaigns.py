"""Record notifications that list ids name their campaigns (migration 0009), up to 50 of them; a
batch's record changes are summed up once for the pages (ids and campaigns, None when unknown)."""

from __future__ import annotations

from sqlalchemy import text

from welcomedly_desktop.db.changes import Change, ChangeListener


def _changes(listener: ChangeListener) -> list[Change]:
    found: list[Change] = []
    while True:
        batch = listener.wait(0.5)
        if not batch:
            return [c for c in found if c.entity == "record"]
        found.extend(batch)


def test_record_changes_by_id_carry_their_campaigns(db, admin_actor, make_campaign):
    camps = [make_campaign(f"C{i:02d}") for i in range(55)]
    with db.session() as s:
        for n, camp in enumerate(camps):
            s.execute(text("INSERT INTO campaign_records (campaign_id, phone) VALUES (:c, :p)"),
                      {"c": camp.id, "p": f"31{n:08d}"})
    listener = ChangeListener(db.url)
    listener.connect()
    try:
        two = [camps[3].id, camps[7].id]
        with db.session() as s:
            s.execute(text("UPDATE campaign_records SET attempts = 1 WHERE campaign_id = ANY(:c)"), {"c": two})
        [change] = _changes(listener)
        assert len(change.ids) == 2 and change.campaign_ids == tuple(sorted(two))
        assert change.campaigns == frozenset(two) and change.as_json()["campaign_ids"] == sorted(two)
        # 55 campaigns in one statement: too many to list; the campaigns are unknown.
        with db.session() as s:
            s.execute(text("UPDATE campaign_records SET attempts = 2"))
        [change] = _changes(listener)
        assert len(change.ids) == 55 and change.campaign_ids is None and change.campaigns is None
        assert "campaign_ids" not in change.as_json()
    finally:
        listener.close()


def test_a_batch_of_record_changes_is_summed_up_once():
    from welcomedly_desktop.gui.context import RecordChanges
    from welcomedly_desktop.gui.live import record_changes

    def change(ids, campaigns=None, campaign_id=None):  # noqa: ANN001, ANN202
        return Change(entity="record", op="update", ids=ids, at=None, by=None, campaign_ids=campaigns,
                      campaign_id=campaign_id, count=None if ids else 900)

    assert record_changes([change((1, 2), (5,)), change((3,), (6,))]) == RecordChanges(frozenset({1, 2, 3}),
                                                                                       frozenset({5, 6}))
    bulk = record_changes([change((1,), (5,)), change(None, campaign_id=7)])
    assert bulk == RecordChanges(None, frozenset({5, 7})) and bulk.touches(7) and not bulk.touches(8)
    unknown = record_changes([change((1,), None), change((2,), (5,))])
    assert unknown == RecordChanges(frozenset({1, 2}), None) and unknown.touches(8)
