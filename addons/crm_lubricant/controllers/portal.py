# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, http
from odoo.exceptions import ValidationError
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal

CUSTOMER_FIELDS = ("name", "phone", "mobile", "email", "street", "city", "vat")


class DealerPortal(CustomerPortal):
    """Dealer portal: a dealer's portal users maintain their own end customers and report
    sell-through. What they may see is decided by the record rules (searches run as the portal
    user); writes go through sudo() only on records those searches returned."""

    def _lub_dealer(self):
        dealer = request.env.user.partner_id.commercial_partner_id
        if not dealer.lub_is_dealer:
            raise request.not_found()
        return dealer

    def _lub_customer(self, dealer, customer_id):
        customer = request.env["res.partner"].search(
            [("id", "=", customer_id), ("lub_dealer_id", "=", dealer.id)]
        )
        if not customer:
            raise request.not_found()
        return customer

    @staticmethod
    def _lub_customer_values(post):
        return {
            name: (post.get(name) or "").strip() or False for name in CUSTOMER_FIELDS
        }

    @http.route("/my/lubricant/customers", type="http", auth="user", website=True)
    def lub_customers(self, **kw):
        dealer = self._lub_dealer()
        customers = request.env["res.partner"].search(
            [("lub_dealer_id", "=", dealer.id)], order="name"
        )
        return request.render(
            "crm_lubricant.portal_my_end_customers",
            {"dealer": dealer, "customers": customers, "page_name": "lub_customers"},
        )

    @http.route(
        ["/my/lubricant/customers/new", "/my/lubricant/customers/<int:customer_id>"],
        type="http",
        auth="user",
        methods=["GET", "POST"],
        website=True,
    )
    def lub_customer_edit(self, customer_id=None, **post):
        dealer = self._lub_dealer()
        customer = self._lub_customer(dealer, customer_id) if customer_id else None
        error = False
        if request.httprequest.method == "POST":
            values = self._lub_customer_values(post)
            if not values["name"]:
                error = request.env._("The customer name is required.")
            else:
                try:
                    # savepoint: a refused value leaves nothing behind
                    with request.env.cr.savepoint():
                        self._lub_save_customer(dealer, customer, values)
                    return request.redirect("/my/lubricant/customers")
                except ValidationError as exc:
                    error = exc.args[0]
        return request.render(
            "crm_lubricant.portal_my_end_customer",
            {
                "dealer": dealer,
                "customer": customer,
                "error": error,
                "post": post,
                "page_name": "lub_customers",
            },
        )

    @staticmethod
    def _lub_save_customer(dealer, customer, values):
        """Write the whitelisted values; the dealer, company and rank come from the server."""
        if customer:
            # sudo: portal users may not write partners; this one passed the rules
            customer.sudo().write(values)
        else:
            # sudo: portal users may not create partners; the dealer is forced
            customer = (
                request.env["res.partner"]
                .sudo()
                .create(
                    dict(
                        values,
                        lub_dealer_id=dealer.id,
                        is_company=True,
                        customer_rank=1,
                        company_id=dealer.company_id.id,
                    )
                )
            )
        # the anti-collision check, which the sudo writes above skip: a dealer may not
        # register a customer that already exists (protected or in the pool)
        customer._lub_check_duplicates()
        return customer

    @http.route(
        "/my/lubricant/sellthrough",
        type="http",
        auth="user",
        methods=["GET", "POST"],
        website=True,
    )
    def lub_sellthrough(self, **post):
        dealer = self._lub_dealer()
        Sellthrough = request.env["crm.lubricant.sellthrough"]
        error = False
        if request.httprequest.method == "POST":
            try:
                product_id = int(post.get("product_id") or 0)
                quantity = float(post.get("quantity") or 0)
                period = fields.Date.to_date(post.get("period") or fields.Date.today())
                customer_id = int(post.get("end_customer_id") or 0)
            except ValueError:
                error = request.env._("Please enter a product, a quantity and a month.")
            else:
                # sudo: portal users may not read products; only lubricants on sale are offered
                product = (
                    request.env["product.product"]
                    .sudo()
                    .search(
                        [("id", "=", product_id)]
                        + dealer.sudo()._lub_authorized_product_domain()
                    )
                )
                customer = (
                    self._lub_customer(dealer, customer_id) if customer_id else None
                )
                if not product:
                    error = request.env._("Please choose a lubricant.")
                else:
                    try:
                        # sudo: portal users may not create records; the dealer, company and
                        # end customer were checked above and come from the server
                        with request.env.cr.savepoint():
                            Sellthrough.sudo().create(
                                {
                                    "dealer_id": dealer.id,
                                    "product_id": product.id,
                                    "quantity": quantity,
                                    "period": period,
                                    "end_customer_id": customer.id
                                    if customer
                                    else False,
                                    "company_id": dealer.company_id.id
                                    or request.env.company.id,
                                }
                            )
                        return request.redirect("/my/lubricant/sellthrough")
                    except ValidationError as exc:
                        error = exc.args[0]
        lines = Sellthrough.search([("dealer_id", "=", dealer.id)], limit=200)
        products = (
            request.env["product.product"]
            .sudo()  # sudo: portal users may not read products; lubricants on sale only
            .search(dealer.sudo()._lub_authorized_product_domain(), order="name")
        )
        customers = request.env["res.partner"].search(
            [("lub_dealer_id", "=", dealer.id)], order="name"
        )
        return request.render(
            "crm_lubricant.portal_my_sellthrough",
            {
                "dealer": dealer,
                "lines": lines,
                "products": products,
                "customers": customers,
                "error": error,
                "page_name": "lub_sellthrough",
            },
        )
