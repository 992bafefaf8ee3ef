"""`jet-desktop demo-toegang --out FILE --rijen N`: a demo registration file for the import."""

from __future__ import annotations

from jet_desktop.commands import datum_arg, fail, uitvoerbestand
from jet_desktop.commands.argumenten import geheel_getal
from jet_desktop.notatie import getal

NAME = "demo-toegang"
MAX_RIJEN = 10_000_000  # a file of ~400 MB; the import itself accepts fewer (services/toegang_import.py)
HELP = "schrijf een demobestand met trajecten van POH Jeugd, Jeugdondersteuner en Amaryllis (CSV of XLSX)"


def configure(p) -> None:
    p.add_argument("--out", required=True, metavar="BESTAND", help="bestand: .csv of .xlsx")
    p.add_argument("--rijen", type=geheel_getal(0, MAX_RIJEN), default=1000, metavar="N",
                   help=f"aantal trajecten, 0 t/m {getal(MAX_RIJEN)} (standaard 1000)")
    p.add_argument("--seed", type=geheel_getal(), default=1, help="toevalszaad: zelfde zaad, zelfde bestand")
    p.add_argument("--van", type=datum_arg, metavar="JJJJ-MM-DD", help="begin van de periode (standaard 1 januari, "
                                                                        "drie jaar geleden)")
    p.add_argument("--tot", type=datum_arg, metavar="JJJJ-MM-DD", help="einde van de periode (standaard vandaag)")
    p.add_argument("--scheidingsteken", choices=(";", ",", "tab"), default=";", help="voor CSV (standaard ;)")


def run(args) -> int:
    from pathlib import Path

    from jet_desktop.demo.toegang import schrijf_toegang_bestand, standaard_periode

    if args.rijen < 0:
        return fail("--rijen moet 0 of meer zijn.", 2)
    van, tot = standaard_periode()
    van, tot = args.van or van, args.tot or tot
    if tot < van:
        return fail("--tot ligt vóór --van.", 2)
    out = Path(args.out)
    formaat = "xlsx" if out.suffix.lower() == ".xlsx" else "csv"
    teken = "\t" if args.scheidingsteken == "tab" else args.scheidingsteken
    with uitvoerbestand(out) as pad:  # whole or not at all (a full disk: a Dutch message)
        n = schrijf_toegang_bestand(pad, args.rijen, seed=args.seed, van=van, tot=tot, formaat=formaat,
                                    scheidingsteken=teken)
    print(f"{out}: {n} trajecten ({van:%d-%m-%Y} t/m {tot:%d-%m-%Y}, seed {args.seed}) geschreven.")
    return 0
