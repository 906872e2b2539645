#!/bin/sh
# A dhclient-script that configures nothing: it records what dhclient hands its script ($reason, $new_ip_address,
# $new_routers, $new_domain_name_servers …) as one JSON object per call, appended to $FIELDKIT_VARS_FILE
# (pass it with `dhclient -e FIELDKIT_VARS_FILE=/path`), or printed when that is not set.
# Usage: dhclient -4 -1 -sf native/dhclient-vars.sh -e FIELDKIT_VARS_FILE=/tmp/vars.jsonl IFACE

json_escape() {
  printf '%s' "$1" | sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' | tr '\n\t' '  '
}

out="${FIELDKIT_VARS_FILE:-/dev/stdout}"
{
  printf '{"reason":"%s"' "$(json_escape "$reason")"
  env | grep -E '^(interface|medium|new_[a-z0-9_]*|old_[a-z0-9_]*|cur_[a-z0-9_]*|requested_[a-z0-9_]*|alias_[a-z0-9_]*)=' | sort |
    while IFS='=' read -r name value; do
      printf ',"%s":"%s"' "$name" "$(json_escape "$value")"
    done
  printf '}\n'
} >> "$out"
exit 0
