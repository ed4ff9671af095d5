"""Sphinx extension: Korean-aware full-text search for the HTML book.

Sphinx has no Korean search language, so by default "서버를" is indexed as one
word and a search for "서버" misses it.  This module registers a search
language for ``language: ko`` that reduces each Hangul word to its stem by
stripping particles and copula endings (서버를 -> 서버, 함수는 -> 함수,
컨테이너의 -> 컨테이너) both when the index is built (Python, :func:`stem`)
and when a reader types a query (JavaScript, generated from the same
:data:`SUFFIXES`, so the two rules cannot drift apart).  Words without Hangul
(EC2, Lambda, SLA) keep Sphinx's English Porter stemmer.

Listed in ``_config.yml`` under ``sphinx.extra_extensions``.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import snowballstemmer
from sphinx import package_dir
from sphinx.search import SearchLanguage
from sphinx.search.en import english_stopwords

#: Particles (조사) and copula endings stripped from the end of a Hangul word.
#: Stacked particles (에서는, 으로도, 까지의) are removed one at a time.
SUFFIXES: tuple[str, ...] = (
    # case and topic particles
    "은", "는", "이", "가", "을", "를", "의", "에", "에서", "에게", "께서", "한테",
    "으로", "로", "으로서", "로서", "으로써", "로써", "와", "과", "이나", "이랑", "랑",
    # auxiliary particles
    "도", "만", "까지", "부터", "처럼", "보다", "마다", "조차", "밖에", "만큼",
    # copula (이다) endings
    "이다", "입니다", "이며", "이고", "이라", "이라는", "라는", "이란", "란",
    "이면", "이어야", "여야", "이었다", "였다", "이었습니다", "였습니다", "인지",
)

#: Stripping stops while the remainder would be shorter than this (in characters),
#: so that a word made only of particle syllables ("이", "에서") is kept as it is.
MIN_STEM = 1

_ORDERED = tuple(sorted(set(SUFFIXES), key=lambda s: (-len(s), s)))
_HANGUL = re.compile("[\uac00-\ud7a3]")
_porter = snowballstemmer.stemmer("porter")


def strip_particles(word: str) -> str:
    """Remove particles from the end of ``word``, longest suffix first, repeatedly.

    Only words that end in a Hangul syllable are changed; at least ``MIN_STEM``
    characters are always left.
    """
    while word and _HANGUL.match(word[-1]):
        for suffix in _ORDERED:
            if word.endswith(suffix) and len(word) - len(suffix) >= MIN_STEM:
                word = word[: -len(suffix)]
                break
        else:
            break
    return word


def stem(word: str) -> str:
    """Stem one search word: lowercase, strip Korean particles, then apply the
    English Porter stemmer if no Hangul is left (``"Lambda를"`` -> ``"lambda"``)."""
    word = strip_particles(word.lower())
    return word if _HANGUL.search(word) else _porter.stemWord(word)


def _snowball_js(name: str) -> str:
    return (Path(package_dir) / "search" / "minified-js" / name).read_text(encoding="utf-8")


# The JavaScript twin of ``stem``.  English uses the Snowball-generated Porter
# stemmer that Sphinx ships (the same algorithm as the Python ``snowballstemmer``;
# Sphinx's hand-written JS Porter differs on words such as "us" and "technology"),
# Hangul the same suffix list and loop as above.  ``searchtools.js`` lowercases
# the query term before calling ``stemWord``.
JS_STEMMER = _snowball_js("base-stemmer.js") + "\n" + _snowball_js("porter-stemmer.js") + """
var KO_SUFFIXES = %(suffixes)s;
var KO_MIN_STEM = %(min_stem)d;
var KO_HANGUL = /[\\uac00-\\ud7a3]/;

var Stemmer = function() {
  var porter = new PorterStemmer();

  this.stripParticles = function(w) {
    while (w.length > 0 && KO_HANGUL.test(w.charAt(w.length - 1))) {
      var stripped = false;
      for (var i = 0; i < KO_SUFFIXES.length; i++) {
        var s = KO_SUFFIXES[i];
        if (w.length - s.length >= KO_MIN_STEM && w.slice(-s.length) === s) {
          w = w.slice(0, w.length - s.length);
          stripped = true;
          break;
        }
      }
      if (!stripped) break;
    }
    return w;
  };

  this.stemWord = function(w) {
    w = this.stripParticles(w.toLowerCase());
    return KO_HANGUL.test(w) ? w : porter.stemWord(w);
  };
};
""" % {"suffixes": json.dumps(_ORDERED, ensure_ascii=False), "min_stem": MIN_STEM}


class SearchKorean(SearchLanguage):
    """Search language ``ko``: particle stripping for Hangul, Porter for English."""

    lang = "ko"
    language_name = "Korean"
    stopwords = english_stopwords
    js_stemmer_code = JS_STEMMER

    def stem(self, word: str) -> str:
        return stem(word)


def setup(app):
    app.add_search_language(SearchKorean)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
