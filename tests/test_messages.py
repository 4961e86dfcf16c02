"""The zh and en message catalogs must define the same keys with the same placeholders."""

import string

import pytest

from helpers import i18n


def placeholders(text: str) -> set[str]:
    return {field for _, field, _, _ in string.Formatter().parse(text) if field}


def test_catalogs_define_the_same_keys():
    zh, en = i18n.catalog("zh"), i18n.catalog("en")
    assert set(zh) == set(en), set(zh) ^ set(en)


@pytest.mark.parametrize("key", sorted(i18n.catalog("zh")))
def test_placeholders_match(key):
    assert placeholders(str(i18n.catalog("zh")[key])) == placeholders(str(i18n.catalog("en")[key]))


def test_yaml_booleans_do_not_become_keys():
    assert i18n.t("common.yes", "zh") == "是"
    assert not any(k.endswith((".True", ".False")) for k in i18n.catalog("en"))


def test_unknown_language_is_refused():
    with pytest.raises(ValueError, match="zh, en"):
        i18n.catalog("fr")
