"""Files into articles: what sorot reads, and the text units of what it read.

The readers (``readers``: ``.txt`` scraped news, ``markdown``, JSON and JSON
Lines with their ``fields``) and the raw-news parser (``newsparse``) with its
helpers: ``layout`` (paragraphs, headings, list items as the file lays them
out), ``headlines``, ``leads`` (header lines, outlet and dateline), ``outlets``,
``dates`` and ``dating`` (stated, estimated or ambiguous publication dates),
``boilerplate`` and ``repeated`` (boilerplate by phrase and corpus-wide;
``outlethints`` learns each outlet's repeated lines and date order from a
corpus for a second reading),
``language``; loading files and folders with their problems, the article
model, sentences and words (``textunits``), search inside one article, the
boundary that makes outside text safe for a terminal (``safetext``), and the
parser's measurement on real news (``evaluate``, ``make eval-news``).

May import: ``store.files``. Nothing above it.
"""
