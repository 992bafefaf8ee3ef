"""A toewijzing (care assigned to a provider) and the rules it must satisfy (domain.md step 5).

Pure: the valid codes of the code lists (resources/) and the dossier's start date are passed in,
so these rules need no database and no files.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date

from jet_desktop.domain.enums import Contractvorm
from jet_desktop.domain.errors import FieldError


@dataclass
class ToewijzingInvoer:
    productcategorie: str = ""  # iJw JZ020 code, resources/productcategorieen.csv
    product: str = ""  # product or profiel, free text
    intensiteit: str = ""  # resources/intensiteiten.csv
    aanbieder: str = ""  # resources/aanbieders.csv
    startdatum: date | None = None
    einddatum: date | None = None
    geschatte_kosten: int = 0  # whole euros for the whole toewijzing
    contractvorm: str = Contractvorm.PROFIEL.value
    dvo_motivering: str = ""  # required for DVO maatwerk, the exception (§8.2)


@dataclass(frozen=True)
class Codes:
    """The valid codes of the three code lists."""

    productcategorieen: Collection[str]
    intensiteiten: Collection[str]
    aanbieders: Collection[str]


def toewijzing_fouten(invoer: ToewijzingInvoer, codes: Codes, geopend_op: date | None) -> list[FieldError]:
    """Every field error at once, each naming its field in Dutch. `geopend_op`: the dossier's start."""
    errors: list[FieldError] = []
    if invoer.productcategorie not in codes.productcategorieen:
        errors.append(FieldError("productcategorie", "Productcategorie: kies een categorie uit de lijst."))
    if not invoer.product.strip():
        errors.append(FieldError("product", "Product/profiel: verplicht."))
    if invoer.intensiteit not in codes.intensiteiten:
        errors.append(FieldError("intensiteit", "Intensiteit: kies een intensiteit uit de lijst."))
    if invoer.aanbieder not in codes.aanbieders:
        errors.append(FieldError("aanbieder", "Aanbieder: kies een aanbieder uit de lijst."))
    if invoer.startdatum is None:
        errors.append(FieldError("startdatum", "Startdatum: verplicht."))
    elif geopend_op is not None and invoer.startdatum < geopend_op:
        errors.append(FieldError("startdatum", f"Startdatum: ligt vóór de start van het dossier "
                                               f"({geopend_op:%d-%m-%Y})."))
    errors.extend(einddatum_fouten(invoer.startdatum, invoer.einddatum))
    kosten = invoer.geschatte_kosten
    if isinstance(kosten, bool) or not isinstance(kosten, int):
        errors.append(FieldError("geschatte_kosten", "Geschatte kosten: een bedrag in hele euro's."))
    elif kosten < 0:
        errors.append(FieldError("geschatte_kosten", "Geschatte kosten: kan niet negatief zijn."))
    if invoer.contractvorm not in {c.value for c in Contractvorm}:
        errors.append(FieldError("contractvorm", "Contractvorm: kies gecontracteerd profiel of DVO maatwerk."))
    elif invoer.contractvorm == Contractvorm.DVO.value and not invoer.dvo_motivering.strip():
        errors.append(FieldError("dvo_motivering", "Motivering DVO: verplicht; DVO maatwerk is de uitzondering, "
                                                   "leg uit waarom geen gecontracteerd profiel past."))
    return errors


def einddatum_fouten(startdatum: date | None, einddatum: date | None) -> list[FieldError]:
    if startdatum is not None and einddatum is not None and einddatum < startdatum:
        return [FieldError("einddatum", "Einddatum: ligt vóór de startdatum.")]
    return []


def motivering_voor_opslag(contractvorm: str, motivering: str) -> str:
    """A motivering only belongs to a DVO; a gecontracteerd profiel stores none."""
    return motivering.strip() if contractvorm == Contractvorm.DVO.value else ""
