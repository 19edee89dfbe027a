"""Column mapping: which file column feeds which record field.

A mapping is ``{field: column}`` (fields from :data:`options.FIELDS`).  Columns not mapped are kept,
per record, in ``extra``.  Guessing compares header text folded to lower-case ASCII letters and
digits ("Teléfono 1" -> "telefono1") with English and Spanish names.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping

from welcomedly_desktop.errors import ImportFileError, ValidationError
from welcomedly_desktop.importing.options import FIELD_LABELS, FIELDS
from welcomedly_desktop.safe_files import excerpt, excerpt_list
from welcomedly_desktop.i18n import translate

SYNONYMS: dict[str, tuple[str, ...]] = {
    "phone": (
        "phone", "phonenumber", "telephone", "tel", "mobile", "mobilephone", "cell", "cellphone", "cellular",
        "telefono", "telefono1", "phone1", "tel1", "celular", "celular1", "movil", "numero", "numerotelefono",
        "numerodetelefono", "whatsapp", "contactnumber", "primaryphone",
    ),
    "alt_phone": (
        "altphone", "alternatephone", "alternativephone", "phone2", "tel2", "telephone2", "secondaryphone",
        "otherphone", "homephone", "workphone", "landline", "telefono2", "telefonoalternativo", "otrotelefono",
        "celular2", "movil2", "fijo", "telefonofijo", "telefonocasa", "telefonotrabajo", "telefonosecundario",
    ),
    "name": (
        "name", "fullname", "contactname", "customername", "customer", "client", "clientname", "contact",
        "nombre", "nombres", "nombrecompleto", "nombreyapellido", "nombreyapellidos", "cliente",
        "nombrecliente", "nombredelcliente", "contacto", "razonsocial",
    ),
    "email": ("email", "emailaddress", "mail", "correo", "correoelectronico", "emailcliente", "correocliente"),
    "external_id": (
        "id", "externalid", "customerid", "clientid", "leadid", "code", "reference", "ref", "codigo",
        "idcliente", "codigocliente", "cedula", "documento", "numerodocumento", "dni", "nit", "rut", "curp",
        "identificacion",
    ),
}
_LOOKUP = {alias: field for field, aliases in SYNONYMS.items() for alias in aliases}
# A column whose name says "phone" in any form, for the second phone column when no alt name matches.
_PHONEISH = re.compile(r"^(phone|telefono|tel|celular|movil|mobile|cell)")


def fold(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]", "", ascii_text.lower())


def guess_mapping(columns: list[str]) -> dict[str, str]:
    mapping: dict[str, str] = {}
    for column in columns:
        key = fold(column)
        field = _LOOKUP.get(key)
        if field and field not in mapping:
            mapping[field] = column
        elif (field == "phone" or _PHONEISH.match(key)) and "phone" in mapping and "alt_phone" not in mapping:
            mapping["alt_phone"] = column
    return mapping


def resolve_mapping(
    columns: list[str],
    *,
    explicit: Mapping[str, str] | None = None,
    saved: Mapping[str, str] | None = None,
    require_phone: bool = True,
) -> dict[str, str]:
    """The mapping to use: explicit choices win, then the campaign's saved mapping (when all its
    columns exist in this file), then guesses.  Raises when no phone column is known."""
    by_lower = {c.lower(): c for c in columns}
    mapping: dict[str, str] = {}
    if saved and all(str(col).lower() in by_lower for col in saved.values()):
        mapping = {f: by_lower[str(c).lower()] for f, c in saved.items() if f in FIELDS}
    else:
        mapping = guess_mapping(columns)
    for field, column in (explicit or {}).items():
        if field not in FIELDS:
            raise ValidationError("mapping", translate("importing", "{field!r} is not a field; use one of: {value}.").format(field=field, value=', '.join(FIELDS)))
        if column in ("", None):
            mapping.pop(field, None)
            continue
        actual = by_lower.get(str(column).lower())
        if actual is None:
            raise ValidationError(
                "mapping",
                translate("importing", "The file has no column named {column!r}; its columns are: {value}.").format(
                    column=excerpt(str(column), 60), value=excerpt_list(columns)
                ),
            )
        # One column feeds one field: an explicit choice takes the column away from a guess.
        mapping = {f: c for f, c in mapping.items() if c != actual}
        mapping[field] = actual
    if "phone" not in mapping and require_phone:
        raise ImportFileError(
            translate("importing", "No column of the file was recognised as the phone number; choose it in the mapping (CLI: --map phone=COLUMN).")
        )
    return {f: mapping[f] for f in FIELDS if f in mapping}


def describe(mapping: Mapping[str, str]) -> str:
    return ", ".join(f"{translate('importing', FIELD_LABELS[f])} <- {c}" for f, c in mapping.items())
