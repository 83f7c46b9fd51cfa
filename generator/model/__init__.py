"""Model: every figure the filing prints, computed from a validated plan year in Decimal; notes and prose."""
