"""What a template names (includes, imports, extends) is parsed once per source and kept on disk; a damaged or
missing record is parsed again, never trusted."""

from __future__ import annotations

import json

import pytest

from generator.render import templating
from generator.render.templating import environment, referenced_templates


@pytest.fixture
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv("ELEVENK_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(templating, "_REFERENCES", {})
    return tmp_path


SOURCE = '{% include "text/statement_header.txt.j2" %}{% include name %}{% from "x.j2" import y %}'
NAMED = ("text/statement_header.txt.j2", None, "x.j2")


def records(cache):
    return sorted(cache.rglob("references/*.json"))


def test_the_names_are_jinjas_and_kept_on_disk(cache):
    env = environment()
    assert referenced_templates(env, SOURCE) == NAMED
    [record] = records(cache)
    assert tuple(json.loads(record.read_text())) == NAMED
    templating._REFERENCES.clear()
    env.parse = None  # read from disk: not parsed again
    assert referenced_templates(env, SOURCE) == NAMED


@pytest.mark.parametrize("damage", ["not json", "[1, 2]", "{}"])
def test_a_damaged_record_is_parsed_again(cache, damage):
    env = environment()
    referenced_templates(env, SOURCE)
    [record] = records(cache)
    record.write_text(damage)
    templating._REFERENCES.clear()
    assert referenced_templates(env, SOURCE) == NAMED


def test_another_source_or_other_delimiters_is_another_record(cache):
    env = environment()
    referenced_templates(env, SOURCE)
    referenced_templates(env, SOURCE + " ")
    other = environment()
    other.block_start_string, other.block_end_string = "<%", "%>"
    assert referenced_templates(other, SOURCE) == ()  # no tags in these delimiters
    assert len(records(cache)) == 3


def test_nothing_on_disk_when_the_cache_is_off(cache, monkeypatch):
    monkeypatch.setenv("ELEVENK_CACHE_DIR", "")
    assert referenced_templates(environment(), SOURCE) == NAMED
    assert records(cache) == []
