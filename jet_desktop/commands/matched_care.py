"""`jet-desktop matched-care`: the matched-care summary over a period, or (--kosten) the cost table per year."""

from __future__ import annotations

from jet_desktop.commands import add_db_arguments, datum_arg, fail, open_store, uitvoerbestand
from jet_desktop.notatie import getal

NAME = "matched-care"
MAX_KOSTEN_JAREN = 30  # the cost table's year columns (a PDF page holds about 35)
HELP = "matched-care-overzicht over een periode (tabel, json, xlsx of pdf)"


def configure(p) -> None:
    add_db_arguments(p)
    p.add_argument("--van", type=datum_arg, required=True, metavar="JJJJ-MM-DD")
    p.add_argument("--tot", type=datum_arg, required=True, metavar="JJJJ-MM-DD")
    p.add_argument("--format", choices=("table", "json", "xlsx", "pdf"), default="table")
    p.add_argument("--out", metavar="BESTAND", help="bestand (standaard: standaarduitvoer; verplicht voor xlsx en pdf)")
    soort = p.add_mutually_exclusive_group()
    soort.add_argument("--team", action="store_true",
                       help="teamversie: met de lijsten per jeugdige (initialen, dossiernummer); vertrouwelijk")
    soort.add_argument("--publicatie", action="store_true",
                       help="publicatieversie: aantallen onder de publicatiedrempel (instelling) onderdrukt")
    p.add_argument("--kosten", action="store_true",
                   help="alleen de tabel geschatte kosten per jaar en kostencategorie (de jaren van --van t/m --tot); "
                        "met --publicatie onderdrukt")


def _euro(x) -> str:
    return getal(float(x))


def run(args) -> int:
    import contextlib
    import sys

    from jet_desktop.domain.errors import ValidationError
    from jet_desktop.services import settings

    if args.tot < args.van:
        return fail("--tot ligt voor --van.")
    if args.kosten and args.team:
        return fail("--kosten en --team gaan niet samen: de kostentabel bevat geen gegevens per jeugdige.")
    if args.format in ("xlsx", "pdf") and not args.out:
        return fail(f"--out BESTAND is verplicht bij --format {args.format}.")
    if args.kosten and args.tot.year - args.van.year + 1 > MAX_KOSTEN_JAREN:  # a column per year: bounded
        return fail(f"--kosten geeft een kolom per jaar; kies een periode van hoogstens {MAX_KOSTEN_JAREN} jaar "
                    f"(niet {args.tot.year - args.van.year + 1}).", 2)
    store = open_store(args)
    try:
        ingesteld = settings.instellingen(store)
        meta = dict(organisatie=ingesteld.organisatie_naam, team=ingesteld.team_naam, afgedrukt_door=store.user)
        drempel = ingesteld.publicatie_drempel if args.publicatie else None
        binary = args.format in ("xlsx", "pdf")
        try:
            with (uitvoerbestand(args.out) if args.out else contextlib.nullcontext(sys.stdout)) as target:
                summary = _schrijf(store, args, target, drempel, meta)
        except ValidationError as exc:  # a bad rule in the stapeling table (services/codelijsten.py)
            return fail("\n".join(e.message for e in exc.errors))
    finally:
        store.engine.dispose()
    if args.out:
        versie = " (teamversie, vertrouwelijk)" if args.team else " (publicatieversie)" if args.publicatie else ""
        print(f"{summary}{versie}; geschreven naar {args.out}.")
    elif binary:  # pragma: no cover - excluded above
        return 1
    return 0


def _schrijf(store, args, target, drempel, meta) -> str:
    from jet_desktop.reports.matched_care import bereken, kosten_per_jaar, onderdruk_kosten
    from jet_desktop.reports.matched_care_export import write_kosten_per_jaar, write_matched_care

    if args.kosten:
        df = kosten_per_jaar(store, range(args.van.year, args.tot.year + 1))
        totaal = df.loc["Totaal"].sum()
        if drempel is not None:
            df = onderdruk_kosten(df, drempel)
        write_kosten_per_jaar(df, args.format, target, **meta)
        return f"Kosten per jaar {args.van.year}-{args.tot.year}: totaal € {_euro(totaal)}"
    mc = bereken(store, args.van, args.tot)
    write_matched_care(mc, args.format, target, drempel=drempel, voor_team=args.team, **meta)
    return (f"Matched-care-overzicht {args.van:%d-%m-%Y} t/m {args.tot:%d-%m-%Y}: "
            f"{mc.totaal_toewijzingen} toewijzingen, € {_euro(mc.totaal_kosten)} geschat")
