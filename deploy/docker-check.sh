#!/usr/bin/env bash
# What the repository's own tests cannot check without a Docker engine, checked with one:
#   deploy/docker-check.sh
# builds the four images, starts compose with the scale-out profile (a throwaway project, secrets
# generated from .env.example, demo data on), then checks:
#   - every container is healthy (the images' HEALTHCHECK) and runs as a non-root user;
#   - the README walkthrough on ports 3000 to 3003: one token on /me of shop, helpdesk and forum,
#     an order, a ticket, a thread, a forged token refused;
#   - nginx on 8080 alternates between the two shop replicas, and stopping one fails no request;
#   - `docker compose stop` ends a service within seconds (node is PID 1 and gets SIGTERM);
#   - the signing key survives `docker compose down && up`: a token from before is still accepted.
# It removes the project, its volume and its images' containers when it ends, whatever happens.
# Needs docker with compose v2, curl, node and openssl; ports 3000-3003 and 8080 free.
set -euo pipefail
cd "$(dirname "$0")/.."

project="sso-check-$$"
env_file="$(mktemp)"
compose() { docker compose --project-name "$project" --env-file "$env_file" --profile scale-out "$@"; }
cleanup() {
  compose down --volumes --remove-orphans >/dev/null 2>&1 || true
  rm -f "$env_file"
}
trap cleanup EXIT

failures=0
pass() { printf 'ok    %s\n' "$1"; }
fail() { printf 'FAIL  %s\n' "$1"; failures=$((failures + 1)); }
check() { # check "what" expected actual
  if [ "$2" = "$3" ]; then pass "$1"; else fail "$1 (expected $2, got $3)"; fi
}
status() { curl -s -o /dev/null -w '%{http_code}' "$@"; }
field() { node -pe "JSON.parse(require('fs').readFileSync(0))$1"; }

# The `.env` a user makes from .env.example: a fresh random secret for every variable it lists.
sed -n 's/^\([A-Z_]*\)=$/\1/p' .env.example | while read -r name; do echo "$name=$(openssl rand -hex 32)"; done >"$env_file"
echo 'SEED_DEMO_DATA=true' >>"$env_file"

compose up --build --detach --wait
pass 'every container healthy (docker compose up --wait)'
for service in auth shop helpdesk forum shop-replica-a; do
  uid="$(compose exec -T "$service" id -u)"
  if [ "$uid" != 0 ]; then pass "$service runs as uid $uid, not root"; else fail "$service runs as root"; fi
done

json=(-H 'content-type: application/json')
login() { curl -s localhost:3000/auth/login "${json[@]}" -d "{\"email\":\"$1\",\"password\":\"sso-demo-password\"}" | field .access_token; }
TOKEN="$(login alice@example.com)"
for port in 3001 3002 3003; do check "GET localhost:$port/me with the token" 200 "$(status "localhost:$port/me" -H "Authorization: Bearer $TOKEN")"; done
PRODUCT="$(curl -s localhost:3001/products | field '[0].id')"
check 'an order on shop' 201 "$(status localhost:3001/orders -H "Authorization: Bearer $TOKEN" "${json[@]}" -d "{\"productId\":\"$PRODUCT\",\"quantity\":2}")"
check 'a ticket on helpdesk' 201 "$(status localhost:3002/tickets -H "Authorization: Bearer $TOKEN" "${json[@]}" -d '{"subject":"Where is my mug?","body":"Ordered it a minute ago."}')"
check 'a thread on forum' 201 "$(status localhost:3003/threads -H "Authorization: Bearer $TOKEN" "${json[@]}" -d '{"title":"Hello","body":"Logged in once, posting here."}')"
FORGED="$(node -e 'const [h, p, s] = process.argv[1].split("."); const c = JSON.parse(Buffer.from(p, "base64url")); c.roles = ["admin"];
  console.log([h, Buffer.from(JSON.stringify(c)).toString("base64url"), s].join("."))' "$TOKEN")"
check 'the forged token refused' 401 "$(status localhost:3001/orders -H "Authorization: Bearer $FORGED")"

served=""
for _ in 1 2 3 4; do served="$served $(curl -s -o /dev/null -D - localhost:8080/me -H "Authorization: Bearer $TOKEN" | tr -d '\r' | sed -n 's/^[Xx]-[Ss]erved-[Bb]y: //p')"; done
check 'nginx on 8080 spreads requests over both replicas' 2 "$(echo "$served" | tr ' ' '\n' | sed '/^$/d' | sort -u | wc -l | tr -d ' ')"
errors_file="$(mktemp)"
(for _ in $(seq 1 200); do status localhost:8080/me -H "Authorization: Bearer $TOKEN"; echo; done | grep -vc '^200$' >"$errors_file") &
load=$!
sleep 0.5
started=$(date +%s)
compose stop shop-replica-a >/dev/null 2>&1
stopped=$(($(date +%s) - started))
wait "$load" || true
check 'requests failed through nginx while a replica stopped' 0 "$(cat "$errors_file")"
rm -f "$errors_file"
if [ "$stopped" -le 10 ]; then pass "docker compose stop took ${stopped} s"; else fail "docker compose stop took ${stopped} s"; fi

KID="$(curl -s localhost:3000/.well-known/jwks.json | field '.keys.map((k) => k.kid).sort().join()')"
compose down >/dev/null 2>&1
compose up --detach --wait >/dev/null 2>&1
check 'the signing keys after down && up' "$KID" "$(curl -s localhost:3000/.well-known/jwks.json | field '.keys.map((k) => k.kid).sort().join()')"
check 'a token from before down && up, on shop' 200 "$(status localhost:3001/me -H "Authorization: Bearer $TOKEN")"

if [ "$failures" -eq 0 ]; then echo 'All container checks passed.'; else echo "$failures container check(s) failed."; exit 1; fi
