"""What is stored and travels between laptops: the peewee models, their identity, clock and audit."""
