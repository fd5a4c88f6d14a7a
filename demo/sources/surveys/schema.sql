-- Placeholder: the surveys source schema is being written.
SELECT 1;
