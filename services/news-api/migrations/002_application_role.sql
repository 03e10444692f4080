-- news_api: the role the application connects as (IAM authentication on RDS). Migrations keep running
-- as the master user, which owns the schema; news_api may only read and write article rows.
DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'news_api') THEN
    CREATE ROLE news_api LOGIN;
  END IF;
  -- rds_iam exists on RDS only: membership makes the role log in with IAM tokens instead of a password.
  IF EXISTS (SELECT FROM pg_roles WHERE rolname = 'rds_iam') THEN
    GRANT rds_iam TO news_api;
  END IF;
END
$$;

-- What the routes do: list, get, create, upsert (ingest) and delete articles.
GRANT USAGE ON SCHEMA public TO news_api;
GRANT SELECT, INSERT, UPDATE, DELETE ON articles TO news_api;

-- Tables and sequences later migrations create (as this same migrating role) get the same rights.
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO news_api;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE ON SEQUENCES TO news_api;
