# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Relevance of the search on a judged collection (issue 14, item 2).

``data/relevance_articles.json``: 160 articles cut from real Chinese texts (CRM case
studies of a lubricant maker, a diesel-engine maker, a coal group, a group's CRM plan in
traditional script; every fourth article converted to traditional script), built by
``data/build_collection.py``.  ``data/relevance_queries.json``: 40 queries with grades
0-3 given by reading the pooled results of several rankings (an article not listed is
0).  The test ranks with the addon's search and with a jieba + BM25 baseline computed
here on the same texts, and asserts our figures against thresholds set at or above the
baseline's.
"""

import json
import logging
from pathlib import Path

from odoo.tests import tagged

from ..lib import relevance, segment
from ..lib.text import normalize
from .common import KnowledgeCase

_logger = logging.getLogger(__name__)
DATA = Path(__file__).parent / "data"
# Measured by this test (both rank the same 160 articles; the baseline is jieba search
# mode + BM25 over title and body, script folded as ours):
#   ours        P@5 0.740  MRR 0.988  nDCG@10 0.892  0 queries without result
#   jieba+BM25  P@5 0.740  MRR 0.975  nDCG@10 0.873  0 queries without result
# (a first version of this change, OR semantics and coverage with ts_rank_cd as the
# last key, gave P@5 0.655 MRR 0.940 nDCG@10 0.827; the former AND search was not
# measured on this collection.)  The thresholds are at or above the baseline: the
# test also checks that they stay so.
THRESHOLDS = {"p5": 0.74, "mrr": 0.98, "ndcg10": 0.88}


def _baseline_tokens(text):
    return [
        word
        for word, _start, _end in segment.words(segment.fold_script(normalize(text)))
        if any(char.isalnum() for char in word)
    ]


@tagged("post_install", "-at_install")
class TestRelevance(KnowledgeCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.articles = json.loads((DATA / "relevance_articles.json").read_text())
        cls.queries = json.loads((DATA / "relevance_queries.json").read_text())
        records = cls.Article.with_user(cls.editor).create(
            [
                {
                    "name": article["name"],
                    "body": f"<p>{article['body']}</p>",
                    "category_id": cls.category.id,
                }
                for article in cls.articles
            ]
        )
        records.action_submit_review()
        records.with_user(cls.manager).action_publish()
        cls.key_of = dict(
            zip(records.ids, (a["key"] for a in cls.articles), strict=True)
        )

    def _ours(self, query):
        found = self.Article.with_user(self.manager)._search_knowledge(
            query, limit=10, domain=[("category_id", "=", self.category.id)]
        )
        return [self.key_of[article_id] for article_id in found.ids]

    def _measure(self, rank):
        totals = {"p5": 0.0, "mrr": 0.0, "ndcg10": 0.0}
        empty = []
        for item in self.queries:
            ranked = rank(item["query"])[:10]
            judgments = item["judgments"]
            if not ranked and any(grade > 0 for grade in judgments.values()):
                empty.append(item["query"])
            totals["p5"] += relevance.precision_at(ranked, judgments, 5)
            totals["mrr"] += relevance.reciprocal_rank(ranked, judgments)
            totals["ndcg10"] += relevance.ndcg_at(ranked, judgments, 10)
        return {
            name: value / len(self.queries) for name, value in totals.items()
        }, empty

    def test_collection_size(self):
        self.assertGreaterEqual(len(self.articles), 150)
        self.assertEqual(len(self.queries), 40)
        required = {
            "CRM实施阶段",
            "配件管理",
            "煤炭需求下降原因",
            "秦皇岛 煤价",
            "电厂 存煤",
            "营销策划",
            "知识库",
            "项目经理 能力",
            "營銷管理",
        }
        self.assertLessEqual(required, {item["query"] for item in self.queries})
        keys = {article["key"] for article in self.articles}
        for item in self.queries:
            self.assertLessEqual(set(item["judgments"]), keys, item["query"])
            self.assertTrue(
                all(grade in (0, 1, 2, 3) for grade in item["judgments"].values())
            )

    def test_relevance_against_bm25_baseline(self):
        documents = {
            article["key"]: _baseline_tokens(f"{article['name']} {article['body']}")
            for article in self.articles
        }

        def baseline(query):
            return relevance.bm25_rank(documents, _baseline_tokens(query))

        ours, ours_empty = self._measure(self._ours)
        base, base_empty = self._measure(baseline)
        _logger.info(
            "relevance: ours P@5 %.3f MRR %.3f nDCG@10 %.3f (%d empty);"
            " jieba+BM25 P@5 %.3f MRR %.3f nDCG@10 %.3f (%d empty)",
            ours["p5"],
            ours["mrr"],
            ours["ndcg10"],
            len(ours_empty),
            base["p5"],
            base["mrr"],
            base["ndcg10"],
            len(base_empty),
        )
        self.assertEqual(ours_empty, [])
        for name, threshold in THRESHOLDS.items():
            self.assertGreaterEqual(ours[name], threshold - 1e-9, name)
            self.assertGreaterEqual(threshold, base[name] - 1e-9, name)
