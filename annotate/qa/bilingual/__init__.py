"""Source-aware QA checks: the Chinese source beside the English target.

Pure Python like the rest of ``annotate.qa``. Every check here is silent unless
``CheckContext.source`` is set, so monolingual documents see no change. The length-ratio check
also needs ``CheckContext.length_ratio_stats`` (from ``length_ratio_stats`` over the document's
pairs) and the missing-term check ``CheckContext.source_terms`` (the approved glossary).
"""

from .numbers import SourceNumbers
from .ratio import LengthRatio, RatioStats, length_ratio_stats
from .supersede import drop_superseded
from .terms import MissingTerm
from .text import SentenceType, SourcePairs, Untranslated
from .tokens import Placeholders, VerbatimTokens

BILINGUAL_CHECKS = (
    Untranslated(),
    Placeholders(),
    SourceNumbers(),
    VerbatimTokens(),
    MissingTerm(),
    LengthRatio(),
    SentenceType(),
    SourcePairs(),
)

__all__ = ["BILINGUAL_CHECKS", "RatioStats", "drop_superseded", "length_ratio_stats"]
