"""The ondersteuningsplan for the family (§7.5 "één gezin, één plan"): an A4 PDF in plain Dutch (B1),
written for the parents and the jeugdige, not for professionals.

Contents: who the plan is for, how we see the situation (the Verklarende Analyse in its five parts,
in everyday words), the goals, the agreed help (the dossier's toewijzingen: what, how often, who,
from–to — **no costs, no contract form**: no amount appears anywhere), when we look back together
(the plan's evaluatiedatum), how to reach the consulent (name, tweede persoon, team and organisation:
the medewerker table holds no phone or e-mail), and room to sign with date lines for each
ouder/verzorger of the gezin, the jeugdige when 12 or older on the day of printing, and the consulent.

Read through reports.dossierafdruk.lees (the rights check of dossiers.detail: a dossier the medewerker
may not see is a GeenToegang with a GEWEIGERD line, and no file). `maak_pdf` writes exactly ONE audit
line — `export`, objecttype `ondersteuningsplan`, client the dossiernummer, "ondersteuningsplan
afgedrukt (PDF voor het gezin)" — before the file. A dossier without a plan is refused (a Dutch
message, no line, no file).
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Paragraph, Table, TableStyle

from jet_desktop.domain.dates import full_years
from jet_desktop.domain.enums import AuditActie
from jet_desktop.domain.errors import FieldError, ValidationError
from jet_desktop.domain.tekst import schoon
from jet_desktop.reports.columns import Column
from jet_desktop.reports.dossierafdruk import alineas, datum, kopje, lees
from jet_desktop.reports.pdf import STYLES, ReportMeta, build_pdf, heading, key_values, paragraph, table
from jet_desktop.services import audit, settings
from jet_desktop.services.dossiers import DossierDetail
from jet_desktop.storage.store import Store

TITEL = "Ondersteuningsplan"
LEEFTIJD_TEKENEN = 12  # from this age the jeugdige signs too (Jeugdwet/WGBO: 12-15 with the parents)

# the five parts of the Verklarende Analyse in the words of the family (services.zorg.VA_DELEN)
VA_VOOR_HET_GEZIN = (
    ("va_kind", "Over {naam}"),
    ("va_ouders", "Over u als ouders"),
    ("va_school", "School, opvang of werk"),
    ("va_netwerk", "Familie, vrienden en buurt"),
    ("va_bestaanszekerheid", "Geld, werk en wonen"),
)
HULP_COLUMNS = [
    Column("Soort hulp", width=22),
    Column("Wat", width=22),
    Column("Hoe vaak", width=20),
    Column("Wie helpt", width=20),
    Column("Vanaf", "date"),
    Column("Tot", "date"),
]


def _hulp_rijen(d: DossierDetail) -> list[tuple]:
    """One row per toewijzing: words a parent reads (no codes, no costs, no contractvorm)."""
    lijsten = d.codelijsten
    rijen = []
    for t in d.toewijzingen:
        cat = lijsten.productcategorie(t.productcategorie)
        rijen.append((cat.omschrijving if cat else t.productcategorie, t.product,
                      lijsten.intensiteit_label(t.intensiteit), lijsten.aanbieder_label(t.aanbieder),
                      t.startdatum, t.einddatum if t.einddatum else "nog open"))
    return rijen


NAAM_MAX = 120  # characters of a name in a signature block (a longer one is cut with …)


def _handtekening(rol: str, naam: str) -> Table:
    """A block to sign: the role, the name (printed, or a line to write it on), a date line and a box."""
    cel = STYLES["kv_value"]
    data = [
        [Paragraph(f"<b>{escape(rol)}</b>", STYLES["kv_key"]), ""],
        [Paragraph("Naam", cel), Paragraph(escape(schoon(naam, NAAM_MAX, meerregelig=False)), cel) if naam else ""],
        [Paragraph("Datum", cel), ""],
        ["", ""],
        [Paragraph("Handtekening", cel), ""],
    ]
    # the name's row grows with a long name (two or three lines) instead of writing over the role above it
    t = Table(data, colWidths=[27 * mm, 56 * mm], rowHeights=[None, None, 8 * mm, 3 * mm, 20 * mm],
              hAlign="LEFT")
    t.setStyle(TableStyle([
        ("SPAN", (0, 0), (-1, 0)),
        ("TOPPADDING", (0, 1), (-1, 1), 4 * mm),
        ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
        ("VALIGN", (0, 4), (0, 4), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("LINEBELOW", (1, 1), (1, 2), 0.6, colors.black),
        ("BOX", (1, 4), (1, 4), 0.6, colors.black),
    ]))
    return t


def _handtekeningen(wie: list[tuple[str, str]]) -> Table:
    """The blocks two by two across the page; a pair is never split over two pages."""
    blokken = [_handtekening(rol, naam) for rol, naam in wie]
    if len(blokken) % 2:
        blokken.append("")
    rijen = [blokken[i:i + 2] for i in range(0, len(blokken), 2)]
    t = Table(rijen, colWidths=[90 * mm, 90 * mm], hAlign="LEFT")
    t.setStyle(TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 2 * mm),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4 * mm),
    ]))
    return t


def _ondertekenaars(d: DossierDetail, peildatum: date) -> list[tuple[str, str]]:
    ouders = [(f"Ouder / verzorger ({o.relatie})" if o.relatie and o.relatie.lower() != "ouder"
               else "Ouder / verzorger", o.naam) for o in d.ouders]
    if not ouders:  # no one recorded: two blank blocks to fill in by hand
        ouders = [("Ouder / verzorger", ""), ("Ouder / verzorger", "")]
    wie = list(ouders)
    if d.geboortedatum is not None and full_years(d.geboortedatum, peildatum) >= LEEFTIJD_TEKENEN:
        wie.append((f"Jeugdige ({LEEFTIJD_TEKENEN} jaar of ouder)", d.naam))
    wie.append(("Consulent", d.consulent))
    return wie


def _story(d: DossierDetail, organisatie: str, team: str, peildatum: date) -> list:
    p = d.plan
    story: list = [paragraph(
        "In dit plan staat wat we samen hebben afgesproken. U leest hoe wij de situatie zien, wat u wilt "
        "bereiken en welke hulp er komt. Klopt er iets niet, of heeft u een vraag? Neem dan contact op met "
        "uw consulent.")]
    if p.vastgesteld_op is None:
        story.append(paragraph("Let op: dit plan is nog een concept. Het is nog niet definitief vastgesteld."))

    story.append(heading("Voor wie is dit plan?"))
    geboren = datum(d.geboortedatum) if d.geboortedatum else f"verwacht op {datum(d.uitgerekende_datum)}"
    story.append(key_values([
        ("Naam", d.naam),
        ("Geboortedatum", geboren),
        ("Ouders / verzorgers", ", ".join(o.naam for o in d.ouders) or "—"),
        ("Uw consulent", d.consulent),
        ("Plan vastgesteld op", datum(p.vastgesteld_op, "nog niet (concept)")),
        ("Dossiernummer", d.dossiernummer),
    ]))

    story.append(heading("Hoe zien we de situatie?"))
    story.append(paragraph("We kijken niet alleen naar het kind, maar naar het hele gezin en de mensen en "
                           "dingen om het gezin heen. Dit hebben we samen met u opgeschreven."))
    for veld, kop in VA_VOOR_HET_GEZIN:
        story.append(kopje(kop.format(naam=d.naam)))
        story += alineas(getattr(p, veld), "Hier is (nog) niets over opgeschreven.")

    story.append(heading("Wat willen we bereiken?"))
    story += alineas(p.doelen, "De doelen spreken we nog samen af.")

    story.append(heading("Welke hulp is afgesproken?"))
    rijen = _hulp_rijen(d)
    if rijen:
        story.append(table(HULP_COLUMNS, rijen))
    else:
        story.append(paragraph("Er is (nog) geen hulp van een zorgaanbieder afgesproken. Uw consulent helpt u zelf."))

    story.append(heading("Wanneer kijken we hoe het gaat?"))
    if p.evaluatiedatum:
        story.append(paragraph(f"Op {datum(p.evaluatiedatum)} bespreken we samen hoe het gaat: wat gaat goed, "
                               "wat kan beter en is er andere hulp nodig? Uw consulent maakt hiervoor een "
                               "afspraak met u."))
    else:
        story.append(paragraph("De datum waarop we samen bekijken hoe het gaat, spreken we nog met u af."))

    story.append(heading("Contact"))
    contact = [("Uw consulent", d.consulent)]
    if d.tweede:
        contact.append(("Als uw consulent er niet is", d.tweede))
    contact += [("Team", team or "—"), ("Organisatie", organisatie or "—")]
    story.append(key_values(contact))

    # the heading, its words and the blocks on one page (the blocks fit on one page for any gezin of up to
    # eight signers; a larger one goes on: a Table splits between its rows, a pair of blocks)
    story.append(KeepTogether([
        heading("Handtekeningen"),
        paragraph("Met uw handtekening laat u zien dat u dit plan heeft gelezen en dat u het eens bent met de "
                  "afspraken. U krijgt zelf een kopie."),
        _handtekeningen(_ondertekenaars(d, peildatum)),
    ]))
    return story


def schrijf_pdf(path_or_stream, d: DossierDetail, organisatie: str, team: str, afgedrukt_door: str,
                afgedrukt_op: datetime | None = None) -> None:
    op = afgedrukt_op or datetime.now()
    meta = ReportMeta(titel=TITEL, organisatie=organisatie, team=team, afgedrukt_door=afgedrukt_door,
                      afgedrukt_op=op, subtitel=f"voor {d.naam} en het gezin")
    build_pdf(path_or_stream, meta, _story(d, organisatie, team, op.date()))


def maak_pdf(store: Store, dossier_id: uuid.UUID, path_or_stream,
             afgedrukt_op: datetime | None = None) -> DossierDetail:
    """Read (rights checked), write the one EXPORT line, then the PDF; returns what was printed. No plan
    yet: a ValidationError, nothing written."""
    d, _ = lees(store, dossier_id)
    if d.plan is None:
        raise ValidationError([FieldError("plan", f"Dossier {d.dossiernummer} heeft nog geen ondersteuningsplan; "
                                                  "er is niets afgedrukt.")])
    ingesteld = settings.instellingen(store)
    # the line before the file: a line that cannot be written leaves no file with the plan behind
    audit.log(store, AuditActie.EXPORT, "ondersteuningsplan", d.plan.id, d.dossiernummer,
              omschrijving="ondersteuningsplan afgedrukt (PDF voor het gezin)"
                           + (", concept" if d.plan.vastgesteld_op is None else ""))
    schrijf_pdf(path_or_stream, d, ingesteld.organisatie_naam, ingesteld.team_naam, store.user, afgedrukt_op)
    return d
