"""Browser tests of what visitors do: filter the laureates, search, go from one to the next."""
