"""
Load on the regency's Keycloak as the plan configures it (test/bench/sso.ts runs this with Locust):
MODE=login — a civil servant logs in through the authorization-code flow with PKCE, filling in the
login form as a browser does (the application's client has no password grant); one "password-login"
is the whole flow, timed as one. MODE=client-credentials — an application gets a token with its
client secret.
"""
import base64
import hashlib
import html
import os
import random
import re
import secrets
import time
from urllib.parse import parse_qs, urlparse

from locust import HttpUser, constant, task

REALM = os.environ["REALM"]
CLIENT_ID = os.environ["CLIENT_ID"]
CLIENT_SECRET = os.environ["CLIENT_SECRET"]
REDIRECT_URI = os.environ["REDIRECT_URI"]
USERS = int(os.environ["USER_COUNT"])
PASSWORD = os.environ["USER_PASSWORD"]
MODE = os.environ["MODE"]
OIDC = f"/realms/{REALM}/protocol/openid-connect"
FORM_ACTION = re.compile(r'<form[^>]+id="kc-form-login"[^>]+action="([^"]+)"')


class Pegawai(HttpUser):
    wait_time = constant(0)

    @task
    def work(self):
        if MODE == "login":
            self.login()
        else:
            self.client.post(
                f"{OIDC}/token",
                data={"grant_type": "client_credentials", "client_id": CLIENT_ID, "client_secret": CLIENT_SECRET},
                name="client-credentials",
            )

    def login(self):
        started = time.perf_counter()
        self.client.cookies.clear()
        verifier = secrets.token_urlsafe(48)
        challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
        error = None
        try:
            page = self.client.get(
                f"{OIDC}/auth",
                params={
                    "client_id": CLIENT_ID,
                    "redirect_uri": REDIRECT_URI,
                    "response_type": "code",
                    "scope": "openid",
                    "state": secrets.token_hex(8),
                    "code_challenge": challenge,
                    "code_challenge_method": "S256",
                },
                timeout=60,
                name="1 login page",
            )
            action = FORM_ACTION.search(page.text)
            if not action:
                raise RuntimeError(f"no login form ({page.status_code})")
            # Keycloak marks its cookies Secure, which Python's cookie jar keeps off plain http (the
            # bench talks to localhost): sent as a browser on the proxy's https would send them.
            cookies = "; ".join(f"{c.name}={c.value}" for c in page.cookies)
            done = self.client.post(
                html.unescape(action.group(1)),
                data={"username": f"pegawai{random.randrange(USERS)}", "password": PASSWORD},
                headers={"Cookie": cookies},
                allow_redirects=False,
                timeout=60,
                name="2 credentials",
            )
            code = parse_qs(urlparse(done.headers.get("Location", "")).query).get("code")
            if done.status_code != 302 or not code:
                raise RuntimeError(f"no code ({done.status_code})")
            token = self.client.post(
                f"{OIDC}/token",
                data={
                    "grant_type": "authorization_code",
                    "client_id": CLIENT_ID,
                    "client_secret": CLIENT_SECRET,
                    "code": code[0],
                    "redirect_uri": REDIRECT_URI,
                    "code_verifier": verifier,
                },
                timeout=60,
                name="3 code for tokens",
            )
            if token.status_code != 200:
                raise RuntimeError(f"no token ({token.status_code})")
        except Exception as e:  # noqa: BLE001 - every failure is counted, none stops the run
            error = e
        self.environment.events.request.fire(
            request_type="FLOW",
            name="password-login",
            response_time=(time.perf_counter() - started) * 1000,
            response_length=0,
            exception=error,
            context={},
        )
