-- A property read as a geometry in a CQL2 spatial predicate (S_INTERSECTS(footprint, ...)): GeoJSON in CRS84
-- when it is a geometry object PostGIS can read, else NULL (no match) rather than an error for the whole search.
CREATE FUNCTION pqe.to_geometry(_value jsonb) RETURNS geometry
LANGUAGE plpgsql STABLE PARALLEL SAFE AS $$
BEGIN
  IF jsonb_typeof(_value) IS DISTINCT FROM 'object' THEN
    RETURN NULL;
  END IF;
  RETURN ST_SetSRID(ST_GeomFromGeoJSON(_value), 4326);
EXCEPTION WHEN others THEN
  RETURN NULL;
END;
$$;
