"""``welcomedly demo seed``: fill an empty database with a realistic demo, fast.

Everything row-shaped is generated inside PostgreSQL with ``generate_series``; Python only decides
the handful of campaigns and agents.
The same generators build the benchmark data set (``bench/bench_report.py``).

Activity is shaped like a real outbound floor: calls between 09:00 and 20:00 with morning and
late-afternoon peaks, fewer calls at weekends, most attempts unanswered, contacts talking for
minutes, and only the last attempt of a record allowed to close it.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass, field

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from welcomedly_desktop.db.models import Agent, Campaign, CampaignAssignment, Disposition
from welcomedly_desktop.errors import ValidationError
from welcomedly_desktop.services.default_dispositions import canonical_name
from welcomedly_desktop.services import audit
from welcomedly_desktop.services.context import Actor
from welcomedly_desktop.services.permissions import require_admin
from welcomedly_desktop.i18n import QT_TRANSLATE_NOOP, translate

DEFAULT_RECORDS = 100_000
MAX_RECORDS = 5_000_000

# Hours of day, repeated by weight: peaks 10-12 and 16-18, quiet lunch and evening.
HOUR_WEIGHTS = {9: 4, 10: 8, 11: 9, 12: 6, 13: 4, 14: 6, 15: 7, 16: 8, 17: 8, 18: 6, 19: 3}
HOURS_ARRAY = "ARRAY[" + ",".join(str(h) for h, w in HOUR_WEIGHTS.items() for _ in range(w)) + "]"

# Share of outcomes (by default disposition name).  Non-final outcomes may appear on any attempt;
# a closing outcome only on the last attempt of a record.
OUTCOME_WEIGHTS = {
    "No answer": 36,
    "Busy": 8,
    "Voicemail": 14,
    "Call back": 10,
    "Not interested": 17,
    "Sale": 8,
    "Wrong number": 4,
    "Do not call": 3,
}

FIRST_NAMES = [
    "Ana", "Luis", "Marta", "Jorge", "Sofia", "Diego", "Lucia", "Pablo", "Elena", "Carlos", "Julia", "Miguel",
    "Laura", "Andres", "Paula", "Javier", "Carmen", "Raul", "Irene", "Tomas", "Noah", "Emma", "Liam", "Olivia",
]
LAST_NAMES = [
    "Garcia", "Smith", "Lopez", "Johnson", "Martinez", "Brown", "Rodriguez", "Davis", "Hernandez", "Miller",
    "Gonzalez", "Wilson", "Perez", "Moore", "Sanchez", "Taylor", "Ramirez", "Anderson", "Torres", "Thomas",
]
DEMO_CAMPAIGNS = [
    ("Spring Renewals", "Existing customers whose contract ends this quarter.", 0.5),
    ("Fibre Upgrade", "Offer the fibre upgrade to copper customers.", 0.3),
    ("Win-back", "Former customers who left in the last year.", 0.2),
]
DEMO_AGENT_NAMES = [
    "Alba Ortega", "Bruno Castro", "Clara Vidal", "Dario Molina", "Eva Navarro", "Felix Rubio",
    "Gema Serrano", "Hugo Blanco", "Ines Romero", "Jaime Soto", "Karen Iglesias", "Leo Morales",
]

# Spanish (issue 18): Spanish names, Colombian cities, Colombian mobiles (+57 300...).
ES_FIRST_NAMES = [
    "Ana", "Luis", "Marta", "Jorge", "Sofía", "Diego", "Lucía", "Pablo", "Valentina", "Carlos", "Juliana", "Miguel",
    "Laura", "Andrés", "Paula", "Javier", "Camila", "Santiago", "Daniela", "Tomás", "Mateo", "Isabella",
]
ES_LAST_NAMES = [
    "García", "Rodríguez", "López", "Martínez", "González", "Hernández", "Pérez", "Sánchez", "Ramírez", "Torres",
    "Gómez", "Díaz", "Moreno", "Muñoz", "Rojas", "Vargas", "Castro", "Jiménez", "Ospina", "Restrepo",
]
#: The Spanish demo's 12 agents (and, from their names without accents, their e-mails).
ES_AGENT_NAMES = [
    "Alejandra Ortiz", "Sebastián Castaño", "Camila Vélez", "Andrés Muñoz", "Valeria Ríos", "Julián Cárdenas",
    "Natalia Quintero", "Felipe Zapata", "María José Londoño", "Juan Pablo Osorio", "Daniela Giraldo", "Óscar Patiño",
]
ES_CITIES = ["Bogotá", "Medellín", "Cali", "Barranquilla", "Cartagena", "Bucaramanga", "Pereira", "Cúcuta"]
ES_CAMPAIGNS = [
    ("Renovaciones del trimestre", "Clientes cuyo contrato termina este trimestre.", 0.5),
    ("Migración a fibra", "Ofrecer fibra óptica a los clientes de cobre.", 0.3),
    ("Recuperación", "Antiguos clientes que se fueron en el último año.", 0.2),
]
EN_CITIES = ["Madrid", "Austin", "Lima", "Bogota", "Denver"]


@dataclass(frozen=True)
class DemoLanguage:
    first_names: list[str]
    last_names: list[str]
    cities: list[str]
    campaigns: list[tuple[str, str, float]]
    phone_prefix: str  # the stored phone before a 7-digit serial (Spanish: E.164 digits of a Colombian mobile)
    agent_phone: str  # an agent's phone, {i} their number
    agent_names: list[str]  # the 12 demo agents
    dnc_reason: str  # why the demo's numbers are on the do-not-call list


def demo_language(language: str) -> DemoLanguage:
    """The demo's people and places for a language code ("es", "es_CO", "en"...)."""
    if language.lower().startswith("es"):
        return DemoLanguage(ES_FIRST_NAMES, ES_LAST_NAMES, ES_CITIES, ES_CAMPAIGNS, "57300", "+57 300 900 {i:04d}",
                            ES_AGENT_NAMES, "Demo: pidió que no lo llamen")
    return DemoLanguage(FIRST_NAMES, LAST_NAMES, EN_CITIES, DEMO_CAMPAIGNS, "+1555", "+1555900{i:04d}", DEMO_AGENT_NAMES,
                        "Demo: asked not to be called")


def demo_email(name: str) -> str:
    """A demo agent's e-mail from their name: "Sebastián Castaño" -> sebastian.castano@demo.welcomedly.test
    (accents dropped: an address people can type on any keyboard)."""
    plain = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    return plain.lower().replace(" ", ".") + "@demo.welcomedly.test"


@dataclass
class SeedResult:
    campaigns: list[int] = field(default_factory=list)
    agents: list[int] = field(default_factory=list)
    records: int = 0
    interactions: int = 0

    def to_dict(self) -> dict:
        return {
            "campaigns": self.campaigns,
            "agents": self.agents,
            "records": self.records,
            "interactions": self.interactions,
        }


def _sql_array(values: list[str]) -> str:
    return "ARRAY[" + ",".join("'" + v.replace("'", "''") + "'" for v in values) + "]"


def insert_records(session: Session, campaign_id: int, count: int, *, phone_offset: int = 0,
                   language: str = "en") -> int:
    """Insert ``count`` synthetic records into a campaign with one INSERT ... SELECT.

    Phone numbers are unique across calls as long as ``phone_offset`` ranges do not overlap.
    """
    if count <= 0:
        return 0
    people = demo_language(language)
    session.execute(
        text(
            f"""
            INSERT INTO campaign_records (campaign_id, source_row, name, phone, email, external_id, extra, status)
            SELECT :campaign_id, g,
                   ({_sql_array(people.first_names)})[1 + (g * 7) % {len(people.first_names)}] || ' ' ||
                   ({_sql_array(people.last_names)})[1 + (g * 13) % {len(people.last_names)}],
                   :prefix || lpad((:offset + g)::text, 7, '0'),
                   'customer' || (:offset + g) || '@example.com',
                   'EXT-' || (:offset + g),
                   jsonb_build_object('plan', (ARRAY['Basic','Plus','Premium'])[1 + g % 3],
                                      'city', ({_sql_array(people.cities)})[1 + g % {len(people.cities)}]),
                   'new'
            FROM generate_series(1, :count) AS g
            """
        ),
        {"campaign_id": campaign_id, "count": count, "offset": phone_offset, "prefix": people.phone_prefix},
    )
    return count


def _disposition_ids(session: Session) -> dict[str, int]:
    rows = session.execute(select(Disposition.name, Disposition.id).where(Disposition.campaign_id.is_(None)))
    return {canonical_name(name): did for name, did in rows}  # by the English default names (weights)


def generate_interactions(
    session: Session,
    campaign_id: int,
    *,
    days: int = 30,
    end: dt.datetime | None = None,
    attempts_pattern: str = "random",
    created_by: int | None = None,
    dnc_reason: str = "Demo: asked not to be called",
) -> int:
    """Generate call attempts for every record of a campaign and bring the records up to date.

    ``attempts_pattern``: "random" gives each record 0-4 attempts (weighted, mean ~1.6);
    "exact2" gives record number k exactly ``k % 5`` attempts, i.e. two attempts per record on
    average and exactly 2 × records interactions when the record count is a multiple of 5.
    Each record's attempts go to the agent it is assigned to (or a random assigned agent).
    """
    end = end or dt.datetime.now(dt.timezone.utc)
    dispositions = _disposition_ids(session)
    missing = [name for name in OUTCOME_WEIGHTS if name not in dispositions]
    if missing:
        raise ValidationError(None, translate("services", "The default disposition {missing!r} is missing; the demo needs the defaults.").format(missing=missing[0]))
    final_names = {
        canonical_name(name)
        for name, final in session.execute(
            select(Disposition.name, Disposition.is_final).where(Disposition.campaign_id.is_(None))
        )
        if final
    }
    all_ids = [dispositions[n] for n, w in OUTCOME_WEIGHTS.items() for _ in range(w)]
    open_ids = [dispositions[n] for n, w in OUTCOME_WEIGHTS.items() if n not in final_names for _ in range(w)]
    agents = list(
        session.scalars(
            select(CampaignAssignment.agent_id)
            .where(CampaignAssignment.campaign_id == campaign_id)
            .order_by(CampaignAssignment.agent_id)
        )
    )
    if not agents:
        raise ValidationError(None, translate("services", "The campaign has no assigned agents to generate activity for."))
    if attempts_pattern == "exact2":
        n_expr = "(r.rn % 5)::int"
    else:
        # 0:15%, 1:35%, 2:25%, 3:15%, 4:10%
        n_expr = "(ARRAY[0,0,0,1,1,1,1,1,1,1,2,2,2,2,2,3,3,3,4,4])[1 + (hashint(r.id) % 20)]"
    agents_array = "ARRAY[" + ",".join(str(a) for a in agents) + "]"
    all_array = "ARRAY[" + ",".join(str(d) for d in all_ids) + "]"
    open_array = "ARRAY[" + ",".join(str(d) for d in open_ids) + "]"
    contact_ids = [
        did for did in session.scalars(select(Disposition.id).where(Disposition.is_contact.is_(True)))
    ]
    contact_array = "ARRAY[" + ",".join(str(d) for d in contact_ids) + "]::int[]"
    callback_ids = [
        did for did in session.scalars(select(Disposition.id).where(Disposition.needs_callback.is_(True)))
    ] or [0]
    callback_array = "ARRAY[" + ",".join(str(d) for d in callback_ids) + "]::int[]"
    end_day = end.replace(hour=0, minute=0, second=0, microsecond=0)
    session.execute(
        text(
            """
            CREATE OR REPLACE FUNCTION pg_temp.hashint(x bigint) RETURNS int LANGUAGE sql IMMUTABLE AS
            $$ SELECT hashtext(x::text) & 2147483647 $$
            """
        )
    )
    n_expr = n_expr.replace("hashint(", "pg_temp.hashint(")
    result = session.execute(
        text(
            f"""
            WITH r AS (
                SELECT id, assigned_agent_id, row_number() OVER (ORDER BY id) AS rn
                FROM campaign_records WHERE campaign_id = :campaign_id
            ),
            plan AS (
                SELECT r.id AS record_id, r.assigned_agent_id, {n_expr} AS n,
                       random() AS first_day_frac
                FROM r
            ),
            attempts AS (
                SELECT p.record_id, p.assigned_agent_id, p.n, k,
                       -- the first attempt lands somewhere in the window, later ones 1-2 days apart
                       least(:days - 1, floor(p.first_day_frac * greatest(:days - 2 * p.n, 1))::int + (k - 1) * 2) AS day_index
                FROM plan p, generate_series(1, p.n) AS k
                WHERE p.n > 0
            ),
            shaped AS (
                SELECT a.*,
                       (CAST(:end_day AS timestamptz) - make_interval(days => :days - 1 - a.day_index)) AS day_start,
                       CASE WHEN a.k < a.n THEN ({open_array})[1 + floor(random() * {len(open_ids)})::int]
                            ELSE ({all_array})[1 + floor(random() * {len(all_ids)})::int] END AS disposition_id,
                       ({HOURS_ARRAY})[1 + floor(random() * {sum(HOUR_WEIGHTS.values())})::int] AS hour,
                       floor(random() * 3600)::int AS second_of_hour
                FROM attempts a
            ),
            timed AS (
                SELECT s.*,
                       -- weekends are quieter: move 60% of Sunday calls to Monday, Saturday keeps half
                       s.day_start
                         + CASE WHEN extract(isodow FROM s.day_start) = 7 AND random() < 0.6 THEN interval '1 day'
                                ELSE interval '0' END
                         + make_interval(hours => s.hour, secs => s.second_of_hour) AS started_at,
                       CASE WHEN s.disposition_id = ANY({contact_array})
                            THEN 30 + floor(random() * 480)::int ELSE floor(random() * 25)::int END AS talk
                FROM shaped s
            )
            INSERT INTO interactions (record_id, campaign_id, agent_id, disposition_id, started_at, ended_at,
                                      talk_seconds, notes, callback_at, created_by)
            SELECT t.record_id, :campaign_id,
                   coalesce(t.assigned_agent_id, ({agents_array})[1 + (t.record_id % {len(agents)})::int]),
                   t.disposition_id,
                   least(t.started_at, :end_ts),
                   least(t.started_at, :end_ts) + make_interval(secs => t.talk + 8),
                   t.talk, '',
                   CASE WHEN t.k = t.n AND t.disposition_id = ANY({callback_array})
                        THEN date_trunc('hour', least(t.started_at, :end_ts)) + interval '2 days' END,
                   :created_by
            FROM timed t
            """
        ),
        {
            "campaign_id": campaign_id,
            "days": days,
            "end_day": end_day,
            "end_ts": end,
            "created_by": created_by,
        },
    )
    inserted = result.rowcount or 0
    refresh_record_state(session, campaign_id, now=end, dnc_reason=dnc_reason)
    return inserted


def refresh_record_state(session: Session, campaign_id: int, *, now: dt.datetime,
                         dnc_reason: str = "Demo: asked not to be called") -> None:
    """Recompute attempts / last attempt / status / callback of a campaign's records from interactions."""
    session.execute(
        text(
            """
            WITH last AS (
                SELECT DISTINCT ON (i.record_id) i.record_id, i.started_at, i.disposition_id,
                       i.callback_at, d.is_final
                FROM interactions i JOIN dispositions d ON d.id = i.disposition_id
                WHERE i.campaign_id = :campaign_id
                ORDER BY i.record_id, i.started_at DESC, i.id DESC
            ),
            counts AS (
                SELECT record_id, count(*) AS n FROM interactions WHERE campaign_id = :campaign_id GROUP BY record_id
            )
            UPDATE campaign_records r
               SET attempts = c.n,
                   last_attempt_at = l.started_at,
                   last_disposition_id = l.disposition_id,
                   status = CASE WHEN l.is_final THEN 'done' ELSE 'in_progress' END,
                   callback_at = l.callback_at
              FROM last l JOIN counts c USING (record_id)
             WHERE r.id = l.record_id
            """
        ),
        {"campaign_id": campaign_id},
    )
    # Numbers whose owner asked not to be called go on the do-not-call list.
    session.execute(
        text(
            """
            INSERT INTO dnc_numbers (phone, campaign_id, reason)
            SELECT DISTINCT r.phone, NULL::int, :reason
              FROM campaign_records r JOIN dispositions d ON d.id = r.last_disposition_id
             WHERE r.campaign_id = :campaign_id AND d.is_dnc
            ON CONFLICT DO NOTHING
            """
        ),
        {"campaign_id": campaign_id, "reason": dnc_reason},
    )


def seed(session: Session, actor: Actor, *, records: int = DEFAULT_RECORDS, days: int = 30,
         language: str = "en") -> SeedResult:
    """Create the demo: 3 campaigns, 12 agents, ``records`` records and ~``days`` days of calls, in
    ``language`` (Spanish: Spanish names, Colombian cities and +57 numbers)."""
    from welcomedly_desktop.services import distribution

    require_admin(actor, QT_TRANSLATE_NOOP("permissions", "seed the demo data"))
    if records < 3 or records > MAX_RECORDS:
        raise ValidationError("records", translate("services", "The number of demo records must be between 3 and {max_records:,}.").format(max_records=MAX_RECORDS))
    existing = session.scalar(select(func.count()).select_from(Campaign))
    if existing:
        raise ValidationError(
            None,
            translate("services", "The database already has {existing} campaign(s); the demo only fills an empty database.").format(existing=existing),
        )
    taken = {e.lower() for e in session.scalars(select(Agent.email))}
    people = demo_language(language)
    result = SeedResult()
    agents: list[Agent] = []
    for i, name in enumerate(people.agent_names):
        email = demo_email(name)
        if email in taken:
            email = f"demo{i}.{email}"
        agent = Agent(name=name, email=email, phone=people.agent_phone.format(i=i), active=True)
        session.add(agent)
        agents.append(agent)
    today = dt.date.today()
    campaigns: list[Campaign] = []
    for name, description, _ in people.campaigns:
        campaign = Campaign(
            name=name,
            description=description,
            status="active",
            start_date=today - dt.timedelta(days=days),
            end_date=today + dt.timedelta(days=30),
            created_by=actor.user_id,
        )
        session.add(campaign)
        campaigns.append(campaign)
    session.flush()
    # Agents 0-5 on the first campaign, 4-9 on the second, 8-11 + 0-1 on the third (some overlap).
    teams = [agents[0:6], agents[4:10], agents[8:12] + agents[0:2]]
    for campaign, team in zip(campaigns, teams):
        for j, agent in enumerate(team):
            session.add(
                CampaignAssignment(campaign_id=campaign.id, agent_id=agent.id, share=2 if j == 0 else 1,
                                   assigned_by=actor.user_id)
            )
    session.flush()
    offset = 0
    now = dt.datetime.now(dt.timezone.utc)
    for index, (campaign, (_, _, weight)) in enumerate(zip(campaigns, people.campaigns)):
        count = records - sum(int(records * w) for _, _, w in people.campaigns[1:]) if index == 0 else int(records * weight)
        insert_records(session, campaign.id, count, phone_offset=offset, language=language)
        offset += count
        result.records += count
        distribution.distribute_unchecked(session, campaign.id, by_share=index == 0)
        result.interactions += generate_interactions(
            session, campaign.id, days=days, end=now, created_by=actor.user_id, dnc_reason=people.dnc_reason
        )
    result.campaigns = [c.id for c in campaigns]
    result.agents = [a.id for a in agents]
    session.execute(text("ANALYZE campaign_records"))
    session.execute(text("ANALYZE interactions"))
    audit.record(session, actor, "demo.seed", details=result.to_dict())
    return result
