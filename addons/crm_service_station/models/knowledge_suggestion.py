# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Knowledge at work: suggested articles on claims, service requests and repairs.

The three records inherit crm_knowledge's suggestion mixin; they describe
themselves by the engine model and the causal part (articles about those
products are suggested first) and by their symptom, failure code and
description (the best full-text matches follow).  A solved case becomes a draft
article of the Case Library with ``action_create_knowledge_article``.
"""

from markupsafe import Markup, escape

from odoo import models


def _paragraphs(*texts):
    return Markup("").join(
        Markup("<p>%s</p>") % escape(line)
        for text in texts
        if text
        for line in text.splitlines()
        if line.strip()
    )


def _case_texts(record, symptom):
    """Failure code, causal part and symptom of a claim or a repair order."""
    return [
        record.failure_code_id.display_name,
        record.causal_product_id.display_name,
        symptom,
    ]


class CrmServiceClaim(models.Model):
    _name = "crm.service.claim"
    _inherit = ["crm.service.claim", "crm.knowledge.suggestion.mixin"]

    def _knowledge_suggestion_query(self):
        self.ensure_one()
        return " ".join(filter(None, _case_texts(self, self.description)))

    def _knowledge_suggestion_products(self):
        self.ensure_one()
        return self.product_id | self.causal_product_id

    def _knowledge_article_body(self):
        self.ensure_one()
        return _paragraphs(*_case_texts(self, self.description))


class CrmServiceRequest(models.Model):
    _name = "crm.service.request"
    _inherit = ["crm.service.request", "crm.knowledge.suggestion.mixin"]

    def _knowledge_suggestion_query(self):
        self.ensure_one()
        return self.description or ""

    def _knowledge_suggestion_products(self):
        self.ensure_one()
        return self.lot_id.product_id

    def _knowledge_article_body(self):
        self.ensure_one()
        return _paragraphs(self.description, self.reply)


class RepairOrder(models.Model):
    _name = "repair.order"
    _inherit = ["repair.order", "crm.knowledge.suggestion.mixin"]

    def _knowledge_suggestion_query(self):
        self.ensure_one()
        return " ".join(filter(None, _case_texts(self, self.service_symptom)))

    def _knowledge_suggestion_products(self):
        self.ensure_one()
        return self.product_id | self.causal_product_id

    def _knowledge_article_body(self):
        self.ensure_one()
        return _paragraphs(*_case_texts(self, self.service_symptom))
