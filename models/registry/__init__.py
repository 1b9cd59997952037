"""Who lives where and who serves them: places and households kept by hand, search, linking cadres, coverage."""
