# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from ast import literal_eval

from psycopg2.errors import UniqueViolation

from odoo import api, fields, models
from odoo.exceptions import ConcurrencyError
from odoo.tools import SQL

from .crm_case import OPEN_STATES
from .row_lock import lock_rows


class CrmCaseQueue(models.Model):
    """A queue of cases worked by a team, or one person's own queue."""

    _name = "crm.case.queue"
    _description = "Case Queue"
    _inherit = ["mail.alias.mixin", "mail.thread"]
    _order = "sequence, id"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    user_id = fields.Many2one(
        "res.users",
        string="Queue Manager",
        domain="[('share', '=', False)]",
        check_company=True,
    )
    member_ids = fields.Many2many(
        "res.users",
        "crm_case_queue_member_rel",
        "queue_id",
        "user_id",
        string="Members",
        domain="[('share', '=', False)]",
        check_company=True,
    )
    personal_user_id = fields.Many2one(
        "res.users",
        string="Personal Queue of",
        index="btree_not_null",
        help="Set on a person's own queue, which holds what is assigned to them.",
    )
    is_default = fields.Boolean(
        string="Default Queue",
        help="New cases that no routing rule matches land here.",
    )
    resource_calendar_id = fields.Many2one(
        "resource.calendar",
        string="Working Hours",
        check_company=True,
        help="Members on leave in this calendar get no new cases.",
    )
    assignment_method = fields.Selection(
        [
            ("manual", "Manual"),
            ("round_robin", "Round Robin"),
            ("balanced", "Balanced by Load"),
        ],
        required=True,
        default="manual",
        help="Manual: cases wait unassigned. Round robin: members in turn. "
        "Balanced: the member with the fewest open cases for their capacity.",
    )
    limit_to_project_members = fields.Boolean(
        help="Cases of a project go only to members who follow that project.",
    )
    last_assigned_user_id = fields.Many2one("res.users", readonly=True, copy=False)
    case_ids = fields.One2many("crm.case", "queue_id", string="Cases")
    new_count = fields.Integer(compute="_compute_counts")
    unassigned_count = fields.Integer(compute="_compute_counts")
    overdue_count = fields.Integer(compute="_compute_counts")
    to_approve_count = fields.Integer(compute="_compute_counts")
    color = fields.Integer()

    _personal_uniq = models.UniqueIndex(
        "(personal_user_id, company_id) WHERE personal_user_id IS NOT NULL",
        "A person has only one personal queue per company.",
    )

    def _compute_counts(self):
        today = fields.Date.context_today(self)
        Case = self.env["crm.case"]
        base = [("queue_id", "in", self.ids), ("state", "!=", "closed")]
        counters = {
            "new_count": [("unseen_user_ids", "!=", False)],
            "unassigned_count": [("user_id", "=", False)],
            "overdue_count": [("date_deadline", "<", today)],
            "to_approve_count": [("state", "=", "done")],
        }
        for field, extra in counters.items():
            counts = dict(Case._read_group(base + extra, ["queue_id"], ["__count"]))
            for queue in self:
                queue[field] = counts.get(queue, 0)

    @api.model_create_multi
    def create(self, vals_list):
        queues = super().create(vals_list)
        queues._create_turn_sequences()
        return queues

    def unlink(self):
        names = [queue._turn_sequence_name() for queue in self]
        result = super().unlink()
        for name in names:
            self.env.execute_query(
                SQL("DROP SEQUENCE IF EXISTS %s", SQL.identifier(name))
            )
        return result

    def _alias_get_creation_values(self):
        values = super()._alias_get_creation_values()
        values["alias_model_id"] = self.env["ir.model"]._get("crm.case").id
        if self.id:
            defaults = literal_eval(self.alias_defaults or "{}")
            defaults["queue_id"] = self.id
            values["alias_defaults"] = defaults
        return values

    @api.model
    def _get_personal_queue(self, user, company):
        """The user's own queue in ``company``, created when first needed."""
        # sudo: personal queues are found for whoever assigns, whatever the
        # queues they may read; only this user's queue is returned.
        queue = self.sudo().search(
            [("personal_user_id", "=", user.id), ("company_id", "=", company.id)],
            limit=1,
        )
        if not queue:
            queue = self._create_personal_queue(user, company)
        return queue.sudo(False)

    @api.model
    def _create_personal_queue(self, user, company):
        """Create the queue, or let the request retry if a parallel one did.

        Two requests assigning to the same person may both find no queue;
        the unique index lets one create it. The other cannot see that
        queue in its snapshot (repeatable read), so searching again would
        not help: its request is retried as a whole, and then finds it.
        """
        try:
            # sudo: every user may get their own queue, not only managers.
            with self.env.cr.savepoint():
                return self.sudo().create(
                    {
                        "name": user.name,
                        "personal_user_id": user.id,
                        "member_ids": [fields.Command.set(user.ids)],
                        "company_id": company.id,
                    }
                )
        except UniqueViolation as error:
            raise ConcurrencyError(
                f"personal queue of user {user.id} created by a parallel request"
            ) from error

    # ------------------------------------------------------------------
    # Assignment
    # ------------------------------------------------------------------
    def _pick_assignee(self, case):
        """The member who gets ``case`` under the queue's method, or nobody."""
        self.ensure_one()
        if self.assignment_method == "manual":
            return self.env["res.users"]
        candidates = self._available_members(case)
        if not candidates:
            return candidates
        if self.assignment_method == "round_robin":
            return self._next_in_turn(candidates)
        # Balanced: read the loads only after the lock, and mark the queue
        # written, so that a parallel pick waits, fails to serialize and is
        # retried on loads that include this one.
        self._lock_for_assignment()
        user = self._least_loaded(candidates)
        # sudo: the last pick is the queue's own bookkeeping.
        self.sudo().last_assigned_user_id = user
        return user

    def _available_members(self, case):
        members = self.member_ids.filtered(lambda user: user.case_available)
        if self.limit_to_project_members and case.project_id:
            followers = case.project_id.message_partner_ids
            members = members.filtered(lambda user: user.partner_id in followers)
        return members - self._members_on_leave(members)

    def _members_on_leave(self, members):
        """Members whose working calendar has them on leave right now."""
        calendar = self.resource_calendar_id
        if not calendar or not members:
            return self.env["res.users"]
        now = fields.Datetime.now()
        # sudo: the members' leaves decide the assignment, whoever creates
        # the case; only who is away is read, never the leave's details.
        leaves = (
            self.env["resource.calendar.leaves"]
            .sudo()
            .search(
                [
                    ("calendar_id", "in", [calendar.id, False]),
                    ("resource_id.user_id", "in", members.ids),
                    ("date_from", "<=", now),
                    ("date_to", ">=", now),
                ]
            )
        )
        return leaves.resource_id.user_id

    def _lock_for_assignment(self):
        """Serialise assignments in this queue: one pick at a time."""
        lock_rows(self)
        self.invalidate_recordset(["last_assigned_user_id"])

    def _next_in_turn(self, candidates):
        """Members take turns, counted by a PostgreSQL sequence per queue.

        Drawing a turn neither waits for nor conflicts with parallel
        assignments, as a turn pointer written on the queue row would: all
        of a busy queue's assignments would queue behind that row and fail
        to serialize. A request that is retried draws a new turn.
        """
        [(turn,)] = self.env.execute_query(
            SQL("SELECT nextval(%s)", self._turn_sequence_name())
        )
        ordered = candidates.sorted("id")
        return ordered[turn % len(ordered)]

    def _turn_sequence_name(self):
        return f"crm_case_queue_turn_{self.id}"

    def _create_turn_sequences(self):
        for queue in self:
            self.env.execute_query(
                SQL(
                    "CREATE SEQUENCE IF NOT EXISTS %s MINVALUE 0 START WITH 0",
                    SQL.identifier(queue._turn_sequence_name()),
                )
            )

    def init(self):
        # Queues created before turns were counted by sequences.
        rows = self.env.execute_query(SQL("SELECT id FROM crm_case_queue"))
        self.browse(queue_id for (queue_id,) in rows)._create_turn_sequences()

    def _least_loaded(self, candidates):
        # sudo: a member's load counts all their open cases, also those the
        # creator of this case may not read; only counts are read.
        loads = dict(
            self.env["crm.case"]
            .sudo()
            ._read_group(
                [("user_id", "in", candidates.ids), ("state", "in", OPEN_STATES)],
                ["user_id"],
                ["__count"],
            )
        )
        return min(
            candidates.sorted("id"),
            key=lambda user: loads.get(user, 0) / max(user.case_capacity, 1),
        )
