# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Likely duplicates: open cases of the same customer that read alike, and
merging them into one."""

from markupsafe import Markup

from odoo import api, fields, models
from odoo.tools import SQL, html2plaintext

from ..tools.text_normalize import normalize_text


class CrmCase(models.Model):
    # One concern of crm.case per file, as crm_case.py explains.
    _inherit = "crm.case"  # pylint: disable=consider-merging-classes-inherited

    search_text = fields.Text(
        compute="_compute_search_text",
        store=True,
        index="trigram",
        help="Title and description in one spelling, to find look-alikes.",
    )
    duplicate_ids = fields.Many2many(
        "crm.case",
        string="Likely Duplicates",
        compute="_compute_duplicate_ids",
        help="Open cases of the same customer that read alike.",
    )
    merged_into_id = fields.Many2one(
        "crm.case", string="Merged into", readonly=True, index="btree_not_null"
    )

    @api.depends("name", "description")
    def _compute_search_text(self):
        for case in self:
            case.search_text = normalize_text(
                f"{case.name or ''} {html2plaintext(case.description or '')}"
            )

    @api.depends("search_text", "commercial_partner_id", "state")
    def _compute_duplicate_ids(self):
        for case in self:
            case.duplicate_ids = case._find_duplicates()

    def _find_duplicates(self, threshold=0.3, limit=5):
        """Open cases of the same customer whose text is similar (trigrams)."""
        self.ensure_one()
        if not (self.commercial_partner_id and self.search_text):
            return self.browse()
        readable = self._search(
            [
                ("commercial_partner_id", "=", self.commercial_partner_id.id),
                ("state", "!=", "closed"),
                ("id", "!=", self._origin.id or 0),
            ]
        )
        rows = self.env.execute_query(
            SQL(
                """SELECT id FROM crm_case
                    WHERE id IN %s AND similarity(search_text, %s) >= %s
                 ORDER BY similarity(search_text, %s) DESC, id DESC
                    LIMIT %s""",
                readable.subselect(),
                self.search_text,
                threshold,
                self.search_text,
                limit,
            )
        )
        return self.browse(row[0] for row in rows)

    def action_open_merge_wizard(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Merge Cases"),
            "res_model": "crm.case.merge",
            "view_mode": "form",
            "target": "new",
            "context": {
                "default_keep_id": self.id,
                "default_case_ids": (self | self.duplicate_ids).ids,
            },
        }

    def _merge_into(self, keep):
        """Move everything of these cases into ``keep`` and close them.

        Messages, attachments, timesheets and followers move; the merged
        cases close in a stage that uses no contract unit, and both sides
        keep a link in their chatter.
        """
        others = self - keep
        if not others:
            return keep
        others.check_access("write")
        keep.check_access("write")
        # sudo: messages and attachments follow the cases the user was
        # just allowed to write; their own rules would block the move.
        self.env["mail.message"].sudo().search(
            [("model", "=", self._name), ("res_id", "in", others.ids)]
        ).write({"res_id": keep.id})
        self.env["ir.attachment"].sudo().search(
            [("res_model", "=", self._name), ("res_id", "in", others.ids)]
        ).write({"res_id": keep.id})
        others.sudo().timesheet_ids.write({"case_id": keep.id})
        keep.message_subscribe(partner_ids=others.message_partner_ids.ids)
        for case in others:
            stage = case._merge_stage()
            case._workflow_write({"merged_into_id": keep.id, "stage_id": stage.id})
            case.message_post(
                body=Markup(self.env._("Merged into %s.")) % keep._get_html_link()
            )
            keep.message_post(
                body=Markup(self.env._("%s was merged into this case."))
                % case._get_html_link()
            )
        return keep

    def _merge_stage(self):
        closing = self.type_id.stage_ids.filtered("is_closed")
        return (
            closing.filtered(lambda stage: not stage.consumes_contract)[:1]
            or closing.sorted("sequence")[-1:]
        )
