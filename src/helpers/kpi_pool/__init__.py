"""Stage 03 — the KPI pool (METHOD §4–5, seed 001 步骤5, seed 002 §一.3, seed 004).

The candidate frame — the contract between this package's modules — has one row per
(position, candidate indicator):

``unit``, ``position``     the client's department and position the candidate is for
``key``                    stable id of the candidate on that position: the library id, or
                           ``current:<name>`` / ``custom:<name>`` for indicators without a card
``library_id``             library card id or None
``name_zh``, ``name_en``   names (client wording for current indicators without a card)
``origin``                 list of where it came from: library_department, library_industry,
                           journey, value_proposition, uncovered_moment, current, custom
``current_weight``         weight on the current scorecard (None when not current)
``orientation``, ``kind``, ``qqtc``, ``horizon``, ``polarity``, ``unit_of_measure``,
``period``, ``data_availability``, ``formula``, ``data_source``, ``definition``,
``departments`` (list of vocabulary codes), ``journey_stages`` (list)
                           card fields (from the library card, else from the client's row and
                           the classifier's defaults)
``file``, ``row``          for current indicators: where the client's row sits
"""


from helpers.kpi_pool.stage import KpiPoolResult, run

__all__ = ["KpiPoolResult", "run"]
