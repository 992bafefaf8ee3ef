"""The dossier print: everything in one dossier, with its histories, as one A4 PDF — for a transfer
(overdracht) or an inzageverzoek (AVG art. 15).

Contents: jeugdige and gezin, the aanmelding (verwijzer, hulpvraag, veiligheidssignalen, regie,
steunfiguur), the triage decisions with their history, the consulent history and klikgesprekken, the
contactmomenten with their notes (complete: free text is printed as paragraphs, never cut to a table
cell), the ondersteuningsplan, the toewijzingen (with their estimated costs: this is the full dossier),
the closing and the history of corrections.

Broers en zussen are counted, not printed: their names, BSNs and birth dates are another child's data
(AVG art. 15 lid 4; their own dossier is the place for them), and so the print is a look at this one
dossier only.

The source is a `dossiers.DossierDetail`, read here by `lees` after the same rights check as
`dossiers.detail` (autorisatie.vereis_dossier: a refused dossier is a GeenToegang and a GEWEIGERD line,
no file) but without its "dossier geopend" line: `maak_pdf` writes exactly ONE audit line, `export`,
objecttype `dossier`, client the dossiernummer, "dossier afgedrukt (volledig, PDF)" — before the file,
so a line that cannot be written leaves no file. Never a name in the line.
"""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import date, datetime
from xml.sax.saxutils import escape

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph
from sqlalchemy import select

from jet_desktop.domain.enums import (
    Afsluitreden,
    AuditActie,
    ConsulentRol,
    ContactType,
    KlikResultaat,
    Regie,
    WijzigingsReden,
)
from jet_desktop.domain.errors import FieldError, ValidationError
from jet_desktop.domain.tekst import schoon
from jet_desktop.reports.columns import Column
from jet_desktop.reports.pdf import MAX_KOP, STYLES, ReportMeta, build_pdf, heading, key_values, paragraph, table
from jet_desktop.services import audit, settings
from jet_desktop.services.audit import lokale_tijd
from jet_desktop.services.autorisatie import vereis_dossier
from jet_desktop.services.dossiers import DossierDetail, detail_in
from jet_desktop.services.zorg import VA_DELEN
from jet_desktop.storage.models import Aanmelding, Contactmoment, Dossier, Jeugdige, Klikgesprek, Medewerker
from jet_desktop.storage.store import Store

TITEL = "Dossier (volledig)"
A, J, D, M = Aanmelding.__table__, Jeugdige.__table__, Dossier.__table__, Medewerker.__table__
C, K = Contactmoment.__table__, Klikgesprek.__table__

KOPJE = ParagraphStyle("kopje", parent=STYLES["body"], keepWithNext=1)  # never the last line of a page
SOORT = {"gewijzigd": "gewijzigd", "toegevoegd": "toegevoegd", "verwijderd": "verwijderd"}


# ------------------------------------------------------------------------------------------- reading

def dossier_id_van(store: Store, dossiernummer: str) -> uuid.UUID:
    """The dossier of a dossiernummer (the command line); an unknown number is a ValidationError."""
    nummer = (dossiernummer or "").strip()
    with store.engine.connect() as conn:
        did = conn.execute(select(D.c.id).join(A, A.c.id == D.c.aanmelding_id)
                           .where(A.c.dossiernummer == nummer)).scalar()
    if did is None:
        raise ValidationError([FieldError("dossier", f"Dossier {nummer or '(leeg)'} bestaat niet (of heeft nog "
                                                     "geen dossier, alleen een aanmelding). Er is niets afgedrukt.")])
    return did


def lees(store: Store, dossier_id: uuid.UUID) -> tuple[DossierDetail, str]:
    """The whole dossier as `dossiers.detail` reads it, after the same rights check, and the closing's
    toelichting; contactmomenten oldest first; WITHOUT an audit line: only for a print that writes its own
    one line (`maak_pdf` here and in reports/ondersteuningsplan.py)."""
    with store.engine.connect() as conn:
        vereis_dossier(conn, store, dossier_id)
        try:
            d = detail_in(conn, store, dossier_id)
        except ValidationError:
            raise ValidationError([FieldError("dossier", "Dossier bestaat niet (meer). Er is niets afgedrukt.")]) from None
    return replace(d, contacten=d.contacten[::-1]), d.afsluit_toelichting


# ------------------------------------------------------------------------------------------- layout

def label(enum, waarde: str) -> str:
    """The Dutch label of a stored code; an unknown code shows as itself."""
    try:
        return enum(waarde).label
    except ValueError:
        return waarde or ""


def kort(omschrijving: str) -> str:
    """"Middel (wekelijks)" -> "Middel": the intensiteit's name without its explanation."""
    return omschrijving.split(" (", 1)[0]


def datum(d: date | None, leeg: str = "—") -> str:
    return f"{d:%d-%m-%Y}" if d else leeg


def alineas(tekst: str, leeg: str = "—") -> list:
    """Free text as paragraphs, one per line of the stored text (pdf.paragraph makes one line of a text)."""
    regels = [r for r in (tekst or "").splitlines() if r.strip()]
    return [paragraph(r) for r in regels] or [paragraph(leeg)]


def kopje(tekst: str) -> Paragraph:
    """A bold line above a block (a contactmoment, a decision): smaller than a heading."""
    return Paragraph(f"<b>{escape(schoon(tekst, MAX_KOP, meerregelig=False))}</b>", KOPJE)


def _story(d: DossierDetail, afsluit_toelichting: str, peildatum: date) -> list:
    lijsten = d.codelijsten
    story: list = [paragraph("Dit is een volledige afdruk van het dossier, met de geschiedenis van besluiten, "
                             "consulenten en correcties, voor een overdracht of een inzageverzoek (AVG artikel 15). "
                             "Vertrouwelijk: bewaar en verstuur het beveiligd.")]

    story.append(heading("Jeugdige"))
    geboren = datum(d.geboortedatum) if d.geboortedatum else f"uitgerekend {datum(d.uitgerekende_datum)}"
    story.append(key_values([
        ("Naam", d.naam), ("Dossiernummer", d.dossiernummer), ("Geboortedatum", geboren),
        ("BSN", d.bsn or "—"), ("Adres", d.adres or "—"), ("Wijk", d.wijk or "—"), ("School", d.school or "—"),
    ]))

    story.append(heading("Gezin"))
    if d.ouders:
        story.append(table([Column("Ouder / verzorger", width=28), Column("Relatie", width=14),
                            Column("Gezag", width=7), Column("Telefoon", width=14)],
                           [(o.naam, o.relatie, "ja" if o.gezag else "nee", o.telefoon) for o in d.ouders]))
    else:
        story.append(paragraph("Geen ouders of verzorgers vastgelegd."))
    n = len(d.broers_zussen)
    story.append(paragraph(
        "Broers en zussen in het gezin: " + ("geen." if n == 0 else
                                              f"{n}. Hun gegevens staan in hun eigen dossier en worden hier niet "
                                              "afgedrukt (gegevens van een ander kind).")))

    story.append(heading("Aanmelding"))
    story.append(key_values([
        ("Aanmelddatum", datum(d.aanmelddatum)), ("Verwijzer", d.verwijzer or "—"),
        ("Regie ouders", label(Regie, d.regie) or "—"), ("Steunfiguur", d.steunfiguur or "—"),
    ]))
    story.append(kopje("Hulpvraag"))
    story += alineas(d.hulpvraag)
    story.append(kopje("Veiligheidssignalen"))
    story += alineas(d.veiligheidssignalen, "Geen vastgelegd.")

    story.append(heading(f"Triagebesluiten ({len(d.triage_historie)})"))
    if not d.triage_historie:
        story.append(paragraph("Geen triagebesluiten."))
    for b in sorted(d.triage_historie, key=lambda b: b.besloten_op):
        story.append(kopje(f"{datum(b.besloten_op)} — {b.uitkomst.label} — urgentie {b.urgentie.label.lower()} "
                           f"({'geldend' if b.actueel else 'herzien'})"))
        paren = [("Besloten door", b.besloten_door or "—")]
        if b.organisatie:
            paren.append(("Organisatie", b.organisatie))
        if b.beoogd_consulent:
            paren.append(("Beoogd consulent", b.beoogd_consulent))
        paren.append(("Vastgelegd door", b.vastgelegd_door or "—"))
        story.append(key_values(paren))
        story.append(kopje("Motivering"))
        story += alineas(b.motivering)

    story.append(heading("Consulenten"))
    story.append(key_values([
        ("Dossier gestart", datum(d.geopend_op)), ("Vaste consulent", d.consulent),
        ("Tweede persoon", d.tweede or "—"), ("Wisselingen consulent", str(d.wisselingen)),
    ]))
    if d.consulent_historie:
        story.append(table([Column("Datum", "date"), Column("Rol", width=15), Column("Van", width=16),
                            Column("Naar", width=16), Column("Reden", width=20), Column("Toelichting", width=22),
                            Column("Door", width=14)],
                           [(h.datum, label(ConsulentRol, h.rol), h.van or "—", h.naar or "—",
                             label(WijzigingsReden, h.reden), h.toelichting, h.door) for h in d.consulent_historie]))
    story.append(kopje(f"Klikgesprekken ({len(d.klikgesprekken)})"))
    if not d.klikgesprekken:
        story.append(paragraph("Geen klikgesprekken vastgelegd."))
    for k in d.klikgesprekken:
        story.append(paragraph(f"{datum(k.datum)} — {k.consulent} — {label(KlikResultaat, k.resultaat)}"))
        if k.toelichting.strip():
            story += alineas(k.toelichting)

    story.append(heading(f"Contactmomenten ({len(d.contacten)})"))
    if not d.contacten:
        story.append(paragraph("Geen contactmomenten."))
    for c in d.contacten:  # oldest first (lees)
        story.append(kopje(f"{datum(c.datum)} — {label(ContactType, c.type)} — {c.duur_minuten} min — "
                           f"{c.medewerker or 'onbekend'}"))
        story += alineas(c.notitie)

    story.append(heading("Ondersteuningsplan"))
    p = d.plan
    if p is None:
        story.append(paragraph("Er is (nog) geen ondersteuningsplan."))
    else:
        story.append(key_values([
            ("Vastgesteld op", datum(p.vastgesteld_op, "nog niet (concept)")),
            ("Evaluatiedatum", datum(p.evaluatiedatum)),
            ("Laatst gewijzigd", f"{lokale_tijd(p.updated_at):%d-%m-%Y %H:%M} door {p.updated_by}"
             if p.updated_at else "—"),
        ]))
        for veld, naam in VA_DELEN:
            story.append(kopje(f"Verklarende Analyse — {naam}"))
            story += alineas(getattr(p, veld))
        story.append(kopje("Doelen"))
        story += alineas(p.doelen)

    story.append(heading(f"Toewijzingen ({len(d.toewijzingen)})"))
    if not d.toewijzingen:
        story.append(paragraph("Geen toewijzingen."))
    else:
        rijen = [(lijsten.productcategorie_label(t.productcategorie), t.product,
                  kort(lijsten.intensiteit_label(t.intensiteit)), lijsten.aanbieder_label(t.aanbieder), t.startdatum,
                  t.einddatum or "open", t.geschatte_kosten, "DVO maatwerk" if t.is_dvo else "Profiel")
                 for t in d.toewijzingen]
        story.append(table([Column("Categorie", width=20), Column("Product/profiel", width=22),
                            Column("Intensiteit", width=11), Column("Aanbieder", width=20), Column("Start", "date"),
                            Column("Eind", "date"), Column("Kosten (geschat)", "euro", width=10),
                            Column("Contract", width=12)],
                           rijen, totals=("Totaal", "", "", "", None, None,
                                          sum(t.geschatte_kosten for t in d.toewijzingen), "")))
        for t in d.toewijzingen:
            if t.is_dvo and t.dvo_motivering.strip():
                story.append(kopje(f"Motivering DVO maatwerk — {t.product} (start {datum(t.startdatum)})"))
                story += alineas(t.dvo_motivering)

    story.append(heading("Afsluiting"))
    if d.afgesloten_op is None:
        story.append(paragraph(f"Het dossier is niet afgesloten (stand van {datum(peildatum)})."))
    else:
        story.append(key_values([("Afgesloten op", datum(d.afgesloten_op)),
                                 ("Reden", label(Afsluitreden, d.afsluitreden) or "—")]))
        if afsluit_toelichting.strip():
            story.append(kopje("Toelichting"))
            story += alineas(afsluit_toelichting)

    story.append(heading(f"Geschiedenis van correcties ({len(d.geschiedenis)})"))
    if not d.geschiedenis:
        story.append(paragraph("Er is niets gecorrigeerd."))
    for w in sorted(d.geschiedenis, key=lambda w: w.gewijzigd_at):
        veld = f" — {w.veld}" if w.veld else ""
        story.append(kopje(f"{lokale_tijd(w.gewijzigd_at):%d-%m-%Y %H:%M} — {w.gewijzigd_door} — {w.record} — "
                           f"{SOORT.get(w.soort, w.soort)}{veld}"))
        paren = []
        if w.oud or w.veld:
            paren.append(("Was", w.oud or "(leeg)"))
        if w.nieuw or w.veld:
            paren.append(("Wordt", w.nieuw or "(leeg)"))
        if paren:
            story.append(key_values(paren))
        if w.toelichting.strip():
            story.append(paragraph(f"Reden: {w.toelichting}"))
    return story


def schrijf_pdf(path_or_stream, d: DossierDetail, afsluit_toelichting: str, organisatie: str, team: str,
                afgedrukt_door: str, afgedrukt_op: datetime | None = None) -> None:
    op = afgedrukt_op or datetime.now()
    meta = ReportMeta(titel=TITEL, organisatie=organisatie, team=team, afgedrukt_door=afgedrukt_door,
                      afgedrukt_op=op, subtitel=f"Dossier {d.dossiernummer} · {d.naam} · stand van {op:%d-%m-%Y}")
    build_pdf(path_or_stream, meta, _story(d, afsluit_toelichting, op.date()))


def maak_pdf(store: Store, dossier_id: uuid.UUID, path_or_stream,
             afgedrukt_op: datetime | None = None) -> DossierDetail:
    """Read (rights checked: GeenToegang and a GEWEIGERD line for a dossier the medewerker may not see, no
    file), write the one EXPORT line, then the PDF. Returns what was printed."""
    d, toelichting = lees(store, dossier_id)
    ingesteld = settings.instellingen(store)
    # the line before the file: a line that cannot be written leaves no file with the dossier behind
    audit.log(store, AuditActie.EXPORT, "dossier", d.dossier_id, d.dossiernummer,
              omschrijving=f"dossier afgedrukt (volledig, PDF): {len(d.contacten)} contactmomenten, "
                           f"{len(d.toewijzingen)} toewijzingen, {len(d.triage_historie)} triagebesluiten")
    schrijf_pdf(path_or_stream, d, toelichting, ingesteld.organisatie_naam, ingesteld.team_naam, store.user,
                afgedrukt_op)
    return d
