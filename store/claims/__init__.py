"""The verification desk: one claim across many articles, its figures side by side.

What it holds:

- **figures** (``figure``, ``numbers``, ``when``, ``figures``, ``lexicon``
  with its word lists in ``data/``): the numbers
  of a passage with their qualifier and what they count, as intervals
  (``lebih dari 10.000 tentara`` is more than 10,000 troops), and its dates
  resolved against the article's date (``Jumat (29/11)``, ``Juni lalu``);
  whether two passages' figures conflict, and why;
- **attribution** (``attribution``): who a passage says said it (``kata``,
  ``ujar``, ``menurut``, ``said``, ``according to``...);
- **related passages** (``terms``, ``candidates``, ``similarity``,
  ``related``): the passages of *other* articles that state the same claim,
  best first. Candidates come from a narrow :class:`~store.claims.candidates.CandidateSource`
  (a scan of the open corpus's sentences here; an index may implement it
  too), re-ranked by a similarity that masks numbers and respects what is
  counted;
- **the desk** (``desk``): related passages over one corpus, its
  candidate source chosen once;
- **claim groups** (``groups``, ``linking``): passages of several articles
  linked as one claim with one verdict, kept in ``groups/<id>.json`` with
  revisions, history and field-level conflicts; each member claim names its
  group (``Annotation.group``), so linking and splitting are ordinary,
  undoable, conflict-checked edits of the claim;
- **the board** (``board``, ``suggestions``): every claim and group of the
  corpus, and the shared sentences that are not claims yet;
- the seed gold and its evaluation (``gold_seeds.json``, ``evaluate``).

May import: ``store.query``, ``store.annotations``, ``store.news``,
``store.files``. It sits below ``store.library``, ``store.entities`` and
``store.exchange``: the corpus and the entity keys come in through the
workspace as plain functions, and the exporters can write claim groups.
"""
