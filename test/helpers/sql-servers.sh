#!/usr/bin/env bash
# Starts the local database servers the SQL lease-source tests read Kea's lease tables from: the system MariaDB (its
# own unix socket and 127.0.0.1 only, as Debian configures it) and a PostgreSQL cluster of the tests' own ("fieldkit",
# loopback and unix socket only) whose pg_hba.conf takes passwords on the unix socket too, so a Kea server in its own
# network namespace can log in as its own database user, and which offers TLS with a CA of its own; the machine's
# main cluster is left as it is. Works without systemd; safe to run again. Needs root (run by .ci/setup, and by the tests as root).
set -euo pipefail

if command -v mariadbd >/dev/null; then
  if ! mariadb-admin --protocol=socket ping >/dev/null 2>&1; then
    service mariadb start >/dev/null
  fi
fi

if command -v pg_createcluster >/dev/null; then
  version=$(ls /usr/lib/postgresql | sort -n | tail -1)
  conf=/etc/postgresql/$version/fieldkit
  if [ ! -d "$conf" ]; then
    pg_createcluster --start-conf=manual "$version" fieldkit >/dev/null
    cat >"$conf/pg_hba.conf" <<'HBA'
# The tests' own cluster (test/helpers/sql-servers.sh): its administrator by peer, everyone else by password.
local all postgres peer
local all all scram-sha-256
host all all 127.0.0.1/32 scram-sha-256
host all all ::1/128 scram-sha-256
HBA
  fi
  # TLS beside plain connections, with a CA of its own (tls/ca.pem) that signed the server's certificate for 127.0.0.1.
  if [ ! -f "$conf/conf.d/fieldkit-tls.conf" ]; then
    tls=$conf/tls
    mkdir -p "$tls"
    openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj '/CN=Field Kit test database CA' -keyout "$tls/ca.key" -out "$tls/ca.pem" 2>/dev/null
    openssl req -newkey rsa:2048 -nodes -subj '/CN=127.0.0.1' -keyout "$tls/server.key" -out "$tls/server.csr" 2>/dev/null
    openssl x509 -req -in "$tls/server.csr" -CA "$tls/ca.pem" -CAkey "$tls/ca.key" -CAcreateserial -days 3650 \
      -extfile <(printf 'subjectAltName=IP:127.0.0.1') -out "$tls/server.pem" 2>/dev/null
    chown -R postgres:postgres "$tls"
    chmod 600 "$tls/server.key" "$tls/ca.key"
    printf "ssl = on\nssl_cert_file = '%s'\nssl_key_file = '%s'\n" "$tls/server.pem" "$tls/server.key" >"$conf/conf.d/fieldkit-tls.conf"
    pg_ctlcluster "$version" fieldkit reload 2>/dev/null || true
  fi
  if ! pg_ctlcluster "$version" fieldkit status >/dev/null 2>&1; then
    pg_ctlcluster "$version" fieldkit start
  fi
fi
