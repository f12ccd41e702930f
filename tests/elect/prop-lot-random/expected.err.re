^lot: "A", "B" and "C" are tied at quotient 2\.00 for 1 seat; drawn: "[ABC]", "[ABC]", "[ABC]" \(getrandom\)$
