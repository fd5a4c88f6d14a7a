-- Placeholder: the web source schema is being written.
SELECT 1;
