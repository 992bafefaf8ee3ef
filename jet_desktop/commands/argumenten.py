"""argparse in Dutch: `ArgumentParser` speaks Dutch in its usage, help and error messages.

argparse fetches its texts through gettext (`argparse._`, `argparse.ngettext`) when it builds a
parser, prints help or reports an error; the parser here swaps in the Dutch texts for exactly those
moments (and puts the originals back), so nothing else in the process is touched. Texts it does not
know stay as argparse has them. The argument types below raise their errors in Dutch too.
"""

from __future__ import annotations

import argparse
import contextlib
import functools

from jet_desktop.notatie import getal as _getal

NL = {
    "usage: ": "gebruik: ",
    "positional arguments": "argumenten",
    "options": "opties",
    "show this help message and exit": "toon deze hulp en stop",
    "%(prog)s: error: %(message)s\n": "%(prog)s: fout: %(message)s\n",
    "argument %(argument_name)s: %(message)s": "bij %(argument_name)s: %(message)s",
    "the following arguments are required: %s": "deze argumenten zijn verplicht: %s",
    "one of the arguments %s is required": "een van de argumenten %s is verplicht",
    "unrecognized arguments: %s": "onbekende argumenten: %s",
    "invalid choice: %(value)r (choose from %(choices)s)": "ongeldige keuze: %(value)r (kies uit %(choices)s)",
    "invalid %(type)s value: %(value)r": "ongeldige waarde: %(value)r",
    "expected one argument": "hier hoort één waarde achter",
    "expected at most one argument": "hier hoort hoogstens één waarde achter",
    "expected at least one argument": "hier hoort minstens één waarde achter",
    "not allowed with argument %s": "gaat niet samen met %s",
    "ignored explicit argument %r": "deze optie neemt geen waarde (%r)",
    "ambiguous option: %(option)s could match %(matches)s": "onduidelijke optie: %(option)s kan zijn: %(matches)s",
    "unexpected option string: %s": "onverwachte optie: %s",
    "unknown parser %(parser_name)r (choices: %(choices)s)":
        "onbekende opdracht %(parser_name)r (kies uit %(choices)s)",
    "argument \"-\" with mode %r": "argument \"-\" met modus %r",
    "can't open '%(filename)s': %(error)s": "'%(filename)s' kan niet worden geopend: %(error)s",
    "subcommands": "opdrachten",
}
NL_MEERVOUD = {
    "expected %s argument": ("hier hoort %s waarde achter", "hier horen %s waarden achter"),
}

_diepte = 0


def _vertaal(tekst: str) -> str:
    return NL.get(tekst, tekst)


def _nvertaal(enkelvoud: str, meervoud: str, n: int) -> str:
    if enkelvoud in NL_MEERVOUD:
        een, meer = NL_MEERVOUD[enkelvoud]
        return een if n == 1 else meer
    return enkelvoud if n == 1 else meervoud


@contextlib.contextmanager
def nederlands():
    """argparse's texts in Dutch for the duration (re-entrant)."""
    global _diepte
    oud = argparse._, argparse.ngettext
    if _diepte == 0:
        argparse._, argparse.ngettext = _vertaal, _nvertaal
    _diepte += 1
    try:
        yield
    finally:
        _diepte -= 1
        if _diepte == 0:
            argparse._, argparse.ngettext = oud


def _in_het_nederlands(methode):
    @functools.wraps(methode)
    def binnen(self, *args, **kwargs):
        with nederlands():
            return methode(self, *args, **kwargs)

    return binnen


class ArgumentParser(argparse.ArgumentParser):
    """An argparse parser whose usage, help and errors are Dutch (subparsers are of this class too)."""

    __init__ = _in_het_nederlands(argparse.ArgumentParser.__init__)
    parse_args = _in_het_nederlands(argparse.ArgumentParser.parse_args)
    parse_known_args = _in_het_nederlands(argparse.ArgumentParser.parse_known_args)
    format_usage = _in_het_nederlands(argparse.ArgumentParser.format_usage)
    format_help = _in_het_nederlands(argparse.ArgumentParser.format_help)
    error = _in_het_nederlands(argparse.ArgumentParser.error)
    add_subparsers = _in_het_nederlands(argparse.ArgumentParser.add_subparsers)


def geheel_getal(minimum: int | None = None, maximum: int | None = None, naam: str = "getal"):
    """argparse type: a whole number, optionally within minimum..maximum, with a Dutch message."""

    def lees(tekst: str) -> int:
        try:
            n = int(tekst.strip())
        except ValueError:
            raise argparse.ArgumentTypeError(f"{tekst!r} is geen heel getal") from None
        if minimum is not None and maximum is not None and not minimum <= n <= maximum:
            raise argparse.ArgumentTypeError(f"kies een heel getal van {_getal(minimum)} t/m {_getal(maximum)} "
                                             f"(niet {_getal(n)})")
        if minimum is not None and n < minimum:
            raise argparse.ArgumentTypeError(f"kies een heel getal van {_getal(minimum)} of meer (niet {_getal(n)})")
        if maximum is not None and n > maximum:
            raise argparse.ArgumentTypeError(f"kies een heel getal tot en met {_getal(maximum)} (niet {_getal(n)})")
        return n

    lees.__name__ = naam
    return lees


