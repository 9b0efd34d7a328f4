# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Other work waiting in a queue: an incoming message or an activity.

Cases keep their own ``queue_id``; an item is for what is not a case. A
member picks an item (it becomes theirs, and only one of two members who
pick at once gets it), releases it back, routes it to another queue or
marks it done. An item shows only to members of its queue who may read the
message or activity it stands for, by Odoo's own rules for those.
"""

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from .crm_case import MANAGER_GROUP
from .row_lock import lock_rows

# Set by the item's own actions only, never by a client.
ITEM_SYSTEM_FIELDS = {"state", "user_id", "date_picked", "date_done", "date_waiting"}


class CrmCaseQueueItem(models.Model):
    _name = "crm.case.queue.item"
    _description = "Queue Item"
    _order = "date_waiting, id"
    _check_company_auto = True

    name = fields.Char(compute="_compute_name", store=True, readonly=False)
    queue_id = fields.Many2one(
        "crm.case.queue",
        required=True,
        index=True,
        ondelete="cascade",
        check_company=True,
    )
    company_id = fields.Many2one(
        related="queue_id.company_id", store=True, index=True, precompute=True
    )
    # What waits: exactly one of the two (see the constraint).
    message_id = fields.Many2one(
        "mail.message", index="btree_not_null", ondelete="cascade"
    )
    activity_id = fields.Many2one(
        "mail.activity", index="btree_not_null", ondelete="cascade"
    )
    record_ref = fields.Reference(
        [("mail.message", "Message"), ("mail.activity", "Activity")],
        string="Waiting Record",
        compute="_compute_record_ref",
    )
    state = fields.Selection(
        [("waiting", "Waiting"), ("picked", "Picked"), ("done", "Done")],
        default="waiting",
        required=True,
        readonly=True,
        index=True,
        group_expand=True,
    )
    user_id = fields.Many2one(
        "res.users", string="Picked By", readonly=True, index="btree_not_null"
    )
    date_waiting = fields.Datetime(
        string="Waiting Since", default=fields.Datetime.now, readonly=True
    )
    date_picked = fields.Datetime(readonly=True)
    date_done = fields.Datetime(readonly=True)
    age_hours = fields.Float(
        string="Age",
        compute="_compute_age_hours",
        help="Hours since the item started waiting (until it was done).",
    )

    _one_record = models.Constraint(
        "CHECK ((message_id IS NULL) != (activity_id IS NULL))",
        "A queue item stands for one message or one activity.",
    )
    _message_once = models.UniqueIndex(
        "(message_id) WHERE message_id IS NOT NULL AND state != 'done'",
        "This message already waits in a queue.",
    )
    _activity_once = models.UniqueIndex(
        "(activity_id) WHERE activity_id IS NOT NULL AND state != 'done'",
        "This activity already waits in a queue.",
    )

    @api.depends("message_id", "activity_id")
    def _compute_name(self):
        for item in self:
            if item.message_id:
                message = item.message_id.sudo()  # see _compute_record_ref
                item.name = message.subject or message.record_name or message.preview
            elif item.activity_id:
                activity = item.activity_id.sudo()
                item.name = activity.summary or activity.activity_type_id.name
            else:
                item.name = False

    @api.depends("message_id", "activity_id")
    def _compute_record_ref(self):
        # Reading the item required reading its record (see _search and
        # _check_access): the reference holds nothing new for the reader.
        for item in self:
            record = item.message_id or item.activity_id
            item.record_ref = f"{record._name},{record.id}" if record else False

    @api.depends("date_waiting", "date_done")
    def _compute_age_hours(self):
        now = fields.Datetime.now()
        for item in self:
            end = item.date_done or now
            start = item.date_waiting or end
            item.age_hours = (end - start).total_seconds() / 3600

    # ------------------------------------------------------------------
    # Access: the queue by record rules, the record by its own rules
    # ------------------------------------------------------------------
    def _records_readable(self, rows):
        """Of ``rows`` (id, message_id, activity_id), the ids whose message
        or activity the current user may read."""
        Message = self.env["mail.message"]
        Activity = self.env["mail.activity"]
        messages = Message.browse({m for _i, m, _a in rows if m})._filtered_access(
            "read"
        )
        activities = Activity.browse({a for _i, _m, a in rows if a})._filtered_access(
            "read"
        )
        return {
            item_id
            for item_id, message_id, activity_id in rows
            if message_id in messages._ids or activity_id in activities._ids
        }

    @api.model
    def _search(self, domain, offset=0, limit=None, order=None, **kwargs):
        """Leave out items whose record the user may not read (as
        mail.activity leaves out activities of unreadable documents)."""
        query = super()._search(domain, offset, limit, order, **kwargs)
        if self.env.su or kwargs.get("bypass_access"):
            return query
        rows = self.env.execute_query(
            query.select(
                *[
                    self._field_to_sql(self._table, fname)
                    for fname in ("id", "message_id", "activity_id")
                ]
            )
        )
        allowed = self._records_readable(rows)
        return self.browse(row[0] for row in rows if row[0] in allowed)._as_query(order)

    def _check_access(self, operation):
        result = super()._check_access(operation)
        if result or self.env.su:
            return result
        rows = [
            (item.id, item.sudo().message_id.id, item.sudo().activity_id.id)
            for item in self
        ]
        forbidden = self.browse(set(self._ids) - self._records_readable(rows))
        if not forbidden:
            return None

        def make_error():
            return AccessError(
                self.env._(
                    "You may not see queue items whose message or activity "
                    "you cannot read."
                )
            )

        return forbidden, make_error

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        self._check_client_fields(vals_list)
        items = super().create(vals_list)
        # The creator must read what they put in the queue.
        items.check_access("read")
        return items

    def write(self, vals):
        self._check_client_fields([vals])
        return super().write(vals)

    def _check_client_fields(self, vals_list):
        if self.env.su:
            return
        for vals in vals_list:
            if ITEM_SYSTEM_FIELDS & set(vals):
                raise UserError(
                    self.env._(
                        "Pick, release, route or finish a queue item with its "
                        "buttons; its state and who picked it are not edited."
                    )
                )

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_pick(self):
        """Make the items the current user's: one picker wins a race.

        The row lock waits for a concurrent picker; once that one commits,
        this transaction meets its change and is retried on fresh data,
        where the item is no longer waiting.
        """
        self._check_member()
        lock_rows(self)
        self.invalidate_recordset(["state", "user_id"])
        for item in self:
            if item.state != "waiting":
                raise UserError(
                    self.env._(
                        "%(item)s was already picked by %(user)s.",
                        item=item.display_name,
                        user=item.sudo().user_id.name or "-",
                    )
                )
        # sudo: the caller may read these items and is a member of their
        # queue (checked above); state and picker are the system's fields.
        self.sudo().write(
            {
                "state": "picked",
                "user_id": self.env.uid,
                "date_picked": fields.Datetime.now(),
            }
        )
        return True

    def action_release(self):
        """Put picked items back for the rest of the queue."""
        self._check_picker()
        # sudo: only the picker (or a manager) gets here, see above.
        self.sudo().write({"state": "waiting", "user_id": False, "date_picked": False})
        return True

    def action_done(self):
        self._check_picker()
        # sudo: only the picker (or a manager) gets here, see above.
        self.sudo().write({"state": "done", "date_done": fields.Datetime.now()})
        return True

    def action_route(self, queue):
        """Send the items to ``queue``, waiting there for its members."""
        queue = self.env["crm.case.queue"].browse(getattr(queue, "id", queue))
        queue.check_access("read")
        self._check_member()
        if any(item.state == "done" for item in self):
            raise UserError(self.env._("A done item stays where it was done."))
        picked_by_others = self.filtered(
            lambda item: item.state == "picked" and item.user_id != self.env.user
        )
        if picked_by_others and not self._is_manager():
            raise UserError(
                self.env._("Only who picked an item (or a manager) may route it.")
            )
        # sudo: checked above; the new queue may be one the user is not in.
        self.sudo().write(
            {
                "queue_id": queue.id,
                "state": "waiting",
                "user_id": False,
                "date_picked": False,
            }
        )
        return True

    def action_open_route_wizard(self):
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Route to Another Queue"),
            "res_model": "crm.case.queue.item.route",
            "view_mode": "form",
            "target": "new",
            "context": {"active_ids": self.ids, "active_model": self._name},
        }

    def _is_manager(self):
        return self.env.user.has_group(MANAGER_GROUP)

    def _check_member(self):
        self.check_access("read")
        if self._is_manager():
            return
        user = self.env.user
        for item in self:
            queue = item.queue_id
            if user not in queue.member_ids and user != queue.user_id:
                raise UserError(
                    self.env._(
                        "Only members of queue %(queue)s work its items.",
                        queue=queue.display_name,
                    )
                )

    def _check_picker(self):
        self.check_access("read")
        if self._is_manager():
            return
        for item in self:
            if item.state != "picked" or item.user_id != self.env.user:
                raise UserError(
                    self.env._(
                        "Only who picked %(item)s may release or finish it.",
                        item=item.display_name,
                    )
                )
