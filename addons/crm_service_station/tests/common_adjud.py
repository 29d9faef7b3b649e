# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import Command
from odoo.tests.common import new_test_user

from .common import ServiceCommon


class RestrictedUsersCommon(ServiceCommon):
    """Adds a portal user of station A and a manager of another company."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        prefix = cls.__name__.lower()
        cls.portal_user = new_test_user(
            cls.env,
            login=f"{prefix}_portal",
            groups="base.group_portal",
            partner_id=cls.station_a.id,
        )
        cls.other_company = cls.env["res.company"].create(
            {"name": f"{prefix} Other Co"}
        )
        cls.other_manager = new_test_user(
            cls.env,
            login=f"{prefix}_other",
            groups="crm_service_station.group_crm_service_station_manager",
            company_id=cls.other_company.id,
            company_ids=[Command.set(cls.other_company.ids)],
        )
