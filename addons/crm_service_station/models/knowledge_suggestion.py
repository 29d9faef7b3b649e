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


def _cause(record):
    """Failure code and causal part of a claim or a repair order, one per line."""
    return "\n".join(
        filter(
            None,
            [
                record.failure_code_id.display_name,
                record.causal_product_id.display_name,
            ],
        )
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

    def _knowledge_case_values(self):
        self.ensure_one()
        # sudo: the lines' operations and parts are part of the claim the user reads
        lines = self.sudo().line_ids
        solution = "\n".join(
            line._line_label()
            + (f" × {line.quantity:g}" if line.kind == "part" and line.quantity else "")
            for line in lines
            if line.kind in ("labor", "part")
        )
        return {
            "symptom": self.description,
            "cause": _cause(self),
            "solution": solution,
            "model": self.product_id,
            "parts": lines.filtered(lambda line: line.kind == "part").product_id,
        }


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

    def _knowledge_case_values(self):
        self.ensure_one()
        return {
            "symptom": self.description,
            "solution": self.reply,
            "model": self.lot_id.product_id,
        }


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

    def _knowledge_case_values(self):
        self.ensure_one()
        parts = self.move_ids.filtered(
            lambda move: move.repair_line_type == "add" and move.state != "cancel"
        ).product_id
        solution = "\n".join(
            [op.display_name for op in self.service_operation_ids]
            + [part.display_name for part in parts]
        )
        return {
            "symptom": self.service_symptom,
            "cause": _cause(self),
            "solution": solution,
            "model": self.product_id,
            "parts": parts,
        }
