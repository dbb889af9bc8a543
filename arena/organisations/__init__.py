"""Local actors: associations, shops, housing companies, schools, public bodies."""
