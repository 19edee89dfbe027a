"""The demo data follows the language: Spanish names, Colombian cities and +57 mobiles in Spanish."""

from __future__ import annotations

from sqlalchemy import select

from welcomedly_desktop.db.models import Agent, Campaign, CampaignRecord, DncNumber
from welcomedly_desktop.importing.phones import rules_for
from welcomedly_desktop.services import demo


def test_spanish_demo_has_colombian_numbers_names_and_cities(db, admin_actor):
    with db.session() as session:
        demo.seed(session, admin_actor, records=300, days=2, language="es_CO")
    with db.session() as session:
        names = set(session.scalars(select(Campaign.name)))
        assert names == {"Renovaciones del trimestre", "Migración a fibra", "Recuperación"}
        records = session.execute(select(CampaignRecord.name, CampaignRecord.phone, CampaignRecord.extra)).all()
        assert len(records) == 300
        for name, phone, extra in records:
            assert phone.startswith("57300") and len(phone) == 12
            # Each one a valid Colombian mobile, as an import in Colombia would store it.
            assert rules_for("CO").judge(phone[2:], False) == (phone, None, "mobile")
            assert extra["city"] in demo.ES_CITIES
            assert name.split()[0] in demo.ES_FIRST_NAMES and name.split()[1] in demo.ES_LAST_NAMES
        assert all(p.startswith("+57 300") for p in session.scalars(select(Agent.phone)))
        agents = session.execute(select(Agent.name, Agent.email).order_by(Agent.id)).all()
        # Spanish agent names too, not the English demo's (issue 18), and e-mails that follow them.
        assert [a.name for a in agents] == demo.ES_AGENT_NAMES
        assert not {a.name for a in agents} & set(demo.DEMO_AGENT_NAMES)
        emails = {a.name: a.email for a in agents}
        assert emails["Sebastián Castaño"] == "sebastian.castano@demo.welcomedly.test"
        assert emails["María José Londoño"] == "maria.jose.londono@demo.welcomedly.test"
        assert all(e.isascii() for e in emails.values())
        # The do-not-call reasons the demo writes are in Spanish too (seen on the Do-not-call page).
        reasons = set(session.scalars(select(DncNumber.reason)))
        assert reasons == {"Demo: pidió que no lo llamen"}


def test_english_demo_is_unchanged(db, admin_actor):
    with db.session() as session:
        demo.seed(session, admin_actor, records=30, days=1)
    with db.session() as session:
        assert "Spring Renewals" in set(session.scalars(select(Campaign.name)))
        assert all(p.startswith("+1555") for p in session.scalars(select(CampaignRecord.phone)))
        agents = session.execute(select(Agent.name, Agent.email).order_by(Agent.id)).all()
        assert [a.name for a in agents] == demo.DEMO_AGENT_NAMES
        assert agents[0].email == "alba.ortega@demo.welcomedly.test"


def test_a_first_administrator_in_spanish_gets_spanish_default_dispositions(db):
    """The first administrator created in Spanish renames the untouched default dispositions (data
    seeded in English by the first migration); the Spanish demo then uses them."""
    from welcomedly_desktop import i18n
    from welcomedly_desktop.db.models import Disposition, Interaction
    from welcomedly_desktop.services import auth

    try:
        i18n.set_language("es")
        with db.session() as session:
            user = auth.register(session, None, email="primera@example.com", name="Primera Admin", role="admin",
                                 password="contraseña segura 1", country="CO")
        actor = auth.actor_for(user, "test")
        with db.session() as session:
            names = set(session.scalars(select(Disposition.name).where(Disposition.campaign_id.is_(None))))
            assert {"Venta", "No interesado", "Volver a llamar", "No contesta", "Buzón de voz"} <= names
            assert not names & {"Sale", "No answer", "Voicemail"}
            demo.seed(session, actor, records=60, days=2, language="es")
        with db.session() as session:
            used = set(session.scalars(select(Disposition.name).join(Interaction, Interaction.disposition_id == Disposition.id)))
            assert used and used <= names
    finally:
        i18n.set_language(None)


def test_a_first_administrator_in_english_keeps_the_defaults(db):
    from welcomedly_desktop.db.models import Disposition
    from welcomedly_desktop.services import auth

    with db.session() as session:
        auth.register(session, None, email="first@example.com", name="First Admin", role="admin",
                      password="a safe password 1")
    with db.session() as session:
        assert "Sale" in set(session.scalars(select(Disposition.name)))
