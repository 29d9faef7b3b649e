# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Portal browsing (issue 14, item 7): category tree with the counts the visitor may
read, pager, tag and product filters, breadcrumbs, zh_CN pages."""

from lxml import html

from odoo.tests import HttpCase, tagged
from odoo.tests.common import new_test_user

from ..controllers.portal import PORTAL_PAGE_SIZE


@tagged("post_install", "-at_install")
class TestPortalBrowse(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Article = cls.env["crm.knowledge.article"]
        Category = cls.env["crm.knowledge.category"]
        cls.portal = new_test_user(
            cls.env, login="kb_browse_portal", groups="base.group_portal"
        )
        cls.insiders = cls.env["res.groups"].create({"name": "KB browse insiders"})
        cls.insider = new_test_user(
            cls.env, login="kb_browse_insider", groups="base.group_portal"
        )
        cls.insider.groups_id = [(4, cls.insiders.id)]
        cls.parts = Category.create({"name": "配件知识"})
        cls.filters = Category.create({"name": "滤清器", "parent_id": cls.parts.id})
        cls.pricing = Category.create(
            {"name": "内部定价机密", "group_ids": [(6, 0, cls.insiders.ids)]}
        )
        cls.staff_only = Category.create({"name": "员工手册专栏"})
        cls.tag = cls.env["crm.knowledge.tag"].create({"name": "更换周期"})
        cls.product = cls.env["product.product"].create({"name": "机油滤清器 JX0810"})

        def published(name, category, audience="portal", **vals):
            article = cls.Article.create(
                {
                    "name": name,
                    "body": f"<p>{name} 的说明。</p>",
                    "category_id": category.id,
                    "audience": audience,
                    **vals,
                }
            )
            article.action_submit_review()
            article.action_publish()
            return article

        # 23 portal articles under 滤清器: 01-05 tagged 更换周期, 01-03 about JX0810
        cls.filter_articles = cls.Article.browse()
        for index in range(1, 24):
            vals = {}
            if index <= 5:
                vals["tag_ids"] = [(6, 0, cls.tag.ids)]
            if index <= 3:
                vals["product_ids"] = [(6, 0, cls.product.ids)]
            cls.filter_articles |= published(
                f"滤清器保养 {index:02d}", cls.filters, **vals
            )
        # two in 配件知识 itself, one of them about JX0810
        cls.parts_articles = published(
            "配件选型指南", cls.parts, product_ids=[(6, 0, cls.product.ids)]
        ) | published("配件库存建议", cls.parts)
        # read by staff only: counted for them, not for the portal
        cls.internal = published("滤清器内部成本", cls.filters, audience="internal")
        published("员工考勤规定", cls.staff_only, audience="internal")
        # a category only insiders may read
        cls.secret = published("渠道底价表", cls.pricing) | published(
            "返利政策", cls.pricing
        )

    # ----------------------------------------------------------------- helpers

    def _page(self, url, login="kb_browse_portal"):
        self.authenticate(login, login)
        response = self.url_open(url)
        self.assertEqual(response.status_code, 200, url)
        return response, html.fromstring(response.text)

    @staticmethod
    def _counts(tree):
        """{category id: count shown} of the category tree."""
        return {
            int(link.get("data-category-id")): int(
                link.xpath(".//span[contains(@class, 'o_knowledge_category_count')]")[
                    0
                ].text_content()
            )
            for link in tree.xpath("//a[@data-category-id]")
        }

    @staticmethod
    def _results(tree):
        return [
            link.xpath(".//h5")[0].text_content().strip()
            for link in tree.xpath("//div[contains(@class, 'o_knowledge_results')]/a")
        ]

    @staticmethod
    def _crumbs(tree):
        return [
            " ".join(item.text_content().split())
            for item in tree.xpath("//ol[contains(@class, 'o_portal_submenu')]/li")
        ][1:]  # after the home icon

    # ------------------------------------------------------------------- tests

    def test_category_tree_counts_what_the_portal_may_read(self):
        _response, tree = self._page("/knowledge")
        counts = self._counts(tree)
        # 滤清器: 23 portal articles (its internal one is not counted);
        # 配件知识: its own 2 + the 23 of its subcategory
        self.assertEqual(counts[self.filters.id], 23)
        self.assertEqual(counts[self.parts.id], 2 + 23)
        # nested: 滤清器 is listed inside the node of 配件知识
        nested = tree.xpath(
            f"//li[a[@data-category-id='{self.parts.id}']]"
            f"//a[@data-category-id='{self.filters.id}']"
        )
        self.assertEqual(len(nested), 1)
        # a restricted category: neither its name nor its count; a category of
        # internal articles only: not listed (it would show 0 of what exists)
        self.assertNotIn(self.pricing.id, counts)
        self.assertNotIn(self.staff_only.id, counts)
        page = html.tostring(tree, encoding="unicode")
        self.assertNotIn("内部定价机密", page)
        self.assertNotIn("渠道底价表", page)

    def test_insider_sees_the_restricted_category(self):
        _response, tree = self._page("/knowledge", login="kb_browse_insider")
        self.assertEqual(self._counts(tree)[self.pricing.id], 2)

    def test_restricted_category_and_articles_are_404(self):
        self.authenticate("kb_browse_portal", "kb_browse_portal")
        response = self.url_open(f"/knowledge/category/{self.pricing.id}")
        self.assertEqual(response.status_code, 404)
        self.assertNotIn("渠道底价表", response.text)
        response = self.url_open(f"/knowledge/article/{self.secret[0].id}")
        self.assertEqual(response.status_code, 404)
        _response, tree = self._page("/knowledge?q=渠道底价表 返利政策")
        self.assertEqual(self._results(tree), [])

    def test_pager(self):
        url = f"/knowledge/category/{self.filters.id}"
        _response, first = self._page(url)
        # 23 articles, 20 a page: 20 on page 1, 3 on page 2, newest first
        self.assertEqual(PORTAL_PAGE_SIZE, 20)
        self.assertEqual(
            self._results(first), [f"滤清器保养 {i:02d}" for i in range(23, 3, -1)]
        )
        self.assertTrue(first.xpath(f"//a[@href='{url}/page/2']"))
        _response, second = self._page(f"{url}/page/2")
        self.assertEqual(
            self._results(second), ["滤清器保养 03", "滤清器保养 02", "滤清器保养 01"]
        )
        # a page past the end is empty, not an error
        _response, beyond = self._page(f"{url}/page/9")
        self.assertEqual(self._results(beyond), [])

    def test_search_pager_keeps_the_query(self):
        url = f"/knowledge/category/{self.filters.id}"
        _response, first = self._page(f"{url}?q=滤清器保养")
        self.assertEqual(len(self._results(first)), 20)
        self.assertIn(
            "23",
            first.xpath("//p[contains(@class, 'o_knowledge_total')]")[0].text_content(),
        )
        link = first.xpath(
            "//ul[contains(@class, 'pagination')]//a[contains(@href, 'page/2')]"
        )
        self.assertTrue(link)
        self.assertIn("q=", link[0].get("href"))
        _response, second = self._page(link[0].get("href"))
        # the 20 of page 1 and the 3 of page 2 are the 23, each once
        self.assertEqual(
            sorted(self._results(first) + self._results(second)),
            sorted(self.filter_articles.mapped("name")),
        )

    def test_tag_and_product_filters(self):
        url = f"/knowledge/category/{self.filters.id}"
        _response, tagged_page = self._page(f"{url}?tag={self.tag.id}")
        self.assertEqual(
            self._results(tagged_page), [f"滤清器保养 {i:02d}" for i in (5, 4, 3, 2, 1)]
        )
        # the options say how many articles each filter keeps
        option = tagged_page.xpath(
            f"//select[@name='tag']/option[@value='{self.tag.id}']"
        )[0]
        self.assertEqual(option.get("selected"), "selected")
        self.assertIn("(5)", option.text_content())
        # the product, under 配件知识 and its subcategory: 3 + 1 = 4
        _response, by_product = self._page(
            f"/knowledge/category/{self.parts.id}?product={self.product.id}"
        )
        self.assertEqual(
            sorted(self._results(by_product)),
            sorted(["配件选型指南", "滤清器保养 01", "滤清器保养 02", "滤清器保养 03"]),
        )
        option = by_product.xpath(
            f"//select[@name='product']/option[@value='{self.product.id}']"
        )[0]
        self.assertIn("(4)", option.text_content())
        # both: the tagged articles about the product
        _response, both = self._page(
            f"{url}?tag={self.tag.id}&product={self.product.id}&q=保养"
        )
        self.assertEqual(
            sorted(self._results(both)),
            ["滤清器保养 01", "滤清器保养 02", "滤清器保养 03"],
        )
        # a filter that is not a number is ignored, not an error
        _response, bad = self._page(f"{url}?tag=abc&product=-4")
        self.assertEqual(len(self._results(bad)), 20)

    def test_breadcrumbs(self):
        _response, tree = self._page(f"/knowledge/category/{self.filters.id}")
        self.assertEqual(self._crumbs(tree), ["Knowledge Base", "配件知识", "滤清器"])
        self.assertTrue(
            tree.xpath(
                f"//ol[contains(@class, 'o_portal_submenu')]"
                f"//a[@href='/knowledge/category/{self.parts.id}']"
            )
        )
        _response, tree = self._page(f"/knowledge/category/{self.filters.id}?q=保养")
        self.assertEqual(
            self._crumbs(tree), ["Knowledge Base", "配件知识", "滤清器", "Search: 保养"]
        )
        article = self.filter_articles[0]
        _response, tree = self._page(f"/knowledge/article/{article.id}")
        self.assertEqual(
            self._crumbs(tree), ["Knowledge Base", "配件知识", "滤清器", article.name]
        )

    def test_breadcrumbs_do_not_name_a_restricted_parent(self):
        # an open subcategory under the restricted one: the portal reads its
        # articles, never the parent's name
        open_child = self.env["crm.knowledge.category"].create(
            {
                "name": "公开价目",
                "parent_id": self.pricing.id,
                "group_ids": [(6, 0, self.env.ref("base.group_portal").ids)],
            }
        )
        article = self.Article.create(
            {
                "name": "公开价目说明",
                "category_id": open_child.id,
                "audience": "portal",
            }
        )
        article.action_submit_review()
        article.action_publish()
        _response, tree = self._page(f"/knowledge/article/{article.id}")
        self.assertEqual(
            self._crumbs(tree), ["Knowledge Base", "公开价目", "公开价目说明"]
        )
        _response, home = self._page("/knowledge")
        self.assertEqual(self._counts(home)[open_child.id], 1)
        self.assertNotIn("内部定价机密", html.tostring(home, encoding="unicode"))

    def test_zh_cn_pages(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"].search(
            [("name", "in", ("portal", "crm_knowledge"))]
        )._update_translations(["zh_CN"])
        self.portal.lang = "zh_CN"
        response, tree = self._page(f"/knowledge/category/{self.filters.id}?q=保养")
        self.assertEqual(self._crumbs(tree)[0], "知识库")
        self.assertTrue(self._crumbs(tree)[-1].startswith("搜索："))
        for english in (
            "All articles",
            "Categories",
            "All tags",
            "Search:",
            "articles",
        ):
            self.assertNotIn(english, tree.text_content())
        self.assertIn("全部文章", response.text)
