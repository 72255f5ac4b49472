-- Run once by the postgres image when it creates the database (/docker-entrypoint-initdb.d): the journal's schema
-- (Search Path=paystack_sync_journal in the journal's connection string), which paystack-sync does not create itself
-- (docs/operations.md). The destinations' schemas are created by paystack-sync.
CREATE SCHEMA IF NOT EXISTS paystack_sync_journal AUTHORIZATION paystack_sync;
