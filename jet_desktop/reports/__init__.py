"""Reports: tabulation (pandas), PDF (reportlab platypus) and XLSX (openpyxl), callable headless.

Computations aggregate in SQL through the storage tables; the modules here shape the result
and write it. The UI and `jet_desktop.commands` call them.
"""
