"""The name model's lexicon (recognizers/data/lexicon.tsv: word TAB comma-separated features), read
where the recognizers and the transform need to know whether a word is a name or a common word.
`redactor.training.lexicon` builds the file."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from pathlib import Path

from recognizers.fold import fold_text

LEXICON_PATH = Path(str(resources.files("recognizers").joinpath("data", "lexicon.tsv")))


def load_lexicon(path: str | Path) -> dict[str, set[str]]:
    table: dict[str, set[str]] = {}
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("#") or not line.strip():
                continue
            word, _, feats = line.rstrip("\n").partition("\t")
            table[word] = set(feats.split(","))
    return table


@lru_cache(maxsize=1)
def shipped_lexicon() -> dict[str, set[str]]:
    """The shipped lexicon, read once; empty when the file is not there. The recognizers read the
    folded view of a text (`recognizers.fold`: "Jürgen" as "Jurgen", "Bećirović" as "Becirovic"),
    so each word with a diacritic is there in its folded form too, where no word has that form."""
    table = load_lexicon(LEXICON_PATH) if LEXICON_PATH.is_file() else {}
    for word, features in list(table.items()):
        folded = fold_text(word)
        if folded not in table:
            table[folded] = features
    return table
