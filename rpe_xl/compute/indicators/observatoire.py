"""Labels of the *Observatoire* table (the figures of the CAF bilan's « observation » section repeated in the
territory workbook) and the indicator each one repeats.

A label is recognised exactly (one of :data:`LABELS`, a year written in it aside), approximately (the
patterns of :data:`PATTERNS`, which tolerate rewordings, or a near miss of an external label), or not at all.

>>> match_label("Nombre d'assistants maternels en activité (B)").ident
'am.actifs'
>>> typo = match_label("Assistants maternels agréés du territoir")
>>> typo.status, typo.closest
('unknown', 'Assistants maternels agréés du territoire')
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ...text import norm

# Label -> indicator ID: every regular expression must be found in the normalised label (first match wins).
PATTERNS = (
    (("eaje", "places"), "eaje.places"),
    (("agrees du territoire",), "am.agrees"),
    (("places theoriques",), "am.places_agreees"),
    (("places des assistants maternels actifs hors mam",), "am.places_actifs_hors_mam"),
    (("^places dans les mam",), "mam.places"),
    (("nombre de maisons",), "mam.nombre"),
    (("agrees par la pmi",), "am.agrees"),
    (("en activite \\(b\\)",), "am.actifs"),
    (("taux d'activite",), "am.taux_activite"),
    (("\\(b/a\\)", "accompagnement"), "am.sous_activite_taux"),
    (("sous-activite", "\\(a\\)"), "am.sous_activite_signalee"),
    (("accompagnement du relais", "\\(b\\)"), "am.sous_activite_accompagnee"),
    (("periscolaire",), "am.periscolaire"),
    (("horaires atypiques",), "am.horaires_atypiques"),
    (("urgence",), "am.urgence"),
    (("handicap",), "am.handicap"),
    (("\\(c/d\\)",), "am.taux_mise_en_ligne"),
    (("\\(c\\)",), "am.monenfant_dispos"),
    (("\\(d\\)",), "am.monenfant_inscrits"),
    (("independants", "place"), "am.avec_place_septembre"),
    (("en mam", "place"), "am.mam_avec_place_septembre"),
    (("demandes d'accueil en ligne",), "demandes_en_ligne.total"),
)

# The rows of the CAF bilan form (RPE, dossier 2025: « Les données relatives à l'observation de l'offre
# d'accueil », « L'offre d'accueil par des assistants maternels », « Nombre d'assistants maternels acceptant »,
# monenfant.fr, sous-activité), as the Observatoire sheet words them. Figures from outside the workbooks
# (IMAJE, Direccte…) are recognised but not recomputed.
LABELS = (
    "Nombre d'enfants de moins de 3 ans",
    "Nombre d'enfants de 3 à 6 ans",
    "Nombre d'enfants de moins de 3 ans dont le ou les parents sont en activité",
    "Nombre d'enfants accueillis en Eaje (psu caf)",
    "Nombre d'enfants gardés par un assistant maternel",
    "Nombre d'enfants bénéficiaires du Cmg emploi direct garde d'enfants à domicile",
    "Nombre d'enfants bénéficiaires du Cmg structures",
    "Eaje – nombre de places",
    "Assistants maternels agréés du territoire",
    "Assistants maternels agréés – nombre de places théoriques",
    "Nombre d'assistants maternels actifs au moins un mois dans l'année",
    "Places des assistants maternels actifs hors MAM",
    "Places dans les MAM",
    "Nombre de maisons d'assistants maternels (Mam)",
    "Nombre d'associations ou entreprises de services à la personne (petite enfance)",
    "Nombre d'assistants maternels agréés par la Pmi (A)",
    "Nombre d'assistants maternels en activité (B)",
    "Taux d'activité (B/A)",
    "Nombre d'assistants maternels acceptant d'accueillir en périscolaire",
    "Nombre d'assistants maternels acceptant de travailler en horaires atypiques",
    "Nombre d'assistants maternels acceptant d'accueillir en urgence",
    "Nombre d'assistants maternels acceptant d'accueillir un enfant en situation de handicap",
    "Nombre d'assistants maternels acceptant : L'accueil en horaires atypiques (avant 07h00, après 20h00, le week-end)",
    "Nombre d'assistants maternels acceptant : L'accueil en urgence",
    "Nombre d'assistants maternels acceptant : L'accueil d'enfants en situation de handicap",
    "Nombre d'assistants maternels acceptant : L'accueil en périscolaire",
    "Nombre d'assistants maternels ayant signalé leur sous-activité au Relais (A)",
    "Nombre d'assistants maternels ayant bénéficié de l'accompagnement du Relais (B)",
    "Nombre d'assistants maternels ayant bénéficié de l'accompagnement du Relais : (B/A) x 100",
    "Nombre d'assistants maternels faisant figurer leurs disponibilités sur mon-enfant.fr (C)",
    "Nombre total d'assistants maternels inscrits sur le site (D)",
    "Taux de mise en ligne des disponibilités : (C/D) x 100",
    "Assistants maternels « indépendants » ayant au moins 1 place disponible pour septembre 2025",
    "Assistants maternels en MAM ayant au moins 1 place disponible pour septembre 2025",
    "Nombre de demandes d'accueil en ligne traitées par le Relais",
)
NEAR = 0.85     # a label this close to an external one is that one (nothing is computed from it anyway)
SUGGEST = 0.7   # below this, no label is suggested


@dataclass(frozen=True)
class LabelMatch:
    """``status``: ``exact``, ``approx`` (recognised, not in the form's words) or ``unknown``; ``ident``: the
    indicator repeated (None: external figure or unknown label); ``closest``: the form's label nearest."""

    status: str
    ident: str | None
    closest: str | None


def _key(label: Any) -> str:
    """Normalised label, a year written in it aside: the form's wording changes year to year only there."""
    return re.sub(r"\b(?:19|20)\d\d\b", "aaaa", norm(label)).strip(" :;.")


def pattern_id(label: Any) -> str | None:
    """Indicator ID by :data:`PATTERNS`, None for an external figure or an unknown label."""
    text = norm(label)
    for patterns, ident in PATTERNS:
        if all(re.search(p, text) for p in patterns):
            return ident
    return None


_KNOWN = {_key(label): label for label in LABELS}


@lru_cache(maxsize=256)
def match_label(label: str) -> LabelMatch:
    """How an *Observatoire* label is recognised (see the module's docstring)."""
    key, ident = _key(label), pattern_id(label)
    if key in _KNOWN:
        return LabelMatch("exact", ident, _KNOWN[key])
    candidates = [k for k in _KNOWN if pattern_id(_KNOWN[k]) == ident] if ident else list(_KNOWN)
    ratio, best = max((difflib.SequenceMatcher(None, key, k).ratio(), k) for k in candidates or _KNOWN)
    if ident:  # recognised by its keywords: the form's label of that indicator nearest to it
        return LabelMatch("approx", ident, _KNOWN[best])
    closest = _KNOWN[best] if ratio >= SUGGEST else None
    if ratio >= NEAR and pattern_id(_KNOWN[best]) is None:
        return LabelMatch("approx", None, closest)
    return LabelMatch("unknown", None, closest)
