enum Term {}
