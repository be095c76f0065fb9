-- Runs once, when the postgres container initialises an empty data volume
-- (docker-entrypoint-initdb.d). One database per service: a service never reads
-- another service's tables (DESIGN.md §1), and separate databases make that physical.
CREATE DATABASE registry;
CREATE DATABASE validator;
CREATE DATABASE identity;
CREATE DATABASE serving;
CREATE DATABASE deployer;
CREATE DATABASE orchestrator;
