"""Code lists that are part of the domain (stored as their string values)."""

from __future__ import annotations

from enum import Enum


class LabeledEnum(str, Enum):
    """A string enum with a Dutch label for the UI."""

    def __new__(cls, value: str, label: str):
        obj = str.__new__(cls, value)
        obj._value_ = value
        obj.label = label
        return obj

    @classmethod
    def choices(cls) -> list[tuple[str, str]]:
        return [(m.value, m.label) for m in cls]


class Urgentie(LabeledEnum):
    SPOED = ("spoed", "Spoed")
    HOOG = ("hoog", "Hoog")
    NORMAAL = ("normaal", "Normaal")

    @property
    def rank(self) -> int:
        """Sort rank: spoed first."""
        return _URGENTIE_RANK[self]


_URGENTIE_RANK = {Urgentie.SPOED: 0, Urgentie.HOOG: 1, Urgentie.NORMAAL: 2}


class TriageUitkomst(LabeledEnum):
    ZELF_OPPAKKEN = ("zelf_oppakken", "Zelf oppakken (JET)")
    VOORLIGGEND_VELD = ("voorliggend_veld", "Voorliggend veld")
    SPECIALISTISCH = ("specialistische_jeugdhulp", "Specialistische jeugdhulp (matched care)")
    VEILIGHEID = ("veiligheid", "Veiligheid (Veilig Thuis / GI / Raad)")
    ANDER_DOMEIN = ("ander_domein", "Ander domein (Wmo, Wlz, onderwijs, ...)")
    GEEN_HULP = ("geen_hulp", "Geen hulp nodig / ingetrokken")

    @property
    def needs_jet_consulent(self) -> bool:
        """Outcomes that put the aanmelding on JET's wachtlijst.

        JET supports the family itself, or does the Verklarende Analyse and
        matched care for specialistische jeugdhulp: both need a consulent.
        """
        return self in (TriageUitkomst.ZELF_OPPAKKEN, TriageUitkomst.SPECIALISTISCH)

    @property
    def needs_organisatie(self) -> bool:
        """Outcomes that hand the family over and must name the organisation."""
        return self in (
            TriageUitkomst.VOORLIGGEND_VELD,
            TriageUitkomst.VEILIGHEID,
            TriageUitkomst.ANDER_DOMEIN,
        )


JET_UITKOMSTEN = tuple(u.value for u in TriageUitkomst if u.needs_jet_consulent)


class Geslacht(LabeledEnum):
    JONGEN = ("m", "Jongen / man")
    MEISJE = ("v", "Meisje / vrouw")
    ANDERS = ("x", "Anders / onbekend")


class Regie(LabeledEnum):
    JA = ("ja", "Ouders kunnen regie voeren")
    DEELS = ("deels", "Deels, met steun")
    NEE = ("nee", "Nee, regie ligt (tijdelijk) bij JET")
    ONBEKEND = ("onbekend", "Nog niet ingeschat")


class HulpvraagCategorie(LabeledEnum):
    OPVOEDING = ("opvoeding", "Opvoeding")
    PSYCHIATRIE = ("psychiatrie", "Psychiatrie / ggz")
    LVB = ("lvb", "Licht verstandelijke beperking")
    SCHEIDING = ("scheiding", "Scheiding")
    MULTI = ("multiproblematiek", "Multi-problematiek")
    ONVEILIGHEID = ("onveiligheid", "Onveiligheid")
    SCHOOL = ("school", "School / thuiszitten")
    ONTWIKKELING = ("ontwikkeling", "Ontwikkeling / gedrag")
    BESTAANSZEKERHEID = ("bestaanszekerheid", "Bestaanszekerheid")


class ContactType(LabeledEnum):
    HUISBEZOEK = ("huisbezoek", "Huisbezoek")
    TELEFONISCH = ("telefonisch", "Telefonisch")
    KANTOOR = ("kantoor", "Kantoor")
    ONLINE = ("online", "Online")
    OVERLEG = ("overleg", "Overleg")


class Rol(LabeledEnum):
    CONSULENT = ("jeugdconsulent", "Jeugdconsulent")
    TEAMLEIDER = ("teamleider", "Teamleider")
    BEHEERDER = ("functioneel_beheerder", "Functioneel beheerder")


class KlikResultaat(LabeledEnum):
    KLIK = ("klik", "Klik")
    GEEN_KLIK = ("geen_klik", "Geen klik")


class WijzigingsReden(LabeledEnum):
    """Why a dossier's consulent changed (history rows)."""

    TOEWIJZING = ("toewijzing", "Toewijzing vanaf wachtlijst")
    GEEN_KLIK = ("geen_klik", "Geen klik")
    AFWEZIGHEID = ("afwezigheid", "Afwezigheid consulent")
    HERVERDELING = ("herverdeling", "Herverdeling caseload")
    TWEEDE = ("tweede_persoon", "Tweede persoon gewijzigd")
    WAARNEMING = ("waarneming", "Waarneming tijdens afwezigheid")  # temporary: services/waarneming.py
    EINDE_WAARNEMING = ("einde_waarneming", "Einde waarneming")
    ANDERS = ("anders", "Anders")


class ConsulentRol(LabeledEnum):
    PRIMAIR = ("primair", "Vaste consulent")
    TWEEDE = ("tweede", "Tweede persoon")


class Afsluitreden(LabeledEnum):
    DOELEN_BEREIKT = ("doelen_bereikt", "Doelen bereikt")
    OVERGEDRAGEN = ("overgedragen", "Overgedragen aan jeugdhulp")
    VOORLIGGEND = ("voorliggend_veld", "Doorverwezen naar voorliggend veld")
    VERHUISD = ("verhuisd", "Verhuisd")
    GESTOPT = ("gestopt", "Gestopt op verzoek gezin")
    ANDERS = ("anders", "Anders")


class Contractvorm(LabeledEnum):
    """How a toewijzing is contracted: a gecontracteerd profiel, or (the exception) DVO maatwerk."""

    PROFIEL = ("profiel", "Gecontracteerd profiel")
    DVO = ("dvo", "DVO maatwerk")


class Toegangsvorm(LabeledEnum):
    """The toegangsvormen of the monitor toegang (§7.1.3), in the order the monitor shows them."""

    POH_JEUGD = ("poh_jeugd", "POH Jeugd")
    JEUGDONDERSTEUNER = ("jeugdondersteuner", "Jeugdondersteuner")
    JET = ("jeugdexpertteam", "Jeugdexpertteam")
    AMARYLLIS = ("amaryllis", "Amaryllis")


class TrajectUitkomst(LabeledEnum):
    """Outcome of a traject in the monitor toegang; the label is the text of the import layout."""

    ZELF_GEHOLPEN = ("zelf_geholpen", "zelf geholpen")
    VOORLIGGEND_VELD = ("voorliggend_veld", "voorliggend veld")
    SPECIALISTISCH = ("specialistische_jeugdhulp", "specialistische jeugdhulp")
    VIA_JET = ("via_jeugdexpertteam", "via jeugdexpertteam")
    GESTOPT = ("gestopt", "gestopt")


class AuditActie(LabeledEnum):
    """What an audit line records (NEN 7513 'gebeurtenis')."""

    AANMELDEN = ("aanmelden", "Aangemeld in JET")
    OPENEN = ("openen", "Geopend")
    AANMAKEN = ("aanmaken", "Aangemaakt")
    WIJZIGEN = ("wijzigen", "Gewijzigd")
    EXPORT = ("export", "Geëxporteerd")
    AFDRUKKEN = ("afdrukken", "Afgedrukt")
    VERNIETIGEN = ("vernietigen", "Vernietigd")
    BEHEER = ("beheer", "Beheer")
    GEWEIGERD = ("geweigerd", "Toegang geweigerd")  # a refused access attempt (services/autorisatie.py)
