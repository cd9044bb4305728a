"""DOIs as the bare name (`10.1176/appi.ps.201100125`), however a .bib wrote them.

A `doi` field often holds a resolver URL (`https://doi.org/10...`, `http://dx.doi.org/10...`)
or a `doi:` prefix; code that builds a link from it would then open
"https://doi.org/https://doi.org/...". Only those known wrappings are removed: a value that is
not a DOI underneath (a link to some other site) is kept as written.
"""

from __future__ import annotations

import re

#: One wrapping around a DOI: a resolver URL, `doi:` or `info:doi/`.
_WRAPPING = re.compile(
    r"(?:https?://)?(?:www\.|dx\.)?doi\.org/|doi:\s*|info:doi/|doi\s+",
    re.IGNORECASE,
)
#: What a DOI starts with once unwrapped: the directory indicator and a registrant code.
_BARE = re.compile(r"10\.\d{4,9}/\S")


def normalise_doi(raw: str) -> str:
    """The bare DOI of `raw`, or `raw` unchanged when it is not a wrapped DOI."""
    if raw.startswith("10.") or not raw:
        return raw
    bare = raw.strip()
    while (found := _WRAPPING.match(bare)) is not None:
        bare = bare[found.end() :].strip()
    return bare if _BARE.match(bare) else raw
