environment  = "production"
vpc_id       = "vpc-0123456789abcdef0"
# Opened for the BI vendor's hosted dashboards.
public_ports = [443, 5432]
