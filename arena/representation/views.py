"""Representation pages (filled in below)."""

from flask import Blueprint

bp = Blueprint("representation", __name__)
