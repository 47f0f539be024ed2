"""The search index: built with the C stemmer, the same words as the pure-Python one."""

from __future__ import annotations

import pytest

WORDS = (
    *("running", "connections", "easily", "generously", "lessons", "exercises"),
    *("instructors", "teaching", "solutions", "questions", "objectives", "keypoints"),
    *("fähigkeiten", "übungen", "lösungen", "leçons", "exercices", "réponses"),
)


def test_the_search_index_is_stemmed_by_the_c_stemmer(copy_root):
    """PyStemmer is a dependency: snowballstemmer hands Sphinx's indexer its
    compiled stemmer, which is six times faster than the pure-Python one."""
    import Stemmer as stemmer_module  # PyStemmer, a dependency

    app = copy_root("lesson").build()
    stemmer = app.builder.indexer.lang.stemmer
    assert isinstance(stemmer, stemmer_module.Stemmer)
    search = app.text("searchindex.js")
    assert '"regress"' in search  # "regressions", stemmed


@pytest.mark.parametrize("algorithm", ["english", "porter", "german", "french"])
def test_the_c_stemmer_gives_the_pure_python_stems(algorithm):
    """Same stems, so the index matches what the page's JavaScript stemmer looks up."""
    import snowballstemmer
    import Stemmer as stemmer_module  # PyStemmer, a dependency

    pure = {
        "english": "english_stemmer.EnglishStemmer",
        "porter": "porter_stemmer.PorterStemmer",
        "german": "german_stemmer.GermanStemmer",
        "french": "french_stemmer.FrenchStemmer",
    }[algorithm]
    module_name, class_name = pure.split(".")
    module = __import__(f"snowballstemmer.{module_name}", fromlist=[class_name])
    python_stemmer = getattr(module, class_name)()
    c_stemmer = snowballstemmer.stemmer(algorithm)
    assert isinstance(c_stemmer, stemmer_module.Stemmer)
    assert [c_stemmer.stemWord(w) for w in WORDS] == [python_stemmer.stemWord(w) for w in WORDS]
