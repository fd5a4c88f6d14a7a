-- The databases of the c360 services (the first start of the postgres container runs this).
CREATE DATABASE c360_crm;
CREATE DATABASE c360_web;
CREATE DATABASE c360_consent;
CREATE DATABASE c360_profile;
CREATE DATABASE c360_privacy;
