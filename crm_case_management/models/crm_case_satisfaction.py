# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Satisfaction as a step of the process.

A stage may ask for the customer's satisfaction before a case leaves it.
Satisfaction is Odoo's rating (rating.mixin), one mechanism for every way
it arrives: the e-mail or SMS survey the customer answers, or what the
customer said on the phone, recorded by the agent with who said it.
"""

from odoo import api, fields, models
from odoo.exceptions import UserError

RATING_VALUES = (1, 3, 5)  # Odoo's dissatisfied, okay and satisfied


class CrmCaseStage(models.Model):
    _inherit = "crm.case.stage"

    satisfaction_required = fields.Boolean(
        string="Ask for Satisfaction",
        help="A case leaves this stage only once the customer's satisfaction "
        "is known: a rating received from a survey, or recorded by the agent "
        "from a phone call.",
    )


class CrmCase(models.Model):
    # One concern of crm.case per file, as crm_case.py explains.
    _inherit = "crm.case"  # pylint: disable=consider-merging-classes-inherited

    satisfaction_required = fields.Boolean(
        related="stage_id.satisfaction_required", groups="base.group_user"
    )
    has_satisfaction = fields.Boolean(
        compute="_compute_has_satisfaction",
        help="The customer's satisfaction is known for this case.",
        groups="base.group_user",
    )

    @api.depends(
        "rating_ids.consumed",
        "rating_ids.rating",
        "rating_ids.partner_id",
        "partner_id",
    )
    def _compute_has_satisfaction(self):
        for case in self:
            customer = case.partner_id.commercial_partner_id
            # Only the customer's own answer counts: a rating an agent posts
            # in the chatter (message_post(rating_value=...)) is the agent's.
            case.has_satisfaction = any(
                rating.consumed
                and rating.rating > 0
                and rating.partner_id.commercial_partner_id == customer
                for rating in case.sudo().rating_ids
            )

    def write(self, vals):
        if "stage_id" in vals:
            self._check_satisfaction_before_leaving(vals["stage_id"])
        return super().write(vals)

    def _check_satisfaction_before_leaving(self, new_stage_id):
        for case in self:
            stage = case.stage_id
            if (
                stage.satisfaction_required
                and stage.id != new_stage_id
                and not case.has_satisfaction
            ):
                raise UserError(
                    self.env._(
                        'Case %(case)s cannot leave "%(stage)s" before the '
                        "customer's satisfaction is known: send the survey or "
                        "record what the customer said.",
                        case=case.display_name,
                        stage=stage.display_name,
                    )
                )

    def action_record_satisfaction(self, rating, partner, feedback=None):
        """Record the satisfaction ``partner`` gave on the phone.

        The rating is Odoo's, as from a survey: the customer who said it is
        its author, the agent who recorded it its creator, and it is posted
        in the chatter.
        """
        self.ensure_one()
        self.check_access("write")
        partner = self.env["res.partner"].browse(getattr(partner, "id", partner))
        if rating not in RATING_VALUES:
            raise UserError(self.env._("Choose satisfied, okay or dissatisfied."))
        customer = self.partner_id.commercial_partner_id
        if not customer or partner.commercial_partner_id != customer:
            raise UserError(
                self.env._(
                    "Say who gave the answer: the customer of case %(case)s or "
                    "one of its contacts.",
                    case=self.display_name,
                )
            )
        token = self._rating_get_access_token(partner)
        # sudo: the rating was just made for this case, which the user may
        # edit (checked above); Odoo's rating flow applies it the same way.
        rating_record = (
            self.env["rating.rating"]
            .sudo()
            .search([("access_token", "=", token)], limit=1)
        )
        self.rating_apply(rating, rating=rating_record, feedback=feedback or "")
        return True

    def action_open_satisfaction_wizard(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Record Satisfaction"),
            "res_model": "crm.case.satisfaction.record",
            "view_mode": "form",
            "target": "new",
            "context": {"default_case_id": self.id},
        }

    def action_send_satisfaction_survey(self):
        """E-mail the customer Odoo's rating survey for this step."""
        template = self.env.ref(
            "crm_case_management.mail_template_crm_case_rating",
            raise_if_not_found=False,
        )
        for case in self:
            if not case.partner_id.email:
                raise UserError(
                    self.env._(
                        "The customer of case %(case)s has no e-mail address.",
                        case=case.display_name,
                    )
                )
            case.rating_send_request(
                template, lang=case.partner_id.lang, force_send=False
            )
        return True
