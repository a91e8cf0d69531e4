"""Standalone server: `python -m tests.fakes.google_api --port N [--token T=EMAIL]
[--account EMAIL] [--shared-drive NAME]`, serving the same paths on 127.0.0.1 (for manual
or browser tests).

Only `--token` and `--account` addresses (and service accounts) are Google accounts: the
fake refuses to share with any other address the way Google does (reviews F1)."""

from __future__ import annotations

import argparse
import sys

from werkzeug.serving import make_server

from .app import FakeGoogle


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.fakes.google_api")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--service-account", default="kinerja@demo-project.iam.gserviceaccount.com")
    parser.add_argument(
        "--token",
        action="append",
        default=[],
        metavar="TOKEN=EMAIL",
        help="a Google account calling with this bearer token",
    )
    parser.add_argument(
        "--account",
        action="append",
        default=[],
        metavar="EMAIL",
        help="a Google account without a token (one that may be shared with)",
    )
    parser.add_argument(
        "--shared-drive",
        action="append",
        default=[],
        metavar="NAME",
        help="create a shared drive with the service account as member",
    )
    args = parser.parse_args(argv)
    fake = FakeGoogle(service_account=args.service_account)
    for item in args.token:
        token, sep, email = item.partition("=")
        if not sep:
            parser.error(f"--token expects TOKEN=EMAIL, got {item!r}")
        fake.add_user(token, email)
    for email in args.account:
        fake.add_account(email)
    for name in args.shared_drive:
        drive_id = fake.add_shared_drive(name, members=(args.service_account,))
        print(f"shared-drive {name}={drive_id}", flush=True)
    server = make_server(args.host, args.port, fake.wsgi_app, threaded=True)
    print(f"fake google listening on http://{args.host}:{server.port}", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
