"""Files into articles: what sorot reads, and the text units of what it read.

The readers (``.txt`` scraped news, Markdown, JSON, JSON Lines) and the
raw-news parser with its helpers (leads, dates, boilerplate, language),
loading files and folders with their problems, the article model, sentences
and words (``textunits``), search inside one article, and the boundary that
makes outside text safe for a terminal (``safetext``).

May import: ``store.files``. Nothing above it.
"""
