#!/usr/bin/env bash
# Event contracts gate: `buf lint` and `buf format` on proto/, then `buf breaking` against main.
#
# The breaking check compares the working tree with the main branch (local `main`, else `origin/main`, or
# the ref in CONTRACTS_BASE_REF). It is skipped, with a message, when there is nothing to compare with: no
# git repository, no main branch, or a main that has no buf module yet (the first landing of the contracts).
# On main itself (CI clones main) it compares main with itself and passes; it bites on branches and on
# uncommitted changes in a working copy.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
buf="$root/node_modules/.bin/buf"
if [[ ! -x "$buf" ]]; then
  echo "contracts-check: $buf not found; run npm ci first" >&2
  exit 1
fi

echo "contracts-check: buf lint (rules from buf.yaml)"
"$buf" lint
echo "contracts-check: lint passed"

echo "contracts-check: buf format (fix with: npx buf format -w)"
"$buf" format --diff --exit-code
echo "contracts-check: format passed"

if ! git rev-parse --git-dir >/dev/null 2>&1; then
  echo "contracts-check: not a git repository; breaking check skipped"
  exit 0
fi

base_ref="${CONTRACTS_BASE_REF:-}"
if [[ -z "$base_ref" ]]; then
  for candidate in main origin/main; do
    if git rev-parse --verify --quiet "${candidate}^{commit}" >/dev/null; then
      base_ref="$candidate"
      break
    fi
  done
fi
if [[ -z "$base_ref" ]]; then
  echo "contracts-check: no main branch in this clone; breaking check skipped"
  exit 0
fi
base_commit="$(git rev-parse --verify "${base_ref}^{commit}")"
# The common dir is the repository's .git folder, also from inside a linked worktree.
git_dir="$(cd "$(git rev-parse --git-common-dir)" && pwd)"

if ! git cat-file -e "${base_commit}:buf.yaml" 2>/dev/null \
  || [[ -z "$(git ls-tree -r --name-only "$base_commit" -- proto | grep '\.proto$' || true)" ]]; then
  echo "contracts-check: ${base_ref} (${base_commit:0:12}) has no buf module with .proto files yet (first landing); breaking check skipped"
  exit 0
fi

echo "contracts-check: buf breaking against ${base_ref} (${base_commit:0:12}), rules from buf.yaml"
"$buf" breaking --against "${git_dir}#ref=${base_commit}"
echo "contracts-check: no breaking changes against ${base_ref}"
