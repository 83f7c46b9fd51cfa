"""A new plan-year file from a few answers: every figure, date and text still to enter is marked TODO.

Pure: answers in, YAML text out; the command checks it (`yaml_check`) before writing it.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass

from ..model.compute import one_year_before

PCAOB_FROM = dt.date(2017, 12, 15)  # AS 3101 reports for plan years ending on or after this date


@dataclass(frozen=True)
class Answers:
    """What `elevenk init` asks."""

    plan_name: str
    sponsor: str
    ein: str
    plan_number: str
    fiscal_year_end: dt.date
    style: str | None = None  # gaas or pcaob; by default from the fiscal year end

    @property
    def report_style(self) -> str:
        return self.style or ("pcaob" if self.fiscal_year_end >= PCAOB_FROM else "gaas")


def slug(name: str) -> str:
    """A folder name for a plan: 'Acme Corp. 401(k) Plan' -> 'acme-corp-401k-plan'."""
    return re.sub(r"[^a-z0-9]+", "-", name.lower().replace("(k)", "k")).strip("-") or "plan"


def _q(text: str) -> str:
    """A YAML double-quoted scalar (JSON's string syntax is YAML's)."""
    return json.dumps(text)


def plan_text(a: Answers) -> str:
    """The YAML text of the new plan year."""
    end, prior = a.fiscal_year_end, one_year_before(a.fiscal_year_end)
    pcaob = a.report_style == "pcaob"
    auditor = (
        "    style: pcaob\n"
        "    addressee: Plan Administrator and Plan Participants\n"
        "    date: TODO\n"
        "    # auditor_since: 2015      # the year the firm began serving the plan (printed in a PCAOB report)\n"
        if pcaob else
        "    style: gaas\n"
        "    addressee: Administrators\n"
        "    date: TODO\n")
    return f"""\
# {a.plan_name}: Form 11-K for the plan year ended {end.isoformat()}.
# Written by `elevenk init`: every TODO is a figure, date or text to enter; `elevenk check` lists them.
# `elevenk import holdings REPORT.csv --into THIS_FILE` fills in the investments from the trustee's report.
schema_version: 1

filing:
  report: annual
  fiscal_year_end: {end.isoformat()}
  commission_file_numbers: [TODO]   # the issuer's Commission File Number(s), e.g. 001-12345

plan:
  name: {_q(a.plan_name)}
  ein: {a.ein}
  number: {_q(a.plan_number)}
  erisa: true

issuer:
  name: {_q(a.sponsor)}
  address:                          # principal executive office, one line per item
    - TODO
    - TODO

# Each holding is a line of the statement of net assets and a row of Schedule H, line 4i. This placeholder
# is replaced by `elevenk import holdings`; or enter the holdings by hand, one per item.
investments:
  - caption: TODO                   # e.g. Mutual funds
    holdings:
      - identity: TODO              # Schedule H (b): identity of issue
        type: mutual_fund
        description: TODO           # Schedule H (c): e.g. 20,283 shares of registered investment company
        current: TODO               # fair value at {end.isoformat()}
        prior: TODO                 # fair value at {prior.isoformat()}

net_assets:
  presentation: {"by_type" if pcaob else "itemized"}
  receivables:
    - label: Participant contributions
      kind: participant_contributions
      current: TODO
      prior: TODO
    - label: Employer contributions
      kind: employer_contributions
      current: TODO
      prior: TODO
  stated:                           # the printed totals: checked against the figures, never used
    total_investments: {{current: TODO, prior: TODO}}
    net_assets: {{current: TODO, prior: TODO}}

changes:
  additions:
    - group: Investment income
      lines:
        - kind: net_appreciation
          label: Net appreciation in fair value of investments
          amount: TODO              # a depreciation is negative
        - kind: interest_and_dividends
          label: Interest and dividends
          amount: TODO
    - group: Contributions
      lines:
        - kind: participant_contributions
          label: Participant
          amount: TODO
        - kind: employer_contributions
          label: Employer
          amount: TODO
  deductions:
    - kind: benefits_paid
      label: Benefits paid to participants
      amount: TODO
    - kind: administrative_expenses
      label: Administrative expenses
      amount: TODO
  stated:
    net_assets_beginning: TODO
    net_assets_end: TODO

notes:
  - title: Description of the plan
    review: written by `elevenk init` as a starting point; complete it from the plan document, then delete this line
    blocks:
      - text: >-
          The following description of the {{plan.name}} (the Plan) provides only general information.
          Participants should refer to the Plan document for a more complete description of the Plan's
          provisions.
      - item: General
        text: >-
          The Plan is a defined contribution plan covering eligible employees of {{issuer.name}} (the
          Company). It is subject to the provisions of the Employee Retirement Income Security Act of 1974
          (ERISA).
      - item: Contributions
        text: TODO
      - item: Vesting
        text: TODO
  - title: Summary of significant accounting policies
    review: written by `elevenk init` as a starting point; review it, then delete this line
    blocks:
      - text: >-
          The financial statements of the Plan are prepared on the accrual basis of accounting in
          conformity with accounting principles generally accepted in the United States of America.
          Investments are reported at fair value.
  - title: Tax status
    blocks:
      - text: TODO

auditor:
  firm: TODO
  city: TODO
  state: TODO
  report:
{auditor}  consent:
    date: TODO
    form_s8_file_numbers: [TODO]    # the sponsor's Form S-8 registration statements, e.g. 333-123456

signatures:
  date: TODO
  signers:
    - name: TODO
      title: TODO                   # e.g. Chair, Retirement Plan Committee
"""

