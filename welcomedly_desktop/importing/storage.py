"""Keeps the original bytes of every uploaded file, addressed by their SHA-256.

Content addressing makes storing idempotent (the same bytes are one object whatever their name)
and lets anyone verify a stored file.  Backends: a local folder (default: ``<data_dir>/uploads``)
or S3 through boto3 (bucket, prefix, region, endpoint URL and access key id from settings or
``WELCOMEDLY_S3_*``; the secret from ``AWS_SECRET_ACCESS_KEY``/``WELCOMEDLY_S3_SECRET_ACCESS_KEY``
or the OS keyring).
"""

from __future__ import annotations

import base64
import logging
import os
import shutil
import tempfile
import threading
from pathlib import Path
from typing import Protocol
from urllib.parse import unquote, urlparse

from welcomedly_desktop.config import Settings
from welcomedly_desktop.errors import WelcomedlyError
from welcomedly_desktop.safe_files import ensure_private_dir
from welcomedly_desktop.i18n import translate

log = logging.getLogger(__name__)

KEYRING_SERVICE = "welcomedly-s3"


class StorageError(WelcomedlyError):
    """The original file could not be stored or fetched."""


class FileStore(Protocol):
    def uri_for(self, sha256: str, extension: str) -> str:
        """The URI ``put`` gives these bytes (known before they are stored: content addressing)."""

    def put(self, path: Path, sha256: str, extension: str) -> str:
        """Store ``path``; return its URI."""

    def fetch(self, uri: str, destination: Path) -> Path:
        """Copy the stored file to ``destination``."""


def object_name(sha256: str, extension: str) -> str:
    # Two-level fan-out keeps folders small on file systems that dislike 100k entries.
    return f"{sha256[:2]}/{sha256}{extension.lower()}"


class LocalStore:
    def __init__(self, root: Path) -> None:
        self.root = root

    def _target(self, sha256: str, extension: str) -> Path:
        return self.root / object_name(sha256, extension)

    def uri_for(self, sha256: str, extension: str) -> str:
        return self._target(sha256, extension).resolve().as_uri()

    def put(self, path: Path, sha256: str, extension: str) -> str:
        target = self._target(sha256, extension)
        if not target.exists():
            try:
                ensure_private_dir(target.parent)  # 0700 where created: lead data (mkstemp's file is 0600)
                fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".incoming-")
                with os.fdopen(fd, "wb") as out, path.open("rb") as src:
                    shutil.copyfileobj(src, out, 1024 * 1024)
                os.replace(tmp, target)  # atomic: never a half-written original
            except OSError as exc:
                raise StorageError(translate("importing", "The original file could not be kept in {root}: {value}.").format(root=self.root, value=exc.strerror or exc)) from exc
        return self.uri_for(sha256, extension)

    def fetch(self, uri: str, destination: Path) -> Path:
        source = Path(unquote(urlparse(uri).path))
        if not source.exists():
            raise StorageError(translate("importing", "The stored original {source} no longer exists.").format(source=source))
        shutil.copyfile(source, destination)
        return destination


class S3Store:
    def __init__(self, settings: Settings) -> None:
        storage = settings.storage
        if not storage.s3_bucket:
            raise StorageError(translate("importing", "S3 storage is selected but no bucket is configured (setting storage.s3_bucket or WELCOMEDLY_S3_BUCKET)."))
        self.bucket = storage.s3_bucket
        self.prefix = storage.s3_prefix or ""
        self._settings = settings
        self._client = None

    @property
    def client(self):  # noqa: ANN201
        if self._client is None:
            import boto3

            storage = self._settings.storage
            key_id = storage.s3_access_key_id or os.environ.get("WELCOMEDLY_S3_ACCESS_KEY_ID")
            kwargs = {
                "region_name": storage.s3_region or os.environ.get("AWS_DEFAULT_REGION") or "us-east-1",
                "endpoint_url": storage.s3_endpoint_url or None,
            }
            if key_id:
                kwargs["aws_access_key_id"] = key_id
                kwargs["aws_secret_access_key"] = _secret_key(key_id)
            self._client = boto3.client("s3", **kwargs)
        return self._client

    def _key(self, sha256: str, extension: str) -> str:
        return self.prefix + object_name(sha256, extension)

    def uri_for(self, sha256: str, extension: str) -> str:
        return f"s3://{self.bucket}/{self._key(sha256, extension)}"

    def put(self, path: Path, sha256: str, extension: str) -> str:
        from botocore.exceptions import BotoCoreError, ClientError

        key = self._key(sha256, extension)
        checksum = base64.b64encode(bytes.fromhex(sha256)).decode("ascii")
        try:
            with path.open("rb") as body:
                # IfNoneMatch: never overwrite; the object with this name already holds these bytes.
                self.client.put_object(
                    Bucket=self.bucket, Key=key, Body=body, IfNoneMatch="*",
                    ChecksumAlgorithm="SHA256", ChecksumSHA256=checksum,
                )
        except ClientError as exc:
            code = exc.response.get("Error", {}).get("Code", "")
            if code not in ("PreconditionFailed", "412", "ConditionalRequestConflict"):
                raise StorageError(translate("importing", "The original file could not be stored in S3 bucket {bucket}: {value}.").format(bucket=self.bucket, value=code or exc)) from exc
        except (BotoCoreError, OSError) as exc:
            raise StorageError(translate("importing", "The original file could not be stored in S3 bucket {bucket}: {exc}.").format(bucket=self.bucket, exc=exc)) from exc
        return self.uri_for(sha256, extension)

    def fetch(self, uri: str, destination: Path) -> Path:
        from botocore.exceptions import BotoCoreError, ClientError

        parsed = urlparse(uri)
        try:
            self.client.download_file(parsed.netloc, parsed.path.lstrip("/"), str(destination))
        except (ClientError, BotoCoreError) as exc:
            raise StorageError(translate("importing", "The stored original {uri} could not be downloaded: {exc}.").format(uri=uri, exc=exc)) from exc
        return destination


    # -- for backups (services/backup_originals.py) --------------------------------------------
    def open_original(self, uri: str):  # noqa: ANN201 - (size, a stream with read()) or None
        """The stored object's size and a stream of its bytes; None when the bucket no longer has it."""
        from botocore.exceptions import BotoCoreError, ClientError

        parsed = urlparse(uri)
        try:
            answer = self.client.get_object(Bucket=parsed.netloc, Key=parsed.path.lstrip("/"))
        except ClientError as exc:
            if exc.response.get("Error", {}).get("Code", "") in ("NoSuchKey", "404"):
                return None
            raise StorageError(translate("importing", "The stored original {uri} could not be read from S3: {exc}.").format(uri=uri, exc=exc)) from exc
        except BotoCoreError as exc:
            raise StorageError(translate("importing", "The stored original {uri} could not be read from S3: {exc}.").format(uri=uri, exc=exc)) from exc
        return answer["ContentLength"], answer["Body"]

    def restore_original(self, uri: str, path: Path) -> bool:
        """Put ``path`` back at ``uri`` unless the bucket still holds it; True when it was put back."""
        from botocore.exceptions import BotoCoreError, ClientError

        parsed = urlparse(uri)
        bucket, key = parsed.netloc, parsed.path.lstrip("/")
        try:
            try:
                self.client.head_object(Bucket=bucket, Key=key)
                return False  # content-addressed: the same key holds the same bytes
            except ClientError as exc:
                if exc.response.get("Error", {}).get("Code", "") not in ("NoSuchKey", "404", "NotFound"):
                    raise
            with path.open("rb") as body:
                self.client.put_object(Bucket=bucket, Key=key, Body=body, IfNoneMatch="*")
        except ClientError as exc:
            code = exc.response.get("Error", {}).get("Code", "")
            if code in ("PreconditionFailed", "412", "ConditionalRequestConflict"):
                return False
            raise StorageError(translate("importing", "The original {uri} could not be put back in S3: {value}.").format(uri=uri, value=code or exc)) from exc
        except (BotoCoreError, OSError) as exc:
            raise StorageError(translate("importing", "The original {uri} could not be put back in S3: {value}.").format(uri=uri, value=exc)) from exc
        return True


def _secret_key(key_id: str) -> str | None:
    for name in ("WELCOMEDLY_S3_SECRET_ACCESS_KEY", "AWS_SECRET_ACCESS_KEY"):
        if os.environ.get(name):
            return os.environ[name]
    try:
        import keyring

        return keyring.get_password(KEYRING_SERVICE, key_id)
    except Exception:  # noqa: BLE001 - no keyring backend on this machine: boto3's own chain decides
        log.info("No keyring available for the S3 secret key")
        return None


def store_for(settings: Settings) -> FileStore:
    backend = (settings.storage.backend or "local").lower()
    if backend == "s3":
        return S3Store(settings)
    if backend == "local":
        return LocalStore(settings.uploads_dir)
    raise StorageError(translate("importing", "Unknown storage backend {backend!r}; use local or s3.").format(backend=settings.storage.backend))


def store_for_uri(settings: Settings, uri: str) -> FileStore:
    """The store that can fetch ``uri`` (which may differ from the one configured now)."""
    if uri.startswith("s3://"):
        return S3Store(settings) if settings.storage.s3_bucket else _AnyS3(settings)
    return LocalStore(settings.uploads_dir)


class _AnyS3(S3Store):
    def __init__(self, settings: Settings) -> None:  # noqa: D107 - bucket comes from the URI
        self.bucket = ""
        self.prefix = ""
        self._settings = settings
        self._client = None


class OriginalKeeper:
    """Stores an upload's original on a thread while its rows are loaded.

    Sending a big file to S3 takes as long as loading it, or longer; it need not come first, because
    content addressing gives its URI in advance.  The import waits for it before committing (a
    failure to store fails the import: no records without their original), and stops early when it
    fails: ``failed`` is part of the import's cancel token.
    """

    def __init__(self, store: FileStore, path: Path, sha256: str, extension: str) -> None:
        self.failure: StorageError | None = None
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._keep, args=(store, path, sha256, extension),
                                        name="import-keep-original", daemon=True)
        self._thread.start()

    def _keep(self, store: FileStore, path: Path, sha256: str, extension: str) -> None:
        try:
            store.put(path, sha256, extension)
        except StorageError as exc:
            self.failure = exc
        except Exception as exc:  # noqa: BLE001 - any surprise still fails the import with a sentence
            log.exception("Storing the original %s failed", path)
            self.failure = StorageError(translate("importing", "The original file could not be kept ({name}).").format(name=type(exc).__name__))
        finally:
            self._done.set()

    @property
    def failed(self) -> bool:
        return self.failure is not None

    def wait(self, cancel) -> None:  # noqa: ANN001 - anything with is_set()
        """Until the original is stored; raises its StorageError, or returns early on cancel (the
        caller's next cancel check stops the import)."""
        while not self._done.wait(0.1):
            if cancel.is_set():
                return
        if self.failure is not None:
            raise self.failure
