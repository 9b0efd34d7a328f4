# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Escalation: hand a case to an expert, an expert queue or the queue manager."""

from markupsafe import Markup

from odoo import fields, models
from odoo.exceptions import UserError

ESCALATION_TARGETS = [
    ("user", "An Expert"),
    ("queue", "An Expert Queue"),
    ("manager", "The Queue Manager"),
]


class CrmCase(models.Model):
    # One concern of crm.case per file, as crm_case.py explains.
    _inherit = "crm.case"  # pylint: disable=consider-merging-classes-inherited

    escalation_level = fields.Integer(
        readonly=True,
        copy=False,
        tracking=True,
        help="How many times the case was escalated.",
        groups="base.group_user",
    )

    def action_open_escalate_wizard(self):
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Escalate Case"),
            "res_model": "crm.case.escalate",
            "view_mode": "form",
            "target": "new",
            "context": {"active_ids": self.ids, "active_model": self._name},
        }

    def action_escalate(self, target, reason, user_id=None, queue_id=None):
        """Escalate each case one level, to ``target`` (see ESCALATION_TARGETS).

        ``user_id``: the expert; ``queue_id``: the expert queue, which assigns
        the case as it assigns new ones (ids or records). Whoever may edit a
        case may escalate it.
        """
        if not isinstance(reason, str) or not reason.strip():
            raise UserError(self.env._("Say why the case is escalated."))
        self.check_access("write")
        Users, Queues = self.env["res.users"], self.env["crm.case.queue"]
        user = Users.browse(getattr(user_id, "id", user_id)).exists()
        queue = Queues.browse(getattr(queue_id, "id", queue_id)).exists()
        for case in self:
            vals = case._escalation_values(target, user, queue)
            vals["escalation_level"] = case.escalation_level + 1
            # The caller's right to edit the case was checked above.
            case._workflow_write(vals)
            if target == "queue":
                case._route()
            case.message_post(
                body=Markup("%s<br/>%s")
                % (
                    self.env._(
                        "Escalated (level %(level)s) to %(to)s.",
                        level=case.escalation_level,
                        to=(case.user_id or case.queue_id).display_name,
                    ),
                    reason,
                ),
                subtype_xmlid="mail.mt_note",
            )
        return True

    def _escalation_values(self, target, user, queue):
        self.ensure_one()
        if self.state == "closed":
            raise UserError(
                self.env._(
                    "Case %(case)s is closed; reopen it before escalating.",
                    case=self.display_name,
                )
            )
        if target == "user":
            if not user or user.share or self.company_id not in user.company_ids:
                raise UserError(
                    self.env._(
                        "Choose an internal user of %(company)s as the expert.",
                        company=self.company_id.display_name,
                    )
                )
            return {"user_id": user.id}
        if target == "queue":
            if not queue or queue.company_id != self.company_id:
                raise UserError(
                    self.env._(
                        "Choose an expert queue of %(company)s.",
                        company=self.company_id.display_name,
                    )
                )
            return {"queue_id": queue.id, "user_id": False}
        if target == "manager":
            # sudo: the queue's manager is the desk's configuration.
            manager = self.queue_id.sudo().user_id
            if not manager:
                raise UserError(
                    self.env._(
                        "The queue of case %(case)s has no manager to escalate to.",
                        case=self.display_name,
                    )
                )
            return {"user_id": manager.id}
        raise UserError(
            self.env._("Escalate to an expert, a queue or the queue manager.")
        )
