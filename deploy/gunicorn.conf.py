"""gunicorn settings for arena: `gunicorn -c deploy/gunicorn.conf.py`.

Every value can be changed from the environment (the systemd unit's EnvironmentFile),
so the same file serves a small virtual machine and a large one. See docs/deploy.md.
"""

import multiprocessing
import os


def _int(name: str, default: int) -> int:
    return int(os.environ.get(name) or default)


# The app: wsgi.py builds it with create_app() from the ARENA_* environment.
wsgi_app = "wsgi:app"
# nginx in front, on this machine or another: listen where it can reach us.
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")

# Processes: gunicorn's own advice, 2 per core + 1. Each process handles `threads`
# requests at once (above 1, gunicorn uses its gthread worker). Pages wait mostly on
# the database, so a few threads per process serve more for the same memory.
workers = _int("GUNICORN_WORKERS", _int("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
threads = _int("GUNICORN_THREADS", 2)

# Build the app once in the master and fork it: less memory (shared pages) and a
# broken configuration stops the start at once instead of in every worker.
# create_app() opens no database connection, so no connection is shared by forks.
preload_app = True

# A request running longer than this is killed with its worker: no page should take
# seconds (exports stream, and run far below it). The graceful timeout lets a worker
# finish what it is doing on a restart or a deploy.
timeout = _int("GUNICORN_TIMEOUT", 30)
graceful_timeout = _int("GUNICORN_GRACEFUL_TIMEOUT", 30)
# nginx keeps connections to us open between requests (upstream keepalive).
keepalive = _int("GUNICORN_KEEPALIVE", 5)

# Memory: a worker is replaced after this many requests (plus a random jitter, so
# they are not all replaced at once): whatever a long life accumulates is given back.
max_requests = _int("GUNICORN_MAX_REQUESTS", 2000)
max_requests_jitter = _int("GUNICORN_MAX_REQUESTS_JITTER", 200)

# The heartbeat file in memory, not on a disk that may stall (containers, cloud disks).
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None

# Logs go to standard error, where systemd's journal (or a container's log) takes them.
# The app writes one line per request itself (arena/core/request_log.py, with the
# request id and the time to the last byte), so gunicorn's access log is off; set
# GUNICORN_ACCESS_LOG=- to have it as well, in this format: no client address, the
# time in milliseconds and the request id the app sent back.
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None
access_log_format = '"%(r)s" %(s)s %(B)s %(M)sms request_id=%({x-request-id}o)s'

# The app reads X-Forwarded-For/-Proto itself (ARENA_PROXY_COUNT, werkzeug's
# ProxyFix); gunicorn's own reading of them is left to its default (127.0.0.1 only).
proc_name = "arena"
# gunicorn ≥ 25 opens a control socket in $HOME by default: one path for every
# instance of the user, and a few seconds more at each stop. systemd's signals
# (reload: HUP, stop: TERM) do what it offers; older gunicorn ignores the name.
control_socket_disable = True
