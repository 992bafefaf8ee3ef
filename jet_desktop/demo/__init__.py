"""Realistic, reproducible demo data (Faker nl_NL), bulk-inserted."""
