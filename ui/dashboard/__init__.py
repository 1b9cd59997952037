"""The dashboard: charts of the breakdowns (models/figures/breakdowns.py) for the 工作台 and 统计, each bar a door."""
