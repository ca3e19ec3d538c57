# Sourced by .ci/run (and usable by hand: `. .ci/postgres.sh; pg_start`):
# a throwaway PostgreSQL cluster for the tests, in a temp dir, listening
# only on a unix socket in that dir (no port to collide with), run as an
# unprivileged user. pg_start exports NIEUWSBOT_TEST_PG (the DSN the kb
# tests read) and arranges pg_stop on exit; without PostgreSQL it says so
# and leaves NIEUWSBOT_TEST_PG unset, so the PostgreSQL tests skip.

pg_bindir() {
	local d
	for d in /usr/lib/postgresql/*/bin; do
		if [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ]; then echo "$d"; return 0; fi
	done
	return 1
}

# pg_install installs Debian's postgresql package when no server is on the
# machine and we are root; a failure is not fatal (the tests then skip).
pg_install() {
	pg_bindir >/dev/null && return 0
	if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then
		return 1
	fi
	echo "postgres: installing Debian's postgresql package"
	(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null) || return 1
	pg_bindir >/dev/null
}

# pg_as runs a command as the cluster's owner: the postgres user when we
# are root (the server refuses to run as root), else ourselves.
pg_as() {
	if [ "$(id -u)" = 0 ]; then
		runuser -u "$PG_USER" -- "$@"
	else
		"$@"
	fi
}

pg_start() {
	if ! pg_install; then
		echo "postgres: no PostgreSQL server on this machine; the PostgreSQL tests will skip"
		return 0
	fi
	local bin
	bin=$(pg_bindir)
	PG_USER=$(id -un)
	if [ "$(id -u)" = 0 ]; then
		PG_USER=postgres
		id postgres >/dev/null 2>&1 || PG_USER=nobody
	fi
	PG_DIR=$(mktemp -d /tmp/nbpg.XXXXXX)
	chmod 755 "$PG_DIR"
	[ "$(id -u)" = 0 ] && chown "$PG_USER" "$PG_DIR"
	if ! pg_as "$bin/initdb" -D "$PG_DIR/data" -U nieuwsbot -A trust -E UTF8 --no-locale >"$PG_DIR/initdb.log" 2>&1; then
		echo "postgres: initdb failed; the PostgreSQL tests will skip"; cat "$PG_DIR/initdb.log"
		return 0
	fi
	trap pg_stop EXIT
	if ! pg_as "$bin/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w -t 60 \
		-o "-c listen_addresses='' -k $PG_DIR -c fsync=off -c full_page_writes=off -c max_connections=200" start >/dev/null; then
		echo "postgres: the server did not start; the PostgreSQL tests will skip"; cat "$PG_DIR/server.log"
		return 0
	fi
	if ! pg_as "$bin/createdb" -h "$PG_DIR" -U nieuwsbot nieuwsbot_test; then
		echo "postgres: createdb failed; the PostgreSQL tests will skip"
		return 0
	fi
	export NIEUWSBOT_TEST_PG="postgres://nieuwsbot@/nieuwsbot_test?host=$PG_DIR&sslmode=disable"
	PG_BIN=$bin
	echo "postgres: $("$bin/postgres" --version) on $PG_DIR"
}

pg_stop() {
	if [ -n "${PG_DIR:-}" ] && [ -d "$PG_DIR/data" ]; then
		pg_as "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m immediate stop >/dev/null 2>&1 || true
		rm -rf "$PG_DIR"
	fi
}
