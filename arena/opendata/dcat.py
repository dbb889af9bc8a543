"""The DCAT-AP-SE catalogue of the open data, as an RDF graph (rdflib), for
dataportal.se to harvest: one dcat:Dataset per arena and one for the whole city, each
covering all its years, with one set of distributions (CSV, XLSX, JSON, zip) per year
and the public API as a data service."""

from __future__ import annotations

from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF, XSD

from arena.core.urls import base_url, external_url
from arena.opendata.licences import contact_email, current_licence, publisher_name
from arena.opendata.overview import Entry
from arena.opendata.tables import PUBLIC_TABLES

VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
EU = "http://publications.europa.eu/resource/authority/"
THEMES = ("ENVI", "GOVE")
FREQUENCY = URIRef(EU + "frequency/CONT")  # made from the live data on every request
LANGUAGES = (URIRef(EU + "language/SWE"), URIRef(EU + "language/ENG"))
STOCKHOLM = URIRef("http://sws.geonames.org/2673730/")
LOCAL_AUTHORITY = URIRef("http://purl.org/adms/publishertype/LocalAuthority")
IANA = "https://www.iana.org/assignments/media-types/"
# The read-only public API is built alongside; these paths are wired at merge.
KEYWORDS = {
    "sv": ("klimat", "omställning", "medborgardialog", "förslag", "åtaganden"),
    "en": ("climate", "transition", "participation", "proposals", "commitments"),
}
FORMATS = {  # distribution: (file-type code, IANA media type, title)
    "csv": ("CSV", "text/csv", "CSV"),
    "xlsx": ("XLSX", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "XLSX"),
    "json": ("JSON", "application/json", "JSON"),
    "zip": ("ZIP", "application/zip", "ZIP (CSV, XLSX, JSON, README, datapackage.json)"),
}
NAMESPACES = {"dcat": DCAT, "dct": DCTERMS, "foaf": FOAF, "vcard": VCARD, "xsd": XSD}


def _texts(graph, node, predicate, sv: str, en: str) -> None:
    graph.add((node, predicate, Literal(sv, lang="sv")))
    graph.add((node, predicate, Literal(en, lang="en")))


def _publisher(graph) -> URIRef:
    node = URIRef(base_url() + "/#publisher")
    graph.add((node, RDF.type, FOAF.Agent))
    graph.add((node, FOAF.name, Literal(publisher_name())))
    graph.add((node, DCTERMS.type, LOCAL_AUTHORITY))
    return node


def _contact(graph) -> BNode:
    node = BNode("contact")
    graph.add((node, RDF.type, VCARD.Organization))
    graph.add((node, VCARD.fn, Literal(publisher_name())))
    graph.add((node, VCARD.hasEmail, URIRef(f"mailto:{contact_email()}")))
    return node


def _distribution(graph, ctx, node, kind: str, access: str, downloads: list[str], title):
    code, media, format_title = FORMATS[kind]
    graph.add((node, RDF.type, DCAT.Distribution))
    _texts(graph, node, DCTERMS.title, f"{title[0]}: {format_title}", f"{title[1]}: {format_title}")
    graph.add((node, DCAT.accessURL, URIRef(access)))
    for url in downloads:
        graph.add((node, DCAT.downloadURL, URIRef(url)))
    graph.add((node, DCTERMS.format, URIRef(EU + "file-type/" + code)))
    graph.add((node, DCAT.mediaType, URIRef(IANA + media)))
    graph.add((node, DCTERMS.license, ctx["licence"]))
    graph.add((ctx["dataset"], DCAT.distribution, node))


def _year_distributions(graph, ctx, slug: str, year) -> None:
    page = external_url("opendata.year", slug=slug, year=year.year)
    title = (f"{ctx['name'][0]} {year.year}", f"{ctx['name'][1]} {year.year}")
    csvs = [
        external_url("opendata.table_csv", slug=slug, year=year.year, table=t.name)
        for t in PUBLIC_TABLES
    ]
    files = {
        "csv": csvs,
        "xlsx": [external_url("opendata.workbook", slug=slug, year=year.year)],
        "json": [external_url("opendata.data_json", slug=slug, year=year.year)],
        "zip": [external_url("opendata.bundle", slug=slug, year=year.year)],
    }
    for kind, downloads in files.items():
        node = URIRef(f"{page}#{kind}")
        _distribution(graph, ctx, node, kind, page, downloads, title)
        graph.add((node, DCTERMS.modified, _moment(year.modified)))


def _api_distribution(graph, ctx, slug: str) -> None:
    """The public API (arena.api), as a distribution served by a data service."""
    endpoint = external_url("api.index")
    service = URIRef(endpoint + "#service")
    graph.add((service, RDF.type, DCAT.DataService))
    _texts(graph, service, DCTERMS.title, "Öppet API (endast läsning)", "Public read-only API")
    graph.add((service, DCAT.endpointURL, URIRef(endpoint)))
    graph.add((service, DCAT.endpointDescription, URIRef(external_url("api.openapi_document"))))
    graph.add((service, DCTERMS.license, ctx["licence"]))
    graph.add((service, DCAT.servesDataset, ctx["dataset"]))
    node = URIRef(f"{endpoint}#{slug}")
    graph.add((node, RDF.type, DCAT.Distribution))
    _texts(graph, node, DCTERMS.title, f"{ctx['name'][0]}: API", f"{ctx['name'][1]}: API")
    graph.add((node, DCAT.accessURL, URIRef(endpoint)))
    graph.add((node, DCAT.accessService, service))
    graph.add((node, DCAT.mediaType, URIRef(IANA + "application/json")))
    graph.add((node, DCTERMS.format, URIRef(EU + "file-type/JSON")))
    graph.add((node, DCTERMS.license, ctx["licence"]))
    graph.add((ctx["dataset"], DCAT.distribution, node))


def _names(entry: Entry) -> tuple[str, str]:
    if entry.dataset.arena is None:
        return "Lokala omställningsarenor: hela staden", "Local transition arenas: the whole city"
    name = entry.dataset.arena.name
    return f"Lokal omställningsarena {name}", f"Local transition arena {name}"


def _descriptions(entry: Entry) -> tuple[str, str]:
    where_sv = "alla arenor i staden" if entry.dataset.arena is None else "arenan"
    where_en = "every arena in the city" if entry.dataset.arena is None else "the arena"
    return (
        f"Förslag, stöd, workshoppar, åtaganden, avstämningar och utvärderingar från {where_sv}, "
        "ett år i taget. Antal stöd publiceras när röstningen stängt; inga personuppgifter "
        "utöver offentliga namn.",
        f"Proposals, supports, workshops, commitments, check-ins and reviews from {where_en}, "
        "one year at a time. Support counts are published once voting closes; no personal "
        "data beyond public names.",
    )


def _moment(value) -> Literal:
    return Literal(value.isoformat(), datatype=XSD.dateTime)


def _date(value) -> Literal:
    return Literal(value.isoformat(), datatype=XSD.date)


def _dataset(graph, catalog, publisher, contact, licence, entry: Entry) -> None:
    dataset_ = entry.dataset
    node = URIRef(external_url("opendata.dataset", slug=dataset_.slug))
    ctx = {"dataset": node, "licence": licence, "name": _names(entry)}
    graph.add((catalog, DCAT.dataset, node))
    graph.add((node, RDF.type, DCAT.Dataset))
    _texts(graph, node, DCTERMS.title, *ctx["name"])
    _texts(graph, node, DCTERMS.description, *_descriptions(entry))
    graph.add((node, DCTERMS.identifier, Literal(str(node))))
    graph.add((node, DCTERMS.publisher, publisher))
    graph.add((node, DCAT.contactPoint, contact))
    graph.add((node, DCAT.landingPage, node))
    for theme in THEMES:
        graph.add((node, DCAT.theme, URIRef(EU + "data-theme/" + theme)))
    for language, words in KEYWORDS.items():
        for word in words:
            graph.add((node, DCAT.keyword, Literal(word, lang=language)))
    if dataset_.arena is not None:
        graph.add((node, DCAT.keyword, Literal(dataset_.arena.name, lang="sv")))
    period = BNode(f"period-{dataset_.slug}")
    graph.add((period, RDF.type, DCTERMS.PeriodOfTime))
    graph.add((period, DCAT.startDate, _date(dataset_.first_day)))
    graph.add((period, DCAT.endDate, _date(dataset_.last_day)))
    graph.add((node, DCTERMS.temporal, period))
    graph.add((node, DCTERMS.accrualPeriodicity, FREQUENCY))
    graph.add((node, DCTERMS.spatial, STOCKHOLM))
    graph.add((node, DCTERMS.issued, _date(dataset_.first_day)))
    graph.add((node, DCTERMS.modified, _moment(entry.modified)))
    for language in LANGUAGES:
        graph.add((node, DCTERMS.language, language))
    for year in entry.years:
        _year_distributions(graph, ctx, dataset_.slug, year)
    _api_distribution(graph, ctx, dataset_.slug)


def build_catalog(entries: list[Entry]) -> Graph:
    graph = Graph()
    for prefix, namespace in NAMESPACES.items():
        graph.bind(prefix, namespace)
    catalog = URIRef(external_url("opendata.catalog"))
    licence = URIRef(current_licence().url)
    publisher = _publisher(graph)
    contact = _contact(graph)
    graph.add((catalog, RDF.type, DCAT.Catalog))
    _texts(
        graph,
        catalog,
        DCTERMS.title,
        f"Öppna data från {publisher_name()}: lokala omställningsarenor",
        f"Open data from {publisher_name()}: local transition arenas",
    )
    _texts(
        graph,
        catalog,
        DCTERMS.description,
        "Öppna data från plattformen för stadens lokala omställningsarenor: en datamängd "
        "per arena och en för hela staden.",
        "Open data from the platform for the city's local transition arenas: one dataset "
        "per arena and one for the whole city.",
    )
    graph.add((catalog, DCTERMS.publisher, publisher))
    graph.add((catalog, DCTERMS.license, licence))
    graph.add((catalog, FOAF.homepage, URIRef(external_url("opendata.index"))))
    for language in LANGUAGES:
        graph.add((catalog, DCTERMS.language, language))
    if entries:
        modified = max(e.modified for e in entries)
        graph.add((catalog, DCTERMS.modified, _moment(modified)))
    for entry in entries:
        _dataset(graph, catalog, publisher, contact, licence, entry)
    return graph


def serialise(graph: Graph, kind: str) -> str:
    """Turtle ("ttl") or JSON-LD ("jsonld") with the usual prefixes as its context."""
    if kind == "ttl":
        return graph.serialize(format="turtle")
    context = {prefix: str(namespace) for prefix, namespace in NAMESPACES.items()}
    return graph.serialize(format="json-ld", context=context, auto_compact=True, indent=2)
