"""Stage 02 — the customer value chain (METHOD §3, seed 000 §三.2, seed 001 步骤2–3).

The journey frame — the contract between this package's modules — has one row per touchpoint:

``touchpoint_id``  str, client rows ``"row-<n>"``, template touchpoints their template id
``stage``          the stage as the client wrote it (template: stage name in the engagement
                   language); ``stage_code`` the journey-stage vocabulary code when known
``touchpoint``     name as written (template: name in the engagement language);
                   ``touchpoint_en`` English name (template) or the name as written
``customer_cares`` what the customer cares about (text, may be empty)
``importance``, ``performance``  ratings 1–5 (performance NaN for a template journey)
``R``, ``A``, ``C``, ``I``  lists of department names as the client knows its units
``indicators``     list of indicator names (client) or library ids (template) linked explicitly
``source``         "client" or "template"; ``file`` and ``row``: where a client row sits
"""

from helpers.value_chain.stage import ValueChainResult, run

__all__ = ["ValueChainResult", "run"]
