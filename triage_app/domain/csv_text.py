"""CSV files that are safe to open in a spreadsheet, and CSV text read whatever its encoding.

A cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is a formula to
Excel and LibreOffice (CSV injection): such a cell gets a leading apostrophe, which the
spreadsheet shows as plain text.
"""

import codecs
import csv
import io
from collections.abc import Iterable, Sequence

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: object) -> object:
    """The cell as text a spreadsheet will not run; numbers stay numbers."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def write_rows(rows: Iterable[Sequence[object]], delimiter: str = ";") -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter)
    for row in rows:
        writer.writerow([neutralise(cell) for cell in row])
    return buffer.getvalue()


def write_dicts(records: Iterable[dict], fields: Sequence[str], delimiter: str = ";") -> str:
    """A header line and one line per record, every cell neutralised."""
    return write_rows([list(fields), *([r.get(f, "") for f in fields] for r in records)], delimiter)


def decode(data: bytes) -> str:
    """CSV bytes as text: UTF-8 with or without BOM, UTF-16 (with BOM), else Windows-1252."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16")
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8) :].decode("utf-8", errors="replace")
    if len(data) >= 4 and data[1::2].count(0) > len(data) // 4:
        return data.decode("utf-16-le", errors="replace")  # UTF-16 without BOM
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")
