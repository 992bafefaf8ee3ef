"""The dossier window and its tabs: window.py (the window, its overview and tabs), plan_tab.py
(ondersteuningsplan), toewijzingen_tab.py (toewijzingen)."""
