"""The work done for households: visits, demands followed to the end, the office's lists of categories and units."""
