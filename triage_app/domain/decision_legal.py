"""What a beschikking says about the law: the sentence naming its legal basis (Awb 3:47) and
the remedies clause (Awb 3:45, 6:5, 6:16, 8:81), worded from the municipality's profile.

The wording lives in resources/letters/decision_legal.json (``texts`` here); the articles and
the verordening's name in the profile's ``legal_basis``; the court in ``court``.
"""

import datetime as dt
import enum
from collections.abc import Mapping
from typing import Any

from babel.dates import format_date as babel_date


class LetterKind(enum.StrEnum):
    """The kind of decision as the letter names it; each has its own wording."""

    GRANT = "toekenning"
    PARTIAL_GRANT = "gedeeltelijke_toekenning"
    REFUSAL = "afwijzing"
    CHANGE = "wijziging"
    ENDING = "beeindiging"
    ON_OBJECTION = "beslissing_op_bezwaar"


def letter_kind(kind: str, outcome: str) -> LetterKind:
    """The letter's kind from the stored decision kind (first/change/termination/objection)
    and outcome (granted/partly_granted/refused)."""
    if kind == "objection":
        return LetterKind.ON_OBJECTION
    if kind == "termination":
        return LetterKind.ENDING
    if kind == "change":
        return LetterKind.CHANGE
    return {
        "granted": LetterKind.GRANT,
        "partly_granted": LetterKind.PARTIAL_GRANT,
    }.get(outcome, LetterKind.REFUSAL)


def weekday_date(day: dt.date) -> str:
    """dinsdag 30 maart 2027"""
    return babel_date(day, format="EEEE d MMMM y", locale="nl_NL")


def legal_basis(kind: LetterKind, pgb: bool, profile: Mapping, texts: Mapping) -> list[str]:
    """One plain sentence naming the Wmo 2015 article(s) and the verordening's articles;
    a second one for a pgb. Empty when the profile names no verordening."""
    basis = profile.get("legal_basis") or {}
    name, per_kind = basis.get("verordening", ""), basis.get("kinds") or {}
    if not name:
        return []
    wording = texts["legal_basis"]
    keys = [str(kind)] + (["pgb"] if pgb and kind != LetterKind.REFUSAL else [])
    sentences = []
    for key in keys:
        articles = per_kind.get(key) or per_kind.get(LetterKind.GRANT) or {}
        template = wording.get(key, wording["default"])
        sentences.append(
            template.format(
                wmo=articles.get("wmo", "artikel 2.3.5"),
                articles=articles.get("articles", ""),
                verordening=name,
            )
        )
    return sentences


def remedies(
    kind: LetterKind,
    profile: Mapping[str, Any],
    texts: Mapping[str, Any],
    number: str,
    deadline: dt.date | None,
) -> list[str]:
    """The remedies clause, one paragraph per element: talk first, where and until when to
    object (post, and digitally where the profile gives an address), what the objection must
    hold, that the decision stays in force, and the voorlopige voorziening. A beslissing op
    bezwaar names beroep at the court instead."""
    t = texts["remedies"]
    court = profile.get("court") or {}
    court_values = {
        "court": court.get("name", "rechtbank"),
        "court_website": court.get("website", "www.rechtspraak.nl"),
    }
    when = weekday_date(deadline) if deadline else ""
    if kind == LetterKind.ON_OBJECTION:
        return [
            t["appeal"].format(deadline=when, **court_values),
            t["appeal_interim"].format(**court_values),
        ]
    address = profile.get("objection_address") or {}
    paragraphs = [
        t["talk_first"].format(phone=profile.get("phone", "")),
        t["objection"].format(deadline=when) if deadline else t["objection_no_date"],
        t["post"].format(
            name=address.get("name", ""),
            street=address.get("street", ""),
            postcode=address.get("postcode", ""),
            city=address.get("city", ""),
        ),
    ]
    if address.get("online"):
        paragraphs.append(t["digital"].format(online=address["online"]))
    paragraphs += [
        t["contents"].format(number=number),
        t["in_force"],
        t["interim"].format(**court_values),
    ]
    return paragraphs
