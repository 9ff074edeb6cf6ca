"""Another relais: the six team workbooks rewritten for an invented relais of the Ternois, for end-to-end runs
on data the tool has never seen.

Every person (animatrices, responsable, assistants maternels, elected officials) gets an invented name, every
commune of the perimeter another real commune of the Pas-de-Calais (official name and INSEE code from
``rpe_xl/data/communes_62.csv``), and the relais, its collectivity, addresses and phone number another identity.
All replacements are bijections applied to every text of the six workbooks (tests/xlsx_edit.rewrite_texts), so
counts, equalities between cells and the team's own mistakes are kept: the verdict of the tool must be the same,
at the same cells.

    python tests/other_relais.py DOSSIER      # the six workbooks, rpe-xl.toml and classeurs.yaml into DOSSIER
"""

from __future__ import annotations

import csv
import re
import sys
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from python_calamine import CalamineWorkbook

sys.path.insert(0, str(Path(__file__).resolve().parent))
from other_relais_names import (COLLECTIVITY, COMMUNE_POOL, FEMALE, IDENTITY, MALE, SEAT,  # noqa: E402
                                SEAT_POSTCODE, SURNAMES)
from other_relais_labels import relabel_text, write_description  # noqa: E402
from xlsx_edit import rewrite_texts  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
WORKBOOKS = ROOT / "workbooks"
COMMUNES_CSV = ROOT / "rpe_xl" / "data" / "communes_62.csv"

NEW_PHONE = "0321035417"  # the relais' phone (budget forms); other phones get their digits permuted


def fold(text: str) -> str:
    """Lower case without accents: the key to sort and compare names."""
    text = text.replace("æ", "ae").replace("Æ", "AE").replace("œ", "oe").replace("Œ", "OE")
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)).lower()


def slug(text: str) -> str:
    """``Émilie`` -> ``emilie``, ``DA SILVA`` -> ``da-silva``: a name as e-mail addresses write it."""
    return re.sub(r"[\s']+", "-", fold(text))


def _rows(path: Path, sheet: str) -> list[list]:
    return CalamineWorkbook.from_path(str(path)).get_sheet_by_name(sheet).to_python(skip_empty_area=False)


def _records(path: Path, sheet: str, *headers: str) -> list[dict]:
    """Rows under the first row holding all ``headers`` (the table's header, found by its text)."""
    rows = _rows(path, sheet)
    top = next(i for i, r in enumerate(rows) if all(h in r for h in headers))
    cols = {h: rows[top].index(h) for h in rows[top] if isinstance(h, str) and h}
    return [{h: (r[c] if c < len(r) else "") for h, c in cols.items()} for r in rows[top + 1:]]


def _female_guess(first: str) -> bool:
    """Guess for elected officials, who have no civility in the workbooks (only the look of the documents
    depends on it)."""
    if first.startswith(("Jean-", "Pierre-")):
        return False
    if first.startswith("Marie-"):
        return True
    return first.endswith(("e", "a", "ée")) and not first.endswith(
        ("ppe", "rre", "ge", "me", "ve", "ice", "ique", "phe", "ôme", "ome"))


@dataclass
class Mapping:
    """The bijections from the team's relais to the other one."""

    surnames: dict[str, str] = field(default_factory=dict)
    first_names: dict[str, str] = field(default_factory=dict)
    communes: dict[str, str] = field(default_factory=dict)
    insee: dict[str, str] = field(default_factory=dict)
    people: set[tuple[str, str]] = field(default_factory=set)  # (surname, first name) of the team's relais
    team_first_names: set[str] = field(default_factory=set)
    identity: dict[str, str] = field(default_factory=dict)
    phones: dict[str, str] = field(default_factory=dict)  # digits of the relais' phone -> the other relais'
    _translate: object = field(default=None, repr=False)

    def translate(self, text: str) -> str:
        """``text`` with every name of the team's relais replaced by the other relais' one."""
        if self._translate is None:
            self._translate = _translator(self)
        return self._translate(text)


def _people(folder: Path) -> tuple[list[tuple[str, str, bool | None]], set[str]]:
    """(surname, first name, female or None when unknown) of everybody named in the workbooks; the team's
    first names."""
    out: list[tuple[str, str, bool | None]] = []
    for r in _records(folder / "RPE_assistants_maternels.xlsx", "Listing AM", "Nom", "Prénom", "Civilité"):
        if r["Nom"]:
            out.append((r["Nom"], r["Prénom"], {"Mme": True, "M.": False}.get(r["Civilité"])))
    team = set()
    for r in _records(folder / "RPE_equipe_planning.xlsx", "Équipe", "Nom", "Prénom", "Fonction"):
        if r["Nom"] and r["Prénom"]:
            team.add(r["Prénom"])
            out.append((r["Nom"], r["Prénom"], True if re.search(r"Animatrice|Responsable", r["Fonction"]) else None))
    for sheet in ("Membres", "Présences"):
        for r in _records(next(folder.glob("Bureau_*.xlsx")), sheet, "Nom", "Prénom"):
            if r["Nom"] and r["Prénom"]:
                out.append((r["Nom"], r["Prénom"], None))
    return out, team


def _communes(folder: Path) -> dict[str, str]:
    """Commune -> INSEE code, from the *Communes* sheet."""
    return {r["Commune"]: str(r["Code INSEE"]).strip()
            for r in _records(folder / "RPE_territoire.xlsx", "Communes", "Commune", "Code INSEE") if r["Commune"]}


def _clash_filter(old: set[str]):
    """A test telling whether a new name contains one of the ``old`` names as a word, or is one, or is a word of
    one (such a name could not be told apart from the team's)."""
    folded = [fold(o) for o in old]
    inside = re.compile(rf"(?<![\w-])(?:{_alternation(folded)})(?![\w-])")
    haystack = "\n".join(folded)
    return lambda new: bool(inside.search(fold(new)) or re.search(
        rf"(?<![\w-]){re.escape(fold(new))}(?![\w-])", haystack))


def _order_preserving(old: list[str], pool: list[str], what: str) -> dict[str, str]:
    """old[i] (sorted) -> the i-th of ``len(old)`` names taken evenly from the sorted ``pool``: sorted lists stay
    sorted."""
    old, pool = sorted(old, key=fold), sorted(dict.fromkeys(pool), key=fold)
    if len(pool) < len(old):
        raise ValueError(f"{what}: {len(old)} names to replace, only {len(pool)} new ones")
    step = len(pool) / len(old)
    return dict(zip(old, (pool[int(i * step)] for i in range(len(old)))))


def build_mapping(folder: Path = WORKBOOKS) -> Mapping:
    """The replacements for the workbooks of ``folder`` (names read from them)."""
    people, team = _people(folder)
    communes = _communes(folder)
    m = Mapping(people={(s, f) for s, f, _ in people}, team_first_names=team)
    old_surnames = {s for s, _, _ in people}
    old_first = {f for _, f, _ in people}
    clash = _clash_filter(old_surnames | old_first | set(communes))
    m.surnames = _order_preserving(list(old_surnames), [s for s in SURNAMES if not clash(s)], "surnames")
    female: dict[str, bool] = {}
    for _, f, fem in sorted(people, key=lambda p: p[2] is None):  # known civility first
        female.setdefault(f, fem if fem is not None else _female_guess(f))
    for is_female, pool in ((True, FEMALE), (False, MALE)):
        olds = [f for f, v in female.items() if v is is_female]
        m.first_names.update(_order_preserving(olds, [p for p in pool if not clash(p)], "first names"))

    official = {}
    for row in csv.DictReader(COMMUNES_CSV.read_text(encoding="utf-8").splitlines()):
        if row["type"] == "commune-actuelle":
            official[row["nom"]] = row["code_insee"]
    clash = _clash_filter(set(communes))
    pool = [c for c in COMMUNE_POOL if c in official and not clash(c)]
    home = _home(folder, communes)
    rest = [c for c in communes if c != home]
    before = [c for c in sorted(pool, key=fold) if fold(c) < fold(SEAT)]
    after = [c for c in sorted(pool, key=fold) if fold(c) > fold(SEAT)]
    n_before = sum(fold(c) < fold(home) for c in rest)
    chosen = before[:n_before] + after[:len(rest) - n_before]
    if len(chosen) < len(rest):
        raise ValueError(f"communes: {len(communes)} to replace, only {len(chosen) + 1} in the pool")
    m.communes = {home: SEAT, **_order_preserving(rest, chosen, "communes")}
    m.insee = {communes[c]: official[new] for c, new in m.communes.items()}
    identity = dict(IDENTITY)
    for old_postcode in re.findall(rf"(\d{{5}}) {re.escape(home)}", _all_text(folder)):
        identity[f"{old_postcode} {home}"] = f"{SEAT_POSTCODE} {SEAT}"
    m.identity = identity
    m.phones = {digits: NEW_PHONE for digits in _relais_phones(folder)}
    _check_bijective(m)
    return m


def _relais_phones(folder: Path) -> set[str]:
    """Digits of the phone numbers of the budget forms' headers (« Téléphone » rows)."""
    path = next(folder.glob("RPE_budget_*.xlsx"))
    found = set()
    for sheet in CalamineWorkbook.from_path(str(path)).sheet_names:
        for row in _rows(path, sheet):
            digits = re.sub(r"\D", "", str(row[1])) if len(row) > 1 else ""
            if re.fullmatch(r"Téléphone\s*:?", str(row[0]).strip()) and len(digits) == 10:
                found.add(digits)
    return found


def _check_bijective(m: Mapping) -> None:
    """Two people, two communes never get the same new name, and no text is replaced in two ways. (The identity
    replacements need not be one for one: the collectivity's seat and the relais' site are both in the seat.)"""
    whole: dict[str, str] = {}
    for part in (m.surnames, m.first_names, m.communes, m.insee, m.identity):
        if part is not m.identity and len(set(part.values())) != len(part):
            raise ValueError("two names of the team's relais would get the same new name")
        for old, new in part.items():
            if whole.setdefault(old, new) != new:
                raise ValueError(f"« {old} » would be replaced in two ways")


@lru_cache(maxsize=8)
def _all_text_cached(folder: str) -> str:
    parts = []
    for path in sorted(Path(folder).glob("*.xlsx")):
        wb = CalamineWorkbook.from_path(str(path))
        for name in wb.sheet_names:
            for row in wb.get_sheet_by_name(name).to_python():
                parts.extend(v for v in row if isinstance(v, str) and v)
    return "\n".join(parts)


def _all_text(folder: Path) -> str:
    return _all_text_cached(str(folder))


def _home(folder: Path, communes) -> str:
    """The commune of the relais' main site: the one its postal addresses name most often."""
    found = re.findall(rf"\d{{5}} ({_alternation(communes)})(?![\w-])", _all_text(folder))
    return max(set(found), key=found.count)


def _alternation(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def _translator(m: Mapping):
    whole = {**m.surnames, **m.first_names, **m.communes, **m.insee}
    surnames = _alternation(m.surnames)
    firsts = _alternation(m.first_names)
    full_name = re.compile(rf"(?<![\w'-])(?:({surnames})\s+({firsts})|({firsts})\s+({surnames}))(?![\w'-])")
    team = _alternation(n for n in m.first_names if n in m.team_first_names)
    planning = re.compile(rf"(Planning(?: type –)? )({team})(?![\w-])")
    slugs = {(slug(f), slug(s)): (slug(m.first_names[f]), slug(m.surnames[s])) for s, f in m.people}
    email = re.compile(r"(?<![\w.-])([a-z][a-z-]*)\.([a-z][a-z-]*)@")
    literals = {**m.identity, **m.communes}
    literal = re.compile(rf"(?<![\w-])(?:{_alternation(literals)})(?![\w-])")
    phone = re.compile(r"(?<!\d)0[1-9](?:[ .,]?\d){8}(?!\d)")

    def full(mt: re.Match) -> str:
        if mt.group(1):
            return f"{m.surnames[mt.group(1)]} {m.first_names[mt.group(2)]}"
        return f"{m.first_names[mt.group(3)]} {m.surnames[mt.group(4)]}"

    def mail(mt: re.Match) -> str:
        new = slugs.get((mt.group(1), mt.group(2)))
        return f"{new[0]}.{new[1]}@" if new else mt.group(0)

    def phone_number(mt: re.Match) -> str:
        text = mt.group(0)
        digits = re.sub(r"\D", "", text)
        new = m.phones.get(digits) or digits[:2] + "".join(str((3 * int(d) + 7) % 10) for d in digits[2:])
        it = iter(new)
        return re.sub(r"\d", lambda _d: next(it), text)

    @lru_cache(maxsize=None)
    def translate(text: str) -> str:
        if text in whole:
            return whole[text]
        out = email.sub(mail, text)
        out = full_name.sub(full, out)
        out = planning.sub(lambda mt: mt.group(1) + m.first_names[mt.group(2)], out)
        out = literal.sub(lambda mt: literals[mt.group(0)], out)
        return phone.sub(phone_number, out)

    return translate


def build_other_relais(folder: Path, source: Path = WORKBOOKS, relabel: bool = True) -> Path:
    """Write the other relais' six workbooks (same file names) and its ``rpe-xl.toml`` into ``folder``; with
    ``relabel``, worded as the other relais words its lists and rubrics, with its ``classeurs.yaml`` describing
    them (tests/other_relais_labels.py)."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    mapping = build_mapping(source)
    translate = (lambda text: relabel_text(mapping.translate(text))) if relabel else mapping.translate
    for src in sorted(source.glob("*.xlsx")):
        rewrite_texts(src, folder / src.name, translate)
    if relabel:
        write_description(folder / "classeurs.yaml")
    (folder / "rpe-xl.toml").write_text(f'[collectivite]\nnom = "{COLLECTIVITY}"\nsiret = ""\n', encoding="utf-8")
    return folder


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage : python tests/other_relais.py DOSSIER")
    print(build_other_relais(Path(sys.argv[1])))
