"""Every resource of the API, in the order the document lists them."""

from arena.api import followup, local, participation

RESOURCES = participation.RESOURCES + followup.RESOURCES + local.RESOURCES
