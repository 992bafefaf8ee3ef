"""The Qt user interface. Widgets stay thin: they call jet_desktop.services."""
