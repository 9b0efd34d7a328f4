"""The benchmark's data, by bulk SQL: cases and tickets cloned from one
record each that the ORM created, timesheet lines, and articles whose words
appear in a few percent of the base, as in a real one (see run.py)."""

import random

# Knowledge-base queries as agents type them: words, word pairs, Persian
# and English, typos-free prefixes of titles and words that match nothing.
WORDS = [
    "printer",
    "scanner",
    "vpn",
    "password",
    "invoice",
    "keyboard",
    "router",
    "backup",
    "چاپگر",
    "اسکنر",
    "رمز",
    "فاکتور",
    "شبکه",
    "پشتیبان",
    "ایمیل",
    "مودم",
]
# Each article mentions a desk word with this chance, among generic terms,
# so that a query word matches a few percent of the base, as in a real one.
WORD_CHANCE = 0.03
TERMS = [f"term{index}" for index in range(3000)]


def columns(cr, table, skip):
    cr.execute(
        "SELECT column_name FROM information_schema.columns"
        " WHERE table_name = %s ORDER BY ordinal_position",
        [table],
    )
    return [name for (name,) in cr.fetchall() if name not in skip]


def clone_rows(cr, table, template_id, count, overrides):
    """Insert ``count`` copies of row ``template_id``; ``overrides`` maps a
    column to an SQL expression of ``n`` (1..count)."""
    if count <= 0:
        return
    existing = set(columns(cr, table, ()))
    overrides = {name: sql for name, sql in overrides.items() if name in existing}
    kept = columns(cr, table, {"id", *overrides})
    names = ", ".join([*kept, *overrides])
    values = ", ".join([*(f"t.{name}" for name in kept), *overrides.values()])
    cr.execute(
        f"INSERT INTO {table} ({names}) SELECT {values}"
        f" FROM {table} t, generate_series(1, %s) AS n WHERE t.id = %s",
        [count, template_id],
    )


def bench_partners(env, count=200):
    partners = env["res.partner"].search([("ref", "=like", "bench-%")])
    if len(partners) < count:
        partners |= env["res.partner"].create(
            [
                {"name": f"Bench customer {index}", "ref": f"bench-{index}"}
                for index in range(len(partners), count)
            ]
        )
    return partners


def top_up_cases(env, size, partners):
    """Cases and tickets up to ``size`` each, spread over the partners."""
    cr = env.cr
    cr.execute("SELECT count(*) FROM crm_case WHERE name LIKE 'Bench case %%'")
    missing = size - cr.fetchone()[0]
    if missing <= 0:
        return
    case = env["crm.case"].create(
        {
            "name": "Bench case template",
            "description": "<p>bench</p>",
            "partner_id": partners[0].id,
        }
    )
    ticket = env["helpdesk.ticket"].create(
        {
            "name": "Bench case template",
            "description": "<p>bench</p>",
            "partner_id": partners[0].id,
        }
    )
    env.flush_all()
    partner_ids = "ARRAY[%s]" % ",".join(str(pid) for pid in partners.ids)
    start = "(SELECT coalesce(max(id), 0) FROM crm_case) + n"
    clone_rows(
        cr,
        "crm_case",
        case.id,
        missing,
        {
            "name": "'Bench case ' || n",
            "number": f"'BENCH-' || {start}",
            "partner_id": f"({partner_ids})[1 + n %% {len(partners)}]",
            "commercial_partner_id": f"({partner_ids})[1 + n %% {len(partners)}]",
            "date_request": "now() - (n %% 700) * interval '1 day'",
        },
    )
    clone_rows(
        cr,
        "helpdesk_ticket",
        ticket.id,
        missing,
        {
            "name": "'Bench case ' || n",
            "number": "'BENCH-' || ((SELECT max(id) FROM helpdesk_ticket) + n)",
            "partner_id": f"({partner_ids})[1 + n %% {len(partners)}]",
        },
    )
    cr.execute("ANALYZE crm_case; ANALYZE helpdesk_ticket")


def top_up_lines(env, count, partners):
    cr = env.cr
    cr.execute("SELECT count(*) FROM account_analytic_line WHERE name = 'bench'")
    missing = count - cr.fetchone()[0]
    if missing <= 0:
        return
    project = env["project.project"].search([("name", "=", "Bench project")])
    project = project or env["project.project"].create(
        {"name": "Bench project", "allow_timesheets": True}
    )
    employee = env["hr.employee"].search([("name", "=", "Bench employee")])
    employee = employee or env["hr.employee"].create({"name": "Bench employee"})
    case = env["crm.case"].search([("name", "=like", "Bench case %")], limit=1)
    case.project_id = project
    line = env["account.analytic.line"].create(
        {
            "name": "bench",
            "case_id": case.id,
            "project_id": project.id,
            "employee_id": employee.id,
            "unit_amount": 1.0,
        }
    )
    env.flush_all()
    cr.execute(
        "SELECT id FROM crm_case WHERE name LIKE 'Bench case %%' ORDER BY id LIMIT 5000"
    )
    case_ids = "ARRAY[%s]" % ",".join(str(cid) for (cid,) in cr.fetchall())
    clone_rows(
        cr,
        "account_analytic_line",
        line.id,
        missing - 1,
        {
            "case_id": f"({case_ids})[1 + n %% cardinality({case_ids})]",
            "date": "current_date - (n %% 700)",
            "unit_amount": "0.25 * (1 + n %% 8)",
        },
    )
    cr.execute("ANALYZE account_analytic_line")


def top_up_articles(env, count):
    cr = env.cr
    cr.execute("SELECT count(*) FROM crm_case_article WHERE name LIKE 'Bench %%'")
    missing = count - cr.fetchone()[0]
    if missing <= 0:
        return
    rng = random.Random(7)
    rows = []
    for index in range(missing):
        words = [word for word in WORDS if rng.random() < WORD_CHANCE]
        terms = rng.choices(TERMS, k=40)
        title = f"Bench {' '.join((words + terms)[:3])} {index}"
        body = " ".join(rng.sample(words + terms, len(words) + len(terms)))
        rows.append((title, title.lower(), body))
    cr.executemany(
        "INSERT INTO crm_case_article (name, state, score, solved_count, use_count,"
        " search_title, search_document, create_uid, write_uid, create_date,"
        " write_date) VALUES (%s, 'published', 0.5, 0, 0, %s, %s, 1, 1, now(),"
        " now())",
        rows,
    )
    cr.execute("ANALYZE crm_case_article")
