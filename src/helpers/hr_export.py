"""Stage 04's weights as Frappe HRMS appraisal templates, in CSV files for Frappe's Data Import
tool (issue 9, part 5).

One *KRA* record per indicator title and one *Appraisal Template* per position, titled
"unit · position", whose goals are the position's indicators with their final weights. The
file layout follows Frappe's own source, read for this module:

- ``frappe/hrms`` ``hrms/hr/doctype/kra/kra.json`` (2024-03-27): KRA is named by its ``title``
  (Data, label "Title", unique); ``description`` (Small Text, label "Description"). The DocType
  has no ``allow_import`` flag, so an administrator ticks it in Customize Form first.
- ``hrms/hr/doctype/appraisal_template/appraisal_template.json`` (2023-03-17): named by
  ``template_title`` (label "Appraisal Template Title", unique); child table ``goals`` (label
  "KRAs", DocType "Appraisal Template Goal"); optional ``rating_criteria`` (not exported).
- ``hrms/hr/doctype/appraisal_template_goal/appraisal_template_goal.json`` (2024-03-27):
  ``key_result_area`` (Link to KRA, label "KRA") and ``per_weightage`` (Percent, label
  "Weightage (%)"), both required.
- ``hrms/hr/doctype/appraisal_template/appraisal_template.py``: ``validate_total_weightage``
  refuses a template unless ``flt(sum(per_weightage), 2) == 100``.
- ``frappe/frappe`` ``frappe/core/doctype/data_import/exporter.py`` (``Exporter.add_header``)
  writes a parent column as "Label" and a child column as "Label (Table Label)";
  ``importer.py`` (``build_fields_dict_for_column_matching``) maps those headers (and field
  names) back to fields; ``ImportFile.parse_next_row_for_import`` reads the rows that follow a
  parent row with blank parent columns as more child rows of that parent;
  ``Column.validate_values`` blocks an import whose Link values do not exist yet, so the KRA
  file is imported first.
- ``frappe/utils/csvutils.py`` (``read_csv_content``) strips every cell and, in current
  versions, removes the leading quote of ``escape_formula_injection`` (the same
  ``= + - @ TAB CR`` rule as OWASP, "CSV Injection",
  https://owasp.org/www-community/attacks/CSV_Injection); ``frappe/core/doctype/file/file.py``
  decodes uploads as ``utf-8-sig`` first, older versions as plain ``utf-8`` (a BOM would then
  spoil the first header), so the files are UTF-8 without BOM.
- ``frappe/model/naming.py`` (``validate_name``): a name may not contain ``<`` or ``>``;
  ``frappe/database/database.py``: ``VARCHAR_LEN = 140`` for Data fields and names.

Quoting of commas, quotes and line breaks follows RFC 4180 §2.6–2.7 (Shafranovich 2005).
"""

from __future__ import annotations

import string
from pathlib import Path

import pandas as pd

from helpers import atomic, i18n
from helpers.errors import InputError, Problem
from helpers.kpi_pool.selection import SEPARATOR

KRA_COLUMNS = ["Title", "Description"]
TEMPLATE_COLUMNS = ["Appraisal Template Title", "KRA (KRAs)", "Weightage (%) (KRAs)"]
FILES = {"kra": "frappe_1_kra.csv", "appraisal_template": "frappe_2_appraisal_template.csv"}
TITLE_LENGTH = 140                                   # frappe/database/database.py VARCHAR_LEN
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")  # OWASP CSV Injection
NAME_FORBIDDEN = {"<": "＜", ">": "＞"}              # frappe/model/naming.py validate_name
SOURCE = "weighting"                                 # where a problem points: stage 04's result
NEEDED = ["unit", "position", "order", "key", "name_zh", "name_en", "weight"]


def frappe_tables(weighting_result, lang: str) -> dict[str, pd.DataFrame]:
    """The KRA records, the Appraisal Template rows (both exactly as written to CSV) and the
    positions left out because they have no policy-compliant weights (``skipped``)."""
    i18n.catalog(lang)                                # refuses a language without a catalog
    weights = weighting_result.weights
    weights = weights.reindex(columns=weights.columns.union(NEEDED, sort=False))
    missing = _positions_without_weights(weights)
    goals = _goals(weights[~missing], lang)
    _check(goals, lang)
    return {"kra": _kra_table(goals, lang), "appraisal_template": _template_table(goals),
            "skipped": _skipped(weights[missing], weighting_result.positions, lang)}


def write_frappe(weighting_result, folder: Path, lang: str) -> list[Path]:
    """Write the KRA and Appraisal Template CSV files into ``folder``, named in import order;
    returns their paths in that order."""
    tables = frappe_tables(weighting_result, lang)
    if tables["appraisal_template"].empty:
        skipped = tables["skipped"]
        raise InputError([Problem(SOURCE, "hr_export_no_positions",
                                  {"skipped": len(skipped)})], lang)
    return [_write_csv(tables[name], Path(folder) / file) for name, file in FILES.items()]


def escape_formula(values: pd.Series) -> pd.Series:
    """Client text stays text in a spreadsheet: a cell starting with ``= + - @``, a tab or a
    carriage return gets a leading single quote (OWASP, "CSV Injection")."""
    text = values.astype(str)
    return text.mask(text.str.startswith(FORMULA_TRIGGERS), "'" + text)


def _positions_without_weights(weights: pd.DataFrame) -> pd.Series:
    """Rows of positions where stage 04 found no compliant weights (NaN weight)."""
    if weights.empty:
        return pd.Series(False, index=weights.index)
    return weights["weight"].isna().groupby([weights["unit"], weights["position"]],
                                            sort=False).transform("any")


def _goals(rows: pd.DataFrame, lang: str) -> pd.DataFrame:
    """One row per goal: position, template title, KRA title, the other language's name and
    the weight, in the position's order; goals weighing 0 are left out."""
    rows = rows[rows["weight"] > 0]
    place = rows.groupby(["unit", "position"], sort=False).ngroup()
    rows = rows.assign(place=place).sort_values(["place", "order"], kind="stable")
    other = "name_zh" if lang == "en" else "name_en"
    name = rows[f"name_{lang}"].fillna(rows["name_zh"]).fillna(rows["key"])
    kra = _title(name)
    kra = kra.mask(kra.eq(""), _title(rows["key"]))
    return pd.DataFrame({
        "unit": rows["unit"], "position": rows["position"],
        "template": _title(rows["unit"].astype(str) + SEPARATOR + rows["position"].astype(str)),
        "kra": kra.groupby(kra.str.casefold()).transform("first"),
        "key": rows["key"].astype(str), "other": rows[other].fillna("").astype(str),
        "weight": rows["weight"].astype(float).round(2),
    }).reset_index(drop=True)


def _title(values: pd.Series) -> pd.Series:
    """A Frappe document name: one line, no ``<``/``>``, formula-safe, at most 140 characters
    (longer ones end with "…")."""
    text = values.astype(str).str.replace(r"\s+", " ", regex=True).str.strip()
    for forbidden, allowed in NAME_FORBIDDEN.items():
        text = text.str.replace(forbidden, allowed, regex=False)
    text = escape_formula(text)
    return text.mask(text.str.len() > TITLE_LENGTH, text.str[:TITLE_LENGTH - 1] + "…")


def _check(goals: pd.DataFrame, lang: str) -> None:
    """Refuse what Frappe would refuse: totals other than 100, one KRA twice in a template,
    two positions under one template title."""
    problems = _bad_totals(goals) + _repeated_kras(goals) + _shared_titles(goals)
    if problems:
        raise InputError(problems, lang)


def _bad_totals(goals: pd.DataFrame) -> list[Problem]:
    """Frappe HRMS ``validate_total_weightage``: ``flt(total, 2) == 100``."""
    sums = goals.groupby(["unit", "position"], sort=False).agg(
        template=("template", "first"), total=("weight", "sum"))
    bad = sums[sums["total"].round(2) != 100]
    return [Problem(SOURCE, "hr_export_weights_total", {"position": title, "total": f"{total:g}"})
            for title, total in zip(bad["template"], bad["total"].round(2), strict=True)]


def _repeated_kras(goals: pd.DataFrame) -> list[Problem]:
    twice = goals[goals.duplicated(["unit", "position", "kra"])]
    return [Problem(SOURCE, "hr_export_duplicate_kra", {"position": template, "kra": kra})
            for template, kra in twice[["template", "kra"]].drop_duplicates().itertuples(
                index=False)]


def _shared_titles(goals: pd.DataFrame) -> list[Problem]:
    places = goals.drop_duplicates(["unit", "position"])
    fold = places["template"].str.casefold()
    shared = places[fold.duplicated(keep=False)]
    return [Problem(SOURCE, "hr_export_duplicate_template", {"title": title})
            for title in shared["template"].drop_duplicates()]


def _kra_table(goals: pd.DataFrame, lang: str) -> pd.DataFrame:
    kras = goals.drop_duplicates("kra")
    named = kras["other"].str.strip().ne("") & kras["other"].ne(kras["kra"])
    with_name = _sentence("hr_export.kra_description", lang, kras)
    key_only = _sentence("hr_export.kra_description_key", lang, kras)
    description = escape_formula(with_name.where(named, key_only))
    return pd.DataFrame({KRA_COLUMNS[0]: kras["kra"].to_numpy(),
                         KRA_COLUMNS[1]: description.to_numpy()})


def _template_table(goals: pd.DataFrame) -> pd.DataFrame:
    """Parent title on a template's first goal only: Frappe reads the following rows, whose
    parent column is blank, as more goals of that template."""
    first = ~goals.duplicated(["unit", "position"])
    return pd.DataFrame({TEMPLATE_COLUMNS[0]: goals["template"].where(first, "").to_numpy(),
                         TEMPLATE_COLUMNS[1]: goals["kra"].to_numpy(),
                         TEMPLATE_COLUMNS[2]: goals["weight"].to_numpy()})


def _skipped(rows: pd.DataFrame, positions: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Positions left out, with the weighting chapter's reason when it gave one."""
    places = rows.drop_duplicates(["unit", "position"])[["unit", "position"]]
    reason = pd.Series(i18n.t("hr_export.skipped_reason", lang), index=places.index)
    conflict = f"conflict_{lang}"
    if not positions.empty and conflict in positions.columns:
        known = places.merge(positions[["unit", "position", conflict]], how="left",
                             on=["unit", "position"]).set_index(places.index)[conflict]
        given = known.fillna("").astype(str).str.strip()
        reason = given.where(given.ne(""), reason)
    return places.assign(reason=reason).reset_index(drop=True)


def _sentence(key: str, lang: str, columns: pd.DataFrame) -> pd.Series:
    """The catalog sentence ``key`` filled from ``columns``, all rows at once."""
    text = pd.Series("", index=columns.index)
    for literal, field, _, _ in string.Formatter().parse(i18n.t(key, lang)):
        text = text + literal
        if field:
            text = text + columns[field].astype(str)
    return text


def _write_csv(table: pd.DataFrame, target: Path) -> Path:
    """RFC 4180 CSV in UTF-8 (no BOM), written atomically (:mod:`helpers.atomic`)."""
    content = table.to_csv(index=False, lineterminator="\r\n", float_format="%g")

    def write(path: str) -> None:
        with open(path, "w", encoding="utf-8", newline="") as stream:
            stream.write(content)

    return atomic.write_atomically(target, write)


__all__ = ["FILES", "KRA_COLUMNS", "TEMPLATE_COLUMNS", "escape_formula", "frappe_tables",
           "write_frappe"]
