"""Write synthetic plan-year YAML files of any size whose figures tie, so `elevenk check` passes.

A plan of N holdings has one money market fund, a line-up of mutual funds, the sponsor's stock, one
aggregated participant-loans row, and for the rest individual common stocks, corporate bonds and
Treasury notes (a large plan with a self-directed brokerage window or managed accounts). Every total
the YAML states is computed here from the holdings, in whole dollars with integer arithmetic.
The same seed gives the same file, byte for byte.

    python -m benchmarks.synth --holdings 20 1000 5000 20000 --out tmp/benchmark
    python -m benchmarks.synth --batch 100 --out tmp/benchmark/batch
    python -m benchmarks.synth --holdings 20 20000 --scale 1000 --out tmp/big   # nine- to thirteen-digit figures
"""

from __future__ import annotations

import argparse
import random
from dataclasses import dataclass, field, replace
from pathlib import Path

DEFAULT_OUT = Path("tmp/benchmark")
SIZES = (20, 1000, 5000, 20000)
YEAR = 2024

_PREFIXES = """Allied Apex Arbor Atlas Beacon Birch Blue Bridgewater Cardinal Cascade Cedar Centennial Coastal
Columbia Commonwealth Continental Crescent Crown Delta Eagle Eastern Emerald Empire Evergreen Falcon Frontier
Gateway Glacier Golden Granite Great Lakes Harbor Heritage Highland Horizon Ironwood Keystone Lakeshore Liberty
Lighthouse Madison Maple Meridian Midland Mission Monarch Mountain National Northern Northstar Oak Ridge Olympic
Pacific Paramount Patriot Peak Pinnacle Pioneer Prairie Providence Quantum Redwood Regal Republic Riverside
Sentinel Sierra Silver Southern Sterling Summit Sun Valley Superior Titan Trinity Union United Vanguard Victory
Western Willow Zenith""".split()
_CORES = """Aerospace Analytics Bancorp Biosciences Brands Capital Chemicals Communications Components Devices
Diagnostics Electric Energy Engineering Financial Foods Freight Gas Health Holdings Industries Instruments
Insurance Logistics Materials Media Medical Metals Micro Minerals Networks Oil Packaging Paper Pharmaceuticals
Power Railways Realty Resources Retail Robotics Semiconductor Software Steel Systems Technologies
Telecommunications Therapeutics Transport Utilities Water Wireless""".split()
_SUFFIXES = ["Inc.", "Corp.", "Co.", "Holdings, Inc.", "Group, Inc.", "Corporation", "Ltd.", "plc", "N.V.",
             "& Co.", "International, Inc.", "Partners, L.P."]
_FUND_FAMILIES = ["Fidelity", "Vanguard", "American Funds", "T. Rowe Price", "Dodge & Cox", "PIMCO", "BlackRock",
                  "JPMorgan", "MFS", "Invesco", "Franklin", "Janus Henderson", "Putnam", "Columbia", "Nuveen"]
_FUND_STYLES = ["Total Bond Index", "Growth Fund of America", "500 Index", "Mid Cap Index", "Small Cap Value",
                "International Growth", "Emerging Markets", "Balanced", "Equity Income", "High Yield",
                "Real Estate Securities", "Target Retirement 2030", "Target Retirement 2040",
                "Target Retirement 2050", "Target Retirement 2060", "Inflation-Protected Bond", "Dividend Growth",
                "Global Allocation", "Large Cap Growth", "Short-Term Bond"]
_SHARE_CLASSES = ["Institutional Shares", "Admiral Shares", "Class R6", "Class I", "Investor Class"]


@dataclass
class Row:
    """One holding: its statement group, its Schedule H columns and both year-end values."""

    group: str
    type: str
    identity: str
    description: str
    current: int
    prior: int
    cost: int | None = None
    label: str | None = None
    party_in_interest: bool = False
    loans: dict[str, str] = field(default_factory=dict)


def _company_names(rng: random.Random, n: int) -> list[str]:
    """n distinct, plausible issuer names (two-word stems once the one-word ones run out)."""
    combos = [f"{p} {c} {s}" for p in _PREFIXES for c in _CORES for s in _SUFFIXES]
    if n > len(combos):
        combos += [f"{p} {q} {c} {s}" for p in _PREFIXES[:20] for q in _PREFIXES[20:40]
                   for c in _CORES for s in _SUFFIXES[:4]]
    return rng.sample(combos, n)


def _shares_value(rng: random.Random) -> tuple[int, int]:
    """(shares, whole-dollar value) from an integer share count and a price in cents."""
    shares = rng.randint(20, 60_000)
    cents = rng.randint(350, 45_000)
    return shares, max(1, shares * cents // 100)


def _prior(rng: random.Random, current: int) -> int:
    """Last year's value: a move of -30% to +30%, or nothing when the holding is new (one in ten)."""
    return 0 if rng.randint(1, 10) == 1 else current * rng.randint(70, 130) // 100


def _split(n: int) -> dict[str, int]:
    """How many rows of each kind a plan of n holdings has (at least 8 holdings)."""
    funds = min(30, max(4, n // 40))
    rest = n - 3 - funds
    stocks = rest * 60 // 100
    bonds = rest * 28 // 100
    return {"funds": funds, "stocks": stocks, "bonds": bonds, "treasuries": rest - stocks - bonds}


def _fund_rows(rng: random.Random, count: int) -> list[Row]:
    rows = []
    shares = rng.randint(200_000, 2_000_000)
    rows.append(Row("Mutual funds", "money_market_fund", "Fidelity Government Money Market Fund",
                    f"{shares:,} shares of money market fund", shares, _prior(rng, shares), party_in_interest=True))
    names = [f"{fam} {style} Fund, {cls}" for fam in _FUND_FAMILIES for style in _FUND_STYLES
             for cls in _SHARE_CLASSES]
    for name in rng.sample(names, count):
        units, value = _shares_value(rng)
        rows.append(Row("Mutual funds", "mutual_fund", name, f"{units:,} shares of registered investment company",
                        value * 10, _prior(rng, value * 10), party_in_interest=name.startswith("Fidelity")))
    return rows


def _security_rows(rng: random.Random, split: dict[str, int]) -> list[Row]:
    names = _company_names(rng, split["stocks"] + split["bonds"])
    rows = []
    for name in names[: split["stocks"]]:
        shares, value = _shares_value(rng)
        cost = value * rng.randint(60, 125) // 100
        rows.append(Row("Common stocks", "common_stock", name, f"Common stock, {shares:,} shares",
                        value, _prior(rng, value), cost=cost))
    for name in names[split["stocks"]:]:
        par = rng.randint(10, 500) * 1000
        rate = f"{rng.randint(1, 8)}.{rng.choice(['000', '125', '250', '375', '500', '625', '750', '875'])}%"
        due = f"{rng.randint(1, 12):02}/{rng.randint(1, 28):02}/{rng.randint(YEAR + 1, YEAR + 30)}"
        value = par * rng.randint(82, 108) // 100
        rows.append(Row("Corporate bonds", "corporate_bond", name,
                        f"Senior unsecured notes, {rate}, due {due}, par value ${par:,}",
                        value, _prior(rng, value), cost=par * rng.randint(95, 102) // 100))
    for _ in range(split["treasuries"]):
        par = rng.randint(25, 2000) * 1000
        rate = f"{rng.randint(0, 5)}.{rng.choice(['125', '250', '375', '500', '625', '750', '875'])}%"
        due = f"{rng.choice(['02', '05', '08', '11'])}/15/{rng.randint(YEAR + 1, YEAR + 30)}"
        value = par * rng.randint(85, 104) // 100
        rows.append(Row("U.S. government securities", "government_security", "United States Treasury",
                        f"U.S. Treasury Note, {rate}, due {due}, par value ${par:,}",
                        value, _prior(rng, value), cost=par * rng.randint(96, 101) // 100))
    return rows


def _sponsor_rows(rng: random.Random, sponsor: str) -> list[Row]:
    shares, value = _shares_value(rng)
    loans = rng.randint(40, 900)
    balance = loans * rng.randint(3_000, 12_000)
    return [
        Row("Employer stock", "employer_stock", sponsor, f"Common stock, {shares * 10:,} shares",
            value * 10, _prior(rng, value * 10), cost=value * 8, label=f"{sponsor} common stock",
            party_in_interest=True),
        Row("Participant loans", "participant_loans", "Participant loans",
            f"Interest rates from 4.25% to 9.50%, maturing through {YEAR + 15}", balance,
            _prior(rng, balance), cost=None, label="Participant loans", party_in_interest=True,
            loans={"count": str(loans), "rate_low": "4.25%", "rate_high": "9.50%",
                   "maturity_first": f"{YEAR + 1}-01-15", "maturity_last": f"{YEAR + 15}-12-31"}),
    ]


def holdings(n: int, seed: int, sponsor: str) -> list[Row]:
    """The n holdings of a synthetic plan, grouped for the statement of net assets."""
    if n < 8:
        raise ValueError("a synthetic plan needs at least 8 holdings")
    rng = random.Random(seed)
    split = _split(n)
    rows = _fund_rows(rng, split["funds"]) + _sponsor_rows(rng, sponsor) + _security_rows(rng, split)
    order = ["Mutual funds", "Employer stock", "Common stocks", "Corporate bonds", "U.S. government securities",
             "Participant loans"]
    return sorted(rows, key=lambda r: order.index(r.group))


BY_TYPE_FROM = 100  # from this many holdings the statement shows one line per type, as large plans' do


def _schema_has_presentation() -> bool:
    """Whether this version's schema has net_assets.presentation (itemized or by_type)."""
    from generator.load.schema import NetAssets

    return "presentation" in NetAssets.model_fields


def _q(text: str) -> str:
    """A double-quoted YAML scalar (the generated text holds no quote or backslash)."""
    assert '"' not in text and "\\" not in text
    return f'"{text}"'


def _holding_yaml(r: Row) -> list[str]:
    out = [f"      - identity: {_q(r.identity)}"]
    if r.label:
        out.append(f"        label: {_q(r.label)}")
    out.append(f"        type: {r.type}")
    if r.party_in_interest:
        out.append("        party_in_interest: true")
    out.append(f"        description: {_q(r.description)}")
    if r.cost is not None:
        out.append(f"        cost: {r.cost}")
    out.append(f"        current: {r.current}")
    out.append(f"        prior: {r.prior}")
    if r.loans:
        out.append("        loans:")
        out += [f"          {k}: {v}" for k, v in r.loans.items()]
    return out


def _investments_yaml(rows: list[Row]) -> list[str]:
    out = ["investments:"]
    group = None
    for r in rows:
        if r.group != group:
            group = r.group
            out += [f"  - caption: {_q(group)}", "    holdings:"]
        out += _holding_yaml(r)
    return out


def _figures(rows: list[Row], rng: random.Random) -> dict[str, int]:
    """Every stated total; net appreciation is what makes beginning + change = end."""
    f = {"inv_cur": sum(r.current for r in rows), "inv_pri": sum(r.prior for r in rows)}
    scale = max(1, f["inv_cur"] // 1000)
    f.update(cash_cur=rng.randint(1, 9) * scale // 10, cash_pri=rng.randint(1, 9) * scale // 10,
             pc_cur=rng.randint(5, 20) * scale // 10, pc_pri=rng.randint(5, 20) * scale // 10,
             ec_cur=rng.randint(2, 10) * scale // 10, ec_pri=rng.randint(2, 10) * scale // 10,
             ex_cur=rng.randint(1, 5) * scale // 10, ex_pri=rng.randint(0, 5) * scale // 10)
    for y in ("cur", "pri"):
        f[f"rec_{y}"] = f[f"pc_{y}"] + f[f"ec_{y}"]
        f[f"assets_{y}"] = f[f"inv_{y}"] + f[f"rec_{y}"] + f[f"cash_{y}"]
        f[f"na_{y}"] = f[f"assets_{y}"] - f[f"ex_{y}"]
    f.update(participant=rng.randint(40, 90) * scale, employer=rng.randint(20, 50) * scale,
             rollover=rng.randint(1, 15) * scale, interest=rng.randint(10, 30) * scale,
             benefits=rng.randint(50, 120) * scale, admin=rng.randint(1, 4) * scale // 2)
    f["net_change"] = f["na_cur"] - f["na_pri"]
    f["deductions"] = f["benefits"] + f["admin"]
    f["additions"] = f["net_change"] + f["deductions"]
    f["appreciation"] = f["additions"] - f["participant"] - f["employer"] - f["rollover"] - f["interest"]
    return f


def _breakdown(rows: list[Row], total: int) -> list[tuple[str, int]]:
    """Net appreciation by type: shares in proportion to each group's value, the last takes the rest."""
    groups = [g for g in dict.fromkeys(r.group for r in rows) if g != "Participant loans"]
    values = {g: sum(r.current for r in rows if r.group == g) for g in groups}
    whole = sum(values.values()) or 1
    parts = [(g, total * values[g] // whole) for g in groups[:-1]]
    return parts + [(groups[-1], total - sum(p for _, p in parts))]


def _scaled(rows: list[Row], scale: int) -> list[Row]:
    return [replace(r, current=r.current * scale, prior=r.prior * scale,
                    cost=None if r.cost is None else r.cost * scale) for r in rows]


def _largest_table(rows: list[Row]) -> str:
    """A static note table (typed, as a preparer would) of the five largest holdings: wide figures in text cells."""
    largest = sorted(rows, key=lambda r: (-r.current, r.identity))[:5]
    lines = [f"            - [{_q(r.identity)}, {_q(f'{r.current:,}')}, {_q(f'{r.prior:,}')}]" for r in largest]
    return "\n".join(lines)


def plan_yaml(n: int, seed: int = 1, name: str | None = None, scale: int = 1) -> str:
    """The YAML text of a synthetic plan year with n holdings, every figure times scale (1000 makes a large
    plan's figures nine digits and more); the same (n, seed, name, scale) gives the same text."""
    rng = random.Random(seed * 1_000_003 + n)
    sponsor = name or f"{rng.choice(_PREFIXES)} {rng.choice(_CORES)}, Inc."
    rows = _scaled(holdings(n, seed, sponsor), scale)
    f = _figures(rows, rng)
    plan_number = f"{rng.randint(1, 3):03}"
    ein = f"{rng.randint(10, 99)}-{rng.randint(1_000_000, 9_999_999)}"
    presentation = "  presentation: by_type\n" if n >= BY_TYPE_FROM and _schema_has_presentation() else ""
    breakdown = "\n".join(f"            - {{type: {_q(g)}, amount: {a}}}" for g, a in _breakdown(rows, f["appreciation"]))
    text = f"""# Synthetic plan year: {n:,} holdings, seed {seed}. Generated by benchmarks/synth.py; do not edit.
schema_version: 1

filing:
  report: annual
  fiscal_year_end: {YEAR}-12-31
  commission_file_numbers: [001-{rng.randint(10000, 39999)}]

plan:
  name: {_q(sponsor + " Retirement Savings Plan")}
  ein: {ein}
  number: "{plan_number}"
  cik: "{seed * 100_003 + n:010d}"
  erisa: true

issuer:
  name: {_q(sponsor)}
  address:
    - {_q(f"{rng.randint(100, 9999)} {rng.choice(_PREFIXES)} Avenue")}
    - "Columbus, OH 43215"

{chr(10).join(_investments_yaml(rows))}

net_assets:
{presentation}  cash:
    label: Cash
    current: {f["cash_cur"]}
    prior: {f["cash_pri"]}
  receivables:
    - label: Participant contributions
      kind: participant_contributions
      current: {f["pc_cur"]}
      prior: {f["pc_pri"]}
    - label: Employer contributions
      kind: employer_contributions
      current: {f["ec_cur"]}
      prior: {f["ec_pri"]}
  liabilities:
    - label: Excess contributions refundable
      kind: excess_contributions_refundable
      current: {f["ex_cur"]}
      prior: {f["ex_pri"]}
  stated:
    total_investments: {{current: {f["inv_cur"]}, prior: {f["inv_pri"]}}}
    total_receivables: {{current: {f["rec_cur"]}, prior: {f["rec_pri"]}}}
    total_assets: {{current: {f["assets_cur"]}, prior: {f["assets_pri"]}}}
    total_liabilities: {{current: {f["ex_cur"]}, prior: {f["ex_pri"]}}}
    net_assets: {{current: {f["na_cur"]}, prior: {f["na_pri"]}}}

changes:
  additions:
    - group: Investment income (loss)
      lines:
        - kind: net_appreciation
          by_type:
{breakdown}
        - kind: interest_and_dividends
          amount: {f["interest"]}
    - group: Contributions
      lines:
        - kind: participant_contributions
          amount: {f["participant"]}
        - kind: employer_contributions
          amount: {f["employer"]}
        - kind: rollover_contributions
          amount: {f["rollover"]}
  deductions:
    - kind: benefits_paid
      amount: {f["benefits"]}
    - kind: administrative_expenses
      amount: {f["admin"]}
  stated:
    total_additions: {f["additions"]}
    total_deductions: {f["deductions"]}
    net_change: {f["net_change"]}
    net_assets_beginning: {f["na_pri"]}
    net_assets_end: {f["na_cur"]}

notes:
  - title: Description of the plan
    blocks:
      - text: >-
          The following description of the {{plan.name}} (the Plan) provides only general information.
          Participants should refer to the Plan document for a more complete description of the Plan's
          provisions.
      - item: General
        text: >-
          The Plan is a defined contribution plan covering substantially all employees of
          {{issuer.name}} (the Company). It is subject to the provisions of the Employee Retirement Income
          Security Act of 1974 (ERISA).
      - item: Investment options
        text: >-
          Participants direct their accounts among {{count.mutual_funds}} mutual funds and the Company's
          common stock; a self-directed brokerage window holds individual stocks and bonds. At
          {{fiscal_year_end}} the Plan held {{count.holdings}} investments.
      - item: Vesting
        text: Participants are vested in employer contributions as follows.
      - table:
          columns: [Years of service, Vested percentage]
          rows:
            - [Less than two, 0%]
            - [Two, 20%]
            - [Three, 60%]
            - [Four or more, 100%]
      - item: Notes receivable from participants
        text: >-
          At {{fiscal_year_end}}, {{loans.count}} loans were outstanding, bearing interest at
          {{loans.rate_range}}.
  - title: Summary of significant accounting policies
    blocks:
      - text: >-
          The financial statements are prepared on the accrual basis of accounting in conformity with
          accounting principles generally accepted in the United States of America. Investments are
          reported at fair value.
  - title: Net {{net_appreciation:word}} in fair value of investments
    blocks:
      - text: "Net appreciation (depreciation) in fair value of investments for {{year}}, by type:"
      - breakdown: net_appreciation
  - title: Concentrations
    blocks:
      - text: "The Plan's five largest investments at the end of {{year}} and {{prior_year}}:"
      - table:
          columns: [Investment, "December 31, {YEAR}", "December 31, {YEAR - 1}"]
          rows:
{_largest_table(rows)}
  - title: Tax status
    blocks:
      - text: >-
          The Internal Revenue Service has determined that the Plan is qualified and the related trust is
          tax-exempt under the applicable sections of the Internal Revenue Code.

schedule_h:
  number: "1"
  cost_column: shown

auditor:
  firm: {_q(f"{rng.choice(_PREFIXES)} & {rng.choice(_PREFIXES)} LLP")}
  city: Columbus
  state: Ohio
  report:
    style: pcaob
    addressee: Plan Administrator and Plan Participants
    date: {YEAR + 1}-06-{rng.randint(10, 20)}
    periods: both
    auditor_since: {rng.randint(2005, 2020)}
  consent:
    date: {YEAR + 1}-06-25
    form_s8_file_numbers: [333-{rng.randint(100000, 299999)}]

signatures:
  date: {YEAR + 1}-06-26
  signers:
    - name: {_q(f"{rng.choice(['Jordan', 'Avery', 'Morgan', 'Casey', 'Riley'])} {rng.choice(_PREFIXES)}")}
      title: Chair, Retirement Plan Committee
"""
    return text


def write_plan(out: Path, n: int, seed: int = 1, name: str | None = None, plan_dir: str | None = None,
               scale: int = 1) -> Path:
    """Write <out>/<plan_dir or synth-N>/<YEAR>.yaml and return its path."""
    path = out / (plan_dir or f"synth-{n}") / f"{YEAR}.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    ignore_everything(out)
    path.write_text(plan_yaml(n, seed, name, scale), encoding="ascii")
    return path


def ignore_everything(folder: Path) -> None:
    """Generated plans never belong in git: the folder ignores itself, as pytest's cache does."""
    folder.mkdir(parents=True, exist_ok=True)
    marker = folder / ".gitignore"
    if not marker.exists():
        marker.write_text("# generated by benchmarks/synth.py\n*\n")


def write_batch(out: Path, plans: int, holdings_each: int = 20, seed: int = 1) -> list[Path]:
    """plans standard-size plans, each in its own folder: <out>/plan-001/<YEAR>.yaml, ..."""
    width = max(3, len(str(plans)))
    return [write_plan(out, holdings_each, seed + i, plan_dir=f"plan-{i + 1:0{width}}") for i in range(plans)]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--holdings", type=int, nargs="*", default=list(SIZES), help="plan sizes to write")
    parser.add_argument("--batch", type=int, default=0, help="also write this many standard plans")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--scale", type=int, default=1, help="multiply every figure (1000: nine-digit figures)")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    for n in ([] if args.batch and args.holdings == list(SIZES) else args.holdings):
        print(write_plan(args.out, n, args.seed, scale=args.scale))
    if args.batch:
        paths = write_batch(args.out, args.batch, seed=args.seed)
        print(f"{len(paths)} plans under {args.out}")


if __name__ == "__main__":
    main()
