"""The comment-preserving YAML writer every workflow that edits a plan-year file shares (ruamel.yaml round trip).

Rollforward and the importers load a plan-year file with `load`, edit the document in place and write it with
`dump`: comments, key order and quoting survive where the content does. Amounts never pass through float.
"""

from __future__ import annotations

import functools
import io
from decimal import Decimal


class SourceNumber(str):
    """A YAML float kept as its source text, so an amount with cents never passes through float."""


@functools.lru_cache(maxsize=None)
def _classes():
    from ruamel.yaml.constructor import RoundTripConstructor
    from ruamel.yaml.representer import RoundTripRepresenter

    class Constructor(RoundTripConstructor):
        pass

    class Representer(RoundTripRepresenter):
        pass

    Constructor.add_constructor("tag:yaml.org,2002:float",
                                lambda self, node: SourceNumber(self.construct_scalar(node)))
    Representer.add_representer(SourceNumber,
                                lambda self, data: self.represent_scalar("tag:yaml.org,2002:float", str(data)))
    return Constructor, Representer


def round_trip():
    """A ruamel YAML object set up in the house style of plan_data/."""
    from ruamel.yaml import YAML

    yaml = YAML()
    yaml.Constructor, yaml.Representer = _classes()
    yaml.preserve_quotes = True
    yaml.indent(mapping=2, sequence=4, offset=2)  # the house style of plan_data/
    yaml.width = 4096  # never re-wrap a long line the preparer wrote
    return yaml


def load(text: str):
    """The round-trip document of a YAML text."""
    return round_trip().load(text)


def dump(doc) -> str:
    """The YAML text of a round-trip document."""
    out = io.StringIO()
    round_trip().dump(doc, out)
    return out.getvalue()


def scalar(amount: Decimal):
    """A computed amount as a YAML scalar: an integer, or its digits as written for cents."""
    return int(amount) if amount == amount.to_integral_value() else SourceNumber(f"{amount:f}")


def insert_after(mapping, after: str, key: str, value) -> None:
    """Put key: value right after the key `after` (at the end when `after` is absent)."""
    keys = list(mapping.keys())
    mapping.insert(keys.index(after) + 1 if after in keys else len(keys), key, value)


def drop_eol_comment(parent, key) -> None:
    """Remove the end-of-line comment of parent[key] (it described the old value); keep comments below it."""
    entry = parent.ca.items.get(key)
    slot = 2 if hasattr(parent, "keys") else 0
    if not entry or entry[slot] is None:
        return
    token = entry[slot]
    if not token.value.lstrip(" ").startswith("#"):
        return
    rest = token.value.split("\n", 1)[1] if "\n" in token.value else ""
    if rest:
        token.value = "\n" + rest
    else:
        entry[slot] = None
