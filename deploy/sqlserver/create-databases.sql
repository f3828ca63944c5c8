-- One database per service; the services create their tables themselves (migrations at start-up).
-- Safe to run again.
IF DB_ID(N'matching_programs') IS NULL CREATE DATABASE [matching_programs];
GO
IF DB_ID(N'matching_companies') IS NULL CREATE DATABASE [matching_companies];
IF DB_ID(N'matching_candidates') IS NULL CREATE DATABASE [matching_candidates];
IF DB_ID(N'matching_placements') IS NULL CREATE DATABASE [matching_placements];
GO
IF DB_ID(N'matching_coordinators') IS NULL CREATE DATABASE [matching_coordinators];
GO
