"""An import's progress made visible to other workstations: the rows read so far are written to the
upload row (``rows_total``, which holds the final count once processed) in short transactions of
their own, which the change feed announces (the import's own transaction shows nothing until COMMIT).
"""

from __future__ import annotations

import logging
import time

from sqlalchemy import update

from welcomedly_desktop.db.models import BaseCampaignData
from welcomedly_desktop.errors import WelcomedlyError
from welcomedly_desktop.importing import ProgressCallback

log = logging.getLogger(__name__)


class SharedProgress:
    """Passes progress on, and publishes the rows read so far at most once per INTERVAL_S."""

    INTERVAL_S = 1.0

    def __init__(self, db, progress: ProgressCallback | None) -> None:  # noqa: ANN001
        # The first publication comes a second into the import: earlier there is nothing worth a
        # transaction of its own (and a short import then publishes nothing before its commit).
        self.db, self.progress, self.upload_id, self._last = db, progress, None, time.monotonic()

    def __call__(self, event) -> None:  # noqa: ANN001 - an ImportProgress
        if self.progress is not None:
            self.progress(event)
        now = time.monotonic()
        if self.upload_id is None or not event.rows_read or now - self._last < self.INTERVAL_S:
            return
        self._last = now
        try:
            with self.db.session() as session:
                session.execute(update(BaseCampaignData)
                                .where(BaseCampaignData.id == self.upload_id, BaseCampaignData.status == "processing")
                                .values(rows_total=int(event.rows_read)))
        except WelcomedlyError:  # progress is a courtesy: the import itself reports what failed
            log.info("Could not publish the progress of upload %s", self.upload_id)
