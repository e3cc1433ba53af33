"""Pictures drawn on the server as SVG text: quad bar charts (story timeline, dyad), the world map
of places and the co-mention network. Pure functions of plain data; no store, no script."""
