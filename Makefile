# Entry points for people and CI. `make help` lists them.
SHELL := /bin/bash
.DEFAULT_GOAL := help
VENV ?= $(CURDIR)/.venv

.PHONY: help test lint venv images app-test audit demo demo-destroy bench clean

help: ## Show the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "}; {printf "  make %-14s %s\n", $$1, $$2}'

test: ## Lint, app tests and every Molecule scenario (MOLECULE_SCENARIO=name for one)
	@scripts/test

lint: venv ## yamllint and ansible-lint (production profile)
	@$(VENV)/bin/yamllint --strict . && PATH="$(VENV)/bin:$$PATH" $(VENV)/bin/ansible-lint --profile production

venv: ## Create or refresh the virtualenv with the pinned tooling
	@scripts/venv

images: ## Build the local base images (reused while unchanged)
	@scripts/docker-engine && molecule/images/build

app-test: venv ## The Django app's tests against a throwaway PostgreSQL
	@scripts/app-tests

# Needs PyPI's JSON API or OSV (api.osv.dev); a network with only a package mirror cannot audit.
audit: venv ## pip-audit the app's pinned requirements against the known vulnerabilities
	@$(VENV)/bin/pip install -q pip-audit==2.10.1 && $(VENV)/bin/pip-audit --strict --require-hashes -r django_app/requirements.txt

demo: ## Boot a local "VPS" container and deploy the whole site to it over SSH
	@scripts/demo

bench: ## On the demo: our stack against the tutorial's way (one gunicorn worker + whitenoise), same pages
	@scripts/bench

demo-destroy: ## Remove the demo container and its keys
	@scripts/demo --destroy

clean: ## Remove the virtualenv and caches (images stay)
	rm -rf $(VENV) .cache .pytest_cache
