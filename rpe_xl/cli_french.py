"""click in French: usage line, section titles, the help option, and the usage errors click raises itself
(« No such option », « Missing argument », « 'abc' is not a valid integer »…) and the words click adds to the help
(« [default: texte] »), so that every line the ``rpe-xl`` command prints is French.

click words its own messages in English (with gettext, but no French catalogue ships with it): the commands
use :class:`FrenchGroup` / :class:`FrenchCommand`, which format help and errors themselves.
"""

from __future__ import annotations

import re
import sys

import click

INTERRUPTED = 130

# click's English messages (8.x) -> French
_Q = r"""['"]?"""  # click 8.1 writes « No such option: --x », 8.2 and later « No such option '--x'. »
_ERRORS = (
    (rf"No such option:? {_Q}([^'\s]+?){_Q}\.?(?: Did you mean {_Q}([^'\s]+?){_Q}\?)?",
     lambda m: f"option inconnue : {m[1]}." + (f" Vouliez-vous dire {m[2]} ?" if m[2] else "")),
    (rf"No such command:? {_Q}(.+?){_Q}\.?(?: Did you mean {_Q}(.+?){_Q}\?)?",
     lambda m: f"commande inconnue : « {m[1]} »." + (f" Vouliez-vous dire « {m[2]} » ?" if m[2] else "")),
    (r"Missing argument '(.+)'\.", lambda m: f"argument manquant : {m[1]}."),
    (r"Missing option '(.+)'\.", lambda m: f"option obligatoire manquante : {m[1]}."),
    (r"Option '(.+)' requires an argument\.", lambda m: f"l'option {m[1]} attend une valeur."),
    (r"Got unexpected extra arguments? \((.+)\)", lambda m: f"argument(s) en trop : {m[1]}."),
    (r"Invalid value for '?(.+?)'?: '(.*)' is not one of (.+)\.",
     lambda m: f"valeur invalide pour {m[1]} : « {m[2]} » ; valeurs possibles : {m[3]}."),
    (r"Invalid value for '?(.+?)'?: (.+)", lambda m: f"valeur invalide pour {m[1]} : {_value_error(m[2])}"),
)

# what click's parameter types say about a value (after « Invalid value for … : »)
_VALUE_ERRORS = (
    (r"'(.*)' is not a valid integer(?: range)?\.", lambda m: f"« {m[1]} » n'est pas un nombre entier."),
    (r"'(.*)' is not a valid float(?: range)?\.", lambda m: f"« {m[1]} » n'est pas un nombre (écrivez 2.5, pas 2,5)."),
    (r"'(.*)' is not a valid boolean\..*", lambda m: f"« {m[1]} » n'est ni oui ni non."),
    (r"(.+) is not in the range (.+)\.", lambda m: f"{m[1]} n'est pas permis ({_range(m[2])})."),
    (r"(?:File|Directory|Path) '(.*)' does not exist\.", lambda m: f"chemin introuvable : {m[1]}."),
    (r"(?:File|Directory|Path) '(.*)' is a directory\.", lambda m: f"{m[1]} est un dossier, pas un fichier."),
    (r"(?:File|Directory|Path) '(.*)' is a file\.", lambda m: f"{m[1]} est un fichier, pas un dossier."),
    (r"(?:File|Directory|Path) '(.*)' is not (?:readable|writable|executable)\.",
     lambda m: f"{m[1]} : accès refusé."),
)

# click's own words in the help (« [default: texte] », « [required] », « [x>=1] »)
_RANGES = ((r"x>=(\S+)", r"au moins \1"), (r"x<=(\S+)", r"au plus \1"), (r"(\S+)<=x<=(\S+)", r"de \1 à \2"))
_HELP_WORDS = ((r"\bdefault: ", "par défaut : "), (r"\brequired\b", "obligatoire"),
               *((rf"(?<=[\[ ]){pattern}(?=[\];])", french) for pattern, french in _RANGES))


def _range(text: str) -> str:
    """click's range ``x>=1`` in words: ``au moins 1``."""
    for pattern, french in _RANGES:
        text = re.sub(rf"^{pattern}$", french, text)
    return text


def _translated(message: str, table) -> str:
    """``message`` built again by the first (pattern, build) of ``table`` it matches whole; else as it is."""
    for pattern, build in table:
        m = re.fullmatch(pattern, message.strip(), flags=re.S)
        if m:
            return build(m)
    return message


def _value_error(message: str) -> str:
    return _translated(message, _VALUE_ERRORS)


def french_help(text: str) -> str:
    """click's English words in a help line in French: ``[default: texte]`` -> ``[par défaut : texte]``."""
    for pattern, french in _HELP_WORDS:
        text = re.sub(pattern, french, text)
    return text


def french_error(message: str) -> str:
    """click's English usage message in French (messages of rpe-xl, already French, are left as they are)."""
    return _translated(message, _ERRORS)


class FrenchCommand(click.Command):
    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        option = super().get_help_option(ctx)
        if option is not None:
            option.help = "Affiche cette aide et s'arrête."
        return option

    def format_usage(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        formatter.write_usage(ctx.command_path, " ".join(self.collect_usage_pieces(ctx)), prefix="Utilisation : ")

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        records = [r for p in self.get_params(ctx) if not isinstance(p, click.Argument) and (r := p.get_help_record(ctx))]
        rows = [(name, french_help(text)) for name, text in records]
        if rows:
            with formatter.section("Options"):
                formatter.write_dl(rows)


class FrenchGroup(click.Group, FrenchCommand):
    command_class = FrenchCommand

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        FrenchCommand.format_options(self, ctx, formatter)
        rows = [(name, cmd.get_short_help_str(formatter.width - 6 - max(map(len, self.commands))))
                for name, cmd in self.commands.items() if not cmd.hidden]
        if rows:
            with formatter.section("Commandes"):
                formatter.write_dl(rows)

    def main(self, *args, **kwargs):  # noqa: ANN002, ANN003 - click's signature
        """Usage errors in French: « Erreur : … » then where to find help, exit code 2; Ctrl-C: « Interrompu. »,
        exit code 130."""
        kwargs["standalone_mode"] = False
        try:
            code = super().main(*args, **kwargs)
        except click.exceptions.NoArgsIsHelpError as exc:
            click.echo(exc.ctx.get_help() if exc.ctx else str(exc), err=True)
            sys.exit(2)
        except click.UsageError as exc:
            path = exc.ctx.command_path if exc.ctx else "rpe-xl"
            click.echo(f"Erreur : {french_error(exc.format_message())}\nAide : {path} --help", err=True)
            sys.exit(exc.exit_code)
        except click.ClickException as exc:
            click.echo(f"Erreur : {french_error(exc.format_message())}", err=True)
            sys.exit(exc.exit_code)
        except (click.exceptions.Abort, KeyboardInterrupt):  # Ctrl-C: the code shells give (128 + SIGINT)
            click.echo("Interrompu.", err=True)
            sys.exit(INTERRUPTED)
        sys.exit(code if isinstance(code, int) else 0)
