#!/usr/bin/env bash
# Applies the GitHub environment settings the CI roles rely on (README, "Working in a team"):
#   dev, staging, prod deploy only from main (a PR or branch declaring `environment: dev` is refused
#   a deployment, on top of the deploy roles' job_workflow_ref trust);
#   staging and prod wait for a reviewer of the given team, who may not approve their own run.
# Idempotent: run it again after changing the team. Needs `gh` logged in as a repository admin.
#   tools/github/apply-environment-settings.sh <owner>/<repo> <reviewer team slug>
set -euo pipefail

if [ "$#" -ne 2 ] || [[ ! "$1" =~ ^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$ ]] || [[ ! "$2" =~ ^[A-Za-z0-9_.-]+$ ]]; then
  echo "usage: $0 <owner>/<repo> <reviewer team slug>   e.g. $0 example-org/newsstack platform" >&2
  exit 2
fi
repo="$1"
team="$2"
owner="${repo%%/*}"

team_id="$(gh api "orgs/${owner}/teams/${team}" --jq .id)"
if [[ ! "$team_id" =~ ^[0-9]+$ ]]; then
  echo "error: team ${owner}/${team} not found (gh returned \"${team_id}\")" >&2
  exit 1
fi

for env in dev staging prod; do
  if [ "$env" = dev ]; then
    reviewers='[]'
  else
    reviewers="[{\"type\":\"Team\",\"id\":${team_id}}]"
  fi
  printf '{"deployment_branch_policy":{"protected_branches":false,"custom_branch_policies":true},"reviewers":%s,"prevent_self_review":%s}\n' \
    "$reviewers" "$([ "$env" = dev ] && echo false || echo true)" |
    gh api --method PUT "repos/${repo}/environments/${env}" --input - > /dev/null
  # Exactly one deployment branch: main.
  existing="$(gh api "repos/${repo}/environments/${env}/deployment-branch-policies" --jq '.branch_policies[] | "\(.id) \(.name) \(.type // "branch")"')"
  has_main=false
  while read -r id name type; do
    [ -z "${id:-}" ] && continue
    if [ "$name" = main ] && [ "$type" = branch ]; then
      has_main=true
    else
      gh api --method DELETE "repos/${repo}/environments/${env}/deployment-branch-policies/${id}" > /dev/null
    fi
  done <<< "$existing"
  if [ "$has_main" = false ]; then
    gh api --method POST "repos/${repo}/environments/${env}/deployment-branch-policies" -f name=main -f type=branch > /dev/null
  fi
  echo "${env}: deploys from main only$([ "$env" = dev ] || echo "; reviewers: ${owner}/${team}, no self-review")"
done
