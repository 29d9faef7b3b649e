/** @odoo-module **/
// Counts a view each time an article is shown in the form (opened, or reached with the
// pager). Reads run on read-only cursors in Odoo 18, so the count is a separate call.

import { useEffect } from "@odoo/owl";
import { registry } from "@web/core/registry";
import { formView } from "@web/views/form/form_view";
import { FormController } from "@web/views/form/form_controller";

export class KnowledgeArticleFormController extends FormController {
    setup() {
        super.setup();
        useEffect(
            (resId) => {
                if (resId) {
                    this.orm.silent.call("crm.knowledge.article", "action_register_view", [
                        [resId],
                    ]);
                }
            },
            () => [this.model.root.resId]
        );
    }
}

export const knowledgeArticleFormView = {
    ...formView,
    Controller: KnowledgeArticleFormController,
};

registry.category("views").add("crm_knowledge_article_form", knowledgeArticleFormView);
