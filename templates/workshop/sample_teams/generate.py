"""Generate the SYNTHETIC workshop teams compared by notebooks/workshop/06_team_comparison.ipynb.

SYNTHETIC DATA. The four teams and every decision they "saved" are made up from the sample
engagement 星云软件 (data_samples/xingyun_saas, itself fictional) to demonstrate the team
comparison; none of it is the work of real participants.

Run from any directory with the kit installed::

    python templates/workshop/sample_teams/generate.py

It rewrites ``team_*/decisions/*`` and ``README.md`` identically on every run
(``numpy.random.default_rng(SEED)``):

- classifications start from the kit's classifier (:func:`helpers.diagnosis.classify`) on the
  current indicators exercise 1 shows (客户服务中心, 销售部 · 区域销售经理); each team flips a
  seeded part of :data:`DEBATABLE` (indicators whose orientation is open to argument, or a
  common mistake such as average handle time taken for customer value) to the alternative;
- selections start from the KPI pool's proposal (:func:`helpers.kpi_pool.run`) for
  :data:`POSITIONS`; teams swap core and observation indicators;
- weights start from seeded priorities shared by the teams: AHP judgements are the nearest
  Saaty value of the priorities with team noise (team_2 reverses its strongest judgement,
  which breaks consistency); team_3 gives them as direct weights on the 5 % grid.

Which team saved what (a team may save only some files): team_1 and team_2 all three files,
team_3 a selection and weights, team_4 only a classification.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

sys.dont_write_bytecode = True  # no __pycache__ in data_samples/

from helpers import decisions, engagement, kpi_pool, policy  # noqa: E402
from helpers.diagnosis import classify  # noqa: E402
from helpers.kpi_pool.selection import position_label  # noqa: E402
from helpers.weighting import pairwise  # noqa: E402
from helpers.workshop import answers  # noqa: E402

HERE = Path(__file__).resolve().parent
SAMPLE = HERE.parents[2] / "data_samples" / "xingyun_saas"
SEED = 20261210
HEADER = ("# SYNTHETIC WORKSHOP DATA — 合成示例:虚构小组的答案,由 generate.py 生成,"
          "不代表真实学员。\n")
NOTE = "合成示例 synthetic"
#: Exercise 1's default scorecards: a whole unit, or one position of a unit.
SCORECARDS = (("客户服务中心", None), ("销售部", "区域销售经理"))
POSITIONS = (("销售部", "大客户销售经理"), ("客户成功部", "客户成功经理"))
#: Indicators whose orientation is open to argument, and the alternative a team may choose.
DEBATABLE = {"平均通话时长": "customer", "工单处理量": "customer", "客户拜访完成率": "customer",
             "接通率": "internal", "投诉处理及时率": "internal", "商机转化率": "internal",
             "质检合格率": "customer", "人员流失率": "risk", "知识库文章数": "internal",
             "平均解决时长": "internal"}
#: How many of the debatable indicators each classifying team flips.
FLIPS = {"team_1": 2, "team_2": 5, "team_4": 4}
SAVES = {"team_1": ("classification", "selection", "weights"),
         "team_2": ("classification", "selection", "weights"),
         "team_3": ("selection", "weights"), "team_4": ("classification",)}


def base_classification(sample) -> dict[str, str]:
    """The classifier's orientation of the current indicators of :data:`SCORECARDS`."""
    kpis = sample.tables["current_kpis"]
    wanted = np.zeros(len(kpis), dtype=bool)
    for unit, position in SCORECARDS:
        wanted |= (kpis["unit"] == unit).to_numpy() & (
            (kpis["position"] == position).to_numpy() if position else True)
    names = list(dict.fromkeys(kpis.loc[wanted, "indicator"]))
    found = classify(names)
    return dict(zip(found["name"], found["orientation"].replace("unknown", "internal"),
                    strict=True))


def team_classification(base: dict[str, str], flips: int, rng) -> dict[str, str]:
    chosen = rng.choice(sorted(DEBATABLE), size=flips, replace=False)
    return {name: DEBATABLE[name] if name in chosen else code for name, code in base.items()}


def proposal(sample, rules: dict) -> dict[str, dict[str, list[str]]]:
    """The KPI pool's core and observation keys of :data:`POSITIONS`."""
    chosen = kpi_pool.run(sample, rules, "zh").selection
    lists = {}
    for unit, position in POSITIONS:
        rows = chosen[(chosen["unit"] == unit) & (chosen["position"] == position)]
        lists[position_label(unit, position)] = {
            role: rows.loc[rows["role"] == role, "key"].tolist() for role in ("core", "observe")}
    return lists


def team_selection(base: dict, swaps: int, rng) -> dict[str, dict[str, list[str]]]:
    """The proposal with ``swaps`` seeded core ↔ observation exchanges per position."""
    varied = {}
    for label, lists in base.items():
        core, observe = list(lists["core"]), list(lists["observe"])
        for _ in range(min(swaps, len(observe))):
            out = core.pop(int(rng.integers(len(core))))
            into = observe.pop(int(rng.integers(len(observe))))
            core.append(into)
            observe.append(out)
        varied[label] = {"core": core, "observe": observe}
    return varied


def nearest_saaty(ratio: float) -> str:
    scale = pairwise.saaty_scale()
    return pairwise.format_judgement(float(scale[np.argmin(np.abs(np.log(scale / ratio)))]))


def base_priorities(proposed: dict, rng) -> dict[str, dict[str, float]]:
    """Seeded priorities per position over its core and observation keys, shared by all
    teams, so the teams' weights agree in part."""
    return {label: dict(zip(keys, rng.dirichlet(np.full(len(keys), 4.0)), strict=True))
            for label, lists in proposed.items()
            for keys in [lists["core"] + lists["observe"]]}


def ahp_choice(priorities: dict[str, float], keys: list[str], rng,
               reverse_one: bool = False) -> dict:
    """Judgements from the priorities with seeded noise; ``reverse_one`` inverts the
    strongest judgement, which breaks consistency."""
    noisy = [priorities[k] * float(np.exp(rng.normal(0.0, 0.3))) for k in keys]
    judgements = {f"{a} | {b}": nearest_saaty(noisy[i] / noisy[j])
                  for i, a in enumerate(keys) for j, b in enumerate(keys) if i < j}
    if reverse_one:
        pair = max(judgements, key=lambda p: abs(np.log(pairwise.parse_judgement(
            judgements[p]))))
        judgements[pair] = pairwise.format_judgement(1 / pairwise.parse_judgement(
            judgements[pair]))
    return {"method": "ahp", "judgements": judgements}


def direct_choice(priorities: dict[str, float], keys: list[str]) -> dict:
    """The priorities in percent on the 5 % grid (at least 5 each), summing to 100."""
    shares = np.array([priorities[k] for k in keys])
    points = np.maximum(5, 5 * np.round(20 * shares / shares.sum())).astype(int)
    points[int(np.argmax(points))] += 100 - int(points.sum())
    return {"method": "direct", "weights": dict(zip(keys, points.tolist(), strict=True))}


def team_weights(team: str, selection: dict, priorities: dict, rng) -> dict:
    if team == "team_3":
        return {label: direct_choice(priorities[label], lists["core"])
                for label, lists in selection.items()}
    labels = list(selection)
    return {label: ahp_choice(priorities[label], selection[label]["core"], rng,
                              reverse_one=team == "team_2" and label == labels[0])
            for label in labels}


def with_header(path: Path) -> None:
    path.write_text(HEADER + path.read_text(encoding="utf-8"), encoding="utf-8")


def main() -> None:
    rng = np.random.default_rng(SEED)
    sample = engagement.load(SAMPLE)
    rules = policy.for_engagement(sample.profile)
    base, proposed = base_classification(sample), proposal(sample, rules)
    priorities = base_priorities(proposed, rng)
    swaps = {"team_1": 0, "team_2": 1, "team_3": 2}
    for team, parts in SAVES.items():
        folder = answers.team_folder(HERE, team)
        if "classification" in parts:
            decided = team_classification(base, FLIPS[team], rng)
            decisions.write_classification(folder, decided, {name: NOTE for name in decided})
        if "selection" in parts:
            chosen = team_selection(proposed, swaps[team], rng)
            with_header(answers.save_selection(HERE, team, chosen))
            weights = team_weights(team, chosen, priorities, rng)
            with_header(answers.save_weights(HERE, team, weights))
    (HERE / "README.md").write_text(README, encoding="utf-8")


README = """# 工作坊各组答案 — 合成示例 (SYNTHETIC)

> **合成数据。** 这里的四个小组及其“保存”的答案全部由 `generate.py` 根据虚构的示例公司
> 星云软件(`data_samples/xingyun_saas`)随机生成,仅用于演示工作坊的各组比较
> (`notebooks/workshop/06_team_comparison.ipynb`),不代表任何真实学员的作业。
>
> **Synthetic data.** The four teams and their saved answers are generated by `generate.py`
> from the fictional sample company Xingyun Software to demonstrate the team comparison; they
> are not the work of real participants.

## 重新生成 / Regenerate

```
python templates/workshop/sample_teams/generate.py
```

随机种子 `20261210`,每次生成的文件完全相同。请修改脚本,而不是直接改文件。

## 各组保存了什么 / What each team saved

| 小组 team | classification.csv | selection.yaml | weights.yaml |
|---|---|---|---|
| team_1 | ✓ | ✓ | ✓ (AHP, consistent) |
| team_2 | ✓ | ✓ | ✓ (AHP, one reversed judgement → CR above 0.10) |
| team_3 | – | ✓ | ✓ (direct weights) |
| team_4 | ✓ | – | – |

- 分类:练习1展示的现行指标(客户服务中心、销售部 · 区域销售经理);从工具的自动分类出发,
  各组把若干“有争议”或常被误判的指标改为另一种导向(如平均通话时长:内部流程还是客户价值?)。
- 筛选:大客户销售经理与客户成功经理两个岗位;从指标池建议出发,各组交换若干核心与观察指标。
- 权重:AHP 两两比较判断(team_2 有一个判断方向相反,一致性不达标)或直接赋权。
- 每个文件的表头或备注列都标明“合成示例 synthetic”。
"""


if __name__ == "__main__":
    main()
