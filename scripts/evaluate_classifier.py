"""Accuracy of the indicator classifier on the held-out labelled set
(tests/data/classification_eval.yaml); prints Markdown for docs/diagnosis.md.

Usage: .venv/bin/python scripts/evaluate_classifier.py
"""

import re

import pandas as pd
import yaml

from helpers import paths, policy
from helpers.diagnosis.classify import evaluate

EVAL = paths.REPO_ROOT / "tests" / "data" / "classification_eval.yaml"


def main() -> None:
    labelled = pd.DataFrame(yaml.safe_load(EVAL.read_text(encoding="utf-8")))
    review_below = policy.load("default")["orientation"]["review_below_confidence"]
    zh = labelled["name"].map(lambda n: bool(re.search(r"[\u4e00-\u9fff]", n)))
    print("| set | names | 5-class | outward/inward | unknown | to review |")
    print("|---|---|---|---|---|---|")
    for label, subset in (("all", labelled), ("Chinese", labelled[zh]),
                          ("English", labelled[~zh])):
        result = evaluate(subset.reset_index(drop=True), review_below)
        print(f"| {label} | {result['n']} | {result['five_class']:.1%} | "
              f"{result['outward_inward']:.1%} | {result['unknown_share']:.1%} | "
              f"{result['review_share']:.1%} |")
    result = evaluate(labelled, review_below)
    print("\nRecall per class: " + ", ".join(f"{k} {v:.0%}" for k, v in result["recall"].items()))
    print("\nConfusion (rows labelled, columns predicted):\n")
    print("```\n" + result["confusion"].to_string() + "\n```")
    predicted = result["predicted"]
    wrong = predicted[predicted["orientation"] != predicted["labelled"]]
    print(f"\nMisclassified ({len(wrong)}):")
    for _, row in wrong.iterrows():
        print(f"- {row['name']}: labelled {row['labelled']}, predicted {row['orientation']} "
              f"({row['matched_by']}{':' + row['rule'] if isinstance(row['rule'], str) else ''})")


if __name__ == "__main__":
    main()
