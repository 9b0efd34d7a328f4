# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The customer's history (L1): its cases, calls, files and balance.

Shown on one screen (``res_partner_view_form_case_history``) opened from
the customer. Every list is searched as the reader, so record rules decide
what a case user sees; each list costs one query whatever its length.
"""

from odoo import api, fields, models

USER_GROUP = "crm_case_management.group_crm_case_user"


class ResPartner(models.Model):
    # The history screen's part of res.partner, beside the counters.
    _inherit = "res.partner"  # pylint: disable=consider-merging-classes-inherited

    case_history_open_ids = fields.Many2many(
        "crm.case",
        compute="_compute_case_history",
        string="Open Cases",
        groups=USER_GROUP,
    )
    case_history_closed_ids = fields.Many2many(
        "crm.case",
        compute="_compute_case_history",
        string="Closed Cases",
        groups=USER_GROUP,
    )
    case_history_call_ids = fields.Many2many(
        "crm.case.call",
        compute="_compute_case_history_calls",
        string="Calls of the Customer",
        groups=USER_GROUP,
    )
    case_history_attachment_ids = fields.Many2many(
        "ir.attachment",
        compute="_compute_case_history_attachments",
        string="Files of the Cases",
        groups=USER_GROUP,
    )
    case_attachment_count = fields.Integer(
        compute="_compute_case_history_attachments",
        string="Case Files Count",
        groups=USER_GROUP,
    )
    case_balance_visible = fields.Boolean(
        compute="_compute_case_balance", groups=USER_GROUP
    )
    case_balance = fields.Monetary(
        compute="_compute_case_balance",
        string="Open Balance",
        currency_field="case_balance_currency_id",
        help="What the customer owes, from Invoicing (its Total Receivable).",
        groups=USER_GROUP,
    )
    case_balance_currency_id = fields.Many2one(
        "res.currency", compute="_compute_case_balance", groups=USER_GROUP
    )

    @api.depends_context("uid")
    def _compute_case_history(self):
        # depends_context uid: each reader has their own lists (record rules).
        self.case_history_open_ids = self.case_history_closed_ids = False
        cases = self.env["crm.case"].search_fetch(
            [("partner_id", "child_of", self.ids)], ["state", "partner_id"]
        )
        found = {partner: ([], []) for partner in self}
        for case in cases:
            for target in self._case_rollup_targets(case.partner_id):
                found[target][case.state == "closed"].append(case.id)
        for partner, (open_ids, closed_ids) in found.items():
            partner.case_history_open_ids = open_ids
            partner.case_history_closed_ids = closed_ids

    @api.depends_context("uid")
    def _compute_case_history_calls(self):
        calls = self.env["crm.case.call"].search_fetch(
            [("partner_id", "child_of", self.ids)], ["partner_id"]
        )
        for partner in self:
            partner.case_history_call_ids = calls.filtered(
                lambda call, p=partner: any(p._case_rollup_targets(call.partner_id))
            )

    @api.depends_context("uid")
    def _compute_case_history_attachments(self):
        """The files attached to the cases (not to their messages only)."""
        cases = self.case_history_open_ids | self.case_history_closed_ids
        files = self.env["ir.attachment"].search_fetch(
            [("res_model", "=", "crm.case"), ("res_id", "in", cases.ids)], ["res_id"]
        )
        case_of = {case.id: case for case in cases}
        found = {partner: [] for partner in self}
        for file in files:
            for target in self._case_rollup_targets(case_of[file.res_id].partner_id):
                found[target].append(file.id)
        for partner, file_ids in found.items():
            partner.case_history_attachment_ids = file_ids
            partner.case_attachment_count = len(file_ids)

    @api.depends_context("company", "uid")
    def _compute_case_balance(self):
        """Invoicing's own Total Receivable, when Invoicing is installed.

        No dependency on ``account``: the field is read only when it exists
        and the reader may read it (accountants), as on the partner form.
        """
        credit = self._fields.get("credit")
        visible = bool(credit) and self._has_field_access(credit, "read")
        for partner in self:
            partner.case_balance_visible = visible
            partner.case_balance_currency_id = self.env.company.currency_id
            partner.case_balance = (
                partner.commercial_partner_id.credit if visible else 0.0
            )

    def action_view_case_history(self):
        """The history of the customer (the company of a contact)."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Customer History"),
            "res_model": "res.partner",
            "res_id": self.commercial_partner_id.id,
            "view_mode": "form",
            "views": [
                (
                    self.env.ref(
                        "crm_case_management.res_partner_view_form_case_history"
                    ).id,
                    "form",
                )
            ],
            "target": "current",
        }
