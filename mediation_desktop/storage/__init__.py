"""Storage: engine, typed models, migrations, file store, audit chain. No Qt."""
