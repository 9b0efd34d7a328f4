# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The customer portal: the company's cases, one case, a new case, articles."""

from odoo import http
from odoo.exceptions import AccessError, MissingError, UserError
from odoo.fields import Domain
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal, pager

from .public import reader_dates

SEARCH_LIMIT = 200
CASE_FILTERS = {
    "all": [],
    "open": [("state", "in", ("open", "rejected"))],
    "done": [("state", "=", "done")],
    "closed": [("state", "=", "closed")],
}


class CasePortal(CustomerPortal):
    def _prepare_portal_layout_values(self):
        values = super()._prepare_portal_layout_values()
        values.update(reader_dates(request.env))
        return values

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        Case = request.env["crm.case"]
        if "case_count" in counters:
            values["case_count"] = (
                Case.search_count([]) if Case.has_access("read") else 0
            )
        return values

    # ------------------------------------------------------------------
    # List
    # ------------------------------------------------------------------
    def _case_filters(self):
        env = request.env
        labels = {
            "all": env._("All"),
            "open": env._("In Progress"),
            "done": env._("Waiting for Confirmation"),
            "closed": env._("Closed"),
        }
        return {
            key: {"label": labels[key], "domain": domain}
            for key, domain in CASE_FILTERS.items()
        }

    def _case_sortings(self):
        env = request.env
        return {
            "date": {"label": env._("Newest"), "order": "date_request desc, id desc"},
            "deadline": {"label": env._("Due Date"), "order": "date_deadline, id"},
            "stage": {"label": env._("Stage"), "order": "stage_id, id desc"},
        }

    @http.route(
        ["/my/cases", "/my/cases/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
    )
    def portal_my_cases(self, page=1, sortby="date", filterby="all", search="", **kw):
        Case = request.env["crm.case"]
        filters, sortings = self._case_filters(), self._case_sortings()
        filterby = filterby if filterby in filters else "all"
        sortby = sortby if sortby in sortings else "date"
        search = (search if isinstance(search, str) else "").strip()[:SEARCH_LIMIT]
        domain = Domain(filters[filterby]["domain"])
        if search:
            domain &= Domain("number", "ilike", search) | Domain(
                "name", "ilike", search
            )
        count = Case.search_count(domain) if Case.has_access("read") else 0
        portal_pager = pager(
            url="/my/cases",
            url_args={"sortby": sortby, "filterby": filterby, "search": search},
            total=count,
            page=page,
            step=self._items_per_page,
        )
        cases = Case.browse()
        if count:
            cases = Case.search(
                domain,
                order=sortings[sortby]["order"],
                limit=self._items_per_page,
                offset=portal_pager["offset"],
            )
        request.session["my_cases_history"] = cases.ids[:100]
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "cases": cases,
                "page_name": "case",
                "pager": portal_pager,
                "default_url": "/my/cases",
                "searchbar_sortings": sortings,
                "sortby": sortby,
                "searchbar_filters": filters,
                "filterby": filterby,
                "search": search,
                "searchbar_inputs": {
                    "all": {"input": "all", "label": request.env._("Code or title")}
                },
                "search_in": "all",
            }
        )
        return request.render("crm_case_management.portal_my_cases", values)

    # ------------------------------------------------------------------
    # One case
    # ------------------------------------------------------------------
    def _case_or_redirect(self, case_id, access_token=None):
        try:
            return self._document_check_access("crm.case", case_id, access_token)
        except (AccessError, MissingError):
            return None

    def _my_case(self, case_id):
        """The case as the logged-in customer reads it, or None."""
        case = request.env["crm.case"].browse(case_id)
        if request.env.user._is_public() or not case.exists():
            return None
        return case if case.has_access("read") else None

    @http.route("/my/cases/<int:case_id>", type="http", auth="public", website=True)
    def portal_my_case(self, case_id, access_token=None, **kw):
        case_sudo = self._case_or_redirect(case_id, access_token)
        if case_sudo is None:
            return request.redirect("/my")
        values = self._case_page_values(case_sudo, access_token, **kw)
        return request.render("crm_case_management.portal_my_case", values)

    def _case_page_values(self, case_sudo, access_token, **kw):
        my_case = self._my_case(case_sudo.id)
        articles = request.env["crm.case.article"]
        if my_case is not None:
            articles = articles._ranked_search(
                case_sudo.name, subjects=my_case.subject_id, limit=3
            )
        values = {
            **reader_dates(request.env),
            "case": case_sudo,
            "page_name": "case",
            "can_act": my_case is not None and request.env.user.share,
            "articles": articles,
            "message": kw.get("message"),
            "error": kw.get("error"),
        }
        return self._get_page_view_values(
            case_sudo, access_token, values, "my_cases_history", False, **kw
        )

    def _act_on_case(self, case_id, action):
        case = self._my_case(case_id)
        if case is None:
            return request.redirect("/my")
        try:
            action(case)
        except UserError as error:
            # sudo: the page of a case this customer reads (``_my_case``),
            # rendered as _document_check_access hands it to the templates.
            values = self._case_page_values(case.sudo(), None, error=str(error))
            return request.render("crm_case_management.portal_my_case", values)
        return request.redirect(f"/my/cases/{case.id}?message=done")

    @http.route(
        "/my/cases/<int:case_id>/confirm",
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_case_confirm(self, case_id, **kw):
        return self._act_on_case(
            case_id, lambda case: case._portal_confirm_resolution()
        )

    @http.route(
        "/my/cases/<int:case_id>/reopen",
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_case_reopen(self, case_id, reason="", **kw):
        return self._act_on_case(case_id, lambda case: case._portal_reopen(reason))

    @http.route(
        "/my/cases/<int:case_id>/callback",
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_case_callback(self, case_id, phone="", **kw):
        def callback(case):
            case._check_portal_customer()
            # sudo: the counter table has no access rights.
            limiter = request.env["crm.case.rate.limit"].sudo()
            if not limiter._hit("callback_case", case.id):
                raise UserError(
                    request.env._("The desk already has your request; it will call.")
                )
            case._request_callback(phone if isinstance(phone, str) else "")

        return self._act_on_case(case_id, callback)

    # ------------------------------------------------------------------
    # New case
    # ------------------------------------------------------------------
    def _new_case_values(self, **extra):
        Case = request.env["crm.case"]
        types = Case._portal_case_types()
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "case_new",
                "case_types": types,
                "type_fields": {t.id: Case._plain_properties(t) for t in types},
                "subjects": request.env["crm.case.subject"].search([]),
                "products": Case._portal_products(),
                "form": {},
                **extra,
            }
        )
        return values

    @http.route("/my/cases/new", type="http", auth="user", website=True)
    def portal_new_case(self, **kw):
        if not request.env.user.share:
            return request.redirect("/odoo/cases")
        if request.httprequest.method != "POST":
            return request.render(
                "crm_case_management.portal_new_case", self._new_case_values()
            )
        form = {key: value for key, value in kw.items() if isinstance(value, str)}
        properties = {
            key[len("prop_") :]: value
            for key, value in form.items()
            if key.startswith("prop_")
        }
        try:
            case = request.env["crm.case"]._portal_create(
                {
                    "name": form.get("name"),
                    "description": form.get("description"),
                    "type_id": _to_int(form.get("type_id")),
                    "subject_id": _to_int(form.get("subject_id")),
                    "product_id": _to_int(form.get("product_id")),
                    "properties": properties,
                }
            )
        except UserError as error:
            values = self._new_case_values(error=str(error), form=form)
            return request.render("crm_case_management.portal_new_case", values)
        return request.redirect(f"/my/cases/{case.id}?message=created")

    @http.route("/my/cases/suggest", type="jsonrpc", auth="user", readonly=True)
    def portal_suggest_articles(self, query="", **kw):
        """Published articles for customers that match what they type."""
        if not isinstance(query, str) or len(query.strip()) < 3:
            return []
        articles = request.env["crm.case.article"].search_text(query[:200], limit=5)
        return [
            {
                "id": article.id,
                "name": article.name,
                "url": f"/my/articles/{article.id}",
            }
            for article in articles
        ]

    # ------------------------------------------------------------------
    # Knowledge base
    # ------------------------------------------------------------------
    @http.route(
        ["/my/articles", "/my/articles/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
    )
    def portal_articles(self, page=1, search="", **kw):
        Article = request.env["crm.case.article"]
        search = (search if isinstance(search, str) else "").strip()[:SEARCH_LIMIT]
        if search:
            articles = Article.search_text(search, limit=20)
            portal_pager = None
        else:
            domain = [("state", "=", "published")]
            count = Article.search_count(domain)
            portal_pager = pager(
                url="/my/articles", total=count, page=page, step=self._items_per_page
            )
            articles = Article.search(
                domain, limit=self._items_per_page, offset=portal_pager["offset"]
            )
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "articles": articles,
                "page_name": "case_articles",
                "pager": portal_pager,
                "search": search,
            }
        )
        return request.render("crm_case_management.portal_articles", values)

    def _my_article(self, article_id):
        article = request.env["crm.case.article"].browse(article_id)
        if not article.exists() or not article.has_access("read"):
            return None
        return article if article.state == "published" else None

    @http.route("/my/articles/<int:article_id>", type="http", auth="user", website=True)
    def portal_article(self, article_id, **kw):
        article = self._my_article(article_id)
        if article is None:
            return request.redirect("/my/articles")
        # sudo: a view counter, not an edit of the article by its reader.
        article.sudo().view_count += 1
        vote = request.env["crm.case.article.vote"].search(
            [("article_id", "=", article.id), ("user_id", "=", request.env.uid)]
        )
        values = self._prepare_portal_layout_values()
        values.update({"article": article, "vote": vote, "page_name": "case_articles"})
        return request.render("crm_case_management.portal_article", values)

    @http.route(
        "/my/articles/<int:article_id>/vote",
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_article_vote(self, article_id, helpful="", **kw):
        article = self._my_article(article_id)
        if article is None:
            return request.redirect("/my/articles")
        article._vote(helpful == "1")
        return request.redirect(f"/my/articles/{article.id}")


def _to_int(text):
    try:
        return int(text) if text else False
    except ValueError:
        return False
