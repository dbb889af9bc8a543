"""Users, sign-up and sign-in, their declared connections to arenas, my page."""
