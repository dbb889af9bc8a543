"""Locust: residents of the city data set browsing, signing in, supporting and
withdrawing in Järva, whose voting is open. Started by load/run.py (`make loadtest`).

Each simulated resident is a different generated person (person<N>@city.example.org,
the shared password) coming from an address of their own (X-Forwarded-For, which the
load instance trusts through ARENA_PROXY_COUNT=1, as behind a reverse proxy), so the
sign-in limits stay on and count per person as they would in town. Forms carry the
CSRF token read from the page they are on.

With LOAD_HOSTS (several app instances, `load/run.py --postgresql`), each task goes to
one of them at random, as behind a balancer without sticky sessions: a resident's
session, forms and supports cross instances.

A support or a withdrawal counts as acknowledged when the page it leads to says so
(a flash of the "success" kind). The last acknowledged action on each (person,
proposal) is written to LOAD_LEDGER at the end, for load/check.py to compare with the
database.
"""

from __future__ import annotations

import json
import os
import random
import re

from locust import HttpUser, between, events, task

PEOPLE = int(os.environ.get("LOAD_PEOPLE", "10000"))
PASSWORD = os.environ.get("LOAD_PASSWORD", "city-resident-2026")
DOMAIN = "city.example.org"
ARENA = os.environ.get("LOAD_ARENA", "jarva")
LIST_PAGES = int(os.environ.get("LOAD_LIST_PAGES", "50"))
HOSTS = os.environ.get("LOAD_HOSTS", "").split()

CSRF = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')
PROPOSAL = re.compile(r'href="/proposals/(\d+)"')
SUCCESS = 'class="flash flash-success"'

_people = iter(random.Random(13).sample(range(1, PEOPLE + 1), PEOPLE))
# (e-mail, proposal id) -> "support" or "withdraw": the last one the site acknowledged.
LEDGER: dict[tuple[str, int], str] = {}
ACKNOWLEDGED = {"support": 0, "withdraw": 0, "refused": 0}


def form_token(html: str, action: str) -> str | None:
    """The CSRF token of the form posting to `action`, if the page has that form."""
    at = html.find(f'action="{action}"')
    if at < 0:
        return None
    found = CSRF.search(html, at)
    return found.group(1) if found else None


class Resident(HttpUser):
    pause = between(1, 4)

    def wait_time(self):
        self.pick_instance()
        return self.pause()

    def pick_instance(self) -> None:
        # Before signing in and between two tasks: the next step goes to any of the
        # instances (a cookie is kept per host name, not per port, so the session follows).
        if HOSTS:
            self.client.base_url = random.choice(HOSTS)

    def on_start(self):
        number = next(_people)
        self.email = f"person{number}@{DOMAIN}"
        self.client.headers.update(
            {
                "X-Forwarded-For": f"10.{number >> 16 & 255}.{number >> 8 & 255}.{number & 255}",
                "Accept-Language": "en",
            }
        )
        self.seen: list[int] = []
        self.supported: list[int] = []
        self.pick_instance()
        self.sign_in()

    def sign_in(self) -> None:
        page = self.client.get("/accounts/sign-in", name="sign-in form")
        data = {
            "email": self.email,
            "password": PASSWORD,
            "csrf_token": _first_token(page.text),
        }
        with self.client.post(
            "/accounts/sign-in", data=data, name="POST sign-in", catch_response=True
        ) as answer:
            if SUCCESS not in answer.text:
                answer.failure("not signed in")

    @task(1)
    def home(self):
        self.client.get("/", name="home")

    @task(1)
    def arena(self):
        self.client.get(f"/arenas/{ARENA}", name="arena")

    @task(4)
    def browse(self):
        page = random.randint(1, LIST_PAGES)
        answer = self.client.get(f"/arenas/{ARENA}/proposals?page={page}", name="list")
        self.seen = [int(i) for i in PROPOSAL.findall(answer.text)] or self.seen

    @task(3)
    def read(self):
        if self.seen:
            self.client.get(f"/proposals/{random.choice(self.seen)}", name="detail")

    @task(3)
    def support(self):
        if self.seen:
            self._act(random.choice(self.seen), "support")

    @task(2)
    def withdraw(self):
        if not self.supported:
            mine = self.client.get("/accounts/me", name="my page").text
            self.supported = [int(i) for i in PROPOSAL.findall(mine.split("supports-title")[-1])]
        if self.supported:
            self._act(random.choice(self.supported), "withdraw")

    def _act(self, proposal_id: int, verb: str) -> None:
        """Open the proposal, and post its support or withdraw form when it has one."""
        page = self.client.get(f"/proposals/{proposal_id}", name="detail")
        token = form_token(page.text, f"/proposals/{proposal_id}/{verb}")
        if token is None:  # not connected, budget used, already supported, or not yet
            return
        answer = self.client.post(
            f"/proposals/{proposal_id}/{verb}", data={"csrf_token": token}, name=f"POST {verb}"
        )
        if answer.status_code == 200 and SUCCESS in answer.text:
            LEDGER[self.email, proposal_id] = verb
            ACKNOWLEDGED[verb] += 1
            if verb == "support":
                self.supported.append(proposal_id)
            elif proposal_id in self.supported:
                self.supported.remove(proposal_id)
        else:
            ACKNOWLEDGED["refused"] += 1


def _first_token(html: str) -> str:
    found = CSRF.search(html)
    return found.group(1) if found else ""


@events.quitting.add_listener
def write_ledger(environment, **_):
    path = os.environ.get("LOAD_LEDGER")
    if path:
        with open(path, "w") as out:
            json.dump(
                {
                    "acknowledged": ACKNOWLEDGED,
                    "ledger": [[email, pid, verb] for (email, pid), verb in LEDGER.items()],
                },
                out,
            )
