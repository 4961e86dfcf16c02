"""Stage artifacts as files a consultant can open: one CSV per table (UTF-8 with BOM so Excel
shows Chinese), list and mapping cells JSON-encoded, plus ``tables.json`` recording which
columns hold JSON and which column is the index, so ``load_frames`` restores the frames."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pandas as pd

MANIFEST = "tables.json"


def save_frames(folder: Path, frames: dict[str, pd.DataFrame]) -> None:
    """Write each frame to ``<folder>/<name>.csv`` and the layout to ``tables.json``."""
    folder.mkdir(parents=True, exist_ok=True)
    layout = {}
    for name, frame in frames.items():
        index = frame.index.name
        table = frame.reset_index() if index else frame.reset_index(drop=True)
        encoded = [c for c in table.columns
                   if table[c].map(lambda v: isinstance(v, (list, dict, tuple))).any()]
        for column in encoded:
            table[column] = table[column].map(lambda v: json.dumps(v, ensure_ascii=False))
        table.to_csv(folder / f"{name}.csv", index=False, encoding="utf-8-sig")
        layout[name] = {"index": index, "json": encoded}
    (folder / MANIFEST).write_text(json.dumps(layout, ensure_ascii=False, indent=1),
                                   encoding="utf-8")


def load_frames(folder: Path) -> dict[str, pd.DataFrame]:
    """The frames written by :func:`save_frames`."""
    layout = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    frames = {}
    for name, spec in layout.items():
        try:
            table = pd.read_csv(folder / f"{name}.csv", encoding="utf-8-sig",
                                keep_default_na=False, na_values=[""])
        except pd.errors.EmptyDataError:          # a frame without columns was saved
            table = pd.DataFrame()
        for column in spec["json"]:
            table[column] = table[column].map(lambda v: json.loads(v) if isinstance(v, str)
                                              else v)
        frames[name] = table.set_index(spec["index"]) if spec["index"] else table
    return frames


VALUES = "values.json"


class SavedResult:
    """Mixin for a stage's result dataclass: DataFrame fields are saved with
    :func:`save_frames`, nested results (objects with ``save``) in a sub-folder named after
    the field, every other field (numbers, text, dicts) in ``values.json``. ``load`` restores
    them; a nested result is restored with the class given in ``NESTED``."""

    NESTED: dict = {}

    def save(self, folder: Path) -> None:
        frames, values = {}, {}
        for item in dataclasses.fields(self):
            value = getattr(self, item.name)
            if isinstance(value, pd.DataFrame):
                frames[item.name] = value
            elif hasattr(value, "save"):
                value.save(folder / item.name)
            else:
                values[item.name] = value
        save_frames(folder, frames)
        (folder / VALUES).write_text(json.dumps(values, ensure_ascii=False, indent=2),
                                     encoding="utf-8")

    @classmethod
    def load_saved(cls, folder: Path | None):
        """The result saved in ``folder``, or None when it has not been saved there."""
        if folder is None or not (Path(folder) / VALUES).is_file():
            return None
        return cls.load(Path(folder))

    @classmethod
    def load(cls, folder: Path):
        values = json.loads((folder / VALUES).read_text(encoding="utf-8"))
        nested = {name: kind.load(folder / name) for name, kind in cls.NESTED.items()
                  if (folder / name).is_dir()}
        return cls(**load_frames(folder), **values, **nested)
