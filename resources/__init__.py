"""Icons, styles, the shipped model, the report template and the sample territory."""
