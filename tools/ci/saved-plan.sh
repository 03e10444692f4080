#!/usr/bin/env bash
# The deploy's saved plan, as one set of commands: deploy-environment.yml runs them, and so does the
# deploy rehearsal on moto (tools/rehearsal/saved-plan.ts), so the rehearsal proves the workflow's path.
#   saved-plan.sh plan <stack dir>     terraform init; plan -out=tfplan with -var image_tag=$IMAGE_TAG
#                                      (plan.txt, plan.json beside it); the directory sealed (plan.sha256)
#   saved-plan.sh verify <stack dir>   the directory still matches its manifest
#   saved-plan.sh apply <stack dir>    verify; terraform init; apply tfplan and nothing else; a refused
#                                      stale plan explained with how to re-run ($ENVIRONMENT names it)
# Extra init arguments (the rehearsal's moto endpoint) come only through Terraform's TF_CLI_ARGS_init.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# Called from the stack directory too: ts-node by path, never an npx lookup from elsewhere.
saved_plan() { "${here}/../../node_modules/.bin/ts-node" --transpile-only "${here}/saved-plan.ts" "$@"; }

command="${1:-}"
dir="${2:-}"
if [ -z "$dir" ] || [ ! -d "$dir" ]; then
  echo "usage: saved-plan.sh plan|verify|apply <stack dir> (got: ${*:-nothing})" >&2
  exit 2
fi

case "$command" in
  plan)
    cd "$dir"
    terraform init -input=false
    # No lock: planning changes nothing, and a plan made stale by another apply is refused at apply.
    terraform plan -lock=false -input=false -no-color -var "image_tag=${IMAGE_TAG:?IMAGE_TAG (the image to deploy) is required}" -out=tfplan | tee plan.txt
    terraform show -json tfplan > plan.json
    saved_plan seal .
    ;;
  verify)
    saved_plan verify "$dir"
    ;;
  apply)
    saved_plan verify "$dir"
    cd "$dir"
    terraform init -input=false
    log="$(mktemp)"
    trap 'rm -f "$log"' EXIT
    set +e
    terraform apply -input=false -no-color tfplan 2>&1 | tee "$log"
    status="${PIPESTATUS[0]}"
    set -e
    if [ "$status" -ne 0 ]; then
      saved_plan explain "$log" "${ENVIRONMENT:-the environment}"
      exit "$status"
    fi
    ;;
  *)
    echo "usage: saved-plan.sh plan|verify|apply <stack dir> (unknown command: ${command})" >&2
    exit 2
    ;;
esac
