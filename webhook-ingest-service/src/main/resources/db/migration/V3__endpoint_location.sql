-- Where the vendor holds an endpoint's registration: the connection settings that locate it (ConnectWise Manage:
-- siteUrl and companyId). When a connection moves, the registration left at the former location is removed there.
-- NULL for vendors whose registrations follow the account (Autotask) and for endpoints registered before this column.
ALTER TABLE webhook_endpoint ADD COLUMN vendor_location jsonb;
