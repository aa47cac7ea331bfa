"""Instructors' reports, each a query making typed rows and the columns that show them."""
