-- Runs once, on the first start of the compose PostgreSQL (docker-entrypoint-initdb.d).
-- Each service owns its own database (tpx_<service>, the names npm start uses) and role; local passwords only.
CREATE ROLE gateway LOGIN PASSWORD 'gateway';
CREATE DATABASE tpx_gateway OWNER gateway;
CREATE ROLE partner LOGIN PASSWORD 'partner';
CREATE DATABASE tpx_partner OWNER partner;
CREATE ROLE survey LOGIN PASSWORD 'survey';
CREATE DATABASE tpx_survey OWNER survey;
CREATE ROLE scoring LOGIN PASSWORD 'scoring';
CREATE DATABASE tpx_scoring OWNER scoring;
CREATE ROLE matching LOGIN PASSWORD 'matching';
CREATE DATABASE tpx_matching OWNER matching;
CREATE ROLE notification LOGIN PASSWORD 'notification';
CREATE DATABASE tpx_notification OWNER notification;
