-- Helpers for CQL2 filters: a property stored as a string is compared with a timestamp only when it reads as
-- one; anything else is NULL (no match) rather than an error for the whole search.
CREATE FUNCTION pqe.to_timestamptz(_value text) RETURNS timestamptz
LANGUAGE plpgsql STABLE PARALLEL SAFE AS $$
BEGIN
  RETURN _value::timestamptz;
EXCEPTION WHEN others THEN
  RETURN NULL;
END;
$$;
