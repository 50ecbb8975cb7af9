"""Reference data as one immutable value that services load and pass to the domain.

A municipality changes these without touching code. ``services/reference.py`` reads them
(resources/, its own life domains in the data folder, the settings kept in the store), builds
a ``Reference`` with ``build_reference`` and carries it on the service context as
``ctx.reference``; domain functions get it, or the part they need, as an argument. The domain
reads no files and keeps no state of its own.

    ref.profile        municipality.json with the store's settings over it (name, addresses,
                       terms, personal_contribution per year, decision_elements, retention, ...)
    ref.life_domains   tuple[LifeDomain, ...]   (ZRM-style, each mapped to a result area)
    ref.result_areas   tuple[ResultArea, ...]
    ref.districts      tuple[District, ...]     (the wijken, from the profile)
    ref.catalogue      {"offers": (...)}        the social-base catalogue
    ref.tariffs        the arrangement table: arrangements.json with profile["arrangements"]
                       over it (segments, size classes, tariffs, kinds, providers, codes)
    ref.triage_rules   triage_rules.json
    ref.letters        letter wordings by name, e.g. "decision_legal" (resources/letters)

Mappings are read-only (``MappingProxyType``; lists become tuples); ``thaw`` gives plain
dicts and lists back, e.g. to show or store a copy.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from triage_app.domain.errors import InvalidValue

LEVELS = (1, 2, 3, 4, 5)


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


def freeze(value: Any) -> Any:
    """A read-only copy of JSON-like data: mappings become MappingProxyType, lists tuples."""
    if isinstance(value, Mapping):
        return MappingProxyType({key: freeze(item) for key, item in value.items()})
    if isinstance(value, list | tuple):
        return tuple(freeze(item) for item in value)
    return value


def thaw(value: Any) -> Any:
    """Plain dicts and lists again (e.g. for JSON or for a form to change)."""
    if isinstance(value, Mapping):
        return {key: thaw(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [thaw(item) for item in value]
    return value


def parse_life_domains(data: Mapping[str, Any]) -> tuple[LifeDomain, ...]:
    """Check a life-domain file (ours or a municipality's) and read its domains."""
    try:
        areas = {area["code"] for area in data["result_areas"]}
        domains = tuple(
            LifeDomain(
                code=d["code"],
                name=d["name"],
                result_area=d["result_area"],
                levels=tuple(str(d.get("levels", {}).get(str(n), "")).strip() for n in LEVELS),
            )
            for d in data["domains"]
        )
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


def merge_profile(shipped: Mapping[str, Any], settings: Mapping[str, Any]) -> dict[str, Any]:
    """The shipped profile with the store's settings over it; a nested block (e.g.
    objection_address) is merged key by key."""
    profile = thaw(shipped)
    for key, value in settings.items():
        if isinstance(value, Mapping) and isinstance(profile.get(key), dict):
            profile[key] = {**profile[key], **thaw(value)}
        else:
            profile[key] = thaw(value)
    return profile


@dataclass(frozen=True)
class Reference:
    """See the module docstring; build one with ``build_reference``."""

    profile: Mapping[str, Any]
    life_domains: tuple[LifeDomain, ...]
    result_areas: tuple[ResultArea, ...]
    districts: tuple[District, ...]
    catalogue: Mapping[str, Any]
    tariffs: Mapping[str, Any]
    triage_rules: Mapping[str, Any]
    letters: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))

    def life_domain_names(self) -> dict[str, str]:
        return {d.code: d.name for d in self.life_domains}

    def level_description(self, code: str, level: int) -> str:
        """What ``level`` (1-5) means for the life domain ``code``."""
        if level not in LEVELS:
            raise InvalidValue("Een score is 1 tot en met 5.")
        for domain in self.life_domains:
            if domain.code == code:
                return domain.levels[level - 1]
        raise InvalidValue(f"Onbekend leefgebied {code}.")

    def district_for_postcode(self, postcode: str) -> str | None:
        """The wijk a postcode belongs to, when the profile knows its four digits."""
        digits = postcode[:4]
        return next((d.name for d in self.districts if digits in d.postcodes), None)

    @property
    def idle_lock_minutes(self) -> float:
        """Minutes without keyboard or mouse before the window locks (profile setting)."""
        return float(self.profile.get("idle_lock_minutes", 10))


def build_reference(
    *,
    profile: Mapping[str, Any],
    life_domains: Mapping[str, Any],
    arrangements: Mapping[str, Any],
    catalogue: Mapping[str, Any],
    triage_rules: Mapping[str, Any],
    settings: Mapping[str, Any] | None = None,
    letters: Mapping[str, Any] | None = None,
) -> Reference:
    """One Reference from the data as read: the shipped (or own) files and the store's
    profile settings. Raises InvalidValue when the life domains do not check out."""
    merged = merge_profile(profile, settings or {})
    return Reference(
        profile=freeze(merged),
        life_domains=parse_life_domains(life_domains),
        result_areas=tuple(ResultArea(a["code"], a["name"]) for a in life_domains["result_areas"]),
        districts=tuple(
            District(name=d["name"], postcodes=tuple(d["postcodes"])) for d in merged["districts"]
        ),
        catalogue=freeze(catalogue),
        tariffs=freeze({**arrangements, **merged.get("arrangements", {})}),
        triage_rules=freeze(triage_rules),
        letters=freeze(letters or {}),
    )
