"""Pure normalisers: Vietnamese quantities, units, periods, text and indicator names."""

from normalizers.quantities import Quantity, parse_quantities

__all__ = ["Quantity", "parse_quantities"]
