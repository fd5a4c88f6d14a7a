-- The databases of the c360 services (the first start of the mariadb container runs this).
CREATE DATABASE IF NOT EXISTS c360_commerce;
CREATE DATABASE IF NOT EXISTS c360_surveys;
