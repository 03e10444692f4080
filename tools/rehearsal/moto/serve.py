"""Starts moto's server with the newsstack extensions installed: `python serve.py -H 127.0.0.1 -p PORT`.

Same arguments as `moto_server`; the extensions patch moto before the first request is served.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import newsstack_moto  # noqa: E402
from moto.server import main  # noqa: E402

if __name__ == "__main__":
    newsstack_moto.install()
    main(sys.argv[1:])
