"""Alembic environment, run in process on a connection handed over by ``storage.migrate``."""

from alembic import context

from mediation_desktop.storage.models import Base

config = context.config
connection = config.attributes.get("connection")
if connection is None:  # pragma: no cover - we never run the alembic executable
    raise RuntimeError("migrations run only through mediation_desktop.storage.migrate")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
