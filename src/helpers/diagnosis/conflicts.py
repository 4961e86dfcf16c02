"""Conflicting indicator pairs on the current scorecards (METHOD §2.5; seed 000 §二.5, seed 001).

The pairs are the templates' conflicts table (``templates/method/conflicts.yaml`` through
:func:`helpers.method_templates.conflicts`): side ``a`` holds the indicators that push one way
(cost, speed, volume, shipments), side ``b`` those that pull back (quality, service level,
margin, collection, retention), ``shared`` the indicators both sides can own together. A row of
the scorecard belongs to a side through its ``library_id``.

Two scopes are flagged (METHOD §2.5: "pairs present across departments, and pairs inside one
position without a balancing indicator"):

- ``across_units``: a scored side-a indicator sits in one unit and a side-b indicator in
  another, so the two departments are measured against each other. Only the rows that have a
  counterpart in a different unit are listed.
- ``within_position``: a position scores side-a indicators and carries neither a side-b nor a
  shared indicator, so nothing on its own card balances the pressure. All such positions of
  one conflict form one row. Every balance text of
  the table pairs side a with side b (or a shared indicator) on the same card, so a position
  carrying both sides is balanced; a position with side b only is what a customer-oriented
  redesign aims for and is not flagged.

Side-a indicators with weight 0 are observed, not scored (the templates' own remedy: "observe
… without scoring it"), so they exert no pressure and are left out; side-b and shared
indicators count at any weight, since a veto item (weight 0) balances too.
"""

from __future__ import annotations

import pandas as pd

from helpers import i18n, method_templates
from helpers.diagnosis.checks import format_rows

SCOPES = ("across_units", "within_position")
COLUMNS = ["conflict", "scope", "units", "positions", "indicators_a", "indicators_b",
           "rows_a", "rows_b", "file", "explanation_zh", "explanation_en", "balance_zh",
           "balance_en"]
TEMPLATE_TEXTS = ("explanation_zh", "explanation_en", "balance_zh", "balance_en")


def detect_conflicts(scorecard: pd.DataFrame, policy: dict, file: str = "") -> pd.DataFrame:
    """Known conflicting pairs found on the classified scorecard (columns: ``COLUMNS``), at
    most one row per conflict and scope, in the templates' order, across-unit first.

    ``file`` is the display name of the current scorecards
    (``engagement.sources["current_kpis"]``). ``policy`` is taken for a uniform stage
    interface; no conflict threshold is configurable yet.
    """
    found = []
    for conflict in method_templates.conflicts().to_dict("records"):
        a = _side(scorecard, conflict["a"])
        a = a[a["weight"] > 0]
        b = _side(scorecard, conflict["b"])
        shared = _side(scorecard, _ids(conflict.get("shared")))
        found += _across_units(conflict, a, b)
        found += _within_position(conflict, a, b, shared)
    frame = pd.DataFrame(found, columns=[c for c in COLUMNS if c != "file"])
    frame.insert(COLUMNS.index("file"), "file", file)
    return frame


def _across_units(conflict: dict, a: pd.DataFrame, b: pd.DataFrame) -> list[dict]:
    """Side a in one unit, side b in another (METHOD §2.5 "across departments")."""
    a_units, b_units = set(a["unit"]), set(b["unit"])
    a_rows = a[a["unit"].map(lambda unit: bool(b_units - {unit}))]
    b_rows = b[b["unit"].map(lambda unit: bool(a_units - {unit}))]
    if a_rows.empty:
        return []
    return [_conflict_row(conflict, "across_units", a_rows, b_rows)]


def _within_position(conflict: dict, a: pd.DataFrame, b: pd.DataFrame,
                     shared: pd.DataFrame) -> list[dict]:
    """Positions scoring side a with no side-b or shared indicator on the same card, all in
    one row per conflict."""
    balanced = set(zip(b["unit"], b["position"], strict=True)) | set(
        zip(shared["unit"], shared["position"], strict=True))
    unbalanced = a[[key not in balanced
                    for key in zip(a["unit"], a["position"], strict=True)]]
    if unbalanced.empty:
        return []
    return [_conflict_row(conflict, "within_position", unbalanced, b.iloc[:0])]


def _conflict_row(conflict: dict, scope: str, a_rows: pd.DataFrame,
                  b_rows: pd.DataFrame) -> dict:
    both = pd.concat([a_rows, b_rows]).sort_index()
    return {
        "conflict": conflict["id"], "scope": scope,
        "units": _distinct(both["unit"]), "positions": _distinct(both["position"]),
        "indicators_a": _distinct(a_rows["indicator"]),
        "indicators_b": _distinct(b_rows["indicator"]),
        "rows_a": sorted(int(r) for r in a_rows.index),
        "rows_b": sorted(int(r) for r in b_rows.index),
        **{text: conflict[text] for text in TEMPLATE_TEXTS},
    }


def _side(scorecard: pd.DataFrame, ids: list[str]) -> pd.DataFrame:
    """Rows of the scorecard matched to one of the library ids."""
    return scorecard[scorecard["library_id"].isin(ids)]


def _ids(value) -> list[str]:
    """A side of the table as a list (an optional side may be missing)."""
    return list(value) if isinstance(value, list) else []


def _distinct(values: pd.Series) -> list[str]:
    return list(dict.fromkeys(str(v) for v in values))


# --- presentation -------------------------------------------------------------------------


def conflicts_table(conflicts: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The conflicts with labels in the report language: which indicators pull against which,
    where, and how to balance them."""
    def col(name):
        return i18n.t(f"checks.conflict.col.{name}", lang)
    separator = i18n.t("checks.separator", lang)
    return pd.DataFrame({
        col("pair"): [i18n.t("checks.conflict.pair", lang, a=separator.join(a),
                             b=separator.join(b) or i18n.t("checks.conflict.missing_b", lang))
                      for a, b in zip(conflicts["indicators_a"], conflicts["indicators_b"],
                                      strict=True)],
        col("scope"): [i18n.t(f"checks.conflict.scope.{s}", lang) for s in conflicts["scope"]],
        col("units"): [separator.join(u) for u in conflicts["units"]],
        col("positions"): [separator.join(p) for p in conflicts["positions"]],
        col("rows"): [format_rows([*a, *b], lang) for a, b in zip(
            conflicts["rows_a"], conflicts["rows_b"], strict=True)],
        col("explanation"): conflicts[f"explanation_{lang}"].to_list(),
        col("balance"): conflicts[f"balance_{lang}"].to_list(),
    })

