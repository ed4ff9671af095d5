"""Plotly figure builders.  Each one takes plain parameters, calls the models and
returns a ``plotly.graph_objects.Figure`` whose controls work without a kernel."""
