# Industry CRM suite for Odoo 18 -- the two commands of the README:
#   make run    serve the suite with demo data on http://localhost:8069
#   make test   run every test (tier 1 always, the Odoo tier when an Odoo 18 is found)
# Odoo is found through ODOO_BIN (a command), else an `odoo` command on PATH.

PYTHON ?= python3
VENV   ?= .venv
VPY    := $(VENV)/bin/python
DB     ?= crm_suite_demo
ADDONS := crm_coal,crm_lubricant,crm_service_station,crm_knowledge
ODOO   := $(or $(ODOO_BIN),$(shell command -v odoo 2>/dev/null))
PRETTIER_DIR ?= .cache/prettier

.PHONY: test tier1 odoo-test odoo-regression run lint format prettier readme pot clean help

help:
	@echo "make run        serve the suite on http://localhost:8069 with demo data (database $(DB))"
	@echo "make test       every test: tier 1, then the Odoo tier when an Odoo 18 is found"
	@echo "make tier1      tier 1 only (pure Python and static checks, no Odoo)"
	@echo "make odoo-test  the Odoo tier only; fails when no Odoo 18 is found"
	@echo "make odoo-regression  Odoo's own post_install tests of crm, sale_crm, repair, sale,"
	@echo "                stock, purchase and portal with the four addons installed"
	@echo "make lint       ruff (lint, format), every pylint-odoo check, prettier (XML) and the"
	@echo "                static addon checks (tier 1 runs the same)"
	@echo "make format     apply ruff's fixes and formatting, and prettier to the XML"
	@echo "make readme     rewrite each addon's README.rst from its readme/ fragments"
	@echo "make pot        export each addon's .pot from a database and merge it into zh_CN.po"

$(VPY): requirements.txt tests/requirements.txt
	test -x $(VPY) || $(PYTHON) -m venv $(VENV)
	$(VPY) -m pip install --quiet --disable-pip-version-check -r requirements.txt -r tests/requirements.txt
	touch $(VPY)

PRETTIER := $(PRETTIER_DIR)/node_modules/.bin/prettier
PRETTIER_XML := --plugin $(PRETTIER_DIR)/node_modules/@prettier/plugin-xml/src/plugin.js

# Prettier and its XML plugin, from the npm registry, outside the repository's tracked files.
$(PRETTIER):
	@if command -v npm >/dev/null; then \
	    npm install --silent --no-audit --no-fund --prefix $(PRETTIER_DIR) \
	        prettier@3.3.3 @prettier/plugin-xml@3.4.1; \
	else echo "npm not found: the XML formatting check (prettier) will be skipped"; fi

prettier: $(PRETTIER)

test: $(VPY) prettier
	$(VPY) tests/run.py

tier1: $(VPY) prettier
	$(VPY) tests/run.py --odoo skip

odoo-test: $(VPY)
	$(VPY) tests/odoo_tier.py --required

odoo-regression: $(VPY)
	$(VPY) tests/odoo_tier.py --required --regression --log odoo-regression.log

lint: $(VPY) prettier
	$(VPY) -m ruff check .
	$(VPY) -m ruff format --check .
	$(VPY) -m pylint --rcfile=tests/pylintrc addons/crm_coal addons/crm_lubricant addons/crm_service_station addons/crm_knowledge
	@if test -x $(PRETTIER); then $(PRETTIER) --check $(PRETTIER_XML) "addons/**/*.xml"; \
	else echo "lint: prettier not installed (no npm), XML formatting not checked"; fi
	$(VPY) -m pytest -q -p no:cacheprovider tests/test_static_addons.py

format: $(VPY) prettier
	$(VPY) -m ruff check --fix .
	$(VPY) -m ruff format .
	@if test -x $(PRETTIER); then $(PRETTIER) --write $(PRETTIER_XML) "addons/**/*.xml"; \
	else echo "format: prettier not installed (no npm), XML left as is"; fi

readme: $(VPY)
	$(VPY) tests/gen_readme.py

run: $(VPY)
	@if [ -z "$(ODOO)" ]; then \
	  echo "make run: no Odoo 18 found. Install Odoo 18.0 beside this repository and either"; \
	  echo "  export ODOO_BIN=/path/to/odoo-bin   (or a wrapper command), or put an 'odoo' command on PATH."; \
	  echo "  See README.md, section 'Getting Odoo 18'."; \
	  exit 2; \
	fi
	$(VPY) tests/serve.py --db $(DB)

pot: $(VPY)
	@if [ -z "$(ODOO)" ]; then echo "make pot: no Odoo 18 found (set ODOO_BIN)"; exit 2; fi
	$(VPY) tests/serve.py --db $(DB) --export-pot

clean:
	rm -rf $(VENV) odoo-tier.log
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
