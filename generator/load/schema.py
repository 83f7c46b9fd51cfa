"""The plan-year schema: what a YAML file may say, declared once (types, defaults, help).

JSON Schema for editors, validation and error texts all come from these models.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Annotated, Literal, Optional

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, WithJsonSchema, field_validator, model_validator
from pydantic_core import PydanticCustomError

from ..money import PARENTHESES, AmountError, parse_amount
from .yaml_source import PlainDate, PlainFloat, PlainInt, PlainText

# ---------------------------------------------------------------- scalar types


TO_FILL = "TODO"  # rollforward writes this where a figure or date must be entered for the new year


def _to_fill(value: object) -> None:
    if isinstance(value, str) and value.strip() == TO_FILL:
        raise PydanticCustomError("to_fill", "to be filled (marked TODO)")


def _marked_to_fill(value: object) -> object:
    _to_fill(value)
    return value


def _to_text(value: object) -> str:
    _to_fill(value)
    if isinstance(value, (PlainInt, PlainFloat, PlainDate, PlainText)):
        return value.source if hasattr(value, "source") else str(value)
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        raise PydanticCustomError("text", "expected text, got {got} (quote it if you mean the word)",
                                  {"got": str(value).lower()})
    if value is None:
        raise PydanticCustomError("text", "expected text, got nothing")
    raise PydanticCustomError("text", "expected text, got a {kind}", {"kind": type(value).__name__})


def _to_amount(value: object) -> Decimal:
    _to_fill(value)
    if isinstance(value, bool) or value is None:
        got = "nothing" if value is None else str(value).lower()
        raise PydanticCustomError("amount", "expected an amount, got {got}", {"got": got})
    if isinstance(value, Decimal):
        return value
    if isinstance(value, PlainInt):
        text = value.source
    elif isinstance(value, int):
        return Decimal(value)
    elif isinstance(value, str):
        text = str(value)
    elif isinstance(value, float):
        # Only reachable from Python callers; YAML floats arrive as source text.
        raise PydanticCustomError("amount", "expected an amount as text or Decimal, got a float")
    else:
        raise PydanticCustomError("amount", "expected an amount, got a {kind}", {"kind": type(value).__name__})
    try:
        return parse_amount(text)
    except AmountError as exc:
        raise PydanticCustomError("amount", "{reason}", {"reason": str(exc)}) from None


def _to_balance(value: object) -> Decimal:
    text = _source(value).strip() if isinstance(value, str) else ""
    if PARENTHESES.match(text):  # not "use a minus sign": a balance takes none either
        raise PydanticCustomError("amount", "expected an amount of zero or more, got {got} (parentheses mark a "
                                  "negative amount, and a balance cannot be negative; for the figure, write "
                                  "{digits})", {"got": f'"{text}"', "digits": text[1:-1].replace(",", "")})
    amount = _to_amount(value)
    if amount < 0:
        raise PydanticCustomError("amount", "expected an amount of zero or more, got {got}",
                                  {"got": _source(value)})
    return amount


def _source(value: object) -> str:
    return getattr(value, "source", None) or str(value)


FIRST_YEAR, LAST_YEAR = 1900, 2199  # dates outside these years are typing slips (and 9999 + 180 days overflows)


def _to_date(value: object) -> dt.date:
    day = _date(value)
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise PydanticCustomError("date", "expected a date in the years {first} to {last}, got {got}",
                                  {"first": FIRST_YEAR, "last": LAST_YEAR, "got": _source(value).strip()})
    return day


def _date(value: object) -> dt.date:
    _to_fill(value)
    if isinstance(value, dt.datetime):
        raise PydanticCustomError("date", "expected a date without a time, got {got}", {"got": str(value)})
    if isinstance(value, dt.date):
        return dt.date(value.year, value.month, value.day)
    if isinstance(value, str):
        text = _source(value).strip()
        if re.fullmatch(r"\d{4}-\d{1,2}-\d{1,2}", text):
            y, m, d = (int(p) for p in text.split("-"))
            try:
                return dt.date(y, m, d)
            except ValueError as exc:
                raise PydanticCustomError("date", "{got} is not a real date ({why})",
                                          {"got": text, "why": str(exc)}) from None
        raise PydanticCustomError("date", 'expected a date as YYYY-MM-DD, got "{got}"', {"got": text})
    raise PydanticCustomError("date", "expected a date as YYYY-MM-DD, got {got}", {"got": _source(value)})


def _to_rate(value: object) -> Decimal:
    _to_fill(value)
    text = _source(value).strip() if not isinstance(value, (bool, type(None))) else str(value)
    number = text[:-1].strip() if text.endswith("%") else text
    if not re.fullmatch(r"\d{1,3}(\.\d{1,4})?", number):
        raise PydanticCustomError("rate", 'expected a rate such as 8.5%, got "{got}"', {"got": text})
    return Decimal(number)


def _pattern(regex: str, what: str, example: str):
    def check(value: object) -> str:
        text = _to_text(value).strip()
        if not re.fullmatch(regex, text):
            raise PydanticCustomError("format", 'expected {what} such as {example}, got "{got}"',
                                      {"what": what, "example": example, "got": text})
        return text
    return check


Text = Annotated[str, BeforeValidator(_to_text)]
# What an editor checks an amount against (the JSON Schema): a number with at most two decimals, or its
# digits as text; "1,046", "$1,046" and "(1,046)" are flagged as they are typed, as `elevenk check` does.
_AMOUNT_SCHEMA = {"anyOf": [{"type": "number", "multipleOf": 0.01},
                            {"type": "string", "pattern": r"^[-+]?\d{1,15}(\.\d{1,2})?$"}], "examples": [1046]}
_BALANCE_SCHEMA = {"anyOf": [{"type": "number", "minimum": 0, "multipleOf": 0.01},
                             {"type": "string", "pattern": r"^\+?\d{1,15}(\.\d{1,2})?$"}], "examples": [1046]}
Amount = Annotated[Decimal, BeforeValidator(_to_amount), WithJsonSchema(_AMOUNT_SCHEMA)]
Balance = Annotated[Decimal, BeforeValidator(_to_balance), WithJsonSchema(_BALANCE_SCHEMA)]
Date = Annotated[dt.date, BeforeValidator(_to_date)]
Rate = Annotated[Decimal, BeforeValidator(_to_rate)]
EIN = Annotated[str, BeforeValidator(_pattern(r"\d{2}-\d{7}", "an EIN", "87-0295503"))]
PlanNumber = Annotated[str, BeforeValidator(_pattern(r"\d{3}", "a three-digit plan number", '"002"'))]
Name = Annotated[str, BeforeValidator(_pattern(r"[a-z][a-z0-9_]*", "a lower-case name", "forfeitures_used"))]
CIK = Annotated[str, BeforeValidator(_pattern(r"\d{10}", "a 10-digit Central Index Key", '"0001234567"'))]
XbrlName = Annotated[str, BeforeValidator(_pattern(r"([a-z][a-z0-9-]*:)?[A-Z][A-Za-z0-9]*", "an element name",
                                                   "EmployeeBenefitPlanOtherLiability"))]
Prefix = Annotated[str, BeforeValidator(_pattern(r"[a-z][a-z0-9]{0,19}", "lower-case letters and digits", "hpl"))]


def _to_level(value: object) -> str:
    _to_fill(value)
    text = str(value).lower() if isinstance(value, bool) or value is None else _source(value).strip().lower()
    if text not in ("1", "2", "3", "nav"):
        raise PydanticCustomError("level", 'expected a fair value level: 1, 2, 3 or nav, got "{got}"',
                                  {"got": text})
    return text


FairValueLevel = Annotated[Literal["1", "2", "3", "nav"], BeforeValidator(_to_level),
                           WithJsonSchema({"enum": [1, 2, 3, "1", "2", "3", "nav", "NAV"]})]

# Form 5500 Schedule H, Part II lines an income or expense may be reported on (see form5500.py).
Form5500Line = Literal[
    "2a(1)(A)", "2a(1)(B)", "2a(1)(C)", "2a(2)",
    "2b(1)(A)", "2b(1)(B)", "2b(1)(C)", "2b(1)(D)", "2b(1)(E)", "2b(1)(F)",
    "2b(2)(A)", "2b(2)(B)", "2b(2)(C)", "2b(3)", "2b(4)(C)", "2b(5)(A)", "2b(5)(B)",
    "2b(6)", "2b(7)", "2b(8)", "2b(9)", "2b(10)", "2c",
    "2e(1)", "2e(2)", "2e(3)", "2f", "2g", "2h", "2i(1)", "2i(2)", "2i(3)", "2i(4)",
]


# Form 5500 Schedule H, Part I lines an asset or liability may be reported on (see form5500.py).
Form5500AssetLine = Literal[
    "1a", "1b(1)", "1b(2)", "1b(3)", "1c(1)", "1c(2)", "1c(3)(A)", "1c(3)(B)", "1c(4)(A)", "1c(4)(B)", "1c(5)",
    "1c(6)", "1c(7)", "1c(8)", "1c(9)", "1c(10)", "1c(11)", "1c(12)", "1c(13)", "1c(14)", "1c(15)", "1d(1)",
    "1d(2)", "1e", "1g", "1h", "1i", "1j",
]


class Strict(BaseModel):
    """Base: unknown keys are errors, values are immutable once loaded."""

    model_config = ConfigDict(extra="forbid", frozen=True)


# ---------------------------------------------------------------- cover


class Period(Strict):
    start: Date = Field(description="First day of the transition period.")
    end: Date = Field(description="Last day of the transition period.")


class Filing(Strict):
    """The cover page: which report this is."""

    form: Literal["11-K"] = "11-K"
    report: Literal["annual", "transition"] = Field("annual", description="Annual report or transition report.")
    fiscal_year_end: Date = Field(description="Last day of the plan year, e.g. 2001-12-31.")
    prior_year_end: Optional[Date] = Field(None, description="Defaults to one year before fiscal_year_end.")
    transition_period: Optional[Period] = None
    commission_file_numbers: list[Text] = Field(min_length=1, description="The issuer's Commission File Number(s).")
    amounts_in: Literal["dollars", "cents", "thousands"] = Field(
        "dollars", description="How the amounts are written: whole dollars, dollars and cents, or whole thousands "
                               "of dollars (as a statement printed in thousands shows them; the filing then prints "
                               "them as written, under \"(In thousands)\").")
    filing_date: Optional[Date] = Field(None, description="Date the 11-K is (to be) filed, for the deadline check.")


class Plan(Strict):
    name: Text = Field(description="Full title of the plan.")
    ein: EIN = Field(description="Sponsor's employer identification number, NN-NNNNNNN.")
    number: PlanNumber = Field(description='Three-digit plan number, e.g. "002".')
    cik: Optional[CIK] = Field(None, description='The filer\'s 10-digit EDGAR Central Index Key, e.g. "0001234567" '
                                                 "(quoted); Inline XBRL needs it.")
    address: list[Text] = Field(default_factory=list, description="Only if different from the issuer's.")
    erisa: bool = Field(True, description="Subject to ERISA (180-day deadline) or not (90 days).")


class Issuer(Strict):
    name: Text
    address: list[Text] = Field(min_length=1, description="Principal executive office, one line per item.")


# ---------------------------------------------------------------- investments

HoldingType = Literal[
    "mutual_fund", "money_market_fund", "common_collective_trust", "pooled_separate_account",
    "employer_stock", "common_stock", "preferred_stock", "corporate_bond", "government_security",
    "insurance_contract", "stable_value_fund", "cash_equivalent", "real_estate", "participant_loans", "other",
    "master_trust",
]


class Loans(Strict):
    """Participant loans summarised on one Schedule H row."""

    count: Annotated[int, BeforeValidator(_marked_to_fill)] = Field(ge=0, le=10_000_000,
                                                                    description="Loans outstanding at year-end.")
    rate_low: Rate = Field(description="Lowest interest rate, e.g. 4.25%.")
    rate_high: Optional[Rate] = Field(None, description="Highest interest rate; defaults to rate_low.")
    maturity_first: Optional[Date] = None
    maturity_last: Optional[Date] = None


class ContractValue(Strict):
    """The contract value of a fully benefit-responsive investment contract at both year-ends."""

    current: Balance = Field(description="Contract value at the end of this plan year.")
    prior: Balance = Field(description="Contract value at the end of the prior plan year (0 written out when "
                                       "there was none).")


class Holding(Strict):
    """One investment: a line of the statement of net assets and a row of Schedule H."""

    identity: Text = Field(description="Schedule H (b): identity of issue, borrower, lessor or similar party.")
    label: Optional[Text] = Field(None, description="Line on the statement of net assets; defaults to identity.")
    type: HoldingType
    party_in_interest: bool = Field(False, description="Schedule H (a): marked *.")
    description: Text = Field("", description="Schedule H (c): description of investment.")
    cost: Optional[Balance] = Field(None, description="Schedule H (d); leave out for participant-directed.")
    current: Balance = Field(description="Fair value at the end of this plan year.")
    prior: Balance = Field(description="Fair value at the end of the prior plan year (0 when not held then: "
                                       "written out, never assumed).")
    explanation: Optional[Text] = Field(None, description="Why the balance moved (flux review).")
    loans: Optional[Loans] = None
    fair_value_level: Optional[FairValueLevel] = Field(
        None, description="Fair value hierarchy: 1, 2, 3, or nav (measured at net asset value, not levelled).")
    prior_fair_value_level: Optional[FairValueLevel] = Field(
        None, description="Level at the prior year-end, when it differs from fair_value_level.")
    contract_value: Optional[ContractValue] = Field(
        None, description="A fully benefit-responsive investment contract (a stable value fund, a GIC), or a "
                          "master trust interest holding them: its value at contract value; current and prior are "
                          "then its fair values. The statement shows it as presentation.contracts says.")


    form5500_line: Optional[Form5500AssetLine] = Field(
        None, description="Schedule H Part I line; defaults by type (`elevenk form5500` shows each default).")


class InvestmentGroup(Strict):
    caption: Text = Field(description='Statement caption, e.g. "Mutual funds".')
    holdings: list[Holding] = Field(min_length=1)
    xbrl_member: Optional[XbrlName] = Field(
        None, description="Inline XBRL: the us-gaap:InvestmentTypeAxis member of this group, when its holdings' "
                          "types do not name one, e.g. EmployeeBenefitPlanSyntheticInvestmentContractMember.")


# ---------------------------------------------------------------- statement of net assets


LineKind = Literal[
    "employer_contributions", "participant_contributions", "accrued_income", "other_receivable",
    "excess_contributions_refundable", "accrued_expenses", "benefits_payable", "other_liability",
]


class Line(Strict):
    """A line of the statement of net assets at both year-ends."""

    label: Text
    kind: Optional[LineKind] = Field(None, description="What the line is, for the Form 5500 crosswalk.")
    form5500_line: Optional[Form5500AssetLine] = Field(
        None, description="Schedule H Part I line; defaults by kind (`elevenk form5500` shows each default).")
    xbrl_element: Optional[XbrlName] = Field(
        None, description="Inline XBRL: the us-gaap-ebp element of a line its kind does not map, "
                          "e.g. EmployeeBenefitPlanEmployerLiability.")
    current: Balance
    prior: Balance = Field(description="Balance at the prior year-end (0 written out when there was none).")
    explanation: Optional[Text] = None


class ReceivableLine(Line):
    """A receivable; lines that name the same group print under its caption with their own total."""

    group: Optional[Text] = Field(
        None, description='Caption of a group of receivables with its own total, e.g. "Contributions receivable" '
                          '(lines of a group are written one after another).')


class StatedPair(Strict):
    """A printed total, as an assertion: the build checks it against the computed figure."""

    current: Optional[Amount] = None
    prior: Optional[Amount] = None


class NetAssetsStated(Strict):
    total_investments: Optional[StatedPair] = None
    total_receivables: Optional[StatedPair] = None
    total_assets: Optional[StatedPair] = None
    total_liabilities: Optional[StatedPair] = None
    net_assets: Optional[StatedPair] = None


class Loan(Strict):
    """One participant loan outstanding at year-end."""

    balance: Balance
    rate: Rate = Field(description="Interest rate, e.g. 4.25%.")
    maturity: Date


class NotesReceivable(Strict):
    """Notes receivable from participants: their own line of the statement, one row of Schedule H."""

    label: Text = Field("Notes receivable from participants", description="Line on the statement of net assets.")
    identity: Text = Field("Participant loans", description="Schedule H (b).")
    description: Optional[Text] = Field(None, description="Schedule H (c); defaults to the rates and maturities.")
    party_in_interest: bool = True
    current: Optional[Balance] = Field(None, description="Balance at year-end; computed from loans when they are "
                                                         "listed (then a stated balance is checked).")
    prior: Balance = Field(description="Balance at the prior year-end (0 written out when there was none).")
    loans: list[Loan] = Field(default_factory=list, description="Each loan outstanding at year-end.")
    summary: Optional[Loans] = Field(None, description="Count, rates and maturities, when loans are not listed.")
    explanation: Optional[Text] = None

    @model_validator(mode="after")
    def _has_balance(self) -> "NotesReceivable":
        if self.current is None and not self.loans:
            raise PydanticCustomError("loans", "notes receivable need a current balance or a list of loans")
        if self.loans and self.summary is not None:
            raise PydanticCustomError("loans", "give the loans or a summary of them, not both")
        return self


class NetAssets(Strict):
    """Statement of net assets available for benefits, other than the investments."""

    presentation: Literal["itemized", "by_type"] = Field(
        "itemized", description="Investments on the statement: each holding under its group caption (itemized), "
                                "or one line per group (by_type).")
    notes_receivable: Optional[NotesReceivable] = None
    cash: Optional[Line] = None
    receivables: list[ReceivableLine] = Field(default_factory=list)
    liabilities: list[Line] = Field(default_factory=list)
    stated: NetAssetsStated = Field(default_factory=NetAssetsStated)


# ---------------------------------------------------------------- statement of changes

ChangeKind = Literal[
    "participant_contributions", "employer_contributions", "rollover_contributions",
    "net_appreciation", "interest_and_dividends", "interest_on_notes_receivable", "other_income",
    "benefits_paid", "administrative_expenses", "deemed_distributions", "other_deduction",
    "corrective_distributions", "master_trust_income",
]


class TypeAmount(Strict):
    type: Text = Field(description='Kind of investment, e.g. "Mutual funds".')
    amount: Amount
    form5500_line: Optional[Form5500Line] = Field(None, description="Schedule H Part II line, e.g. 2b(10).")
    xbrl_member: Optional[XbrlName] = Field(
        None, description="Inline XBRL: the us-gaap:InvestmentTypeAxis member of this kind of investment, when "
                          "no investment group has the same caption, e.g. FixedIncomeInvestmentsMember.")


class ChangeLine(Strict):
    """A line of the statement of changes; net appreciation may be given by type of investment."""

    label: Optional[Text] = None
    kind: Optional[ChangeKind] = None
    amount: Optional[Amount] = None
    by_type: list[TypeAmount] = Field(default_factory=list, description="Breakdown shown in the notes.")
    form5500_line: Optional[Form5500Line] = Field(
        None, description="Schedule H Part II line; defaults by kind (see `elevenk form5500`).")
    xbrl_element: Optional[XbrlName] = Field(
        None, description="Inline XBRL: the us-gaap-ebp element of this line (or group subtotal), when its kind "
                          "does not map to one.")

    @model_validator(mode="after")
    def _has_amount(self) -> "ChangeLine":
        _check_line(self)
        return self


def _check_line(line: ChangeLine) -> None:
    if line.amount is None and not line.by_type:
        raise PydanticCustomError("line", "a line needs an amount (or a by_type breakdown)")
    if line.label is None and line.kind is None:
        raise PydanticCustomError("line", "a line needs a label or a kind")


class ChangeItem(ChangeLine):
    """A line, or a captioned group of lines with a subtotal (group + lines)."""

    group: Optional[Text] = Field(None, description='Caption of a group, e.g. "Investment income (loss)".')
    lines: list[ChangeLine] = Field(default_factory=list)
    total_label: Optional[Text] = Field(
        None, description='A group\'s subtotal on a labelled line of its own, e.g. "Total contributions" (the '
                          'group\'s lines and total then share one column); by default the subtotal is unlabelled, '
                          'beside the group\'s last line.')

    @model_validator(mode="after")
    def _has_amount(self) -> "ChangeItem":
        if self.group is not None or self.lines:
            if self.group is None or not self.lines:
                raise PydanticCustomError("group", "a group needs both a caption (group) and lines")
            if self.amount is not None or self.by_type or self.label or self.kind or self.form5500_line:
                raise PydanticCustomError("group", "a group has lines, not an amount, label or kind of its own")
            return self
        if self.total_label is not None:
            raise PydanticCustomError("group", "total_label belongs to a group (group + lines), not to a line")
        _check_line(self)
        return self


class ChangesStated(Strict):
    total_additions: Optional[Amount] = None
    total_deductions: Optional[Amount] = None
    net_change: Optional[Amount] = None
    net_assets_beginning: Optional[Amount] = None
    net_assets_end: Optional[Amount] = None


class Transfer(Strict):
    """Assets transferred into the plan (a merger) or out of it (a spin-off), after the net increase."""

    kind: Literal["transfers_in", "transfers_out"]
    label: Optional[Text] = Field(None, description='e.g. "Transfer from the Acme 401(k) Plan".')
    amount: Balance


class Changes(Strict):
    """Statement of changes in net assets available for benefits, for the plan year."""

    additions: list[ChangeItem] = Field(min_length=1)
    deductions: list[ChangeItem] = Field(default_factory=list)
    transfers: list[Transfer] = Field(default_factory=list, description="Transfers in and out, after the net increase.")
    stated: ChangesStated = Field(default_factory=ChangesStated)


# ---------------------------------------------------------------- master trust


class SignedPair(Strict):
    """An amount at both year-ends that may be negative."""

    current: Amount = Field(description="At the end of this plan year.")
    prior: Amount = Field(description="At the end of the prior plan year (0 written out when there was none).")


class LevelPart(Strict):
    """The part of a master trust investment line at one fair value level."""

    fair_value_level: FairValueLevel = Field(description="1, 2, 3, or nav.")
    current: Amount = Field(description="Fair value at the end of this plan year (negative for a liability).")
    prior: Amount = Field(description="Fair value at the end of the prior plan year (0 written out when none).")


class TrustInvestment(Strict):
    """One general type of the master trust's investments: a line of its note, at both year-ends."""

    caption: Text = Field(description='e.g. "Common collective trusts", "Derivative instruments".')
    current: Optional[Amount] = Field(
        None, description="Fair value at the end of this plan year; negative for derivative liabilities. Computed "
                          "from by_level when the line spans levels (then a stated value is checked).")
    prior: Optional[Amount] = Field(None, description="Fair value at the end of the prior plan year.")
    fair_value_level: Optional[FairValueLevel] = Field(None, description="1, 2, 3, or nav, for the whole line.")
    prior_fair_value_level: Optional[FairValueLevel] = Field(
        None, description="Level at the prior year-end, when it differs from fair_value_level.")
    by_level: list[LevelPart] = Field(default_factory=list, description="The line's parts when it spans levels.")
    contract_value: Optional[ContractValue] = Field(
        None, description="Fully benefit-responsive contracts: their contract value (current and prior are fair "
                          "values).")
    plan: Optional[SignedPair] = Field(
        None, description="A divided interest: the Plan's interest in this line (at contract value where the note "
                          "shows contracts so).")
    xbrl_member: Optional[XbrlName] = Field(
        None, description="Inline XBRL: the us-gaap:InvestmentTypeAxis member of this line, when its caption does "
                          "not name one (generator/model/xbrl/mapping.py, TRUST_INVESTMENTS), e.g. "
                          "EmployeeBenefitPlanEmployerCommonStockMember.")

    @model_validator(mode="after")
    def _valued(self) -> "TrustInvestment":
        if self.current is None and not self.by_level:
            raise PydanticCustomError("trust", "a master trust investment needs a current value or by_level parts")
        if self.prior is None and not self.by_level:
            raise PydanticCustomError("trust", "a master trust investment needs a prior value (0 written out when "
                                               "there was none) or by_level parts")
        if self.by_level and self.fair_value_level is not None:
            raise PydanticCustomError("trust", "give fair_value_level or by_level, not both")
        return self


class TrustLine(Strict):
    """Another asset (a receivable) or a liability of the master trust, at both year-ends."""

    label: Text = Field(description='e.g. "Receivables for investments sold", "Accrued expenses".')
    current: Balance = Field(description="At the end of this plan year.")
    prior: Balance = Field(description="At the end of the prior plan year (0 written out when there was none).")
    plan: Optional[SignedPair] = Field(None, description="A divided interest: the Plan's interest in this line.")
    xbrl_element: Optional[XbrlName] = Field(
        None, description="Inline XBRL: the us-gaap-ebp element of this line, when its label does not name one "
                          "(generator/model/xbrl/mapping.py, TRUST_LINES), e.g. EmployeeBenefitPlanOtherAsset.")


class TrustIncome(Strict):
    """A line of the master trust's net investment income for the year."""

    label: Text = Field(description='e.g. "Net appreciation in fair value of investments".')
    amount: Amount = Field(description="For the plan year; negative for a loss.")
    plan: Optional[Amount] = Field(None, description="A divided interest: the Plan's interest in this line.")
    xbrl_element: Optional[XbrlName] = Field(
        None, description="Inline XBRL: the us-gaap-ebp element of this line, when its label does not name one "
                          "(generator/model/xbrl/mapping.py, TRUST_INCOME).")


class TrustStated(Strict):
    """Printed totals of the master trust, as assertions."""

    total_investments: Optional[StatedPair] = Field(None, description="Total investments of the master trust.")
    net_assets: Optional[StatedPair] = Field(None, description="Net assets of the master trust.")
    income: Optional[Amount] = Field(None, description="Net investment income of the master trust.")


class MasterTrust(Strict):
    """The master trust the plan's interest (a holding of type master_trust) is in: its investments, other assets
    and liabilities, and net investment income, entered once; the note's tables are computed from them."""

    name: Text = Field(description='e.g. "Acme Corporation Defined Contribution Master Trust".')
    interest: Literal["undivided", "divided"] = Field(
        "undivided", description="undivided: the Plan owns a share of the whole trust (the note gives its "
                                 "percentage); divided: the Plan's interest is given line by line (plan: on each).")
    investments: list[TrustInvestment] = Field(min_length=1, description="Its investments, by general type.")
    other_assets: list[TrustLine] = Field(default_factory=list, description="Receivables, accrued income.")
    liabilities: list[TrustLine] = Field(default_factory=list, description="Payables, accrued expenses.")
    income: list[TrustIncome] = Field(default_factory=list, description="The master trust's net investment income.")
    stated: TrustStated = Field(default_factory=TrustStated, description="Printed totals, checked.")


# ---------------------------------------------------------------- notes


class NoteTable(Strict):
    """A small text table in a note, such as a vesting schedule."""

    columns: list[Text] = Field(min_length=1)
    rows: list[list[Text]] = Field(min_length=1)


class NoteBlock(Strict):
    """One block of a note: a paragraph, a lettered item, a sub-heading, a table, or a breakdown."""

    item: Optional[Text] = Field(None, description='Caption of a lettered item, e.g. "General".')
    heading: Optional[Text] = Field(None, description="An underlined sub-heading.")
    text: Optional[Text] = Field(None, description="Prose; may quote figures as {name}, e.g. {count.mutual_funds}.")
    table: Optional[NoteTable] = None
    breakdown: Optional[Literal["net_appreciation", "fair_value", "form5500_reconciliation", "master_trust",
                                "master_trust_income", "master_trust_fair_value"]] = Field(
        None, description="A computed table: net_appreciation by type, the fair_value hierarchy at both "
                          "year-ends, the form5500_reconciliation, or the master trust's net assets (and the "
                          "Plan's interest), its net investment income, or its fair value hierarchy.")
    page_break: bool = Field(False, description="Text filing: start a new page before this block.")
    nav_lines: Literal["one", "each"] = Field(
        "one", description="A fair value table: the investments measured at net asset value on one line (one), or "
                           "each category on its own line under that caption (each).")
    footnote: Optional[Text] = Field(
        None, description="A fair value table: the footnote under it, in the filer's words (by default the standard "
                          "note (a) on investments measured at net asset value).")

    @model_validator(mode="after")
    def _one_kind(self) -> "NoteBlock":
        kinds = [k for k in ("heading", "table", "breakdown") if getattr(self, k) is not None]
        if self.item is not None:
            kinds.append("item")
        if len(kinds) > 1 or (self.text is None and not kinds):
            raise PydanticCustomError(
                "block", "a block is one of: text, item (+ text), heading, table or breakdown")
        if kinds in (["heading"], ["table"], ["breakdown"]) and self.text is not None:
            raise PydanticCustomError("block", "text belongs in its own block, not with a {kind}",
                                      {"kind": kinds[0]})
        fair_value = self.breakdown in ("fair_value", "master_trust_fair_value")
        if (self.nav_lines != "one" or self.footnote is not None) and not fair_value:
            raise PydanticCustomError("block", "nav_lines and footnote belong to a fair value table (breakdown: "
                                               "fair_value or master_trust_fair_value)")
        return self


class Note(Strict):
    title: Text
    blocks: list[NoteBlock] = Field(min_length=1)
    page_break: bool = Field(False, description="Text filing: start this note on a new page.")
    review: Optional[Text] = Field(None, description="Set by rollforward: the note must be reviewed.")
    xbrl_element: Optional[XbrlName] = Field(
        None, description="Inline XBRL: the text block tagging this note, when its title does not say, "
                          "e.g. EmployeeBenefitPlanSubsequentEventTextBlock.")


# ---------------------------------------------------------------- auditor, consent, signatures


class Predecessor(Strict):
    """Prior-year statements audited by other auditors."""

    report_date: Date
    opinion: Literal["unqualified", "qualified"] = "unqualified"


ReportStyle = Literal["gaas", "pcaob_2004", "pcaob"]


class AuditorReport(Strict):
    style: Optional[ReportStyle] = Field(
        None, description="gaas (older years), pcaob_2004 (the PCAOB report of 2004 to 2017, before AS 3101) or "
                          "pcaob (AS 3101); defaults from the fiscal year (gaas before December 15, 2017).")
    title: Optional[Text] = Field(None, description="Report title; defaults by style.")
    addressee: Text = Field("Administrators", description='"To the <addressee> of the <plan>".')
    date: Date
    periods: Literal["current", "both"] = Field(
        "both", description="current: only this year's statements were audited (see predecessor).")
    predecessor: Optional[Predecessor] = None
    auditor_since: Optional[int] = Field(None, ge=FIRST_YEAR, le=LAST_YEAR,
                                         description="PCAOB style: the year the firm began serving.")


class Consent(Strict):
    """Exhibit 23: consent to incorporation by reference in Form S-8."""

    title: Optional[Text] = None
    date: Date
    form_s8_file_numbers: list[Text] = Field(min_length=1)


class Auditor(Strict):
    firm: Text
    city: Text
    state: Text
    report: AuditorReport
    consent: Optional[Consent] = None


class PredecessorReport(Strict):
    """The predecessor firm's report on the prior year's statement of net assets, reissued in this filing."""

    style: Optional[ReportStyle] = Field(None, description="As for auditor.report.style; by default the same.")
    title: Optional[Text] = Field(None, description="Report title; defaults by style.")
    addressee: Optional[Text] = Field(None, description="By default the addressee of auditor.report.")
    date: Date = Field(description="The date of the report (as first issued).")


class PredecessorAuditor(Strict):
    """The firm that audited the prior year's statements: its report is included beside the current firm's, with
    its own consent (Exhibit 23.2)."""

    firm: Text = Field(description='The predecessor firm, e.g. "Ashby Kent LLP".')
    city: Text = Field(description="Where it signed its report.")
    state: Text = Field(description="Where it signed its report.")
    report: PredecessorReport = Field(description="Its report on the prior year's statement of net assets.")
    consent: Optional[Consent] = Field(None, description="Exhibit 23.2: its consent to incorporation in Form S-8.")


class Signer(Strict):
    name: Text
    title: Optional[Text] = Field(None, description='e.g. "Chairman"; may be left out when the committee signs.')


class Signatures(Strict):
    date: Date
    committee: Optional[Text] = Field(
        None, description='The committee or board that signs for the plan, e.g. "Employee Benefits Administration '
                          'Board": named in the signature sentence and under the plan\'s name.')
    signers: list[Signer] = Field(min_length=1)


class ScheduleH(Strict):
    """Supplemental Schedule H, line 4i."""

    number: Text = Field("1", description='Printed as "Schedule 1".')
    cost_column: Literal["shown", "omitted"] = Field(
        "shown", description="Omit column (d) when every investment is participant-directed.")
    omitted_schedules_note: Optional[bool] = Field(
        None, description="Say under the contents that the other schedules 29 CFR 2520.103-10 requires are "
                          "omitted as not applicable; by default with a PCAOB-style report (modern filings).")


class FluxThresholds(Strict):
    """Flux review: a line of the statement of net assets that moves this much needs an explanation."""

    percent: int = Field(10, ge=0, description="Flag a move of at least this percent of the prior balance...")
    amount: Balance = Field(Decimal(10000), description="...and at least this many dollars.")
    net_assets_percent: int = Field(5, ge=0, description="Or flag any move above this percent of net assets.")


class ReconcilingItem(Strict):
    """An amount the Form 5500 reports differently from the financial statements, at both year-ends."""

    kind: Literal["benefits_payable", "deemed_distributions"] = Field(
        description="benefits_payable: a Form 5500 liability (line 1g), not one in the statements; "
                    "deemed_distributions: loans the Form 5500 no longer reports (line 1c(8)).")
    label: Optional[Text] = None
    current: Balance
    prior: Balance = Field(description="Amount at the prior year-end (0 written out when there was none).")


class Form5500(Strict):
    """The Form 5500 Schedule H crosswalk and its reconciliation to the statements."""

    reconciling: list[ReconcilingItem] = Field(default_factory=list)


class InlineXbrl(Strict):
    """Inline XBRL: the EDGAR submission tagged with FASB's us-gaap-ebp 2025 taxonomy."""

    build: Optional[bool] = Field(
        None, description="Build the Inline XBRL submission with `elevenk build`; by default when the filing "
                          "is due after 2025-07-10 (Release 33-11070).")
    prefix: Optional[Prefix] = Field(
        None, description="Names the submission's files and extension elements, e.g. hpl (hpl-20241231.htm); "
                          "defaults to the initials of the issuer's name.")
    namespace: Optional[Text] = Field(
        None, description="The extension schema's namespace, http://<a domain of the filer's>/<yyyymmdd>; "
                          "defaults to one made from the issuer's name.")
    facts: dict[str, XbrlName] = Field(
        default_factory=dict,
        description="The us-gaap-ebp element of each figure under `facts:` that a note quotes, e.g. "
                    "forfeited_nonvested: EmployeeBenefitPlanForfeitedNonvestedAccount (an instant element is the "
                    "balance at this year-end, a duration one the plan year's amount).")


# ---------------------------------------------------------------- presentation

AssetBlock = Literal["investments", "notes_receivable", "cash", "receivables"]
# The fixed captions of the statements a filer may word otherwise (layout.Layout.caption).
CaptionName = Literal["assets", "total_investments", "total_fair_value_investments", "total_receivables",
                      "total_assets", "liabilities", "total_liabilities", "additions", "total_additions",
                      "deductions", "total_deductions", "transfers"]
ASSET_ORDER: tuple[str, ...] = ("investments", "notes_receivable", "cash", "receivables")


class Presentation(Strict):
    """Layout choices where filers' statements differ. The defaults print the statements as the 2001 example
    does."""

    title: Literal["net_assets", "assets"] = Field(
        "net_assets", description='net_assets: "Statements of Net Assets Available for Benefits"; assets: '
                                  '"Statements of Assets Available for Benefits" and "Statement of Changes in Assets '
                                  'Available for Benefits" (plans without liabilities), in the headings, contents, '
                                  'bookmarks and auditor\'s report alike.')
    subtotals: Literal["always", "two_or_more"] = Field(
        "always", description="always: Total investments, Total receivables and Total liabilities print whatever "
                              "they add up; two_or_more: only under two or more lines (a single receivable group's "
                              "total stands for Total receivables).")
    order: list[AssetBlock] = Field(
        default_factory=lambda: list(ASSET_ORDER),
        description="The order of the asset blocks on the statement of net assets, e.g. [investments, cash, "
                    "notes_receivable, receivables]; blocks left out follow in the default order.")
    investments_caption: Optional[Text] = Field(
        None, description='Caption over the investments, e.g. "Investments, at fair value:"; "" prints none; by '
                          "default each format's own.")
    in_thousands: bool = Field(
        False, description="Print every figure in thousands (statements, note tables, Schedule H) from amounts "
                           "written in dollars or cents: each total is rounded from its exact sum and its lines "
                           "are apportioned to it, so every column foots and ties; prose quotes exact figures.")
    contracts: Optional[Literal["adjustment", "contract_value"]] = Field(
        None, description="Fully benefit-responsive contracts on the statement of net assets. adjustment (before "
                          "ASU 2015-12): at fair value, then \"Net assets reflecting all investments at fair "
                          "value\", the adjustment from fair value to contract value, and net assets; "
                          "contract_value: a line at contract value. By default from the plan year (contract_value "
                          "for plan years beginning after December 15, 2015).")
    adjustment_label: Optional[Text] = Field(
        None, description='The adjustment line, by default "Adjustment from fair value to contract value for fully '
                          'benefit-responsive investment contracts".')
    fair_value_net_assets_label: Optional[Text] = Field(
        None, description='The line above the adjustment, by default "Net assets reflecting all investments at fair '
                          'value" (e.g. "Net assets available for benefits at fair value").')
    captions: dict[CaptionName, Text] = Field(
        default_factory=dict, description="The statements' fixed captions in the filer's words, e.g. {additions: "
                                          "\"Additions:\", total_investments: \"Total investments at fair value\"}: "
                                          "assets, total_investments, total_fair_value_investments, "
                                          "total_receivables, total_assets, liabilities, total_liabilities, "
                                          "additions, total_additions, deductions, total_deductions, transfers.")
    net_assets_lines: Literal["inline", "captioned"] = Field(
        "inline", description='Statement of changes. inline: "Net assets available for benefits at beginning of '
                              'year" / "... at end of year"; captioned: "Net assets available for benefits:" over '
                              '"Beginning of year" and "End of year".')

    @field_validator("order")
    @classmethod
    def _order_once(cls, order: list[str]) -> list[str]:
        repeated = sorted({b for b in order if order.count(b) > 1})
        if repeated:
            raise PydanticCustomError("order", "{blocks} named more than once", {"blocks": ", ".join(repeated)})
        return order

    @property
    def asset_order(self) -> tuple[str, ...]:
        """Every asset block, in the order given, then the rest in the default order."""
        return tuple(self.order) + tuple(b for b in ASSET_ORDER if b not in self.order)


# ---------------------------------------------------------------- exceptions

# The rules a plan year may set aside deliberately, each with its reason (see checks/years.py).
ExceptionName = Literal["file_year", "report_before_year_end", "consent_before_report", "filing_after_deadline"]
Reason = Annotated[str, BeforeValidator(_pattern(r"(?s)\S.*", "a reason", '"as printed in the filing"'))]


# ---------------------------------------------------------------- importers


class HoldingsColumns(Strict):
    """Which column of the trustee's holdings report holds each field: its heading as printed (dates and
    years in a heading are ignored when matching, so next year's report still matches) or its letter (A, B...)."""

    identity: Optional[Text] = Field(None, description="Schedule H (b): identity of issue (the fund or issuer).")
    description: Optional[Text] = Field(None, description="Schedule H (c): description of investment.")
    shares: Optional[Text] = Field(None, description="Shares, units or par value; updates the count in (c).")
    cost: Optional[Text] = Field(None, description="Schedule H (d): cost; blank for participant-directed.")
    current: Optional[Text] = Field(None, description="Schedule H (e): current (market) value at year-end.")
    party_in_interest: Optional[Text] = Field(None, description="Schedule H (a): * or Y marks a party-in-interest.")
    type: Optional[Text] = Field(None, description="Asset type or category (else the section headings).")


class HoldingsImport(Strict):
    """How `elevenk import holdings` reads this plan's trustee report: written by the import, corrected by hand."""

    columns: HoldingsColumns = Field(default_factory=HoldingsColumns)
    types: dict[str, HoldingType] = Field(
        default_factory=dict, description="The trustee's words for a kind of investment -> its type, e.g. "
                                          "Registered Investment Companies: mutual_fund.")
    same_as: dict[str, str] = Field(
        default_factory=dict, description="A trustee's name for a holding -> the identity this plan gives it "
                                          "(accepted close matches).")


class Imports(Strict):
    """Settings the importers save for next year."""

    holdings: Optional[HoldingsImport] = None


# ---------------------------------------------------------------- the plan year


class PlanYear(Strict):
    """One plan year of one plan: everything its Form 11-K shows."""

    schema_version: Literal[1] = 1
    filing: Filing
    plan: Plan
    issuer: Issuer
    investments: list[InvestmentGroup] = Field(min_length=1)
    net_assets: NetAssets = Field(default_factory=NetAssets)
    changes: Changes
    notes: list[Note] = Field(default_factory=list)
    facts: dict[Name, Amount] = Field(default_factory=dict,
                                      description="Figures quoted in notes only, e.g. forfeitures.")
    dates: dict[Name, Date] = Field(
        default_factory=dict, description="Historical dates quoted in notes as {dates.NAME}, e.g. a merger's "
                                      "effective date: unlike {year}, they stay as written when the file is "
                                      "rolled forward.")
    exceptions: dict[ExceptionName, Reason] = Field(
        default_factory=dict, description="A date rule set aside on purpose, with the reason: file_year, "
                                          "report_before_year_end, consent_before_report or filing_after_deadline. "
                                          "The finding becomes a warning and the build's manifest records it.")
    schedule_h: ScheduleH = Field(default_factory=ScheduleH)
    presentation: Presentation = Field(
        default_factory=Presentation, description="Layout choices where filers' statements differ (title, "
                                                  "subtotals, order); the defaults keep the 2001 layout.")
    auditor: Auditor
    predecessor_auditor: Optional[PredecessorAuditor] = Field(
        None, description="The predecessor firm whose report on the prior year is reissued here (with "
                          "auditor.report.periods: current).")
    signatures: Optional[Signatures] = None
    form5500: Form5500 = Field(default_factory=Form5500)
    xbrl: InlineXbrl = Field(default_factory=InlineXbrl)
    master_trust: Optional[MasterTrust] = Field(
        None, description="The master trust holding the Plan's investments (a holding of type master_trust is the "
                          "Plan's interest in it).")
    flux: Optional[FluxThresholds] = Field(
        None, description="Require explanations for large moves (check --strict); rollforward turns it on.")
    templates: Optional[Text] = Field(
        None, description="A folder of template overrides, relative to this file and inside its folder; "
                          "searched after --templates and before the built-in templates.")
    imports: Optional[Imports] = Field(None, description="How the importers read this plan's source files.")


def json_schema() -> dict:
    """The JSON Schema of a plan-year file, for editors."""
    schema = PlanYear.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "elevenk plan year"
    return schema
