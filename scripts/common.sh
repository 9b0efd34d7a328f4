# Shared set-up for scripts/serve and scripts/test: Python requirements,
# Odoo 19.0, PostgreSQL, browser and right-to-left tooling.
# shellcheck shell=bash
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
PYTHON=${PYTHON:-python3}
STATE_DIR="$ROOT/.local"            # ignored by git: private cluster, logs
ODOO_SRC="$STATE_DIR/odoo"          # official Odoo 19.0 source, only if needed
mkdir -p "$STATE_DIR"

say() { printf '==> %s\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else return 1; fi; }

odoo_is_19() {
    "$PYTHON" - <<'PY' 2>/dev/null
import sys
import odoo.release
sys.exit(0 if odoo.release.version_info[:2] == (19, 0) else 1)
PY
}

ensure_python_requirements() {
    say "installing the Python requirements"
    "$PYTHON" -m pip install -q --disable-pip-version-check -r "$ROOT/requirements.txt" \
        || die "could not install requirements.txt with $PYTHON"
}

ensure_odoo() {
    if odoo_is_19; then
        return
    fi
    if "$PYTHON" -c "import odoo" 2>/dev/null && ! "$PYTHON" -c "import odoo.release" 2>/dev/null; then
        die "'import odoo' works for $PYTHON but it is not an Odoo server"
    fi
    if "$PYTHON" -c "import odoo.release" 2>/dev/null; then
        die "the Odoo importable by $PYTHON is not 19.0"
    fi
    if [ "${CI:-}" = true ]; then
        die "Odoo 19.0 is not importable by $PYTHON"
    fi
    say "Odoo is not importable: installing Odoo 19.0 from its official source into $ODOO_SRC"
    if command -v apt-get >/dev/null; then
        as_root apt-get install -y -q libldap2-dev libsasl2-dev libpq-dev >/dev/null \
            || say "could not install libldap2-dev libsasl2-dev libpq-dev; continuing"
    fi
    if [ ! -d "$ODOO_SRC/.git" ]; then
        git clone --depth 1 --branch 19.0 https://github.com/odoo/odoo.git "$ODOO_SRC" \
            || die "could not download Odoo 19.0"
    fi
    "$PYTHON" -m pip install -q -r "$ODOO_SRC/requirements.txt" || die "could not install Odoo's requirements"
    "$PYTHON" -m pip install -q --no-deps -e "$ODOO_SRC" || die "could not install Odoo"
    odoo_is_19 || die "Odoo 19.0 is still not importable by $PYTHON"
}

ensure_rtlcss() {
    # Odoo builds the right-to-left stylesheet for Persian with rtlcss.
    command -v rtlcss >/dev/null && return
    if command -v npm >/dev/null; then
        say "installing rtlcss (right-to-left pages)"
        npm install -g --silent rtlcss >/dev/null 2>&1 || as_root npm install -g --silent rtlcss >/dev/null 2>&1 || true
    fi
    command -v rtlcss >/dev/null || die "rtlcss is missing: install Node.js and run 'npm install -g rtlcss'"
}

ensure_chromium() {
    # Browser tests run in headless Chromium; Odoo skips them without it.
    for bin in "${ODOO_BROWSER_BIN:-}" chromium chromium-browser google-chrome google-chrome-stable; do
        if [ -n "$bin" ] && command -v "$bin" >/dev/null; then
            export ODOO_BROWSER_BIN
            ODOO_BROWSER_BIN=$(command -v "$bin")
            return
        fi
    done
    if command -v apt-get >/dev/null; then
        say "installing Chromium for the browser tests"
        as_root apt-get install -y -q chromium >/dev/null 2>&1 || { as_root apt-get update -q >/dev/null 2>&1 && as_root apt-get install -y -q chromium >/dev/null 2>&1; } || true
    fi
    command -v chromium >/dev/null || die "Chromium is missing: install it (Debian: apt-get install chromium)"
    export ODOO_BROWSER_BIN
    ODOO_BROWSER_BIN=$(command -v chromium)
}

pg_answers() {
    "$PYTHON" - <<'PY' 2>/dev/null
import psycopg2
psycopg2.connect(dbname="postgres", connect_timeout=3).close()
PY
}

start_private_cluster() {
    local bindir pgdata="$STATE_DIR/pgdata" port=54329
    bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
    [ -n "$bindir" ] || bindir=$(dirname "$(command -v initdb 2>/dev/null || echo /nonexistent/initdb)")
    [ -x "$bindir/initdb" ] || die "no PostgreSQL answers and no PostgreSQL server is installed"
    local runner=()
    if [ "$(id -u)" = 0 ]; then
        # PostgreSQL refuses to run as root: run the private cluster as nobody.
        chown -R nobody "$STATE_DIR" 2>/dev/null || true
        runner=(su nobody -s /bin/sh -c)
    else
        runner=(sh -c)
    fi
    if [ ! -f "$pgdata/PG_VERSION" ]; then
        say "starting a private PostgreSQL cluster in $pgdata"
        "${runner[@]}" "'$bindir/initdb' -D '$pgdata' -U odoo -A trust >/dev/null"
    fi
    "${runner[@]}" "'$bindir/pg_ctl' -D '$pgdata' -l '$STATE_DIR/postgresql.log' -o \"-p $port -k '$STATE_DIR' -c listen_addresses=127.0.0.1\" -w start >/dev/null" \
        || die "the private PostgreSQL cluster did not start; see $STATE_DIR/postgresql.log"
    export PGHOST=127.0.0.1 PGPORT=$port PGUSER=odoo
}

ensure_postgres() {
    # Use the server given by PG* variables, else the local one, else a
    # private cluster; always connect with a role other than postgres.
    if [ -z "${PGHOST:-}" ]; then
        export PGHOST=127.0.0.1
    fi
    export PGPORT=${PGPORT:-5432}
    if [ -z "${PGUSER:-}" ] || [ "$PGUSER" = postgres ]; then
        export PGUSER=odoo
        if ! pg_answers && PGUSER=postgres pg_answers; then
            say "creating the PostgreSQL role odoo"
            PGUSER=postgres "$PYTHON" - <<'PY' || die "could not create the PostgreSQL role odoo"
import psycopg2
conn = psycopg2.connect(dbname="postgres")
conn.autocommit = True
conn.cursor().execute("CREATE ROLE odoo LOGIN CREATEDB")
PY
        fi
    fi
    if ! pg_answers; then
        if [ "${CI:-}" = true ]; then
            die "PostgreSQL does not answer at $PGHOST:$PGPORT as $PGUSER"
        fi
        start_private_cluster
        pg_answers || die "PostgreSQL does not answer at $PGHOST:$PGPORT as $PGUSER"
    fi
}

addons_path() {
    local community
    community=$("$PYTHON" -c "from odoo.tools import config; print(config.addons_community_dir)")
    if [ -d "$community" ]; then
        printf '%s,%s' "$ROOT" "$community"
    else
        printf '%s' "$ROOT"
    fi
}

# Install the addon into a new database; fail if any of it, demo data
# included, did not load.
create_database() {
    local db=$1 demo=$2 log="$STATE_DIR/install-$1.log"
    say "creating database $db with crm_case_management"
    local args=(-d "$db" -i crm_case_management --stop-after-init --load-language=fa_IR
        --addons-path="$(addons_path)" --http-interface=127.0.0.1 --log-level=warn)
    [ "$demo" = demo ] && args+=(--with-demo)
    if ! "$PYTHON" -m odoo "${args[@]}" >"$log" 2>&1; then
        tail -n 40 "$log" >&2
        die "installing the addon failed; full log in $log"
    fi
    local problems='^[0-9-]+ [0-9:,]+ [0-9]+ (ERROR|CRITICAL) |failed to install'
    if grep -qE "$problems" "$log"; then
        grep -A20 -E "$problems" "$log" | head -n 60 >&2
        die "installing the addon logged errors; full log in $log"
    fi
}
