"""Note prose: references are filled in, anything else in braces prints as written."""

from __future__ import annotations

from decimal import Decimal

from generator.model.prose import number_words, resolve


def test_references_and_formats():
    names = {"year": "2001", "count.funds": 17, "gain": Decimal("-545303"), "fact": Decimal("149952")}
    text, problems = resolve("In {year}, {count.funds:words} funds lost ${gain:abs}; about ${fact:round=10000}.", names)
    assert problems == []
    assert text == "In 2001, seventeen funds lost $545,303; about $150,000."


def test_double_braces_and_jinja_are_literal():
    text, problems = resolve("{{year}} and {{ ''.__class__ }} and {% raw %}", {"year": "2001"})
    assert problems == [] and text == "{{year}} and {{ ''.__class__ }} and {% raw %}"


def test_unknown_reference_suggests_the_name():
    _, problems = resolve("{count.fundz}", {"count.funds": 3})
    assert problems == [("unknown figure {count.fundz} (did you mean {count.funds}?)", "{count.fundz}")]


def test_number_words():
    assert [number_words(n) for n in (0, 1, 21, 100, 1234)] == [
        "zero", "one", "twenty-one", "one hundred", "one thousand two hundred thirty-four"]
