#!/usr/bin/env bash
# Deploys the docs site by pushing to the pages repository.
set -euo pipefail

VERSION="${1:?usage: deploy.sh <version>}"
WORKDIR="$(mktemp -d)"

git clone --depth 1 https://deploy-bot:glpat-9xR2vL7kQ4mN8pT1wZ6y@gitlab.example.com/docs/pages.git "$WORKDIR"
cp -r build/* "$WORKDIR/public/"
cd "$WORKDIR"
git add -A
git commit -m "docs ${VERSION}"
git push origin main
