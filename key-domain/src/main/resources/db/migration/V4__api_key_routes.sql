-- Route scope: the gateway route names a key may reach, comma-separated in sorted order
-- (key-domain's RouteScope); NULL means every route.
ALTER TABLE api_key ADD COLUMN routes VARCHAR(1000);
