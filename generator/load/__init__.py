"""Load: a plan-year YAML file read with the place of every value, checked against the schema."""
