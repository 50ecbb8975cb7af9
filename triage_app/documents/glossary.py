"""The plain-Dutch wording of terms, codes and field names in documents a resident receives,
from resources/letters/glossary.json: one wording per term, so every letter says it the same
way, and no code or field name reaches a resident."""

import functools
from collections.abc import Mapping

from triage_app.resources import load_json


@functools.cache
def _data() -> dict:
    return load_json("letters", "glossary.json")


def term(key: str) -> str:
    return _data()["terms"][key]


def level(score: int) -> str:
    return _data()["levels"].get(str(score), "-")


def route(code: str) -> str:
    return _data()["routes"].get(code, code)


def life_domain(code: str, names: Mapping[str, str]) -> str:
    """The plain name of a life domain; the reference name where that is plain already."""
    return _data()["life_domains"].get(code) or names.get(code, code)


def life_domains(names: Mapping[str, str]) -> dict[str, str]:
    return {code: life_domain(code, names) for code in names}


def performers() -> dict[str, str]:
    return dict(_data()["performers"])


def table(name: str) -> str:
    return _data()["tables"].get(name, "Overige gegevens")


def field(name: str) -> str | None:
    """The label of a stored field, or None when the field is not shown to a resident (codes,
    internal keys); a field without a label shows as "Overig"."""
    if name in _data()["hidden_fields"] or name.endswith("_id"):  # links between records
        return None
    return _data()["fields"].get(name, "Overig")


def value(code: str) -> str:
    return _data()["values"].get(code, code)
