"""Which us-gaap-ebp 2025 element tags which line of the 11-K: the mapping, as data a reviewer can read.

Every element named here is in FASB's us-gaap-ebp-2025.xsd (generator/assets/xbrl/elements.tsv), every
axis and member in FASB's EBP cubes (domains.tsv), or is an extension element declared in EXTENSIONS below;
tests/test_xbrl_mapping.py proves it. A new statement line is a new row here. A line whose kind maps to no
row (or to None) is a located finding when Inline XBRL is built, unless the YAML names its element.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


def ebp(name: str) -> str:
    """An element of FASB's us-gaap-ebp 2025 taxonomy, by the name after `EmployeeBenefitPlan`."""
    return f"us-gaap-ebp:EmployeeBenefitPlan{name}"


# ---------------------------------------------------------------- statement of net assets available for benefits

NET_ASSETS = {
    "investment_line": ebp("InvestmentExcludingPlanInterestInMasterTrustFairValue"),  # a holding or a type
    "master_trust_line": ebp("InvestmentPlanInterestInMasterTrustFairValue"),  # never with a master trust axis
    "contract_line": ebp("InvestmentExcludingPlanInterestInMasterTrustContractValue"),  # a contract group's line
    "master_trust_contract_line": ebp("InvestmentPlanInterestInMasterTrustContractValue"),
    "total_fair_value_investments": ebp("InvestmentFairValue"),  # "Total investments at fair value"
    "total_investments_with_contracts": ebp("InvestmentFairAndContractValue"),  # after the contracts' group
    # before ASU 2015-12: net assets at fair value, then the adjustment to contract value (no EBP element)
    "net_assets_fair_value": "ext:NetAssetAvailableForBenefitReflectingInvestmentAtFairValue",
    "contract_adjustment": "ext:AdjustmentFromFairValueToContractValueForFullyBenefitResponsiveInvestmentContract",
    "total_investments": ebp("InvestmentFairValue"),
    "total_investments_split": ebp("InvestmentExcludingPlanInterestInMasterTrustFairValue"),  # DQC 10602
    "notes_receivable": ebp("NoteReceivableFromParticipant"),
    "cash": ebp("Cash"),
    "total_receivables": ebp("Receivable"),
    # FASB's Receivable includes notes receivable; a statement that shows them on their own line totals
    # the other receivables, which only an extension element can tag.
    "total_receivables_without_notes": "ext:ReceivableExcludingNoteReceivableFromParticipant",
    "total_assets": ebp("Asset"),
    "total_liabilities": ebp("Liability"),
    "net_assets": ebp("NetAssetAvailableForBenefit"),
}

RECEIVABLES = {  # net_assets.receivables[].kind
    "employer_contributions": ebp("EmployerContributionReceivable"),
    "participant_contributions": ebp("ParticipantContributionReceivable"),
    "accrued_income": ebp("InvestmentIncomeReceivable"),
    "other_receivable": ebp("OtherReceivable"),
}

LIABILITIES = {  # net_assets.liabilities[].kind
    "excess_contributions_refundable": ebp("ExcessContributionPayable"),
    "accrued_expenses": ebp("AccruedExpense"),
    "benefits_payable": ebp("ParticipantLiability"),
    "other_liability": ebp("OtherLiability"),
}

# Holding type -> member of us-gaap:InvestmentTypeAxis. None: no member says what the type is; the group
# names one (investments[].xbrl_member).
INVESTMENT_TYPES = {
    "mutual_fund": "us-gaap:MutualFundMember",
    "money_market_fund": "us-gaap:MoneyMarketFundsMember",
    "common_collective_trust": "us-gaap:DefinedBenefitPlanCommonCollectiveTrustMember",
    "pooled_separate_account": "us-gaap-ebp:EmployeeBenefitPlanPooledSeparateAccountMember",
    "employer_stock": "us-gaap-ebp:EmployeeBenefitPlanEmployerCommonStockMember",
    "common_stock": "us-gaap-ebp:EbpNonemployerCommonStockMember",
    "preferred_stock": "us-gaap-ebp:EbpNonemployerPreferredStockMember",
    "corporate_bond": "us-gaap:CorporateBondSecuritiesMember",
    "government_security": "us-gaap:USTreasuryAndGovernmentMember",
    "real_estate": "us-gaap:DefinedBenefitPlanRealEstateMember",
    "other": "us-gaap-ebp:EbpOtherInvestmentMember",
    "insurance_contract": None,  # a guaranteed investment contract, a synthetic one or other: say which
    "stable_value_fund": None,  # usually a common collective trust: say which
    "cash_equivalent": None,  # interest-bearing deposits, certificates of deposit, commercial paper...
    "participant_loans": "us-gaap-ebp:EbpOtherInvestmentMember",  # loans held as investments (pre-2010 layout)
    "master_trust": None,  # the Plan's interest in a master trust has elements of its own (NET_ASSETS)
}

# A group of holdings whose types map to several members takes this one (money market funds are registered
# investment companies, and a "Registered investment companies" group holds both).
GROUP_TYPES = {
    frozenset({"us-gaap:MutualFundMember", "us-gaap:MoneyMarketFundsMember"}): "us-gaap:MutualFundMember",
}

# ---------------------------------------------------------------- statement of changes in net assets

CHANGES = {  # changes.additions/deductions[].kind
    "participant_contributions": ebp("ChangeInNetAssetAvailableForBenefitIncreaseForParticipantContribution"),
    # when rollovers are a line of their own, the participant line excludes them:
    "participant_contributions_without_rollovers":
        ebp("ChangeInNetAssetAvailableForBenefitIncreaseForParticipantContributionExcludingRollover"),
    "rollover_contributions": ebp("ChangeInNetAssetAvailableForBenefitIncreaseForParticipantContributionRollover"),
    "employer_contributions": ebp("ChangeInNetAssetAvailableForBenefitIncreaseForEmployerContribution"),
    "net_appreciation": ebp("ChangeInNetAssetAvailableForBenefitIncreaseDecreaseForGainLossOnInvestment"),
    "interest_and_dividends": ebp("ChangeInNetAssetAvailableForBenefitIncreaseForInterestAndDividendIncomeOnInvestment"),
    "interest_on_notes_receivable":
        ebp("ChangeInNetAssetAvailableForBenefitIncreaseForInterestIncomeOnNoteReceivableFromParticipant"),
    "other_income": None,  # EBP's "other income" is investment income only: name the element
    "benefits_paid": ebp("ChangeInNetAssetAvailableForBenefitDecreaseForPaymentToParticipant"),
    "administrative_expenses": ebp("ChangeInNetAssetAvailableForBenefitDecreaseForAdministrativeExpense"),
    "master_trust_income": ebp("ChangeInNetAssetAvailableForBenefitIncreaseDecreaseForChangeInPlanInterestInMasterTrust"),
    "deemed_distributions": "ext:DeemedDistributionOfParticipantLoan",  # no EBP statement element
    "corrective_distributions": "ext:CorrectiveDistribution",  # EBP has it only as a Form 5500 caption
    "other_deduction": None,
}

CHANGE_TOTALS = {
    "total_additions": ebp("ChangeInNetAssetAvailableForBenefitIncrease"),
    "total_deductions": ebp("ChangeInNetAssetAvailableForBenefitDecrease"),
    "net_change_before_transfers": ebp("ChangeInNetAssetAvailableForBenefitIncreaseDecrease"),  # before transfers
    "transfers": ebp("ChangeInNetAssetAvailableForBenefitTransferToFromExternalPlan"),  # in positive, out negative
    "net_change": "ext:ChangeInNetAssetAvailableForBenefitIncreaseDecreaseIncludingTransfer",  # after transfers
    "net_assets": ebp("NetAssetAvailableForBenefit"),  # beginning and end of year
}

# ---------------------------------------------------------------- notes

# Note title -> its text block, first match wins (case-insensitive search). A note no pattern matches is
# tagged with an extension text block named from its title, and `check` says so (notes[].xbrl_element
# names a standard one instead).
NOTE_BLOCKS = [
    (r"description of (the )?plan", ebp("DescriptionOfPlanTextBlock")),
    (r"plan amendment", ebp("DescriptionOfPlanAmendmentTextBlock")),
    (r"accounting polic", ebp("SummaryOfAccountingPolicyTextBlock")),
    (r"(appreciation|depreciation) in (the )?fair value|^investments$", "ext:InvestmentGainLossTextBlock"),
    (r"fair value", ebp("InvestmentFairValueAndNavTextBlock")),
    (r"master trust", ebp("MasterTrustTextBlock")),
    (r"benefit-responsive|investment contract", ebp("FullyBenefitResponsiveInvestmentContractTextBlock")),
    (r"nonparticipant-directed|non-participant directed", ebp("NonparticipantDirectedInvestmentTextBlock")),
    (r"tax", ebp("TaxStatusTextBlock")),
    (r"related.part|party.in.interest", ebp("RelatedPartyAndPartyInInterestTransactionsTextBlock")),
    (r"plan termination", ebp("PlanTerminationTextBlock")),
    (r"risks? and uncertaint", ebp("RiskAndUncertaintyTextBlock")),
    (r"form 5500", ebp("ReconciliationToForm5500TextBlock")),
    (r"subsequent event", ebp("SubsequentEventTextBlock")),
    (r"contingenc", "us-gaap-ebp:EbpContingencyTextBlock"),
]

# ---------------------------------------------------------------- fair value hierarchy (the note's table)

FAIR_VALUE = {
    "axis": "us-gaap:FairValueByFairValueHierarchyLevelAxis",
    "1": "us-gaap:FairValueInputsLevel1Member",
    "2": "us-gaap:FairValueInputsLevel2Member",
    "3": "us-gaap:FairValueInputsLevel3Member",
    "hierarchy": "us-gaap:FairValueInputsLevel12And3Member",  # total of the hierarchy
    "nav": "us-gaap:FairValueMeasuredAtNetAssetValuePerShareMember",
    "value": ebp("InvestmentExcludingPlanInterestInMasterTrustFairValue"),
    "total": ebp("InvestmentFairValue"),
}

# ---------------------------------------------------------------- master trust (the note's tables)

# The trust's own figures and the Plan's interest in them, on FASB's master trust axis, in its master trust
# table. Never the plan-interest or excluding-plan-interest elements there (DQC 10601, 10607): the trust's
# investments are InvestmentFairValue, by type on InvestmentTypeAxis.
MASTER_TRUST = {
    "axis": ebp("NonconsolidatedMasterTrustAndPlanInterestInMasterTrustAxis"),
    "trust": ebp("NonconsolidatedMasterTrustMember"),
    "plan": ebp("NonconsolidatedPlanInterestInMasterTrustMember"),
    "table": ebp("MasterTrustTable"),
    "share": ebp("InterestInMasterTrustPercentage"),  # the Plan's percentage, quoted in the note's prose
    # table rows (model/master_trust.py ROW_KEYS) -> element; investment, other_asset, liability and income
    # rows take their line's element from the tables below
    "investment": ebp("InvestmentFairValue"),
    "investment_liability": "us-gaap-ebp:EbpInvestmentLiabilityFairValue",  # a line whose fair value is negative
    "total_fair_value": ebp("InvestmentFairValue"),
    "contract": ebp("InvestmentContractValue"),
    "total_investments": ebp("InvestmentFairAndContractValue"),
    "net_assets_fair_value": NET_ASSETS["net_assets_fair_value"],
    "adjustment": NET_ASSETS["contract_adjustment"],
    "net_assets": ebp("NetAssetAvailableForBenefit"),
    "income_total": ebp("ChangeInNetAssetAvailableForBenefitIncreaseDecreaseForIncomeLossOnInvestment"),
}

# A master trust investment line's InvestmentTypeAxis member, from its caption (first match wins, case
# ignored); a caption none of these names (a stock fund, "Short-term investments") names its member
# (master_trust.investments[].xbrl_member).
TRUST_INVESTMENTS = [
    (r"registered investment compan|mutual funds?", "us-gaap:MutualFundMember"),
    (r"money market", "us-gaap:MoneyMarketFundsMember"),
    (r"common/collective trust|common collective trust|collective (investment )?trusts?",
     "us-gaap:DefinedBenefitPlanCommonCollectiveTrustMember"),
    (r"pooled separate account", "us-gaap-ebp:EmployeeBenefitPlanPooledSeparateAccountMember"),
    (r"corporate bonds?", "us-gaap:CorporateBondSecuritiesMember"),
    (r"corporate debt", "us-gaap:CorporateDebtSecuritiesMember"),
    (r"u\.\s?s\. (government|treasury)|government securities", "us-gaap:USTreasuryAndGovernmentMember"),
    (r"real estate", "us-gaap:DefinedBenefitPlanRealEstateMember"),
    (r"derivative", "us-gaap:DerivativeMember"),
    (r"self-directed brokerage", "us-gaap-ebp:EmployeeBenefitPlanSelfDirectedBrokerageAccountMember"),
    (r"synthetic (guaranteed )?investment contracts?", "us-gaap-ebp:EmployeeBenefitPlanSyntheticInvestmentContractMember"),
    (r"guaranteed investment contracts?", "us-gaap-ebp:EmployeeBenefitPlanTraditionalGuaranteedInvestmentContractMember"),
]

# A master trust's other asset or liability, from its label (first match wins); its amount is reported
# positive, as the statement's receivables and liabilities are.
TRUST_LINES = {
    "other_assets": [
        (r"receivables? for (investments?|securities) sold|due from broker", ebp("ReceivableInvestmentSale")),
        (r"accrued (interest|dividends|income|investment income)|(interest|dividends?) receivable",
         ebp("InvestmentIncomeReceivable")),
        (r"variation margin", ebp("ReceivableDerivativeVariationMargin")),
        (r"other receivables?", ebp("OtherReceivable")),
        (r"other assets?", ebp("OtherAsset")),
    ],
    "liabilities": [
        (r"payables? for (investments?|securities) purchased|due to broker", ebp("LiabilityInvestmentPurchase")),
        (r"accrued (administrative |management |investment management )?(expenses|fees)|expenses payable|fees payable",
         ebp("AccruedExpense")),
        (r"variation margin", ebp("LiabilityDerivativeVariationMargin")),
        (r"other liabilit", ebp("OtherLiability")),
    ],
}

# A line of the trust's net investment income, from its label (first match wins). An expense (a credit element,
# as FASB's investment expense) is reported positive, the income it is netted from less by it.
TRUST_INCOME = [
    (r"appreciation|depreciation|gains?|loss", ebp("ChangeInNetAssetAvailableForBenefitIncreaseDecreaseForGainLossOnInvestment")),
    (r"interest and dividend|dividends? and interest",
     ebp("ChangeInNetAssetAvailableForBenefitIncreaseForInterestAndDividendIncomeOnInvestment")),
    (r"^dividend", ebp("ChangeInNetAssetAvailableForBenefitIncreaseForDividendIncomeOnInvestment")),
    (r"^interest", ebp("ChangeInNetAssetAvailableForBenefitIncreaseForInterestIncomeOnInvestment")),
    (r"management fees|investment (management )?(fees|expenses)|advisory fees",
     ebp("ChangeInNetAssetAvailableForBenefitDecreaseForInvestmentExpense")),
    (r"other (investment )?income", ebp("ChangeInNetAssetAvailableForBenefitIncreaseDecreaseForOtherIncomeLossOnInvestment")),
]


def first_match(table, text: str):
    """The value of the first (pattern, value) row whose pattern is found in text, case ignored; None."""
    for pattern, value in table:
        if re.search(pattern, text, re.IGNORECASE):
            return value
    return None


# ---------------------------------------------------------------- participant loans (quoted in a note's prose)

# The loans' interest rates and maturities the notes quote ({loans.rate_range}, {loans.maturity_last}): FASB's
# elements, the ends of a range on srt:RangeAxis (a single rate is the rate).
LOANS = {
    "rate": ebp("ParticipantLoanInterestRate"),
    "maturity": ebp("ParticipantLoanMaturityDate"),
    "range_axis": "srt:RangeAxis",
    "low": "srt:MinimumMember",
    "high": "srt:MaximumMember",
}


# ---------------------------------------------------------------- Schedule H, line 4i

SCHEDULE_H = {
    "axis": "us-gaap:InvestmentIdentifierAxis",  # typed: the row's issue and description
    "value": ebp("AssetHeldForInvestmentInvestmentExcludingPlanInterestInMasterTrustCurrentValue"),
    "loan_value": ebp("AssetHeldForInvestmentParticipantLoanAfterDeemedDistribution"),
    "cost": ebp("InvestmentExcludingPlanInterestInMasterTrustCost"),
    "party_in_interest": ebp("AssetHeldForInvestmentPartyInInterest"),
    "total": ebp("AssetHeldForInvestment"),
}

# ---------------------------------------------------------------- reconciliation to Form 5500 (the note's tables)

RECONCILIATION = {
    "net_assets": ebp("NetAssetAvailableForBenefit"),
    "net_assets_5500": ebp("Form5500CaptionNetAssetAvailableForBenefit"),
    "income": ebp("ChangeInNetAssetAvailableForBenefitIncreaseDecrease"),
    "income_5500": ebp("Form5500CaptionNetIncomeLoss"),
    "benefits_paid": ebp("ChangeInNetAssetAvailableForBenefitDecreaseForPaymentToParticipant"),
    "benefits_paid_5500": ebp("Form5500CaptionPaymentToParticipant"),
}
# Reconciling items whose net assets element adds to the statements' figure (FASB's weight +1): its value is the
# amount as printed; the others (weight -1) are reported as the positive amount they take away.
RECONCILING_ADDS = {"contract_value"}
# Reconciling item kind -> (net assets at a year-end, change in the year's income,
#                           benefits paid: add at the end of the year, less at its beginning)
RECONCILING = {
    "benefits_payable": (
        ebp("ReconciliationToForm5500NetAssetAvailableForBenefitAllocationToWithdrawingParticipantNotYetPaid"),
        "ext:ReconciliationToForm5500ChangeInNetAssetAvailableForBenefitIncreaseDecreaseForAllocationToWithdrawingParticipant",
        ebp("ReconciliationToForm5500PaymentToParticipantIncreaseForAllocationToWithdrawingParticipantNotYetPaid"),
        ebp("ReconciliationToForm5500PaymentToParticipantDecreaseForAllocationToWithdrawingParticipantPaid"),
    ),
    "contract_value": (  # the contracts' adjustment from contract value to fair value: added, signed
        ebp("ReconciliationToForm5500NetAssetAvailableForBenefitContractValueToCurrentValueAdjustment"),
        ebp("ReconciliationToForm5500ChangeInNetAssetAvailableForBenefitIncreaseDecreaseForContractValueToCurrentValue"),
        None, None,
    ),
    "deemed_distributions": (
        ebp("ReconciliationToForm5500NetAssetAvailableForBenefitDeemedDistribution"),
        ebp("ReconciliationToForm5500ChangeInNetAssetAvailableForBenefitIncreaseDecreaseForDeemedDistribution"),
        ebp("ReconciliationToForm5500PaymentToParticipantIncreaseForDeemedDistributionCurrentPeriod"),
        ebp("ReconciliationToForm5500PaymentToParticipantDecreaseForDeemedDistributionPriorPeriod"),
    ),
}

# ---------------------------------------------------------------- cover page (dei, in the context without dimensions)

COVER = {
    "document_type": "dei:DocumentType",
    "amendment": "dei:AmendmentFlag",
    "transition": "dei:DocumentTransitionReport",  # true, with document type 11-KT
    "period_end": "dei:DocumentPeriodEndDate",
    "registrant": "dei:EntityRegistrantName",
    "cik": "dei:EntityCentralIndexKey",
}
DEI_CONCEPTS = {  # dei 2025 (SEC): type, period, our English standard label
    "dei:DocumentType": ("dei:submissionTypeItemType", "duration", "Document Type"),
    "dei:AmendmentFlag": ("xbrli:booleanItemType", "duration", "Amendment Flag"),
    "dei:DocumentTransitionReport": ("xbrli:booleanItemType", "duration", "Document Transition Report"),
    "dei:DocumentPeriodEndDate": ("xbrli:dateItemType", "duration", "Document Period End Date"),
    "dei:EntityRegistrantName": ("xbrli:normalizedStringItemType", "duration", "Entity Registrant Name"),
    "dei:EntityCentralIndexKey": ("dei:centralIndexKeyItemType", "duration", "Entity Central Index Key"),
    "dei:LegalEntityAxis": ("xbrli:stringItemType", "duration", "Legal Entity [Axis]"),
    "dei:EntityDomain": ("dtr-types:domainItemType", "duration", "Entity [Domain]"),
}

# ---------------------------------------------------------------- extension elements (the filer's own)


@dataclass(frozen=True)
class Extension:
    """An element the filer declares where us-gaap-ebp has none: its type, period, balance and label."""

    type: str
    period: str
    balance: str
    label: str
    parent: str = ""  # the total it adds into, in the calculation trees
    weight: int = 1
    abstract: bool = False  # a heading of the presentation, never a fact


EXTENSIONS = {
    "ReceivableExcludingNoteReceivableFromParticipant": Extension(
        "xbrli:monetaryItemType", "instant", "debit", "Receivables, excluding notes receivable from participants",
        ebp("Asset")),
    "DeemedDistributionOfParticipantLoan": Extension(
        "xbrli:monetaryItemType", "duration", "credit", "Deemed distributions of participant loans",
        ebp("ChangeInNetAssetAvailableForBenefitDecrease")),
    "CorrectiveDistribution": Extension(
        "xbrli:monetaryItemType", "duration", "credit", "Corrective distributions",
        ebp("ChangeInNetAssetAvailableForBenefitDecrease")),
    "ChangeInNetAssetAvailableForBenefitIncreaseDecreaseIncludingTransfer": Extension(
        "xbrli:monetaryItemType", "duration", "debit",
        "Net increase (decrease) in net assets available for benefits, including transfers"),
    "ReconciliationToForm5500ChangeInNetAssetAvailableForBenefitIncreaseDecreaseForAllocationToWithdrawingParticipant":
        Extension("xbrli:monetaryItemType", "duration", "debit",
                  "Change in amounts allocated to withdrawing participants (reconciliation to Form 5500)",
                  ebp("Form5500CaptionNetIncomeLoss")),
    "NetAssetAvailableForBenefitReflectingInvestmentAtFairValue": Extension(
        "xbrli:monetaryItemType", "instant", "debit", "Net assets reflecting all investments at fair value",
        ebp("NetAssetAvailableForBenefit")),
    "AdjustmentFromFairValueToContractValueForFullyBenefitResponsiveInvestmentContract": Extension(
        "xbrli:monetaryItemType", "instant", "debit",
        "Adjustment from fair value to contract value for fully benefit-responsive investment contracts",
        ebp("NetAssetAvailableForBenefit")),
    # Headings of the sections that have no FASB table: the cover, and notes FASB gives no table.
    "CoverAbstract": Extension("xbrli:stringItemType", "duration", "", "Cover [Abstract]", abstract=True),
    "NotesToFinancialStatementsAbstract": Extension(
        "xbrli:stringItemType", "duration", "", "Notes to Financial Statements [Abstract]", abstract=True),
    "InvestmentGainLossTextBlock": Extension(
        "dtr-types:textBlockItemType", "duration", "", "Net Appreciation (Depreciation) in Fair Value of Investments "
        "[Text Block]"),
}
# The extension's own calculation children, beside the parent links above.
EXTENSION_CHILDREN = {
    "ext:NetAssetAvailableForBenefitReflectingInvestmentAtFairValue": [(ebp("Asset"), 1), (ebp("Liability"), -1)],
    "ext:ReceivableExcludingNoteReceivableFromParticipant": [
        (ebp("EmployerContributionReceivable"), 1), (ebp("ParticipantContributionReceivable"), 1),
        (ebp("InvestmentIncomeReceivable"), 1), (ebp("ReceivableInvestmentSale"), 1), (ebp("OtherReceivable"), 1)],
    "ext:ChangeInNetAssetAvailableForBenefitIncreaseDecreaseIncludingTransfer": [
        (ebp("ChangeInNetAssetAvailableForBenefitIncreaseDecrease"), 1),
        (ebp("ChangeInNetAssetAvailableForBenefitTransferToFromExternalPlan"), 1)],
}

# ---------------------------------------------------------------- presentation: the roles, in filing order


@dataclass(frozen=True)
class RoleSpec:
    """A section of the tagged filing: its EDGAR kind, title and FASB table (hypercube)."""

    kind: str  # Document | Statement | Disclosure | Schedule
    title: str
    table: str | None


ROLES = {
    "cover": RoleSpec("Document", "Cover", None),
    "net_assets": RoleSpec("Statement", "Statements of Net Assets Available for Benefits",
                           ebp("StatementOfNetAssetAvailableForBenefitTable")),
    "investments": RoleSpec("Statement", "Statements of Net Assets Available for Benefits (Investments)",
                            ebp("StatementOfNetAssetAvailableForBenefitTable")),
    "changes": RoleSpec("Statement", "Statement of Changes in Net Assets Available for Benefits",
                        ebp("StatementOfChangeInNetAssetAvailableForBenefitTable")),
    # notes come here, one role each (Disclosure), then their details:
    "appreciation": RoleSpec("Disclosure", "Net Appreciation (Depreciation) in Fair Value of Investments (Details)",
                             ebp("StatementOfChangeInNetAssetAvailableForBenefitTable")),
    "fair_value": RoleSpec("Disclosure", "Fair Value Measurements (Details)", ebp("InvestmentFairValueAndNavTable")),
    "reconciliation": RoleSpec("Disclosure", "Reconciliation of Financial Statements to Form 5500 (Details)",
                               ebp("ReconciliationToForm5500Table")),
    "master_trust": RoleSpec("Disclosure", "Interest in Master Trust (Details)", ebp("MasterTrustTable")),
    # FASB's master trust table has no fair value hierarchy axis and its fair value table no master trust axis
    # (whose totals DQC 10602 holds to a split the master trust axis may not carry, 10607): the trust's
    # hierarchy goes in the master trust table, with the hierarchy's axis added.
    "master_trust_fair_value": RoleSpec("Disclosure", "Master Trust Fair Value Measurements (Details)",
                                        ebp("MasterTrustTable")),
    "schedule_h": RoleSpec("Schedule", "Schedule H, Line 4i - Schedule of Assets (Held at End of Year)",
                           ebp("ScheduleOfAssetHeldForInvestmentTable")),
    "schedule_h_total": RoleSpec("Schedule", "Schedule H, Line 4i - Schedule of Assets (Held at End of Year) (Total)",
                                 ebp("ScheduleOfAssetHeldForInvestmentTable")),
}


# Sections whose facts draw no calculation tree of their own (FASB gives the master trust's tables none); the
# trees the statements draw still hold for their facts, and are checked so.
UNCALCULATED_ROLES = frozenset({"master_trust", "master_trust_fair_value"})


def note_block(title: str) -> str | None:
    """The text block element of a note, from its title; None when no pattern matches."""
    for pattern, element in NOTE_BLOCKS:
        if re.search(pattern, title, re.IGNORECASE):
            return element
    return None


def extension_name(words: str, suffix: str) -> str:
    """An extension element's name from a title: 'Plan mergers' -> 'PlanMergersTextBlock'."""
    parts = re.findall(r"[A-Za-z0-9]+", words)
    name = "".join(p[:1].upper() + p[1:] for p in parts) or "Note"
    if name[0].isdigit():
        name = "Note" + name
    return name + suffix
