#!/usr/bin/env bash
# The local Postgres trusts every connection from 127.0.0.1, so a wrong password is never
# refused. Tests of "wrong password" need real password checks: this makes members of the
# role `sluice_password_users` (and only them) authenticate with scram-sha-256. Idempotent;
# run as a user who may edit pg_hba.conf (root on CI machines). Other roles are unaffected.
set -euo pipefail
hba=$(psql -h 127.0.0.1 -U postgres -d postgres -Atc "show hba_file")
rule="host all +sluice_password_users 127.0.0.1/32 scram-sha-256"
psql -h 127.0.0.1 -U postgres -d postgres -qc \
  "do \$\$ begin if not exists (select from pg_roles where rolname = 'sluice_password_users') then create role sluice_password_users nologin; end if; end \$\$"
if ! grep -qF "$rule" "$hba"; then
  { echo "$rule"; cat "$hba"; } > "$hba.sluice" && cat "$hba.sluice" > "$hba" && rm "$hba.sluice"
  psql -h 127.0.0.1 -U postgres -d postgres -qc "select pg_reload_conf()" >/dev/null
  echo "Password authentication enabled for members of sluice_password_users"
fi
