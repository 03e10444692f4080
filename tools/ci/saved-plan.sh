#!/usr/bin/env bash
# The deploy's saved plan, as one set of commands: deploy-environment.yml runs them, and so does the
# deploy rehearsal on moto (tools/rehearsal/saved-plan.ts), so the rehearsal proves the workflow's path.
#   saved-plan.sh plan <stack dir> [review dir]
#       terraform init; plan -out=tfplan with -var image_tag=$IMAGE_TAG (plan.txt beside it, redacted by
#       Terraform); plan-actions.json (addresses and actions only); tfplan encrypted with a KMS data key of
#       the state key (tfplan.enc, tfplan.key) and removed; the directory sealed (plan.sha256). The JSON plan,
#       which prints sensitive values in clear, never stays in the stack directory: with a review dir (the
#       job's own temp folder) it goes there with plan.txt and counts.json for the job summary.
#   saved-plan.sh verify <stack dir>   no plaintext plan; the directory still matches its manifest
#   saved-plan.sh apply <stack dir>    verify; terraform init; decrypt (KMS, the deploy role) into a temp
#                                      folder; apply that plan and nothing else; a refused stale plan
#                                      explained with how to re-run ($ENVIRONMENT names it)
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
    review="${3:-}"
    if [ -n "$review" ]; then
      mkdir -p "$review"
      review="$(cd "$review" && pwd)"
    fi
    cd "$dir"
    terraform init -input=false
    # No lock: planning changes nothing, and a plan made stale by another apply is refused at apply.
    terraform plan -lock=false -input=false -no-color -var "image_tag=${IMAGE_TAG:?IMAGE_TAG (the image to deploy) is required}" -out=tfplan | tee plan.txt
    scratch="$(mktemp -d)"
    trap 'rm -rf "$scratch"' EXIT
    terraform show -json tfplan > "${scratch}/plan.json"
    saved_plan actions "${scratch}/plan.json" > plan-actions.json
    if [ -n "$review" ]; then
      cp plan.txt "${scratch}/plan.json" "$review/"
      saved_plan counts plan-actions.json > "${review}/counts.json"
    fi
    saved_plan seal .
    ;;
  verify)
    saved_plan verify "$dir"
    ;;
  apply)
    saved_plan verify "$dir"
    cd "$dir"
    terraform init -input=false
    scratch="$(mktemp -d)"
    trap 'rm -rf "$scratch"' EXIT
    saved_plan decrypt . "${scratch}/tfplan"
    log="${scratch}/apply.log"
    set +e
    terraform apply -input=false -no-color "${scratch}/tfplan" 2>&1 | tee "$log"
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
