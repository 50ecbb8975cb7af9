"""Reference data a municipality can change without touching code: read from resources/.

Life domains (ZRM-style, each mapped to one of the five result areas used for arrangements)
and the municipality profile (name, addresses, wijken).
"""

from dataclasses import dataclass

from triage_app.resources import load_json


@dataclass(frozen=True)
class ResultArea:
    code: str
    name: str


@dataclass(frozen=True)
class LifeDomain:
    code: str
    name: str
    result_area: str


@dataclass(frozen=True)
class District:
    name: str
    postcodes: tuple[str, ...]


def result_areas() -> list[ResultArea]:
    return [ResultArea(**area) for area in load_json("life_domains.json")["result_areas"]]


def life_domains() -> list[LifeDomain]:
    data = load_json("life_domains.json")
    areas = {area["code"] for area in data["result_areas"]}
    domains = [
        LifeDomain(code=d["code"], name=d["name"], result_area=d["result_area"])
        for d in data["domains"]
    ]
    unknown = [d.code for d in domains if d.result_area not in areas]
    if unknown:
        raise ValueError(f"life domains with an unknown result area: {unknown}")
    return domains


def municipality() -> dict:
    """The municipality profile as shipped; settings in the store may override it later."""
    return dict(load_json("municipality.json"))


def districts() -> list[District]:
    return [
        District(name=d["name"], postcodes=tuple(d["postcodes"]))
        for d in load_json("municipality.json")["districts"]
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
    return float(load_json("municipality.json").get("idle_lock_minutes", 10))
