#!/usr/bin/env bash
# Offline checks of everything in deploy/, docker/ and the Tiltfile (no helm, tilt or Docker engine needed):
# the chart with values-dev.yaml and with values-prod.yaml (yamllint, values schema, render, Kubernetes schemas and
# policy), the Tiltfile (Starlark evaluation against the rendered chart) and docker/compose.yaml (Compose Spec).
# Uses the shared deploycheck tool, which sits beside the clone (../shared; set DEPLOYCHECK_DIR to override).
# The first run builds the tools into $DEPLOYCHECK_HOME (default /tmp/deploycheck-home), about 40 s.
# Exits non-zero when any check fails.
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
tool=${DEPLOYCHECK_DIR:-$root/../shared/tools/deploycheck}
if [ ! -x "$tool/check" ]; then
  echo "deploycheck: $tool/check not found (the shared folder is expected beside the repository; set DEPLOYCHECK_DIR)" >&2
  exit 2
fi
chart=deploy/helm/tpx
failed=()
echo "== chart $chart + values-dev.yaml, Tiltfile, docker/compose.yaml"
"$tool/check" --chart "$chart" --values "$chart/values-dev.yaml" --tiltfile Tiltfile --compose docker/compose.yaml || failed+=(dev)
echo "== chart $chart + values-prod.yaml"
"$tool/check" --chart "$chart" --values "$chart/values-prod.yaml" || failed+=(prod)
if [ ${#failed[@]} -gt 0 ]; then
  echo "deploycheck FAILED: ${failed[*]}"
  exit 1
fi
echo "deploycheck OK"
