"""``rpe-xl.toml``, the team's settings file: where it is looked for, and how it is read.

It is looked for in the working folder, then beside the workbooks given (their folder, or the folder above);
the first one found holds every section: ``[collectivite]`` (the identity printed by the documents) and
``[parametres]`` (values a team or its Caf sets over the tool's defaults).

>>> find_config([Path("workbooks")])      # doctest: +SKIP
PosixPath('/home/rpe/rpe-xl.toml')
"""

from __future__ import annotations

import tomllib
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable

CONFIG_FILE = "rpe-xl.toml"


class ConfigError(ValueError):
    """The configuration file exists but cannot be read (message in French)."""


def config_folders(near: Iterable[Path] = ()) -> list[Path]:
    """Where ``rpe-xl.toml`` is looked for, in order: the working folder, then beside each workbook path given
    (a folder and its parent, or a file's folder and the folder above)."""
    folders = [Path.cwd()]
    for p in near:
        p = Path(p).resolve()
        folders += [p, p.parent] if p.is_dir() else [p.parent, p.parent.parent]
    return list(dict.fromkeys(folders))


def find_config(near: Iterable[Path] = ()) -> Path | None:
    """The ``rpe-xl.toml`` in use: the first of :func:`config_folders` that holds one, else None."""
    return next((f / CONFIG_FILE for f in config_folders(near) if (f / CONFIG_FILE).is_file()), None)


def read_config(path: Path) -> dict[str, Any]:
    """The TOML document of ``path``; ``ConfigError`` (French) when it cannot be read."""
    try:
        return _read(str(path), path.stat().st_mtime_ns)
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path} illisible ({exc}) : corrigez la syntaxe TOML (texte entre guillemets, "
                          "nombres avec un point décimal, une seule section [parametres]).") from exc
    except OSError as exc:
        raise ConfigError(f"{path} illisible ({exc.strerror or exc}) : vérifiez le fichier.") from exc


@lru_cache(maxsize=8)
def _read(path: str, _mtime_ns: int) -> dict[str, Any]:  # a changed file is read again
    return tomllib.loads(Path(path).read_text(encoding="utf-8"))
