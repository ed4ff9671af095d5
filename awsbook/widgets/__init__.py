"""Live ipywidgets dashboards for JupyterLab (they need a running kernel).

In the HTML book these cells are tagged ``skip-execution``; the page shows a
plotly figure with native controls instead.
"""
