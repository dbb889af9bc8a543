"""The DCAT-AP-SE catalogue: RDF that parses in both serialisations, every dataset
described as dataportal.se requires, and every file distribution answering."""

import json
import warnings
from urllib.parse import urlsplit

import pytest
from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF

from tests.exports.builders import build_year
from tests.opendata.helpers import unzip, year_url

VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")


def parse(data: bytes, rdf_format: str) -> Graph:
    """The triples in `data`. rdflib 7.6's own JSON-LD parser builds the ConjunctiveGraph
    it deprecates; only that warning of its own is let through."""
    with warnings.catch_warnings():
        warnings.filterwarnings(
            "ignore", "ConjunctiveGraph is deprecated", category=DeprecationWarning
        )
        return Graph().parse(data=data, format=rdf_format)


def _graph(client, path, rdf_format):
    response = client.get(path)
    assert response.status_code == 200
    return parse(response.data, rdf_format), response


@pytest.fixture
def year(make):
    return build_year(make)


@pytest.mark.parametrize(
    "path, rdf_format, media",
    [
        ("/open-data/catalog.ttl", "turtle", "text/turtle"),
        ("/open-data/catalog.jsonld", "json-ld", "application/ld+json"),
        ("/open-data/catalog", "json-ld", "application/ld+json"),
    ],
)
def test_catalogue_parses_as_rdf(year, client_for, path, rdf_format, media):
    graph, response = _graph(client_for(), path, rdf_format)
    assert response.mimetype == media
    catalogs = list(graph.subjects(RDF.type, DCAT.Catalog))
    assert len(catalogs) == 1
    titles = {t.language for t in graph.objects(catalogs[0], DCTERMS.title)}
    assert titles == {"sv", "en"}
    assert len(list(graph.subjects(RDF.type, DCAT.Dataset))) == 2  # the arena and the city


def test_turtle_by_content_negotiation(year, client_for):
    response = client_for().get("/open-data/catalog", headers={"Accept": "text/turtle"})
    assert response.mimetype == "text/turtle" and "Accept" in response.headers["Vary"]
    assert len(parse(response.data, "turtle")) > 50


def _local(url: str) -> str:
    parts = urlsplit(str(url))
    return parts.path + (f"?{parts.query}" if parts.query else "")


def test_every_dataset_is_complete_and_its_files_answer(year, client_for, app):
    client = client_for()
    graph, _ = _graph(client, "/open-data/catalog.ttl", "turtle")
    licence = URIRef("https://creativecommons.org/publicdomain/zero/1.0/")
    for dataset in graph.subjects(RDF.type, DCAT.Dataset):
        assert {t.language for t in graph.objects(dataset, DCTERMS.title)} == {"sv", "en"}
        assert {t.language for t in graph.objects(dataset, DCTERMS.description)} == {"sv", "en"}
        publisher = graph.value(dataset, DCTERMS.publisher)
        assert str(graph.value(publisher, FOAF.name)) == app.config["ORGANISATION_NAME"]
        contact = graph.value(dataset, DCAT.contactPoint)
        assert str(graph.value(contact, VCARD.hasEmail)).startswith("mailto:")
        assert graph.value(graph.value(dataset, DCTERMS.temporal), DCAT.startDate) is not None
        assert client.get(_local(graph.value(dataset, DCAT.landingPage))).status_code == 200
        distributions = list(graph.objects(dataset, DCAT.distribution))
        formats = {str(graph.value(d, DCTERMS.format)).rsplit("/", 1)[1] for d in distributions}
        assert formats == {"CSV", "XLSX", "JSON", "ZIP"}
        for distribution in distributions:
            assert graph.value(distribution, DCTERMS.license) == licence
            access = str(graph.value(distribution, DCAT.accessURL))
            assert access.startswith(app.config["BASE_URL"])
            if graph.value(distribution, DCAT.accessService) is not None:
                service = graph.value(distribution, DCAT.accessService)
                description = str(graph.value(service, DCAT.endpointDescription))
                assert description.endswith("/api/v1/openapi.json")
                assert client.get(_local(description)).status_code == 200
            assert client.get(_local(access)).status_code == 200
            for download in graph.objects(distribution, DCAT.downloadURL):
                assert client.get(_local(download)).status_code == 200, download


def test_catalogue_answers_304_when_unchanged(year, client_for):
    client = client_for()
    etag = client.get("/open-data/catalog.ttl").headers["ETag"]
    again = client.get("/open-data/catalog.ttl", headers={"If-None-Match": etag})
    assert again.status_code == 304


def test_the_licence_setting_changes_it_everywhere(year, client_for, monkeypatch, app):
    monkeypatch.setitem(app.config, "OPEN_DATA_LICENSE", "CC-BY-4.0")
    by = "https://creativecommons.org/licenses/by/4.0/"
    client = client_for()
    graph, _ = _graph(client, "/open-data/catalog.ttl", "turtle")
    licences = set(graph.objects(None, DCTERMS.license))
    assert licences == {URIRef(by)}
    y = year.cycle.year
    package = json.loads(client.get(year_url("skarholmen", y, "datapackage.json")).data)
    assert package["licenses"] == [
        {"name": "CC-BY-4.0", "path": by, "title": "Creative Commons Attribution 4.0 International"}
    ]
    files = unzip(client.get(year_url("city", y, "bundle.zip")).data)
    assert by in files["README.md"].decode()
    assert json.loads(files["datapackage.json"])["licenses"][0]["name"] == "CC-BY-4.0"
    assert by in client.get(year_url("skarholmen", y)).get_data(as_text=True)
    assert by in client.get("/open-data").get_data(as_text=True)


def test_the_publisher_setting_names_the_publisher(year, client_for, monkeypatch, app):
    monkeypatch.setitem(app.config, "ORGANISATION_NAME", "Exempelkommun")
    client = client_for()
    graph, _ = _graph(client, "/open-data/catalog.jsonld", "json-ld")
    assert {str(n) for n in graph.objects(None, FOAF.name)} == {"Exempelkommun"}
    package = json.loads(
        client.get(year_url("skarholmen", year.cycle.year, "datapackage.json")).data
    )
    assert package["contributors"][0]["title"] == "Exempelkommun"
