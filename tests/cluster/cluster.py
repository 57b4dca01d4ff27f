"""Two (or more) gunicorn instances behind Debian's nginx, as on several machines.

Each instance runs from a directory of its own (its MEDIA_ROOT, STATIC_ROOT, temporary
files, logs), with DEBUG off and the production task backend; they share only what
production servers share: PostgreSQL, Redis and the media storage (S3 when
``AWS_STORAGE_BUCKET_NAME`` is in ``env``). nginx balances round robin and names the
instance that answered in ``X-Upstream``. Used by tests/cluster and bench/cluster.
"""

import http.client
import os
import shutil
import subprocess
import sys
import time
import urllib.parse
import uuid
from http.cookies import SimpleCookie
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent.parent
NGINX = "/usr/sbin/nginx"


def free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def public_bucket(endpoint: str, prefix: str = "cluster") -> dict:
    """A new bucket on the S3 server at ``endpoint`` (moto), renditions public as the README
    asks of operators: the ``AWS_*`` environment of instances that keep their media there."""
    import boto3

    from tests.conftest import public_renditions_policy

    bucket = f"{prefix}-{uuid.uuid4().hex[:12]}"
    keys = {"AWS_ACCESS_KEY_ID": "newsroom-test", "AWS_SECRET_ACCESS_KEY": "newsroom-test-secret"}
    client = boto3.client(
        "s3",
        endpoint_url=endpoint,
        aws_access_key_id=keys["AWS_ACCESS_KEY_ID"],
        aws_secret_access_key=keys["AWS_SECRET_ACCESS_KEY"],
        region_name="eu-west-3",
    )
    client.create_bucket(Bucket=bucket, CreateBucketConfiguration={"LocationConstraint": "eu-west-3"})
    client.put_bucket_policy(Bucket=bucket, Policy=public_renditions_policy(bucket))
    return {
        "AWS_STORAGE_BUCKET_NAME": bucket,
        "AWS_S3_ENDPOINT_URL": endpoint,
        "AWS_S3_REGION_NAME": "eu-west-3",
        **keys,
    }


def gunicorn_command() -> list[str]:
    command = [str(Path(sys.executable).with_name("gunicorn"))]
    known = subprocess.run([*command, "--help"], capture_output=True, text=True).stdout
    # gunicorn 27 and later: two masters on one machine would fight over one control socket.
    return command + (["--no-control-socket"] if "--no-control-socket" in known else [])


class Response:
    def __init__(self, status, headers, body):
        self.status, self.headers, self.body = status, headers, body

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", errors="replace")

    @property
    def upstream(self) -> str:
        return self.headers.get("x-upstream", "")


class Browser:
    """One visitor: keeps its cookies (secure ones too: nginx plays the TLS proxy)."""

    def __init__(
        self, port: int, user_agent: str = "Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0", direct: bool = False
    ):
        self.port = port
        self.cookies: dict[str, str] = {}
        self.user_agent = user_agent
        # Straight to one instance, bypassing nginx: say what nginx would (TLS in front).
        self.extra = {"X-Forwarded-Proto": "https"} if direct else {}

    def request(self, method, path, body=None, headers=None) -> Response:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        sent = {"Host": f"127.0.0.1:{self.port}", "User-Agent": self.user_agent, **self.extra, **(headers or {})}
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        connection.request(method, path, body=body, headers=sent)
        raw = connection.getresponse()
        body = raw.read()
        for header, value in raw.getheaders():
            if header.lower() == "set-cookie":
                for name, morsel in SimpleCookie(value).items():
                    self.cookies[name] = morsel.value
        response = Response(raw.status, {name.lower(): value for name, value in raw.getheaders()}, body)
        connection.close()
        return response

    def get(self, path, headers=None) -> Response:
        return self.request("GET", path, headers=headers)

    def post(self, path, fields: dict, files: dict | None = None, referer: str = "") -> Response:
        """A form post with the CSRF cookie's token, as a browser over https sends it."""
        fields = {"csrfmiddlewaretoken": self.cookies.get("csrftoken", ""), **fields}
        headers = {"Referer": f"https://127.0.0.1:{self.port}{referer or path}"}
        if files:
            boundary = uuid.uuid4().hex
            parts = []
            for name, value in fields.items():
                values = value if isinstance(value, list) else [value]
                for item in values:
                    parts.append(
                        f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{item}\r\n'.encode()
                    )
            for name, (filename, content, content_type) in files.items():
                parts.append(
                    f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
                    f"Content-Type: {content_type}\r\n\r\n".encode()
                    + content
                    + b"\r\n"
                )
            body = b"".join(parts) + f"--{boundary}--\r\n".encode()
            headers["Content-Type"] = f"multipart/form-data; boundary={boundary}"
        else:
            body = urllib.parse.urlencode(fields, doseq=True).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        return self.request("POST", path, body=body, headers=headers)

    def login(self, username: str, password: str) -> None:
        form = self.get("/admin/login/")
        response = self.post("/admin/login/?next=/admin/", {"username": username, "password": password})
        assert response.status == 302, (form.status, form.headers, sorted(self.cookies), response.text[-600:])


class Cluster:
    def __init__(self, root: Path, env: dict, instances: int = 2, workers: int = 2):
        self.root = root
        self.instances = instances
        self.workers = workers
        self.env = {
            **{k: v for k, v in os.environ.items() if not k.startswith(("PYTEST", "DJANGO_"))},
            "DEBUG": "0",
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "LOG_FORMAT": "json",
            "PYTHONPATH": str(BASE_DIR),
            **env,
        }
        self.env.pop("DJANGO_SETTINGS_MODULE", None)
        self.processes: list[subprocess.Popen] = []
        self.app_ports: list[int] = []
        self.port = 0

    def instance_env(self, number: int) -> dict:
        home = self.root / f"instance{number}"
        for folder in ("media", "static", "tmp"):
            (home / folder).mkdir(parents=True, exist_ok=True)
        return {
            **self.env,
            "MEDIA_ROOT": str(home / "media"),
            "STATIC_ROOT": str(home / "static"),
            "TMPDIR": str(home / "tmp"),
        }

    def manage(self, *args: str, number: int = 0) -> str:
        done = subprocess.run(
            [sys.executable, str(BASE_DIR / "manage.py"), *args],
            env=self.instance_env(number),
            cwd=self.root / f"instance{number}",
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert done.returncode == 0, done.stderr[-3000:]
        return done.stdout

    def python(self, code: str, number: int = 0) -> str:
        """Run ``code`` with Django set up on the cluster's settings; returns its stdout."""
        script = (
            "import django, os; os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'newsroom.settings'); django.setup()\n"
        )
        done = subprocess.run(
            [sys.executable, "-c", script + code],
            env=self.instance_env(number),
            cwd=BASE_DIR,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert done.returncode == 0, done.stderr[-3000:]
        return done.stdout

    def start(self) -> None:
        # A release's static files are collected once and shipped to every server.
        self.manage("collectstatic", "--noinput", "-v0", number=0)
        for number in range(1, self.instances):
            shutil.copytree(
                self.root / "instance0" / "static", self.root / f"instance{number}" / "static", dirs_exist_ok=True
            )
        command = gunicorn_command()
        for number in range(self.instances):
            port = free_port()
            home = self.root / f"instance{number}"
            env = self.instance_env(number)
            log = open(home / "gunicorn.log", "wb")  # noqa: SIM115 (closed with the process)
            self.processes.append(
                subprocess.Popen(
                    [
                        *command,
                        "newsroom.wsgi:application",
                        "--bind",
                        f"127.0.0.1:{port}",
                        "--workers",
                        str(self.workers),
                        "--chdir",
                        str(BASE_DIR),
                        "--worker-tmp-dir",
                        str(home / "tmp"),
                        "--pid",
                        str(home / "gunicorn.pid"),
                    ],
                    env=env,
                    cwd=home,
                    stdout=log,
                    stderr=subprocess.STDOUT,
                )
            )
            self.app_ports.append(port)
        deadline = time.monotonic() + 90
        for port in self.app_ports:
            while True:
                try:
                    if Browser(port).get("/healthz/", {"X-Forwarded-Proto": "https"}).status in (200, 503):
                        break
                except OSError:
                    pass
                if time.monotonic() > deadline:
                    raise RuntimeError(f"gunicorn on {port} did not start: {self.logs()}")
                time.sleep(0.2)
        self._start_nginx()  # once both answer: nginx would set aside a server still starting

    def _start_nginx(self) -> None:
        home = self.root / "nginx"
        home.mkdir(exist_ok=True)
        self.port = free_port()
        servers = "\n".join(f"        server 127.0.0.1:{port} max_fails=0;" for port in self.app_ports)
        user = "user root;\n" if os.geteuid() == 0 else ""
        (home / "nginx.conf").write_text(
            f"""{user}worker_processes 1;
daemon off;
pid {home}/nginx.pid;
error_log {home}/error.log warn;
events {{ worker_connections 512; }}
http {{
    access_log {home}/access.log;
    client_body_temp_path {home}/body;
    proxy_temp_path {home}/proxy;
    fastcgi_temp_path {home}/fastcgi;
    uwsgi_temp_path {home}/uwsgi;
    scgi_temp_path {home}/scgi;
    client_max_body_size 25m;
    upstream newsroom_app {{
{servers}
        keepalive 16;
    }}
    server {{
        listen 127.0.0.1:{self.port};
        location / {{
            proxy_pass http://newsroom_app;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host $http_host;
            proxy_set_header X-Forwarded-Proto https;
            proxy_set_header X-Real-IP $remote_addr;
            proxy_set_header X-Request-ID $request_id;
            add_header X-Upstream $upstream_addr always;
        }}
    }}
}}
"""
        )
        log = open(home / "nginx.out", "wb")  # noqa: SIM115
        self.processes.append(
            subprocess.Popen(
                [NGINX, "-p", str(home), "-c", str(home / "nginx.conf")], stdout=log, stderr=subprocess.STDOUT
            )
        )
        deadline = time.monotonic() + 20
        while True:
            try:
                Browser(self.port).get("/healthz/")
                return
            except OSError:
                if time.monotonic() > deadline:
                    raise RuntimeError(f"nginx did not start: {self.logs()}") from None
                time.sleep(0.1)

    def logs(self) -> str:
        texts = []
        for path in sorted(self.root.glob("*/*.log")) + sorted(self.root.glob("nginx/nginx.out")):
            texts.append(f"== {path.name}\n{path.read_text(errors='replace')[-2000:]}")
        return "\n".join(texts)

    def stop(self) -> None:
        for process in reversed(self.processes):
            process.terminate()
        for process in self.processes:
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        self.processes.clear()

    def browser(self, **kwargs) -> Browser:
        return Browser(self.port, **kwargs)

    def instance_browser(self, number: int, **kwargs) -> Browser:
        """A visitor that reaches instance ``number`` only (nginx not in the way)."""
        return Browser(self.app_ports[number], direct=True, **kwargs)

    def remove(self) -> None:
        shutil.rmtree(self.root, ignore_errors=True)
