"""click in French: usage line, section titles, the help option, and the usage errors click raises itself
(« No such option », « Missing argument »…), so that every line the ``rpe-xl`` command prints is French.

click words its own messages in English (with gettext, but no French catalogue ships with it): the commands
use :class:`FrenchGroup` / :class:`FrenchCommand`, which format help and errors themselves.
"""

from __future__ import annotations

import re
import sys

import click

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
    (r"Invalid value for (.+?): '(.*)' is not one of (.+)\.",
     lambda m: f"valeur invalide pour {m[1]} : « {m[2]} » ; valeurs possibles : {m[3]}."),
    (r"Invalid value for (.+?): (.+)", lambda m: f"valeur invalide pour {m[1]} : {m[2]}"),
)


def french_error(message: str) -> str:
    """click's English usage message in French (messages of rpe-xl, already French, are left as they are)."""
    for pattern, build in _ERRORS:
        m = re.fullmatch(pattern, message.strip(), flags=re.S)
        if m:
            return build(m)
    return message


class FrenchCommand(click.Command):
    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        option = super().get_help_option(ctx)
        if option is not None:
            option.help = "Affiche cette aide et s'arrête."
        return option

    def format_usage(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        formatter.write_usage(ctx.command_path, " ".join(self.collect_usage_pieces(ctx)), prefix="Utilisation : ")

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [r for p in self.get_params(ctx) if not isinstance(p, click.Argument) and (r := p.get_help_record(ctx))]
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
        """Usage errors in French: « Erreur : … » then where to find help, exit code 2."""
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
        except click.exceptions.Abort:
            click.echo("Interrompu.", err=True)
            sys.exit(1)
        sys.exit(code if isinstance(code, int) else 0)
