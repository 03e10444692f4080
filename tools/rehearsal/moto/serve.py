"""Starts moto's server with the newsstack extensions installed.

  python serve.py --tls-dir DIR -H 127.0.0.1 -p PORT

`--tls-dir` writes a self-signed cert.pem/key.pem there and serves HTTPS with it; the other arguments
are moto_server's. The extensions patch moto before the first request is served.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import newsstack_moto  # noqa: E402
from moto.server import main  # noqa: E402


def split_tls_dir(argv: list[str]) -> tuple[str | None, list[str]]:
    if "--tls-dir" not in argv:
        return None, argv
    at = argv.index("--tls-dir")
    return argv[at + 1], argv[:at] + argv[at + 2 :]


if __name__ == "__main__":
    newsstack_moto.install()
    tls_dir, moto_args = split_tls_dir(sys.argv[1:])
    if tls_dir:
        from newsstack_moto.tls import write_certificate

        cert, key = write_certificate(tls_dir)
        moto_args += ["-c", cert, "-k", key]
    main(moto_args)
