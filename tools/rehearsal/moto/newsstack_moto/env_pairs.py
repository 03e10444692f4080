"""Resources that exist before the first apply reach the extension as `key=value,...` in an
environment variable (tools/rehearsal/rehearse.ts writes them)."""

import os


def pairs_from_env(name: str) -> dict[str, str]:
    """`key=value,...` in the variable `name` → {key: value}; keys hold no "=" (ARNs and zone ids don't)."""
    pairs = {}
    for item in os.environ.get(name, "").split(","):
        if "=" in item:
            key, value = item.split("=", 1)
            pairs[key.strip()] = value.strip()
    return pairs
