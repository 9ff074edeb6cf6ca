"""Pure computations over tables: no I/O, no cell addresses."""
