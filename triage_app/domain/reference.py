"""Reference data a municipality can change without touching code: read from resources/.

Life domains (ZRM-style, each mapped to one of the five result areas used for arrangements)
and the municipality profile (name, addresses, wijken).
"""

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from triage_app.domain.errors import InvalidValue
from triage_app.resources import load_json

LEVELS = (1, 2, 3, 4, 5)
_own_file: dict[str, Any] | None = None  # a municipality's own life domains (with licence)


@dataclass(frozen=True)
class ResultArea:
    code: str
    name: str


@dataclass(frozen=True)
class LifeDomain:
    code: str
    name: str
    result_area: str
    levels: tuple[str, ...] = ()  # what each level 1-5 means for this domain


@dataclass(frozen=True)
class District:
    name: str
    postcodes: tuple[str, ...]


def _life_domain_data() -> dict[str, Any]:
    return _own_file if _own_file is not None else load_json("life_domains.json")


def parse_life_domains(data: dict[str, Any]) -> list[LifeDomain]:
    """Check a life-domain file (ours or a municipality's) and read its domains."""
    try:
        areas = {area["code"] for area in data["result_areas"]}
        domains = [
            LifeDomain(
                code=d["code"],
                name=d["name"],
                result_area=d["result_area"],
                levels=tuple(str(d.get("levels", {}).get(str(n), "")).strip() for n in LEVELS),
            )
            for d in data["domains"]
        ]
    except (KeyError, TypeError, AttributeError) as exc:
        raise InvalidValue(f"Het bestand met leefgebieden mist een onderdeel: {exc}.") from None
    problems = [
        f"{d.code}: onbekend resultaatgebied" for d in domains if d.result_area not in areas
    ]
    problems += [f"{d.code}: niet elk niveau 1-5 beschreven" for d in domains if not all(d.levels)]
    codes = [d.code for d in domains]
    if len(set(codes)) != len(codes) or not codes:
        problems.append("leefgebieden ontbreken of komen dubbel voor")
    if problems:
        raise InvalidValue("Het bestand met leefgebieden klopt niet: " + "; ".join(problems) + ".")
    return domains


def use_life_domains_file(path: str | Path | None) -> None:
    """Use a municipality's own life domains and level texts (e.g. a licensed ZRM) instead
    of ours; ``None`` goes back to the shipped file. The file is checked before it is used."""
    global _own_file  # noqa: PLW0603 - one process-wide setting, set once at start
    if path is None:
        _own_file = None
        return
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise InvalidValue(f"Het bestand met leefgebieden is niet te lezen: {exc}.") from None
    parse_life_domains(data)
    _own_file = data


def result_areas() -> list[ResultArea]:
    return [
        ResultArea(code=area["code"], name=area["name"])
        for area in _life_domain_data()["result_areas"]
    ]


def life_domains() -> list[LifeDomain]:
    return parse_life_domains(_life_domain_data())


def level_description(code: str, level: int) -> str:
    """What ``level`` (1-5) means for the life domain ``code``."""
    if level not in LEVELS:
        raise InvalidValue("Een score is 1 tot en met 5.")
    for domain in life_domains():
        if domain.code == code:
            return domain.levels[level - 1]
    raise InvalidValue(f"Onbekend leefgebied {code}.")


_profile_overrides: dict = {}


def set_profile_overrides(overrides: dict) -> None:
    """The profile as changed in the settings dialog (kept in the store), over the shipped
    file; a nested block (e.g. objection_address) is merged key by key."""
    global _profile_overrides  # noqa: PLW0603 - the store's settings, refreshed by services
    _profile_overrides = dict(overrides)


def municipality() -> dict:
    """The municipality profile: resources/municipality.json with the store's settings over it."""
    profile = dict(load_json("municipality.json"))
    for key, value in _profile_overrides.items():
        if isinstance(value, dict) and isinstance(profile.get(key), dict):
            profile[key] = {**profile[key], **value}
        else:
            profile[key] = value
    return profile


def districts() -> list[District]:
    return [
        District(name=d["name"], postcodes=tuple(d["postcodes"]))
        for d in municipality()["districts"]
    ]


def district_for_postcode(postcode: str) -> str | None:
    """The wijk a postcode belongs to, when the profile knows its four digits."""
    digits = postcode[:4]
    for district in districts():
        if digits in district.postcodes:
            return district.name
    return None


def idle_lock_minutes() -> float:
    """Minutes without keyboard or mouse before the window locks (profile setting)."""
    return float(municipality().get("idle_lock_minutes", 10))
