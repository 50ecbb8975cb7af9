"""Frozen dataclasses of the domain as plain JSON values and back (for a form's kept draft):
dates as ISO text, UUIDs and Decimals as text, enums as their value, nested lists and dicts
kept. ``from_plain`` rebuilds through the dataclass's type hints."""

import dataclasses
import datetime as dt
import enum
import types
import typing
import uuid
from decimal import Decimal
from typing import Any


def to_plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, dt.date | uuid.UUID | Decimal):
        return value.isoformat() if isinstance(value, dt.date) else str(value)
    if isinstance(value, list | tuple):
        return [to_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): to_plain(v) for k, v in value.items()}
    return value


def from_plain(kind: Any, data: Any) -> Any:
    """Rebuild a value of type ``kind`` (a dataclass, or a hint such as ``list[GoalData]``)."""
    if data is None:
        return None
    origin = typing.get_origin(kind)
    if origin in (typing.Union, types.UnionType):
        options = [a for a in typing.get_args(kind) if a is not type(None)]
        return from_plain(options[0], data) if len(options) == 1 else data
    if origin in (list, tuple):
        (item,) = typing.get_args(kind)[:1]
        return [from_plain(item, v) for v in data]
    if origin is dict:
        key, item = typing.get_args(kind)
        return {from_plain(key, k): from_plain(item, v) for k, v in data.items()}
    if dataclasses.is_dataclass(kind):
        hints = typing.get_type_hints(kind)
        return kind(
            **{
                f.name: from_plain(hints[f.name], data[f.name])
                for f in dataclasses.fields(kind)
                if f.name in data
            }
        )
    if isinstance(kind, type) and issubclass(kind, enum.Enum):
        return kind(data)
    if kind is dt.date:
        return dt.date.fromisoformat(data)
    if kind is uuid.UUID:
        return uuid.UUID(data)
    if kind is Decimal:
        return Decimal(data)
    if kind is float and isinstance(data, int | float):
        return float(data)
    return data
