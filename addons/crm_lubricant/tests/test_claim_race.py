# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import SUPERUSER_ID, api
from odoo.exceptions import UserError
from odoo.tests import tagged
from odoo.tests.common import TransactionCase, new_test_user


@tagged("post_install", "-at_install")
class TestClaimRace(TransactionCase):
    """Two salespeople claim the same pool customer at the same moment, each in its own
    transaction: the database lets exactly one of them win."""

    def _committed(self, function):
        with self.registry.cursor() as cr:
            return function(api.Environment(cr, SUPERUSER_ID, {}))

    def _cleanup(self, partner_id, user_ids):
        def clean(env):
            # the log is append-only for users; the test removes its own lines
            env.cr.execute(
                "DELETE FROM crm_lubricant_ownership_log WHERE partner_id = %s",
                [partner_id],
            )
            env["res.partner"].browse(partner_id).unlink()
            env["res.users"].browse(user_ids).unlink()

        self._committed(clean)

    def test_concurrent_claims_one_winner(self):
        def setup(env):
            users = [
                new_test_user(
                    env,
                    login=f"lub_race_{n}",
                    name=f"Racer {n}",
                    groups="crm_lubricant.group_crm_lubricant_user",
                )
                for n in (1, 2)
            ]
            partner = env["res.partner"].create(
                {"name": "Race Pool Customer", "customer_rank": 1}
            )
            return partner.id, [user.id for user in users]

        partner_id, user_ids = self._committed(setup)
        self.addCleanup(self._cleanup, partner_id, user_ids)

        # Two transactions (two cursors) see the customer in the pool at the same time.
        cr_1 = self.registry.cursor()
        cr_2 = self.registry.cursor()
        self.addCleanup(cr_1.close)
        self.addCleanup(cr_2.close)
        for cr in (cr_1, cr_2):
            cr.execute("SET LOCAL lock_timeout = '10s'")
        partner_1 = api.Environment(cr_1, user_ids[0], {})["res.partner"].browse(
            partner_id
        )
        partner_2 = api.Environment(cr_2, user_ids[1], {})["res.partner"].browse(
            partner_id
        )
        self.assertFalse(partner_1.lub_owner_id)
        self.assertFalse(partner_2.lub_owner_id)
        # the first claim commits while the second transaction is still open
        partner_1.action_lub_claim()
        cr_1.commit()
        self.assertEqual(
            partner_2.lub_owner_id.id, False, "the second one still sees the pool"
        )
        with self.assertRaises(UserError) as caught:
            partner_2.action_lub_claim()
        self.assertIn(
            "has just been claimed by another salesperson", str(caught.exception)
        )
        cr_2.rollback()
        winners = [user_ids[0]]

        def check(env):
            partner = env["res.partner"].browse(partner_id)
            logs = env["crm.lubricant.ownership.log"].search(
                [("partner_id", "=", partner_id)]
            )
            return partner.lub_owner_id.id, logs.mapped(
                lambda line: (line.action, line.user_id.id)
            )

        owner, logs = self._committed(check)
        self.assertEqual(owner, winners[0])
        self.assertEqual(logs, [("claim", winners[0])])
