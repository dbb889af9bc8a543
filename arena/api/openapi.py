"""The OpenAPI 3.1 document of /api/v1, made from the resource table and the pydantic
models that serialise the answers (their JSON Schema is OpenAPI 3.1's dialect)."""

from __future__ import annotations

from flask import current_app, url_for
from pydantic.json_schema import models_json_schema
from sqlalchemy import select

from arena.api import schemas
from arena.api.params import DEFAULT_LIMIT, MAX_LIMIT
from arena.arenas.models import Arena, Theme
from arena.core.database import MAX_INTEGER
from arena.extensions import db
from arena.i18n import LANGUAGES

REF = "#/components/schemas/{model}"

FILTERS = {
    "arena": ({"type": "string", "maxLength": 60}, "Only this arena (its slug, e.g. jarva)."),
    "year": ({"type": "integer", "minimum": 1900, "maximum": 9999}, "Only this cycle year."),
    "theme": ({"type": "string", "maxLength": 60}, "Only this theme (its key, e.g. transport)."),
    "status": ({"type": "string"}, "Only items with this status."),
    "commitment": (
        {"type": "integer", "minimum": 1, "maximum": MAX_INTEGER},
        "Only check-ins of this commitment (its id).",
    ),
    "updated_since": (
        {"type": "string", "format": "date-time"},
        "Only items changed at or after this moment (ISO 8601; UTC if no offset is given).",
    ),
}
PAGING = {
    "after": (
        {"type": "integer", "minimum": 0, "maximum": MAX_INTEGER},
        "Items after this id: take the address in `next` rather than making it.",
    ),
    "limit": (
        {"type": "integer", "minimum": 1, "maximum": MAX_LIMIT, "default": DEFAULT_LIMIT},
        "Items per page.",
    ),
    "lang": (
        {"type": "string", "enum": list(LANGUAGES)},
        "The language of labels and texts; else Accept-Language decides.",
    ),
}


def page_model(resource) -> type[schemas.Schema]:
    return schemas.Page[resource.schema]


def _parameter(name: str, schema: dict, description: str) -> dict:
    return {
        "name": name,
        "in": "query",
        "required": False,
        "schema": schema,
        "description": description,
    }


def _choices() -> dict[str, list[str]]:
    """The values some filters take, as they are now: the document lists them."""
    return {
        "arena": list(db.session.scalars(select(Arena.slug).order_by(Arena.slug))),
        "theme": list(db.session.scalars(select(Theme.key).order_by(Theme.key))),
    }


def _parameters(resource, choices: dict[str, list[str]]) -> list[dict]:
    found = []
    for name in resource.filters:
        schema, description = FILTERS[name]
        if name == "status":
            schema = {"type": "string", "enum": list(resource.statuses)}
        elif name in choices and choices[name]:
            schema = {"type": "string", "enum": choices[name]}
        found.append(_parameter(name, schema, description))
    return found + [_parameter(name, *PAGING[name]) for name in PAGING]


def _answers(model_name: str, *, item: bool) -> dict:
    problem = {"$ref": REF.format(model="Problem")}
    answers = {
        "200": {
            "description": "OK",
            "headers": {
                "ETag": {
                    "schema": {"type": "string"},
                    "description": "Send it back in If-None-Match",
                }
            },
            "content": {"application/json": {"schema": {"$ref": REF.format(model=model_name)}}},
        },
        "304": {"description": "Not modified: the copy with this ETag is current"},
        "400": {
            "description": "Bad parameters",
            "content": {"application/problem+json": {"schema": problem}},
        },
        "429": {
            "description": "Too many requests",
            "content": {"application/problem+json": {"schema": problem}},
        },
    }
    if item:
        answers["404"] = {
            "description": "No such item",
            "content": {"application/problem+json": {"schema": problem}},
        }
        del answers["400"]
    return answers


def _components(resources) -> tuple[dict, dict[type, str]]:
    models = [(page_model(r), "serialization") for r in resources]
    models += [(r.schema, "serialization") for r in resources] + [
        (schemas.Problem, "serialization")
    ]
    keys, found = models_json_schema(models, ref_template=REF)
    names = {model: value["$ref"].rsplit("/", 1)[1] for (model, _mode), value in keys.items()}
    return found.get("$defs", {}), names


def document(resources) -> dict:
    components, names = _components(resources)
    choices = _choices()
    paths = {}
    for r in resources:
        tag = r.name
        paths[f"/{r.name}"] = {
            "get": {
                "operationId": f"list_{r.name.replace('-', '_')}",
                "summary": str(r.summary),
                "description": str(r.description),
                "tags": [tag],
                "parameters": _parameters(r, choices),
                "responses": _answers(names[page_model(r)], item=False),
            }
        }
        paths[f"/{r.name}/{{item_id}}"] = {
            "get": {
                "operationId": f"get_{r.name.replace('-', '_')}",
                "summary": str(r.summary),
                "tags": [tag],
                "parameters": [
                    {
                        "name": "item_id",
                        "in": "path",
                        "required": True,
                        "schema": {"type": "integer", "minimum": 1, "maximum": MAX_INTEGER},
                    },
                    _parameter("lang", *PAGING["lang"]),
                ],
                "responses": _answers(names[r.schema], item=True),
            }
        }
    return {
        "openapi": "3.1.0",
        "info": {
            "title": f"{current_app.config.get('ORGANISATION_NAME', 'arena')}: arena open API",
            "version": "1",
            "description": (
                "Read-only public data of the climate transition arenas: what the public pages "
                "show, as JSON. No sign-in. Lists are paged by id: follow `next`."
            ),
        },
        "servers": [{"url": url_for("api.index", _external=True).rstrip("/")}],
        "paths": paths,
        "components": {"schemas": components},
    }
