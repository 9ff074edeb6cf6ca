"""Severities and the record of one finding code: default severity, French title and message templates.

A template is a French ``str.format`` string with named fields, filled at the place that sees the problem:

>>> code = Code(ERREUR, "Nombre attendu", "{header} : {typed} n'est pas un nombre.")
>>> code.text(header="Heures", typed="« 12h »")
"Heures : « 12h » n'est pas un nombre."
>>> code.placeholders()
{'default': ('header', 'typed')}
"""

from __future__ import annotations

import string
from dataclasses import dataclass, field
from typing import Any, Mapping

ERREUR = "erreur"
AVERTISSEMENT = "avertissement"
INFO = "info"
SEVERITIES = (ERREUR, AVERTISSEMENT, INFO)

DEFAULT = "default"


@dataclass(frozen=True)
class Code:
    """``templates``: one template (the ``default`` variant) or ``{variant: template}`` when the same fault is
    told differently by the places that find it."""

    severity: str
    title: str
    templates: Mapping[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if isinstance(self.templates, str):
            object.__setattr__(self, "templates", {DEFAULT: self.templates})

    def text(self, variant: str = DEFAULT, **values: Any) -> str:
        """The message of ``variant`` with its fields filled (KeyError when one is missing)."""
        return self.templates[variant].format(**values)

    def placeholders(self) -> dict[str, tuple[str, ...]]:
        """Named fields of each template, in order of first use."""
        return {variant: tuple(dict.fromkeys(name for _, name, _, _ in string.Formatter().parse(template)
                                             if name))
                for variant, template in self.templates.items()}
