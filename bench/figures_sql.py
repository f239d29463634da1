# ruff: noqa: S608 - the queries are built from this file's own constants; values are parameters
"""Hand-written SQL computing the council figures and the network view's numbers, for the
benchmark to time beside the pages' own computation (`figures.selectors.council_figures`,
`network.selectors`).

Each function runs plain SQL through a cursor and returns counts keyed as the figures page's
book keys them — (period, section, row[, column]) — before small numbers are protected, so
the benchmark can check that the two agree before comparing their times. It computes the
same figures from the same rows: who was supported in each period, each promise's status at
the period's end, reviews on time, referrals to children's services, where the children
live, partner referrals, challenges, cost claims, and the equality figures (each group's
parents, referrals and separations). It does not protect small numbers; the
page does (that is part of what the page's time pays for).
"""

from collections import defaultdict
from decimal import Decimal

from parent_charter.parents.models import EthnicGroup


def _periods_sql(periods) -> tuple[str, list]:
    rows = ", ".join(["(%s, %s::date, %s::date)"] * len(periods))
    params = [value for p in periods for value in (p.slug, p.start, p.end)]
    return f"periods(slug, p_start, p_end) AS (VALUES {rows})", params


# The first and last day of each parent's support: from the day they were added to the day
# before their birthday at the offer's age limit (29 February: 1 March in other years).
PARENTS = """
parents AS (
    SELECT p.id, p.parent_role, p.date_of_birth,
           (p.created_at AT TIME ZONE %(tz)s)::date AS first,
           (CASE WHEN to_char(p.date_of_birth, 'MM-DD') = '02-29'
                      AND to_char(p.date_of_birth + make_interval(years => %(age)s), 'MM-DD')
                          <> '02-29'
                 THEN p.date_of_birth + make_interval(years => %(age)s) + interval '1 day'
                 ELSE p.date_of_birth + make_interval(years => %(age)s) END)::date - 1 AS last
    FROM parents_parent p
    WHERE p.council_id = %(council)s
),
supported AS (
    SELECT pe.slug, pe.p_start, pe.p_end, pa.*
    FROM periods pe JOIN parents pa ON pa.first <= pe.p_end AND pa.last >= pe.p_start
)
"""

AGE_BANDS = (("under_18", 0, 17), ("18_20", 18, 20), ("21_24", 21, 24), ("25_over", 25, 200))
ROLES = ("mother", "father", "parent")

# A child's circumstance at a day (the last recorded from then or before), with the parent it
# lives with, for a LATERAL join; and the place the separation figures count it in.
LATEST_CIRCUMSTANCE = """
    SELECT c2.child_id AS found, c2.lives_with, c2.legal_status AS legal,
           link.parent_id AS with_parent
    FROM children_childcircumstance c2
    LEFT JOIN children_childparent link ON link.id = c2.lives_with_parent_id
    WHERE c2.child_id = {child} AND c2.from_date <= {day}
    ORDER BY c2.from_date DESC, c2.recorded_at DESC, c2.id DESC LIMIT 1"""
PLACE = """CASE WHEN found IS NULL THEN 'not_recorded'
                WHEN legal = 'special_guardianship' THEN 'special_guardianship'
                WHEN lives_with = 'adopted' OR legal = 'adopted' THEN 'adopted'
                WHEN lives_with = 'both_parents'
                     OR (lives_with = 'one_parent' AND with_parent IS NOT NULL) THEN 'with_parent'
                WHEN lives_with IN ('one_parent', 'relatives') THEN 'other_parent_family'
                WHEN lives_with = 'foster_care' THEN 'foster_care'
                WHEN lives_with = 'not_yet_born' THEN 'not_recorded'
                ELSE 'elsewhere' END"""
# The places that count as apart from both birth parents.
SEPARATED = ("foster_care", "adopted", "special_guardianship", "elsewhere")


def council_figures_sql(cursor, *, council_id, period, previous, shown, offer, tz) -> dict:
    """Every count of the council figures page for `shown` periods, by the page's keys."""
    values: dict = {}
    age = offer["eligibility_age"] if offer else 25
    months = offer["review_interval_months"] if offer else 6
    periods, period_params = _periods_sql(shown)
    pair, pair_params = _periods_sql([period, previous])
    common = {"tz": tz, "council": council_id, "age": age, "months": months}

    def run(sql, periods_clause, params):
        # The periods are literal values (dates the benchmark chose); the rest are parameters.
        cursor.execute(f"WITH {_bind(periods_clause, params)}, {sql}", common)
        return cursor.fetchall()

    # Parents supported, started, ended, by role and age band.
    age_sql = "date_part('year', age(least(p_end, last), date_of_birth))"
    bands = ", ".join(
        f"count(*) FILTER (WHERE {age_sql} BETWEEN {low} AND {high})" for _k, low, high in AGE_BANDS
    )
    roles = ", ".join(f"count(*) FILTER (WHERE parent_role = '{role}')" for role in ROLES)
    for row in run(
        PARENTS
        + f"""SELECT slug, count(*),
                    count(*) FILTER (WHERE first BETWEEN p_start AND p_end),
                    count(*) FILTER (WHERE last BETWEEN p_start AND p_end),
                    {roles}, {bands}
             FROM supported GROUP BY slug""",
        periods,
        period_params,
    ):
        slug, supported, started, ended, *rest = row
        values[(slug, "parents", "supported")] = supported
        values[(slug, "parents", "started")] = started
        values[(slug, "parents", "ended")] = ended
        for role, n in zip(ROLES, rest[: len(ROLES)], strict=True):
            values[(slug, "parents", f"role:{role}")] = n
        for (key, _low, _high), n in zip(AGE_BANDS, rest[len(ROLES) :], strict=True):
            values[(slug, "parents", f"age:{key}")] = n

    # Parents by charter stage: a stage counts if one of its spans overlaps the period.
    for slug, stage, n in run(
        PARENTS
        + """, spans AS (
                SELECT e.parent_id, e.stage, (e.at AT TIME ZONE %(tz)s)::date AS begin,
                       (SELECT (x.at AT TIME ZONE %(tz)s)::date FROM parents_stagechange x
                        WHERE x.parent_id = e.parent_id AND x.stage = e.stage AND NOT x.entered
                          AND (x.at, x.id) > (e.at, e.id)
                        ORDER BY x.at, x.id LIMIT 1) AS until
                FROM parents_stagechange e
                WHERE e.council_id = %(council)s AND e.entered
             )
             SELECT s.slug, sp.stage, count(DISTINCT s.id)
             FROM supported s JOIN spans sp ON sp.parent_id = s.id
                  AND sp.begin <= s.p_end AND (sp.until IS NULL OR sp.until >= s.p_start)
             GROUP BY s.slug, sp.stage""",
        periods,
        period_params,
    ):
        values[(slug, "parents", f"stage:{stage}")] = n

    # Each promise: plan items for it open in the period, by their status at its end.
    for row in run(
        """items AS (
                SELECT i.id, i.commitment_id, i.local_commitment_id, i.due_date, i.parent_view,
                       (i.created_at AT TIME ZONE %(tz)s)::date AS created,
                       (i.closed_at AT TIME ZONE %(tz)s)::date AS closed
                FROM plans_planitem i
                WHERE i.council_id = %(council)s
                  AND (i.commitment_id IS NOT NULL OR i.local_commitment_id IS NOT NULL)
             ),
             state AS MATERIALIZED (
                SELECT pe.slug, pe.p_end, it.*,
                       coalesce((SELECT s.status FROM plans_planitemstatus s
                                 WHERE s.item_id = it.id
                                   AND s.at < ((pe.p_end + 1)::timestamp AT TIME ZONE %(tz)s)
                                 ORDER BY s.at DESC, s.id DESC LIMIT 1), 'to_discuss') AS status
                FROM periods pe
                JOIN items it ON it.created <= pe.p_end
                     AND (it.closed IS NULL OR it.closed >= pe.p_start)
             )
             SELECT slug, commitment_id, local_commitment_id, count(*),
                    count(*) FILTER (WHERE status = 'delivered'),
                    count(*) FILTER (WHERE status IN ('in_progress', 'offered', 'accepted')),
                    count(*) FILTER (WHERE status = 'to_discuss'),
                    count(*) FILTER (WHERE status IN ('declined', 'not_needed')),
                    count(*) FILTER (WHERE due_date < p_end
                                     AND status NOT IN ('delivered', 'declined', 'not_needed')),
                    count(*) FILTER (WHERE btrim(parent_view) <> '')
             FROM state GROUP BY slug, commitment_id, local_commitment_id""",
        pair,
        pair_params,
    ):
        slug, charter, local, applies, delivered, in_progress, not_started, declined = row[:8]
        overdue, with_view = row[8:]
        key = ("charter", charter) if charter else ("local", local)
        for column, n in (
            ("applies", applies),
            ("delivered", delivered),
            ("in_progress", in_progress),
            ("not_started", not_started),
            ("declined", declined),
            ("overdue", overdue),
        ):
            values[(slug, "promises", key, column)] = n
        all_applies = (slug, "promises", "all", "applies")
        all_view = (slug, "promises", "all", "parent_view")
        values[all_applies] = values.get(all_applies, 0) + applies
        values[all_view] = values.get(all_view, 0) + with_view

    # Plan reviews held on time or late, and plans overdue one at the period's end.
    for slug, on_time, late, overdue in run(
        PARENTS
        + """, plans AS (
                SELECT sp.id, sp.parent_id, (sp.created_at AT TIME ZONE %(tz)s)::date AS created
                FROM plans_supportplan sp WHERE sp.council_id = %(council)s
             ),
             reviews AS (
                SELECT r.plan_id, r.held_on,
                       coalesce(lag(r.held_on) OVER (PARTITION BY r.plan_id
                                                     ORDER BY r.held_on, r.id),
                                pl.created) AS before
                FROM plans_planreview r JOIN plans pl ON pl.id = r.plan_id
                WHERE r.council_id = %(council)s
             ),
             held AS (
                SELECT pe.slug,
                       count(*) FILTER (WHERE r.held_on <= r.before
                                        + make_interval(months => %(months)s)) AS on_time,
                       count(*) FILTER (WHERE r.held_on > r.before
                                        + make_interval(months => %(months)s)) AS late
                FROM periods pe
                JOIN reviews r ON r.held_on BETWEEN pe.p_start AND pe.p_end
                GROUP BY pe.slug
             ),
             owing AS (
                SELECT pe.slug, count(*) AS overdue
                FROM periods pe
                JOIN plans pl ON pl.created <= pe.p_end
                JOIN parents pa ON pa.id = pl.parent_id
                     AND pa.first <= pe.p_end AND pe.p_end <= pa.last
                WHERE coalesce((SELECT max(r.held_on) FROM plans_planreview r
                                WHERE r.plan_id = pl.id AND r.held_on <= pe.p_end), pl.created)
                      + make_interval(months => %(months)s) < pe.p_end
                GROUP BY pe.slug
             )
             SELECT pe.slug, coalesce(h.on_time, 0), coalesce(h.late, 0), coalesce(o.overdue, 0)
             FROM periods pe LEFT JOIN held h ON h.slug = pe.slug
                  LEFT JOIN owing o ON o.slug = pe.slug""",
        pair,
        pair_params,
    ):
        values[(slug, "reviews", "on_time")] = on_time
        values[(slug, "reviews", "late")] = late
        values[(slug, "reviews", "overdue")] = overdue

    # Referrals to children's services: made, each step, refused grounds.
    tallies = defaultdict(int)
    for slug, measure, kind, n in run(
        """made AS (
                SELECT 'made' AS measure, kind,
                       (created_at AT TIME ZONE %(tz)s)::date AS day
                FROM safeguards_childrenservicesreferral WHERE council_id = %(council)s
                UNION ALL
                SELECT CASE s.step WHEN 'sent' THEN 'sent_straight'
                                   WHEN 'held' THEN 'held_history'
                                   ELSE s.step END, r.kind, (s.at AT TIME ZONE %(tz)s)::date
                FROM safeguards_referralstep s
                JOIN safeguards_childrenservicesreferral r ON r.id = s.referral_id
                WHERE s.council_id = %(council)s
                UNION ALL
                SELECT 'refused', referral_kind, (occurred_at AT TIME ZONE %(tz)s)::date
                FROM safeguards_guardevent
                WHERE council_id = %(council)s AND kind = 'refused_ground'
             )
             SELECT pe.slug, m.measure, m.kind, count(*)
             FROM periods pe JOIN made m ON m.day BETWEEN pe.p_start AND pe.p_end
             GROUP BY pe.slug, m.measure, m.kind""",
        periods,
        period_params,
    ):
        values[(slug, "cs", measure, kind)] = n
        tallies[(slug, measure)] += n
    for (slug, measure), n in tallies.items():
        values[(slug, "cs", measure, "all")] = n

    # Where the born children of the parents supported lived at the period's end.
    places = defaultdict(int)
    latest = LATEST_CIRCUMSTANCE.format(child="ch.child_id", day="ch.p_end")
    for slug, place, n in run(
        PARENTS
        + f""", children AS (
                SELECT DISTINCT s.slug, s.p_end, c.id AS child_id
                FROM supported s
                JOIN children_childparent cp ON cp.parent_id = s.id
                JOIN children_child c ON c.id = cp.child_id
                WHERE c.date_of_birth IS NOT NULL AND c.date_of_birth <= s.p_end
             ),
             latest AS (
                SELECT ch.slug, cc.* FROM children ch
                LEFT JOIN LATERAL ({latest}) cc ON true
             )
             SELECT slug, {PLACE} AS place, count(*)
             FROM latest GROUP BY 1, 2""",
        periods,
        period_params,
    ):
        values[(slug, "separation", place)] = n
        places[(slug, "children")] += n
        if place in SEPARATED:
            places[(slug, "separated")] += n
    for (slug, key), n in places.items():
        values[(slug, "separation", key)] = n

    # Partner referrals made (and self-referrals), accepted and started.
    for row in run(
        """made AS (
                SELECT (created_at AT TIME ZONE %(tz)s)::date AS day, referred_by
                FROM referrals_referral WHERE council_id = %(council)s
             ),
             moves AS (
                SELECT (s.at AT TIME ZONE %(tz)s)::date AS day, s.status, r.programme_id
                FROM referrals_referralstatus s
                JOIN referrals_referral r ON r.id = s.referral_id
                WHERE s.council_id = %(council)s AND s.status IN ('accepted', 'started')
             )
             SELECT pe.slug,
                    (SELECT count(*) FROM made m WHERE m.day BETWEEN pe.p_start AND pe.p_end),
                    (SELECT count(*) FROM made m WHERE m.day BETWEEN pe.p_start AND pe.p_end
                                                  AND m.referred_by = 'self'),
                    (SELECT count(*) FROM moves m WHERE m.day BETWEEN pe.p_start AND pe.p_end
                                                   AND m.status = 'accepted'),
                    (SELECT count(*) FROM moves m WHERE m.day BETWEEN pe.p_start AND pe.p_end
                                                   AND m.status = 'started'),
                    (SELECT count(*) FROM moves m WHERE m.day BETWEEN pe.p_start AND pe.p_end
                                                   AND m.status = 'started'
                                                   AND m.programme_id IS NOT NULL)
             FROM periods pe""",
        pair,
        pair_params,
    ):
        slug, *counts = row
        for key, n in zip(
            ("made", "self", "accepted", "started", "programme_started"), counts, strict=True
        ):
            values[(slug, "partner", key)] = n

    # Challenges by promise: raised, answered in time, escalated, resolved.
    totals = defaultdict(int)
    for slug, kind, pk, raised, in_time, escalated, resolved in run(
        """raised AS (
                SELECT (c.raised_at AT TIME ZONE %(tz)s)::date AS day, c.due_on, c.status,
                       (c.responded_at AT TIME ZONE %(tz)s)::date AS responded, c.escalated_at,
                       CASE WHEN coalesce(c.commitment_id, i.commitment_id) IS NOT NULL
                            THEN 'charter'
                            WHEN coalesce(c.local_commitment_id, i.local_commitment_id)
                                 IS NOT NULL THEN 'local'
                            ELSE 'other' END AS kind,
                       coalesce(c.commitment_id, i.commitment_id, c.local_commitment_id,
                                i.local_commitment_id, 0) AS pk
                FROM portal_challenge c LEFT JOIN plans_planitem i ON i.id = c.plan_item_id
                WHERE c.council_id = %(council)s
             )
             SELECT pe.slug, r.kind, r.pk, count(*),
                    count(*) FILTER (WHERE r.responded IS NOT NULL AND r.responded <= r.due_on),
                    count(*) FILTER (WHERE r.escalated_at IS NOT NULL),
                    count(*) FILTER (WHERE r.status = 'resolved')
             FROM periods pe JOIN raised r ON r.day BETWEEN pe.p_start AND pe.p_end
             GROUP BY pe.slug, r.kind, r.pk""",
        periods,
        period_params,
    ):
        key = (kind, pk)
        for measure, n in (
            ("raised", raised),
            ("answered_in_time", in_time),
            ("escalated", escalated),
            ("resolved", resolved),
        ):
            values[(slug, "challenges", key, measure)] = n
            totals[(slug, measure)] += n
    for (slug, measure), n in totals.items():
        values[(slug, "challenges", "all", measure)] = n

    # Cost claims paid, by kind: how many and how much.
    amounts = {}
    paid = defaultdict(int)
    for slug, kind, n, total in run(
        """paid AS (
                SELECT kind, amount, paid_on FROM apart_costclaim
                WHERE council_id = %(council)s AND status = 'paid'
             )
             SELECT pe.slug, p.kind, count(*), sum(p.amount)
             FROM periods pe JOIN paid p ON p.paid_on BETWEEN pe.p_start AND pe.p_end
             GROUP BY pe.slug, p.kind""",
        periods,
        period_params,
    ):
        values[(slug, "claims", kind)] = n
        amounts[(slug, kind)] = total or Decimal("0.00")
        paid[slug] += n
    for slug, n in paid.items():
        values[(slug, "claims", "all")] = n

    values.update(_equality(run, period))
    return values


def _equality(run, period) -> dict:
    """The equality figures of the period, by the keys of their own book: for each high-level
    ethnic group and each answer on disability (no answer: not recorded), and for all, the
    parents supported, those referred to children's services in the period, and those with a
    child apart from both birth parents at its end."""
    clause, params = _periods_sql([period])
    detailed = ", ".join(f"'{value}'" for value in EthnicGroup.values)
    values = {}
    for ethnic_set, disability_set, ethnic, disability, parents, referred, separated in run(
        PARENTS
        + f""", answered AS (
                SELECT s.id, s.p_start, s.p_end,
                       CASE WHEN e.ethnic_group IS NULL
                                 OR e.ethnic_group NOT IN ({detailed}) THEN 'not_recorded'
                            WHEN e.ethnic_group IN ('prefer_not_to_say', 'not_recorded')
                                 THEN e.ethnic_group
                            ELSE split_part(e.ethnic_group, '_', 1) END AS ethnic,
                       coalesce(e.disability, 'not_recorded') AS disability
                FROM supported s LEFT JOIN parents_equalityanswers e ON e.parent_id = s.id
             ),
             referred AS (
                SELECT DISTINCT r.parent_id FROM safeguards_childrenservicesreferral r
                JOIN periods pe ON (r.created_at AT TIME ZONE %(tz)s)::date
                                   BETWEEN pe.p_start AND pe.p_end
                WHERE r.council_id = %(council)s
             ),
             separated AS (
                SELECT DISTINCT a.id AS parent_id
                FROM answered a
                JOIN children_childparent cp ON cp.parent_id = a.id
                JOIN children_child c ON c.id = cp.child_id
                     AND c.date_of_birth IS NOT NULL AND c.date_of_birth <= a.p_end
                JOIN LATERAL ({LATEST_CIRCUMSTANCE.format(child="c.id", day="a.p_end")}) cc
                     ON {PLACE} IN {SEPARATED}
             )
             SELECT GROUPING(a.ethnic), GROUPING(a.disability), a.ethnic, a.disability,
                    count(*), count(r.parent_id), count(sp.parent_id)
             FROM answered a
             LEFT JOIN referred r ON r.parent_id = a.id
             LEFT JOIN separated sp ON sp.parent_id = a.id
             GROUP BY GROUPING SETS ((a.ethnic), (a.disability), ())""",
        clause,
        params,
    ):
        if ethnic_set == 0:
            prefix = ("eq", "ethnic", ethnic)
        elif disability_set == 0:
            prefix = ("eq", "disability", disability)
        else:
            prefix = ("eq", "all")
        for measure, n in (("parents", parents), ("referred", referred), ("separated", separated)):
            values[(*prefix, measure)] = n
    return values


def _bind(clause: str, params: list) -> str:
    """The periods' VALUES with their literal slugs and dates (made by the benchmark from
    `figures.periods`, never input: quoted anyway)."""
    quoted = ["'{}'".format(str(value).replace("'", "''")) for value in params]
    return clause.replace("%s", "{}").format(*quoted)


def sign_up_sql(cursor, *, on_map) -> dict:
    """Councils by nation and sign-up status, as the network map counts them: every council
    in the system (no offer: not yet), and every council on the maps (`on_map`: their codes
    and nations, from the map files) that is not in the system yet."""
    rows = ", ".join(["(%s, %s)"] * len(on_map)) or "(NULL, NULL)"
    cursor.execute(
        f"""WITH map(code, nation) AS (VALUES {rows}),
                councils AS (
                    SELECT DISTINCT ON (c.gss_code) c.gss_code, c.nation,
                           coalesce(o.status, 'not_yet') AS status
                    FROM authorities_council c
                    LEFT JOIN offers_localoffer o ON o.council_id = c.id
                    ORDER BY c.gss_code, c.name DESC
                )
           SELECT nation, status, count(*) FROM (
               SELECT nation, status FROM councils
               UNION ALL
               SELECT m.nation, 'not_yet' FROM map m
               WHERE NOT EXISTS (SELECT 1 FROM councils c WHERE c.gss_code = m.code)
           ) everyone GROUP BY 1, 2""",
        [value for place in on_map for value in place],
    )
    return {(nation, status): n for nation, status, n in cursor.fetchall()}


def comparison_sql(cursor, *, period_slug: str, measures) -> dict:
    """What the network comparison shows: each shared measure's quartiles across the councils
    sharing their figures, and each of those councils' own row (its names and, for every
    measure, the count's state, value and threshold or the percentage), in name order."""
    out = quartiles_sql(cursor, period_slug=period_slug, measures=measures)
    columns = []
    for key, kind in measures:
        if kind == "count":
            columns += [
                f"s.measures -> '{key}' ->> 'state'",
                f"(s.measures -> '{key}' ->> 'value')::int",
                f"(s.measures -> '{key}' ->> 'threshold')::int",
            ]
        else:
            columns.append(f"(s.measures -> '{key}' ->> 'percent')::int")
    cursor.execute(
        f"""SELECT c.name, c.name_cy, {", ".join(columns)}
            FROM network_sharedfigures s
            JOIN network_networksharing n ON n.council_id = s.council_id AND n.share_figures
            JOIN authorities_council c ON c.id = s.council_id
            WHERE s.period = %s
            ORDER BY c.name""",  # noqa: S608 - measure keys are the app's own constants
        [period_slug],
    )
    out["rows"] = cursor.fetchall()
    return out


def quartiles_sql(cursor, *, period_slug: str, measures) -> dict:
    """Each shared measure's quartiles across the councils sharing their figures, and no
    more: the comparison's yardstick until 7 December 2026, kept to time beside it."""
    out = {}
    parts = []
    for key, kind in measures:
        field = "value" if kind == "count" else "percent"
        condition = (
            f"(s.measures -> '{key}' ->> 'state') = 'shown'"
            if kind == "count"
            else f"(s.measures -> '{key}' ->> 'percent') IS NOT NULL"
        )
        value = f"((s.measures -> '{key}' ->> '{field}')::numeric)"
        parts.append(
            f"count(*) FILTER (WHERE {condition}), "
            f"percentile_cont(ARRAY[0.25, 0.5, 0.75]) WITHIN GROUP (ORDER BY {value}) "
            f"FILTER (WHERE {condition})"
        )
    cursor.execute(
        f"""SELECT count(*), {", ".join(parts)}
            FROM network_sharedfigures s
            JOIN network_networksharing n ON n.council_id = s.council_id AND n.share_figures
            WHERE s.period = %s""",  # noqa: S608 - measure keys are the app's own constants
        [period_slug],
    )
    row = cursor.fetchone()
    out["councils"] = row[0]
    for index, (key, _kind) in enumerate(measures):
        count, quartiles = row[1 + 2 * index], row[2 + 2 * index]
        out[key] = (count, [float(q) for q in quartiles] if quartiles else None)
    return out
