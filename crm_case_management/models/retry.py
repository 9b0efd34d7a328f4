# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Bounded retries for work that no HTTP request wraps.

Odoo retries a request that meets a serialization failure, a deadlock or a
``ConcurrencyError`` (``odoo.service.model.retrying``: roll back, wait a
random, growing time, at most five tries, then commit), but only for RPC and
HTTP. A cron or the mail fetcher that meets the same conflict fails: the cron
waits for its next run, the fetcher marks the message as seen and drops it.
The same function serves them here, so both behave as a request would.
"""

from odoo.service.model import retrying


def run_with_retries(env, function):
    """Run ``function()`` in ``env``'s transaction, retried on conflicts, and
    commit it: for entry points only (a cron method, one fetched message),
    never inside a transaction that goes on after it returns."""
    return retrying(function, env)
