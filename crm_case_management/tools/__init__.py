"""Plain functions with no ORM dependency, tested on their own."""
