"""Exports of the matched-care summary and the cost table: text table, JSON, XLSX, PDF.

The management version holds counts and costs only: no names, initials or dossiernummers. With a
`drempel` it is the publication version (reports.matched_care.onderdruk: counts 1..drempel-1 shown
as "<drempel"). `voor_team=True` adds the per-jeugdige lists (initials + dossiernummer) and marks
the report "Vertrouwelijk"; it cannot be combined with a drempel. The team version needs
Recht.TEAMRAPPORTEN of whoever computed the summary (`MatchedCare.store`); every export of the
summary writes an EXPORT line to the audit log of that store.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import date, datetime

import pandas as pd

from jet_desktop.domain.enums import AuditActie
from jet_desktop.domain.rollen import Recht
from jet_desktop.domain.tekst import schoon
from jet_desktop.notatie import periode
from jet_desktop.reports.columns import Column, format_value
from jet_desktop.reports.matched_care import (
    COUNT_COLUMNS,
    KOSTEN,
    TOTAAL,
    MatchedCare,
    ToewijzingKort,
    onderdruk,
)
from jet_desktop.reports.voortgang import Geannuleerd, Voortgang, log_geannuleerd, melder

FORMATS = ("table", "json", "xlsx", "pdf")
TITEL = "Matched-care-overzicht"
KOSTEN_TITEL = "Geschatte zorgkosten per jaar en kostencategorie"
VERTROUWELIJK = "Vertrouwelijk: bevat gegevens per jeugdige (initialen en dossiernummer), alleen voor het team."


@dataclass
class Section:
    """One table of a report: what the text, XLSX and PDF writers share."""

    title: str
    columns: list[Column]
    rows: list[list]
    totals: list | None = None
    note: str = ""
    sheet: str = ""  # XLSX sheet title (at most 31 characters); default the title


def _periode(mc: MatchedCare) -> str:
    return periode(mc.van, mc.tot)


def _kind(name: str, df: pd.DataFrame) -> str:
    if name == KOSTEN:
        return "euro"
    if name in COUNT_COLUMNS or name in ("Paren", "Niveau"):
        return "int"
    return "text"


def _plain(v):
    """numpy scalars to Python (for JSON and openpyxl)."""
    if hasattr(v, "item"):
        return v.item()
    return v


def _table_section(title: str, df: pd.DataFrame, totaal: dict | None = None, note: str = "",
                   sheet: str = "") -> Section:
    """`totaal`: column -> value of the totals row (each dimension partitions the toewijzingen, so
    its totals are the summary's; Jeugdigen is distinct and need not be the sum of the rows)."""
    columns = [Column(c, _kind(c, df)) for c in df.columns]
    rows = [[_plain(v) for v in r] for r in df.itertuples(index=False)]
    totals = None
    if totaal is not None:
        totals = [TOTAAL if i == 0 else totaal.get(c) for i, c in enumerate(df.columns)]
    return Section(title, columns, rows, totals, note, sheet)


def _kengetallen(mc: MatchedCare) -> Section:
    d, o, s = mc.dvo, mc.opschaling, mc.stapeling
    rows = [
        ["Toewijzingen gestart in de periode", mc.totaal_toewijzingen, mc.totaal_kosten, None],
        ["Jeugdigen met een toewijzing gestart in de periode", mc.totaal_jeugdigen, None, None],
        ["DVO maatwerk (aandeel in het aantal toewijzingen)", d.toewijzingen, d.kosten, d.pct_toewijzingen],
        ["DVO maatwerk (aandeel in de geschatte kosten)", None, None, d.pct_kosten],
        ["Jeugdigen met hun eerste toewijzing in de periode", o.jeugdigen_eerste_toewijzing, None, None],
        ["   waarvan opgeschaald binnen 180 dagen", o.opgeschaald, None, o.pct],
        ["Verticale stapeling: paren", s.verticaal_paren, None, None],
        ["Verticale stapeling: jeugdigen", s.verticaal_jeugdigen, None, s.pct_verticaal],
        ["Horizontale stapeling: paren", s.horizontaal_paren, None, None],
        ["Horizontale stapeling: jeugdigen", s.horizontaal_jeugdigen, None, s.pct_horizontaal],
    ]
    cols = [Column("Kengetal", "text", 48), Column("Aantal", "int"), Column(KOSTEN, "euro"), Column("Percentage", "pct")]
    note = ("Percentages: DVO over alle toewijzingen gestart in de periode; opschaling over de jeugdigen met hun "
            "eerste toewijzing in de periode (lager is beter); stapeling over de jeugdigen met een toewijzing "
            "gestart in de periode. Leeg percentage: geen noemer.")
    return Section("Kengetallen", cols, rows, None, note)


def _kort(t: ToewijzingKort) -> str:
    return t.omschrijving


def _team_sections(mc: MatchedCare) -> list[Section]:
    ops = Section(
        "Opschaling per jeugdige (vertrouwelijk)",
        [Column("Dossiernummer"), Column("Initialen"), Column("Eerste toewijzing", width=40),
         Column("Latere, zwaardere toewijzing", width=40), Column("Dagen", "int")],
        [[r.dossiernummer, r.initialen, _kort(r.eerste), _kort(r.latere), r.dagen] for r in mc.opschaling_lijst],
        note="Geen." if not mc.opschaling_lijst else "")
    stap = Section(
        "Stapeling per jeugdige (vertrouwelijk)",
        [Column("Dossiernummer"), Column("Initialen"), Column("Soort"), Column("Eerste toewijzing", width=34),
         Column("Tweede toewijzing", width=34), Column("Dagen ertussen", "int"), Column("Regel", width=30)],
        [[m.dossiernummer, m.initialen, m.soort, _kort(m.eerste), _kort(m.tweede), m.tussen_dagen,
          f"{m.regel} ({m.toelichting})" if m.toelichting else m.regel] for m in mc.stapeling_lijst],
        note="Geen." if not mc.stapeling_lijst else "")
    return [ops, stap]


def kosten_section(df: pd.DataFrame) -> Section:
    """The cost table as in the Heerenveen letter: a column per year and, with two or more years,
    the difference of the last year with the one before."""
    jaren = [int(c) for c in df.columns]
    body = df.drop(index=TOTAAL) if TOTAAL in df.index else df
    verschil = len(jaren) >= 2
    columns = [Column("Kostencategorie", "text", 30)] + [Column(str(j), "euro") for j in jaren]
    if verschil:
        columns.append(Column(f"Verschil {jaren[-1]} t.o.v. {jaren[-2]}", "euro"))

    def line(name, values):
        values = [v if isinstance(v, str) else float(v) for v in values]  # str: suppressed ("<5")
        if verschil:
            a, b = values[-2], values[-1]
            values.append(b if isinstance(b, str) else a if isinstance(a, str) else b - a)
        return [name, *values]

    rows = [line(name, r) for name, r in body.iterrows()]
    totals = line(TOTAAL, df.loc[TOTAAL]) if TOTAAL in df.index else None
    note = ("Geschatte kosten van de toewijzingen, per jaar naar rato van de dagen dat een toewijzing in dat jaar "
            "loopt; een toewijzing zonder einddatum telt geheel in haar startjaar.")
    return Section(KOSTEN_TITEL, columns, rows, totals, note, "Kosten per jaar")


def sections(mc: MatchedCare, voor_team: bool = False) -> list[Section]:
    out = [_kengetallen(mc)]
    totaal = dict(zip(COUNT_COLUMNS, (mc.totaal_toewijzingen, mc.totaal_jeugdigen, mc.totaal_kosten)))
    for title, df in mc.dimensies:
        out.append(_table_section(title, df, totaal))
    out.append(_table_section("Stapeling per regel van de stapelingstabel", mc.stapeling_per_regel,
                              note="Geen stapeling in de periode." if mc.stapeling_per_regel.empty else "",
                              sheet="Stapeling per regel"))
    if mc.kosten_per_jaar is not None:
        out.append(kosten_section(mc.kosten_per_jaar))
    if voor_team:
        out.extend(_team_sections(mc))
    return out


# -- text ---------------------------------------------------------------------------------------


def _text_table(section: Section) -> str:
    cells = [[c.header for c in section.columns]]
    body = section.rows + ([section.totals] if section.totals else [])
    # schoon: a school name with a terminal escape (ESC) or a bidi override prints as "�", not as a command
    cells += [[schoon(format_value(c.kind, v), meerregelig=False) for c, v in zip(section.columns, r)] for r in body]
    widths = [max(len(r[i]) for r in cells) for i in range(len(section.columns))]
    lines = []
    for n, r in enumerate(cells):
        parts = [v.rjust(w) if c.numeric else v.ljust(w) for v, w, c in zip(r, widths, section.columns)]
        lines.append("  ".join(parts).rstrip())
        if n == 0 or (section.totals and n == len(cells) - 2):
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


def _text(title: str, subtitle: list[str], secs: list[Section]) -> str:
    parts = [title, *subtitle, ""]
    for s in secs:
        parts += [s.title, "=" * len(s.title)]
        if s.rows or s.totals:
            parts.append(_text_table(s))
        if s.note:
            parts.append(s.note)
        parts.append("")
    return "\n".join(parts)


# -- JSON ---------------------------------------------------------------------------------------


def _key(name: str) -> str:
    return name.lower().replace("ijw-code", "ijw_code").replace(" ", "_").replace("-", "_")


def _records(df: pd.DataFrame) -> list[dict]:
    return [{_key(c): _plain(v) for c, v in zip(df.columns, r)} for r in df.itertuples(index=False)]


def _json_default(v):
    if isinstance(v, (date, datetime)):
        return v.isoformat()
    if hasattr(v, "item"):
        return v.item()
    raise TypeError(f"niet te schrijven als JSON: {type(v).__name__}")


def kosten_records(df: pd.DataFrame) -> list[dict]:
    return [{"kostencategorie": name, **{str(int(j)): v if isinstance(v, str) else round(float(v), 2)
                                        for j, v in r.items()}}
            for name, r in df.iterrows()]


def as_json_dict(mc: MatchedCare, drempel: int | None, voor_team: bool) -> dict:
    out = {
        "van": mc.van.isoformat(), "tot": mc.tot.isoformat(),
        "publicatie_drempel": drempel, "vertrouwelijk": voor_team,
        "totaal": {"toewijzingen": mc.totaal_toewijzingen, "jeugdigen": mc.totaal_jeugdigen,
                   "geschatte_kosten": mc.totaal_kosten},
        "dvo": asdict(mc.dvo),
        "opschaling": asdict(mc.opschaling),
        "stapeling": {**asdict(mc.stapeling), "per_regel": _records(mc.stapeling_per_regel)},
    }
    for attr in ("per_productcategorie", "per_intensiteit", "per_aanbieder", "per_verwijzer", "per_verwijzer_ijw",
                 "per_school"):
        out[attr] = _records(getattr(mc, attr))
    if mc.kosten_per_jaar is not None:
        out["kosten_per_jaar"] = kosten_records(mc.kosten_per_jaar)
    if voor_team:
        out["opschaling_per_jeugdige"] = [
            {k: v for k, v in asdict(r).items() if k != "jeugdige_id"} for r in mc.opschaling_lijst]
        out["stapeling_per_jeugdige"] = [
            {k: v for k, v in asdict(m).items() if k != "jeugdige_id"} for m in mc.stapeling_lijst]
    return out


# -- XLSX and PDF -------------------------------------------------------------------------------


def _xlsx(out, title: str, intro: list[str], secs: list[Section], voortgang=None) -> None:
    from jet_desktop.reports.xlsx import Sheet, write_xlsx

    sheets = []
    for s in secs:
        rows = s.rows + ([s.totals] if s.totals else [])
        lines = [f"{title}: {s.title}", *intro] + ([s.note] if s.note else [])
        sheets.append(Sheet(s.sheet or s.title.replace(" (vertrouwelijk)", ""), s.columns, rows, lines))
    write_xlsx(out, sheets, voortgang)


def _pdf(out, title: str, subtitle: str, secs: list[Section], intro: list[str], liggend: bool, meta: dict,
         voortgang=None) -> None:
    from jet_desktop.reports.pdf import ReportMeta, build_pdf, heading, paragraph, table

    story = [paragraph(line) for line in intro]
    for s in secs:
        if s.title != title:
            story.append(heading(s.title))
        if s.rows or s.totals:
            story.append(table(s.columns, s.rows, s.totals))
        if s.note:
            story.append(paragraph(s.note))
    build_pdf(out, ReportMeta(titel=title, organisatie=meta.get("organisatie", ""), team=meta.get("team", ""),
                              afgedrukt_door=meta.get("afgedrukt_door", ""),
                              afgedrukt_op=meta.get("afgedrukt_op") or datetime.now(),
                              subtitel=subtitle, liggend=liggend), story, voortgang)


def _write_text(out, text: str) -> None:
    if hasattr(out, "write"):
        out.write(text)
    else:
        with open(out, "w", encoding="utf-8") as f:
            f.write(text)


def write_matched_care(mc: MatchedCare, fmt: str, out, drempel: int | None = None, voor_team: bool = False,
                       voortgang: Voortgang | None = None, geannuleerd: Callable[[], bool] | None = None,
                       **meta) -> None:
    """Write the summary as `fmt` (table|json|xlsx|pdf) to `out` (a path, or a stream: text for
    table/json, binary for xlsx/pdf). `meta`: organisatie, team, afgedrukt_door, afgedrukt_op (PDF).
    `voortgang(done, total, label)` / `geannuleerd()` (XLSX and PDF): as the rows are laid out or
    written; a cancel writes no file, adds one `openen` line saying so and raises `Geannuleerd`."""
    if fmt not in FORMATS:
        raise ValueError(f"onbekend formaat {fmt!r}")
    if voor_team and drempel is not None:
        raise ValueError("De teamversie (per jeugdige) is niet voor publicatie: kies teamversie of drempel.")
    store = mc.store
    if voor_team and store is not None:
        from jet_desktop.services.autorisatie import vereis

        vereis(store, Recht.TEAMRAPPORTEN)
    if drempel is not None:
        mc = onderdruk(mc, drempel)
    intro = [f"Periode: {_periode(mc)} (toewijzingen met een startdatum in de periode)."]
    if drempel is not None:
        intro.append(f"Publicatieversie: aantallen van 1 tot {drempel} zijn onderdrukt (\"<{drempel}\").")
    if voor_team:
        intro.append(VERTROUWELIJK)
    else:
        intro.append("Managementversie: alleen aantallen en kosten, geen gegevens per jeugdige.")
    secs = sections(mc, voor_team)
    subtitle = f"Periode {_periode(mc)}" + (" · teamversie, vertrouwelijk" if voor_team else "")
    if store is not None:  # the line before the file: a line that cannot be written leaves no file behind
        _log_export(store, mc, fmt, drempel, voor_team)
    if fmt == "table":
        _write_text(out, _text(TITEL, intro, secs))
    elif fmt == "json":
        _write_text(out, json.dumps(as_json_dict(mc, drempel, voor_team), ensure_ascii=False, indent=2,
                                    default=_json_default) + "\n")
    else:
        try:
            if fmt == "xlsx":
                _xlsx(out, TITEL, intro, secs, melder(voortgang, geannuleerd))
            else:
                _pdf(out, TITEL, subtitle, secs, intro[1:], voor_team, meta, melder(voortgang, geannuleerd))
        except Geannuleerd:
            if store is not None:
                log_geannuleerd(store, "matched care", fmt)
            raise


def _log_export(store, mc: MatchedCare, fmt: str, drempel: int | None, voor_team: bool) -> None:
    from jet_desktop.services import audit

    if voor_team:
        versie = (f"teamversie met {len(mc.opschaling_lijst)} + {len(mc.stapeling_lijst)} regels per jeugdige "
                  "(opschaling + stapeling)")
    elif drempel is not None:
        versie = f"publicatieversie (drempel {drempel})"
    else:
        versie = "managementversie"
    from jet_desktop.services import inzage

    nummers, client = (inzage.genoemd(n for r in (*mc.opschaling_lijst, *mc.stapeling_lijst)
                                      for n in r.dossiernummer.split(" / ")) if voor_team else ("", ""))
    audit.log(store, AuditActie.EXPORT, "rapport", "matched care", client,
              omschrijving=f"matched-care-overzicht {fmt.upper()}, periode {_periode(mc)}, {versie}{nummers}")


def write_kosten_per_jaar(df: pd.DataFrame, fmt: str, out, **meta) -> None:
    """The cost table alone (`jet-desktop matched-care --kosten`)."""
    if fmt not in FORMATS:
        raise ValueError(f"onbekend formaat {fmt!r}")
    sec = kosten_section(df)
    jaren = ", ".join(str(int(c)) for c in df.columns)
    if fmt == "table":
        _write_text(out, _text(KOSTEN_TITEL, [f"Jaren: {jaren}"], [sec]))
    elif fmt == "json":
        _write_text(out, json.dumps({"jaren": [int(c) for c in df.columns], "kosten_per_jaar": kosten_records(df)},
                                    ensure_ascii=False, indent=2) + "\n")
    elif fmt == "xlsx":
        _xlsx(out, KOSTEN_TITEL, [f"Jaren: {jaren}"], [sec])
    else:
        _pdf(out, KOSTEN_TITEL, f"Jaren {jaren}", [sec], [], False, meta)
